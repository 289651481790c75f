"""Reads an EMA EPAR summary for the public (PDF or text, Dutch or English) into its standard sections."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# The standard sections of an EPAR summary, in the order the EMA writes them. {name} is the medicine's brand.
HEADINGS = {
    "nl": {
        "about": r"wat is {name} en (?:wanneer|waarvoor) wordt (?:het|dit middel) (?:voorgeschreven|gebruikt)\?",
        "usage": r"hoe wordt {name} gebruikt\?",
        "mechanism": r"hoe werkt {name}\?",
        "benefits": r"welke voordelen (?:bleek|heeft) {name} (?:tijdens|in) de studies(?: te hebben| laten zien)?\?",
        "risks": r"welke risico'?s (?:houdt|heeft) (?:het gebruik van )?{name}(?: in)?\?",
        "approval": r"waarom (?:is|wordt) {name} (?:geregistreerd|goedgekeurd|toegelaten)(?: in de eu)?\?",
        "awaited": r"welke informatie (?:wordt|over {name} wordt) nog verwacht(?: voor| over)?(?: {name})?\?",
        "measures": r"welke maatregelen worden (?:er )?genomen om (?:een )?veilig en doeltreffend gebruik van {name}"
                    r" te waarborgen\?",
        "other": r"overige informatie over {name}",
    },
    "en": {
        "about": r"what is {name} and what is it used for\?",
        "usage": r"how is {name} (?:used|given)\?",
        "mechanism": r"how does {name} work\?",
        "benefits": r"what (?:are the )?benefits (?:of|has) {name} (?:have been |been )?shown in (?:the )?studies\?",
        "risks": r"what are the risks associated with {name}\?",
        "approval": r"why (?:is|has) {name} (?:been )?(?:authorised|approved)(?: in the eu)?\?",
        "awaited": r"what information is still (?:awaited|expected) (?:about|for) {name}\?",
        "measures": r"what measures are being taken to ensure the safe and effective use of {name}\?",
        "other": r"other information about {name}",
    },
}
REQUIRED = ("about", "usage", "mechanism", "benefits", "risks", "approval")
# How each heading reads, for messages: "not found: 'How does X work?'"
SHOWN = {
    "nl": {"about": "Wat is X en wanneer wordt het voorgeschreven?", "usage": "Hoe wordt X gebruikt?",
           "mechanism": "Hoe werkt X?", "benefits": "Welke voordelen bleek X tijdens de studies te hebben?",
           "risks": "Welke risico's houdt het gebruik van X in?", "approval": "Waarom is X geregistreerd in de EU?",
           "awaited": "Welke informatie wordt nog verwacht voor X?",
           "measures": "Welke maatregelen worden er genomen om een veilig en doeltreffend gebruik van X te waarborgen?",
           "other": "Overige informatie over X"},
    "en": {"about": "What is X and what is it used for?", "usage": "How is X used?", "mechanism": "How does X work?",
           "benefits": "What benefits of X have been shown in studies?",
           "risks": "What are the risks associated with X?", "approval": "Why is X authorised in the EU?",
           "awaited": "What information is still awaited about X?",
           "measures": "What measures are being taken to ensure the safe and effective use of X?",
           "other": "Other information about X"},
}
LANG_NAMES = {"nl": "Dutch", "en": "English"}
_SUBSTANCE = {
    "nl": re.compile(r"bevat de werkzame stof (?P<s>[^.,;()]+?)(?: en |[.,;(]|$)", re.I),
    "en": re.compile(r"contains the active substances? (?P<s>[^.,;()]+?)(?: and |[.,;(]|$)", re.I),
}
_UPDATED = {
    "nl": re.compile(r"laatst bijgewerkt (?:in|op) (?P<d>[\w /-]+?)\.?$", re.I),
    "en": re.compile(r"last updated(?: in| on|:)? (?P<d>[\w /-]+?)\.?$", re.I),
}
_MONTHS = {name: i + 1 for names in (
    "januari februari maart april mei juni juli augustus september oktober november december",
    "january february march april may june july august september october november december")
    for i, name in enumerate(names.split())}
# Page furniture of an EMA PDF: bare links, the document number, page numbers.
_FURNITURE = re.compile(r"^(?:https?://\S+|www\.\S+|\S+\.europa\.eu\S*|EMA/\S+.*"
                        r"|(?:pagina|page) \d+(?:/| van | of )\d+)$", re.I)
_BULLET = re.compile(r"^(?:[•▪◦·]\s*|[*–-]\s+)")


class EparError(Exception):
    """The file cannot be read as an EPAR summary; the message says what was not found."""


@dataclass(frozen=True)
class Section:
    key: str        # about, usage, mechanism, benefits, risks, approval, awaited, measures, other
    heading: str    # the heading as the document writes it, on one line
    text: str       # the section's text: paragraphs split by a blank line, list items starting with "- "


@dataclass(frozen=True)
class Epar:
    """One EPAR summary for the public, read into its sections."""
    lang: str
    brand: str
    substance: str
    updated: str            # "2025-10" (or "2025-10-23"), or "undated"
    sections: dict          # key -> Section, in the document's order


def read_text(path: Path | str) -> str:
    """The text of a PDF or text file; EparError when it cannot be read."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise EparError(f"{path}: cannot be read ({e.strerror or e})") from None
    if data.startswith(b"%PDF"):
        return _pdf_text(path)
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise EparError(f"{path}: neither a PDF nor a text file")


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader
    try:
        reader = PdfReader(path)
        locked = reader.is_encrypted
        text = "" if locked else "\n".join(page.extract_text() or "" for page in reader.pages)
    except Exception as e:  # a damaged PDF fails in many ways inside pypdf; the curator needs one message
        raise EparError(f"{path}: not a readable PDF ({e})") from None
    if locked:
        raise EparError(f"{path}: the PDF is protected with a password")
    if not text.strip():
        raise EparError(f"{path}: the PDF holds no text (is it a scan?); save the EMA page as text instead")
    return text


def _spaces(line: str) -> str:
    """A line with one space between words and no soft hyphens or control characters."""
    return re.sub(r"[\s\x00-\x1f]+", " ", line.replace("\u00ad", "")).strip()


def _key(line: str) -> str:
    """A line as headings are compared: `_spaces`, with straight quotes."""
    return _spaces(line).replace("’", "'").replace("‘", "'")


def _find_heading(lines: list, i: int, pattern: re.Pattern) -> tuple | None:
    """(heading, lines used, match) when line i, or line i and the next, is a heading matching `pattern`."""
    one = _spaces(lines[i])
    candidates = [(one, 1)]
    if i + 1 < len(lines) and one and not one.endswith((".", "?", ":")) and len(one) < 120:
        candidates.append((f"{one} {_spaces(lines[i + 1])}", 2))
    for text, used in candidates:
        found = pattern.fullmatch(_key(text))
        if found:
            return text, used, found
    return None


def _compile(lang: str, key: str, name: str | None = None) -> re.Pattern:
    """The pattern of a heading about `name`; without a name, one that captures it (as group "name")."""
    named = r"(?P<name>[^?]{2,60}?)" if name is None else re.escape(name)
    return re.compile(HEADINGS[lang][key].replace("{name}", named), re.I)


def _brand(lines: list, lang: str) -> str | None:
    pattern = _compile(lang, "about")
    for i in range(len(lines)):
        found = _find_heading(lines, i, pattern)
        if found:
            return found[2].group("name").strip()
    return None


def _language(lines: list, lang: str | None) -> tuple:
    """(language, brand) from the 'What is X' heading; the given language only, when there is one."""
    for candidate in ((lang,) if lang else tuple(HEADINGS)):
        brand = _brand(lines, candidate)
        if brand:
            return candidate, brand
    expected = " or ".join(f"'{SHOWN[lg]['about']}'" for lg in ((lang,) if lang else tuple(HEADINGS)))
    raise EparError(f"no heading {expected} found: is this an EPAR summary for the public"
                    f"{' in ' + LANG_NAMES[lang] if lang else ''}?")


def _headings(lines: list, lang: str, brand: str) -> list:
    """[(line index, lines used, key, heading)] of every standard heading, first occurrence of each."""
    patterns = {key: _compile(lang, key, brand) for key in HEADINGS[lang]}
    found, seen, i = [], set(), 0
    while i < len(lines):
        for key, pattern in patterns.items():
            hit = _find_heading(lines, i, pattern) if key not in seen else None
            if hit:
                found.append((i, hit[1], key, hit[0]))
                seen.add(key)
                i += hit[1] - 1
                break
        i += 1
    return found


def _paragraphs(lines: list, furniture: set) -> str:
    """Wrapped lines joined into paragraphs and list items; page furniture and bare links dropped.

    A PDF's text has no blank lines, so a short line that ends a sentence also ends its paragraph, and a
    short line without a full stop on its own (a sub-heading such as "Astma") is a paragraph of its own.
    """
    kept = [_spaces(raw) for raw in lines]
    kept = [line for line in kept if not line or not (_FURNITURE.match(line) or _key(line) in furniture)]
    width = max((len(line) for line in kept), default=0)
    blocks, current = [], ""
    for line in kept:
        short = len(line) < 0.8 * width
        if not line:
            blocks.append(current)
            current = ""
        elif _BULLET.match(line) and len(line) > 2:
            blocks.append(current)
            current = "- " + _BULLET.sub("", line)
        elif not current and short and not line.endswith((".", ":", ";", ",")):
            blocks.append(line)
        elif current.endswith("-") and line[:1].islower():
            current += line
        else:
            current = f"{current} {line}".strip()
        if current and short and line.endswith((".", ":", ";")):
            blocks.append(current)
            current = ""
    blocks.append(current)
    text, previous_item = "", False
    for block in (b.strip() for b in blocks):
        if not block:
            continue
        item = block.startswith("- ")
        text += ("\n" if item and previous_item else "\n\n" if text else "") + block
        previous_item = item
    return text.strip()


def _updated(lines: list, lang: str) -> str:
    for line in lines:
        found = _UPDATED[lang].search(_key(line))
        if found:
            return _as_date(found.group("d")) or "undated"
    return "undated"


def _as_date(text: str) -> str | None:
    """'10-2025' -> '2025-10', '23/03/2023' -> '2023-03-23', 'maart 2023' -> '2023-03'."""
    text = text.strip().lower()
    if m := re.fullmatch(r"(\d{1,2})[-/](\d{4})", text):
        return f"{m[2]}-{int(m[1]):02d}"
    if m := re.fullmatch(r"(\d{1,2})[-/](\d{1,2})[-/](\d{4})", text):
        return f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}"
    if m := re.fullmatch(r"(?:(\d{1,2}) )?([a-z]+) (\d{4})", text):
        if m[2] in _MONTHS:
            return f"{m[3]}-{_MONTHS[m[2]]:02d}" + (f"-{int(m[1]):02d}" if m[1] else "")
    return None


def _substance(lines: list, lang: str, brand: str) -> str | None:
    title = re.compile(rf"{re.escape(brand)}\s*\((?P<s>[^)]+)\)", re.I)
    for line in lines[:10]:
        if found := title.fullmatch(_key(line)):
            return found.group("s").strip()
    found = _SUBSTANCE[lang].search(_key(" ".join(lines)))
    return found.group("s").strip() if found else None


def parse(text: str, lang: str | None = None) -> Epar:
    """Read an EPAR summary's text into its sections; EparError naming what was not found."""
    lines = text.splitlines()
    lang, brand = _language(lines, lang)
    found = _headings(lines, lang, brand)
    keys = [key for _, _, key, _ in found]
    missing = [key for key in REQUIRED if key not in keys]
    substance = _substance(lines, lang, brand)
    problems = [f"'{SHOWN[lang][key].replace('X', brand)}' ({key})" for key in missing]
    if not substance:
        problems.append("the active substance (a title like 'Brand (substance)' or "
                        f"'{'bevat de werkzame stof' if lang == 'nl' else 'contains the active substance'} ...')")
    if problems:
        raise EparError(f"this {LANG_NAMES[lang]} EPAR summary of {brand} does not have the standard layout; "
                        f"not found: {', '.join(problems)}. Nothing was written.")
    furniture = {_key(f"{brand} ({substance})")}
    sections = {}
    for n, (start, used, key, heading) in enumerate(found):
        end = found[n + 1][0] if n + 1 < len(found) else len(lines)
        body = _paragraphs(lines[start + used:end], furniture)
        sections[key] = Section(key, heading, body)
    empty = [s.heading for s in sections.values() if not s.text and s.key in REQUIRED]
    if empty:
        raise EparError(f"these sections have no text: {', '.join(empty)}. Nothing was written.")
    return Epar(lang, brand, substance, _updated(lines, lang), sections)


def read(path: Path | str, lang: str | None = None) -> Epar:
    """Read an EPAR summary from a PDF or text file."""
    return parse(read_text(path), lang)
