"""Turns an EPAR summary into draft answers in the content folder, never touching a reviewed answer.

The drafts hold the EPAR's own text (for the curator to rewrite in plain words), are marked `draft = true`
without a review date, and are never served. Everything is checked by the content loader in a scratch copy
first: the content folder is written only when the whole result loads.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .checks import source_day
from .content import LANGS, MEDICINE_KINDS, Content, ContentError, _show, load
from .epar import LANG_NAMES, Epar

# Which EPAR sections feed which topic's draft.
TOPIC_SECTIONS = {
    "about": ("about",), "usage": ("usage",), "mechanism": ("mechanism",), "benefits": ("benefits",),
    "risks": ("risks",), "approval": ("approval", "awaited", "measures", "other"),
}
# Words in the EPAR that tell what kind of medicine it is (a key of the phrases' medicine kinds).
KIND_SIGNS = (
    ("gene_therapy", r"gentherapie|gene therapy"),
    ("jak", r"\bJAK\b|janus ?kinase|\w+citinib\b"),
    ("biologic", r"monoklona\w* antilicha\w*|monoclonal antibod\w*|\w+mab\b"),
)
# Words that tell the condition, as medicines.toml names it; "other" when none fits.
CONDITION_SIGNS = (
    ("eczema", r"eczeem|eczema|atopische dermatitis|atopic dermatitis"),
    ("haemophilia_b", r"hemofilie b|ha?emophilia b"),
)


class ImportProblem(Exception):
    """The EPAR cannot be imported into this content folder; nothing was written."""


@dataclass
class Plan:
    """What an import will change: new file texts and a line for the curator on each answer."""
    medicine: str
    new_medicine: bool
    files: dict = field(default_factory=dict)     # Path -> new text
    written: list = field(default_factory=list)
    kept: list = field(default_factory=list)
    notes: list = field(default_factory=list)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)   # a JSON string is a valid TOML basic string


def _toml_text(text: str) -> str:
    if "'''" not in text:
        return f"'''\n{text}\n'''"
    return '"""\n' + text.replace("\\", "\\\\").replace('"""', '""\\"') + '\n"""'


def _medicine_id(epar: Epar, content: Content, wanted: str | None) -> str:
    names = {epar.brand.lower(), epar.substance.lower()}
    if wanted:
        if not re.fullmatch(r"[a-z][a-z0-9_]*", wanted):
            raise ImportProblem(f"--medicine '{wanted}': use lower-case letters, digits and _ only")
        known = content.medicines.get(wanted)
        if known and not names & {n.lower() for n in (known.brand, known.substance, *known.names)}:
            raise ImportProblem(f"this EPAR is about {epar.brand} ({epar.substance}), but '{wanted}' in "
                                f"medicines.toml is {known.brand} ({known.substance}): check --medicine")
        return wanted
    for medicine in content.medicines.values():
        if names & {n.lower() for n in (medicine.brand, medicine.substance, *medicine.names)}:
            return medicine.id
    return _slug(epar.substance)


def _guess(signs: tuple, text: str) -> str | None:
    return next((value for value, pattern in signs if re.search(pattern, text, re.I)), None)


def _medicine_entry(epar: Epar, medicine: str, source_file: str, today: dt.date) -> str:
    text = " ".join(s.text for s in epar.sections.values())
    kind = _guess(KIND_SIGNS, f"{epar.substance} {text}")
    if kind not in MEDICINE_KINDS:
        raise ImportProblem(f"cannot tell whether {epar.brand} is a biologic, a JAK inhibitor or a gene therapy. "
                            f"Add [{medicine}] to medicines.toml yourself (see docs/curating.md), then import "
                            f"again with --medicine {medicine}.")
    condition = _guess(CONDITION_SIGNS, epar.sections["about"].text) or "other"
    return (f"\n# Added by `bot import-epar` on {today} from {source_file}: check kind and condition.\n"
            f"[{medicine}]\nbrand = {_toml_string(epar.brand)}\nsubstance = {_toml_string(epar.substance)}\n"
            f"kind = \"{kind}\"\ncondition = \"{condition}\"\n"
            f"names = [{_toml_string(epar.brand)}, {_toml_string(epar.substance)}]\n")


def _without_names(text: str, names: tuple) -> str:
    """other_medicines.toml without the new medicine's names (a covered medicine cannot also be unknown)."""
    for name in names:
        text = re.sub(rf'"{re.escape(name)}"\s*,?[ \t]*', "", text, flags=re.I)
    return text


def _register(epar: Epar, content: Content, source_file: str, plan: Plan) -> tuple:
    """(source id, change to sources.toml or None): the register entry for this EPAR, added or re-dated."""
    sid = f"epar_{_slug(epar.brand)}" + ("" if epar.lang == "nl" else f"_{epar.lang}")
    known = content.sources.get(sid)
    if known is None:
        plan.notes.append(f"source register: added '{sid}' ({epar.updated})")
        titles = (f"EMA, EPAR-samenvatting voor het publiek: {epar.brand} ({epar.substance})",
                  f"EMA, EPAR summary for the public: {epar.brand} ({epar.substance})")
        entry = (f"\n[{sid}]\ntitle_nl = {_toml_string(titles[0])}\ntitle_en = {_toml_string(titles[1])}\n"
                 f"kind = \"primary\"\nfile = {_toml_string(source_file)}\ndate = {_toml_string(epar.updated)}\n")
        return sid, lambda text: text.rstrip("\n") + "\n" + entry
    new, old = source_day(epar.updated), source_day(known.date)
    if new and (old is None or new > old):
        plan.notes.append(f"source register: '{sid}' is now dated {epar.updated} (was {known.date}); "
                          "`bot validate` flags every answer reviewed before then")
        return sid, lambda text: _redate(text, sid, known.date, epar.updated)
    if old and new and new < old:
        plan.notes.append(f"source register: '{sid}' stays {known.date}; this summary ({epar.updated}) is older")
    else:
        plan.notes.append(f"source register: '{sid}' is up to date ({known.date})")
    return sid, None


def _redate(text: str, sid: str, old: str, new: str) -> str:
    """sources.toml with the date of table [sid] changed from `old` to `new`."""
    start = text.index(f"[{sid}]")
    end = text.find("\n[", start + 1)
    end = len(text) if end < 0 else end
    table = re.sub(rf'^date\s*=\s*"{re.escape(old)}"', f'date = "{new}"', text[start:end], count=1, flags=re.M)
    return text[:start] + table + text[end:]


def _draft(topic: str, lang: str, epar: Epar, sid: str, content: Content, today: dt.date) -> str:
    sections = [epar.sections[k] for k in TOPIC_SECTIONS[topic] if k in epar.sections]
    if len(sections) == 1:
        text = sections[0].text
    else:
        text = "\n\n".join(f"{s.heading}\n\n{s.text}" for s in sections if s.text)
    title = content.phrases[lang]["questions"][topic].format(brand=epar.brand)
    todo = ("rewrite it in plain words" if lang == epar.lang
            else f"write it in {LANG_NAMES[lang]}, in plain words, from this {LANG_NAMES[epar.lang]} text")
    cited = "".join(f"  {{ id = \"{sid}\", section = {_toml_string(s.heading)} }},\n" for s in sections)
    return (f"\n[{topic}]\n# DRAFT imported by `bot import-epar` on {today}: the EPAR's own text. Not served.\n"
            f"# To do: {todo} (docs/curating.md); then delete `draft = true` and add `reviewed = <date>`.\n"
            f"draft = true\ntitle = {_toml_string(title)}\ntext = {_toml_text(text)}\nsources = [\n{cited}]\n")


def plan_import(epar: Epar, root: Path | str, source_file: str, medicine: str | None = None,
                today: dt.date | None = None) -> Plan:
    """Work out the drafts and register changes for one EPAR summary, without writing anything."""
    root, today = Path(root), today or dt.date.today()
    try:
        content = load(root)
    except ContentError as e:
        raise ImportProblem("the content folder has problems; fix them first (run `bot validate`):\n"
                            + "\n".join(e.problems)) from None
    mid = _medicine_id(epar, content, medicine)
    plan = Plan(mid, mid not in content.medicines)

    def edit(name: str, change) -> None:
        path = root / name
        current = plan.files.get(path)
        if current is None:
            current = path.read_text(encoding="utf-8") if path.exists() else f'medicine = "{mid}"\n'
        plan.files[path] = change(current)

    if plan.new_medicine:
        entry = _medicine_entry(epar, mid, source_file, today)
        edit("medicines.toml", lambda text: text.rstrip("\n") + "\n" + entry)
        plan.notes.append(f"medicines.toml: added [{mid}] {epar.brand} ({epar.substance}); check its kind and "
                          "condition")
        listed = [n for n in (epar.brand, epar.substance) if n.lower() in content.other_medicines]
        if listed:
            edit("other_medicines.toml", lambda text: _without_names(text, listed))
            plan.notes.append(f"other_medicines.toml: removed {', '.join(listed)} (now a covered medicine)")
    sid, register = _register(epar, content, source_file, plan)
    if register:
        edit("sources.toml", register)
    for lang in LANGS:
        for topic, keys in TOPIC_SECTIONS.items():
            if keys[0] not in epar.sections:
                continue
            where = f"{_show(root / lang / f'{mid}.toml')}: [{topic}]"
            existing = content.answers.get((lang, mid, topic))
            if existing is None:
                edit(f"{lang}/{mid}.toml", lambda text, t=topic, lg=lang: text.rstrip("\n") + "\n"
                     + _draft(t, lg, epar, sid, content, today))
                plan.written.append(f"{where} draft from '{epar.sections[keys[0]].heading}'")
            elif existing.draft:
                plan.kept.append(f"{where} kept: a draft is already there (delete it to import it again)")
            else:
                plan.kept.append(f"{where} kept: reviewed {existing.reviewed}; compare it with "
                                 f"'{epar.sections[keys[0]].heading}'")
    return plan


def apply(plan: Plan, root: Path | str) -> None:
    """Write a plan's files, after checking in a scratch copy that the content still loads."""
    root = Path(root)
    with tempfile.TemporaryDirectory() as scratch:
        trial = Path(scratch) / "content"
        shutil.copytree(root, trial)
        for path, text in plan.files.items():
            (trial / path.relative_to(root)).write_text(text, encoding="utf-8")
        try:
            load(trial)
        except ContentError as e:
            shown = str(trial)
            raise ImportProblem("the drafts would not load, so nothing was written:\n"
                                + "\n".join(p.replace(shown, str(root)) for p in e.problems)) from None
    for path, text in plan.files.items():
        partial = path.with_name(path.name + ".partial")
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)
