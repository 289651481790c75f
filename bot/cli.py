"""The `bot` command: ask, chat, validate, train, eval, serve."""
from __future__ import annotations

import argparse
import json
import sys

from pathlib import Path

from .content import ContentError, content_root, load


def _print_reply(reply, as_json: bool) -> None:
    if as_json:
        print(json.dumps(reply.to_dict(), ensure_ascii=False, indent=2))
        return
    print(reply.text)
    if reply.sources:
        print()
        for s in reply.sources:
            print(f"- {s['title']}, {s['section']} ({s['date']})")
    if reply.suggestions:
        print()
        for s in reply.suggestions:
            print(f"> {s}")


def _engine_or_exit():
    from . import engine
    try:
        return engine()
    except ContentError as e:
        print("The content has problems; nothing is served until they are fixed:", file=sys.stderr)
        for line in e.problems:
            print(line, file=sys.stderr)
        sys.exit(1)


def cmd_ask(args) -> int:
    reply = _engine_or_exit().ask(args.question, lang=args.lang)
    _print_reply(reply, args.json)
    return 0


def cmd_chat(args) -> int:
    engine = _engine_or_exit()
    context = None
    print("Stel uw vraag / ask your question (empty line or Ctrl-D to stop).")
    while True:
        try:
            question = input("> ")
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if not question.strip():
            return 0
        reply = engine.ask(question, lang=args.lang, context=context)
        context = reply.context
        print()
        _print_reply(reply, False)
        print()


def _curated(folder) -> tuple | None:
    """(content folder, its content, its check settings), or None after printing what is wrong."""
    from .checks import load_settings
    root = Path(folder) if folder else content_root()
    try:
        return root, load(root), load_settings(root)
    except ContentError as e:
        for line in e.problems:
            print(line)
        print(f"{len(e.problems)} problem(s)")
        return None


def cmd_validate(args) -> int:
    from .checks import check
    if not (curated := _curated(args.content)):
        return 1
    root, content, settings = curated
    findings = check(content, root, settings)
    for finding in findings:
        print(finding.line(args.strict))
    if findings and args.strict:
        print(f"{len(findings)} problem(s)")
        return 1
    served = sum(not a.draft for a in content.answers.values())
    drafts = len(content.answers) - served
    print(f"content OK: {len(content.medicines)} medicines, {served} answers in {len(content.phrases)} languages"
          + (f"; {drafts} draft(s) not served until reviewed" if drafts else "")
          + (f"; {len(findings)} warning(s), errors with --strict" if findings else ""))
    return 0


def cmd_import_epar(args) -> int:
    from .drafts import ImportProblem, apply, plan_import
    from .epar import LANG_NAMES, EparError, read
    root = Path(args.content) if args.content else content_root()
    try:
        epar = read(args.file, args.lang)
        print(f"{args.file}: EPAR summary of {epar.brand} ({epar.substance}) in {LANG_NAMES[epar.lang]}, "
              f"last updated: {epar.updated}")
        for section in epar.sections.values():
            print(f"  found: {section.heading}")
        plan = plan_import(epar, root, args.file, args.medicine)
        apply(plan, root)
    except (EparError, ImportProblem) as e:
        print(f"import-epar: {e}", file=sys.stderr)
        return 1
    print(f"medicine: {plan.medicine} ({'new' if plan.new_medicine else 'in medicines.toml'})")
    for line in plan.notes + plan.written + plan.kept:
        print(f"  {line}")
    print(f"wrote {len(plan.written)} draft(s)" + (": rewrite them in plain words and review them "
          "(docs/curating.md), then run `bot validate`" if plan.written else "; nothing changed in the answers"))
    return 0


def cmd_report(args) -> int:
    from . import report
    if not (curated := _curated(args.content)):
        return 1
    _, content, settings = curated
    print(report.render(report.build(content, settings=settings), args.format))
    return 0


def cmd_eval(args) -> int:
    from .evaluate import EvalFileError, evaluate
    engine = _engine_or_exit()
    try:
        report = evaluate(args.file, engine.ask)
    except EvalFileError as e:
        print(e, file=sys.stderr)
        return 2
    for line in report.lines():
        print(line)
    return 0 if report.safe() else 1


def _days(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= 366:
        raise argparse.ArgumentTypeError("a number of days from 1 to 366")
    return int(value)


def cmd_stats(args) -> int:
    """Print the usage figures from the database the web app writes to (BOT_DATABASE_URL, or its SQLite file)."""
    from sqlalchemy.exc import SQLAlchemyError

    from .insight import collect
    store = _app_or_exit().extensions["usage"].store
    try:
        figures = collect(store, args.days)
    except SQLAlchemyError as e:
        print(f"The usage figures cannot be read: {str(e).splitlines()[0]}", file=sys.stderr)
        return 1
    finally:
        store.dispose()
    print("\n".join(figures.lines()))
    return 0


def _app_or_exit():
    """The web app; with broken content or settings, the problems listed and exit 1 (never half served)."""
    from .web import create_app
    from .web.settings import SettingsError
    _engine_or_exit()
    try:
        return create_app()
    except SettingsError as e:
        print("The settings have problems; nothing is served until they are fixed:", file=sys.stderr)
        for line in e.problems:
            print(line, file=sys.stderr)
        sys.exit(1)


def cmd_serve(args) -> int:
    """Serve the web surfaces on waitress, a production WSGI server that also runs on Windows kiosk PCs."""
    from .web.server import serve
    app = _app_or_exit()
    print(f"Serving on http://{args.host}:{args.port}/ (Ctrl-C to stop)", flush=True)
    serve(app, args.host, args.port, args.threads)
    return 0


def cmd_train(args) -> int:
    from .examples import ExamplesError
    from .meaning import EncoderError
    from .training import train
    root = Path(args.content) if args.content else content_root()
    try:
        train(root)
    except ExamplesError as e:
        print("The example files have problems; nothing was trained:", file=sys.stderr)
        for line in e.problems:
            print(line, file=sys.stderr)
        return 1
    except (EncoderError, OSError) as e:
        print(f"Cannot train: {e}", file=sys.stderr)
        return 1
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bot", description="Medicine information chatbot (general information, "
                                     "not personal advice).")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("ask", help="answer one question")
    p.add_argument("question")
    p.add_argument("--lang", choices=("nl", "en"), help="the page's language, used when the question's is unclear")
    p.add_argument("--json", action="store_true", help="print the reply as JSON")
    p.set_defaults(run=cmd_ask)
    p = sub.add_parser("chat", help="a conversation at the terminal")
    p.add_argument("--lang", choices=("nl", "en"))
    p.set_defaults(run=cmd_chat)
    content_help = "the content folder (default: $BOT_CONTENT, else the shipped content)"
    p = sub.add_parser("validate", help="check every content file, readability and review dates")
    p.add_argument("--content", help=content_help)
    p.add_argument("--strict", action="store_true", help="readability and freshness warnings fail too (exit 1)")
    p.set_defaults(run=cmd_validate)
    p = sub.add_parser("train", help="retrain the triage and question models from the example files "
                                     "(content/<lang>/triage/ and questions/)")
    p.add_argument("--content", help=content_help)
    p.set_defaults(run=cmd_train)
    p = sub.add_parser("import-epar", help="draft answers from an EMA EPAR summary (PDF or text)")
    p.add_argument("file", help="the EPAR summary for the public, as PDF or text")
    p.add_argument("--lang", choices=("nl", "en"), help="the summary's language (default: recognised)")
    p.add_argument("--medicine", help="the medicine id to import into (default: found from the names)")
    p.add_argument("--content", help=content_help)
    p.set_defaults(run=cmd_import_epar)
    p = sub.add_parser("report", help="coverage of medicines x topics x languages, with reviews and scores")
    p.add_argument("--format", choices=("md", "html"), default="md", help="Markdown (default) or HTML")
    p.add_argument("--content", help=content_help)
    p.set_defaults(run=cmd_report)
    p = sub.add_parser("eval", help="run a .jsonl set of questions with expected behaviour")
    p.add_argument("file")
    p.set_defaults(run=cmd_eval)
    p = sub.add_parser("stats", help="usage figures: questions per day, kinds, least helpful answers, gaps")
    p.add_argument("--days", type=_days, default=30, metavar="N", help="the last N days, today included "
                   "(1 to 366, default 30)")
    p.set_defaults(run=cmd_stats)
    p = sub.add_parser("serve", help="serve the chat page, kiosk, embed, answer pages and JSON API")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    p.add_argument("--threads", type=int, default=8, help="worker threads (default 8)")
    p.set_defaults(run=cmd_serve)
    return parser


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)
