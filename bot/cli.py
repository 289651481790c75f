"""The `bot` command: ask, chat, validate, eval, serve."""
from __future__ import annotations

import argparse
import json
import sys

from .content import DEFAULT_ROOT, ContentError, load


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


def cmd_validate(args) -> int:
    try:
        content = load(args.content)
    except ContentError as e:
        for line in e.problems:
            print(line)
        print(f"{len(e.problems)} problem(s)")
        return 1
    served = sum(not a.draft for a in content.answers.values())
    print(f"content OK: {len(content.medicines)} medicines, {served} answers in {len(content.phrases)} languages")
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


def cmd_serve(args) -> int:
    """Serve the web surfaces on waitress, a production WSGI server that also runs on Windows kiosk PCs."""
    import waitress

    from .web import create_app
    _engine_or_exit()  # refuse to start on broken content, with the problems listed
    app = create_app()
    print(f"Serving on http://{args.host}:{args.port}/ (Ctrl-C to stop)")
    waitress.serve(app, host=args.host, port=args.port, threads=args.threads, ident=None)
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
    p = sub.add_parser("validate", help="check every content file; exit 1 on any problem")
    p.add_argument("--content", default=DEFAULT_ROOT, help="the content folder (default: the shipped content)")
    p.set_defaults(run=cmd_validate)
    p = sub.add_parser("eval", help="run a .jsonl set of questions with expected behaviour")
    p.add_argument("file")
    p.set_defaults(run=cmd_eval)
    p = sub.add_parser("serve", help="serve the chat page, kiosk, embed, answer pages and JSON API")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    p.add_argument("--threads", type=int, default=8, help="worker threads (default 8)")
    p.set_defaults(run=cmd_serve)
    return parser


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)
