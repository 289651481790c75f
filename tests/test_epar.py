"""Importing an EPAR summary: reading its sections (text and PDF, Dutch and English) and writing drafts."""
import datetime as dt
from pathlib import Path

import pytest
from fpdf import FPDF

from bot.cli import main
from bot.content import load
from bot.dialogue import Engine
from bot.drafts import ImportProblem, apply, plan_import
from bot.epar import EparError, parse, read

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
DUPIXENT = SEEDS / "000_7483a28e6a182531.txt"
HEMGENIX = SEEDS / "004_30793afa78de2318.txt"
needs_seeds = pytest.mark.skipif(not DUPIXENT.exists(), reason="the seeds are in ../shared/seeds")
STANDARD = ["about", "usage", "mechanism", "benefits", "risks", "approval", "measures", "other"]
ENGLISH = """Kiddovax (kiddovimab)
An overview of Kiddovax and why it is authorised in the EU

What is Kiddovax and what is it used for?
Kiddovax is a medicine used to treat moderate to severe atopic dermatitis (eczema) in adults.
It contains the active substance kiddovimab, a monoclonal antibody.

How is Kiddovax used?
Kiddovax is given as an injection under the skin every two weeks.

How does Kiddovax work?
Kiddovimab blocks a protein that causes inflammation in the skin.

What benefits of Kiddovax have been shown in studies?
In a study of 500 adults, the skin cleared in 40% of patients, against 10% with placebo.

What are the risks associated with Kiddovax?
The most common side effects are reactions at the injection site.

Why is Kiddovax authorised in the EU?
The European Medicines Agency decided that its benefits are greater than its risks.

What measures are being taken to ensure the safe and effective use of
Kiddovax?
Recommendations are in the summary of product characteristics and the package leaflet.

Other information about Kiddovax
This overview was last updated in 03-2026.
"""


def _files(root: Path) -> dict:
    return {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _latin1(text: str) -> str:
    """Text a PDF core font can show: typographic quotes and bullets as plain ones, the rest replaced."""
    plain = text.translate(str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "•": "-", "–": "-", "—": "-"}))
    return plain.encode("latin-1", "replace").decode("latin-1")


def _pdf(text: str, path: Path) -> Path:
    """An EPAR-like PDF of `text`, with fpdf2's built-in Helvetica (no system fonts needed)."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=10)
    pdf.multi_cell(0, 5, _latin1(text))
    pdf.output(str(path))
    return path


def _review_all(path: Path) -> None:
    """What a curator does after rewriting: every draft marked reviewed."""
    text = path.read_text(encoding="utf-8").replace("draft = true\n", "reviewed = 2026-11-22\n")
    path.write_text(text, encoding="utf-8")


@needs_seeds
def test_dupixent_seed_has_every_section_and_its_medicine():
    epar = read(DUPIXENT)
    assert (epar.lang, epar.brand, epar.substance, epar.updated) == ("nl", "Dupixent", "dupilumab", "2025-10")
    assert list(epar.sections) == STANDARD
    assert epar.sections["measures"].heading == ("Welke maatregelen worden er genomen om een veilig en "
                                                 "doeltreffend gebruik van Dupixent te waarborgen?")
    assert epar.sections["about"].text.startswith("Dupixent is een geneesmiddel")
    assert "\n- matige tot ernstige atopische dermatitis" in epar.sections["about"].text
    assert "Atopische dermatitis\n\nDupixent was werkzamer" in epar.sections["benefits"].text


@needs_seeds
def test_hemgenix_seed_has_every_section_including_information_still_expected():
    epar = read(HEMGENIX)
    assert (epar.brand, epar.substance, epar.updated) == ("Hemgenix", "etranacogen dezaparvovec", "undated")
    assert list(epar.sections) == STANDARD[:6] + ["awaited"] + STANDARD[6:]
    assert epar.sections["risks"].heading == "Welke risico’s houdt het gebruik van Hemgenix in?"
    assert "http" not in epar.sections["usage"].text  # the page's links are furniture


@needs_seeds
@pytest.mark.parametrize("seed", [DUPIXENT, HEMGENIX], ids=["dupixent", "hemgenix"])
def test_a_pdf_of_the_seed_reads_like_the_text(seed, tmp_path):
    from_text = read(seed)
    from_pdf = read(_pdf(seed.read_text(encoding="utf-8"), tmp_path / "epar.pdf"))
    assert (from_pdf.brand, from_pdf.substance, from_pdf.updated) == (from_text.brand, from_text.substance,
                                                                      from_text.updated)
    assert list(from_pdf.sections) == list(from_text.sections)
    for key, section in from_text.sections.items():
        assert from_pdf.sections[key].text.split("\n\n")[0] == _latin1(section.text.split("\n\n")[0])


def test_an_english_summary_with_a_wrapped_heading():
    epar = parse(ENGLISH)
    assert (epar.lang, epar.brand, epar.substance, epar.updated) == ("en", "Kiddovax", "kiddovimab", "2026-03")
    assert list(epar.sections) == STANDARD
    assert epar.sections["measures"].heading.endswith("safe and effective use of Kiddovax?")


def test_the_language_can_be_required():
    with pytest.raises(EparError, match="in Dutch"):
        parse(ENGLISH, lang="nl")


def test_an_unknown_layout_names_what_was_not_found():
    broken = ENGLISH.replace("How does Kiddovax work?", "Mode of action").replace(
        "What are the risks associated with Kiddovax?", "Safety")
    with pytest.raises(EparError) as e:
        parse(broken)
    assert "'How does Kiddovax work?' (mechanism)" in str(e.value)
    assert "'What are the risks associated with Kiddovax?' (risks)" in str(e.value)
    assert "Nothing was written" in str(e.value)


def test_a_text_that_is_no_epar_summary_is_refused():
    with pytest.raises(EparError, match="is this an EPAR summary"):
        parse("Package leaflet: information for the user\n\n1. What Kiddovax is and what it is used for\n")


def test_an_unreadable_pdf_is_refused(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.7\nthis is not really a pdf")
    with pytest.raises(EparError, match="bad.pdf"):
        read(bad)


@needs_seeds
@pytest.mark.parametrize("seed,medicine", [(DUPIXENT, "dupilumab"), (HEMGENIX, "etranacogen_dezaparvovec")])
def test_importing_a_seed_keeps_every_reviewed_answer(seed, medicine, content_copy, capsys):
    before = _files(content_copy)
    assert main(["import-epar", str(seed), "--content", str(content_copy)]) == 0
    out = capsys.readouterr().out
    assert f"medicine: {medicine} (in medicines.toml)" in out
    assert out.count("  found: ") == len(read(seed).sections)
    assert "kept: reviewed " in out and "wrote 0 draft(s)" in out
    assert _files(content_copy) == before


def test_a_new_medicine_gets_drafts_in_both_languages_that_are_not_served(content_copy, tmp_path, capsys):
    source = tmp_path / "kiddovax.txt"
    source.write_text(ENGLISH, encoding="utf-8")
    assert main(["import-epar", str(source), "--content", str(content_copy)]) == 0
    out = capsys.readouterr().out
    assert "medicine: kiddovimab (new)" in out and "wrote 12 draft(s)" in out
    loaded = load(content_copy)
    medicine = loaded.medicines["kiddovimab"]
    assert (medicine.brand, medicine.kind, medicine.condition) == ("Kiddovax", "biologic", "eczema")
    assert loaded.sources["epar_kiddovax_en"].date == "2026-03"
    drafts = [a for a in loaded.answers.values() if a.medicine == "kiddovimab"]
    assert len(drafts) == 12 and all(a.draft and a.reviewed is None for a in drafts)
    assert loaded.answers[("en", "kiddovimab", "about")].text.startswith("Kiddovax is a medicine used")
    assert loaded.answers[("nl", "kiddovimab", "about")].title == "Wat is Kiddovax?"
    assert loaded.topics_of("kiddovimab", "en") == []
    assert Engine(loaded).ask("what is kiddovax").kind == "not_covered"


def test_reviewed_drafts_are_answered(content_copy, tmp_path):
    source = tmp_path / "kiddovax.txt"
    source.write_text(ENGLISH, encoding="utf-8")
    apply(plan_import(parse(ENGLISH), content_copy, str(source)), content_copy)
    for lang in ("nl", "en"):
        _review_all(content_copy / lang / "kiddovimab.toml")
    reply = Engine(load(content_copy)).ask("what is kiddovax used for?")
    assert (reply.kind, reply.medicine, reply.topic) == ("answer", "kiddovimab", "about")
    assert "atopic dermatitis" in reply.text


def test_a_draft_already_there_is_kept(content_copy, tmp_path, capsys):
    source = tmp_path / "kiddovax.txt"
    source.write_text(ENGLISH, encoding="utf-8")
    assert main(["import-epar", str(source), "--content", str(content_copy)]) == 0
    before = _files(content_copy)
    assert main(["import-epar", str(source), "--content", str(content_copy)]) == 0
    assert "kept: a draft is already there" in capsys.readouterr().out
    assert _files(content_copy) == before


def test_a_listed_unknown_medicine_becomes_covered(content_copy, tmp_path):
    other = content_copy / "other_medicines.toml"
    other.write_text(other.read_text(encoding="utf-8").replace('"paracetamol",', '"paracetamol", "Kiddovax",'),
                     encoding="utf-8")
    plan = plan_import(parse(ENGLISH), content_copy, "kiddovax.txt")
    apply(plan, content_copy)
    assert "kiddovax" not in load(content_copy).other_medicines
    assert any("removed Kiddovax" in note for note in plan.notes)


@needs_seeds
def test_a_newer_summary_redates_the_source_and_the_answers_become_due(content_copy, tmp_path, capsys):
    newer = tmp_path / "dupixent.txt"
    newer.write_text(DUPIXENT.read_text(encoding="utf-8").replace("bijgewerkt in 10-2025", "bijgewerkt in 01-2027"),
                     encoding="utf-8")
    reviewed = load(content_copy).answer("nl", "dupilumab", "about").reviewed
    assert main(["import-epar", str(newer), "--content", str(content_copy)]) == 0
    assert "'epar_dupixent' is now dated 2027-01 (was 2025-10)" in capsys.readouterr().out
    assert load(content_copy).sources["epar_dupixent"].date == "2027-01"
    assert main(["validate", "--content", str(content_copy)]) == 0
    assert f"[about] reviewed {reviewed}, before its source 'epar_dupixent' (2027-01)" in capsys.readouterr().out


def test_a_failed_import_writes_nothing_and_prints_no_traceback(content_copy, tmp_path, capsys):
    source = tmp_path / "odd.txt"
    source.write_text(ENGLISH.replace("How is Kiddovax used?", "Dosing"), encoding="utf-8")
    before = _files(content_copy)
    assert main(["import-epar", str(source), "--content", str(content_copy)]) == 1
    err = capsys.readouterr().err
    assert "not found: 'How is Kiddovax used?' (usage)" in err and "Traceback" not in err
    assert _files(content_copy) == before


def test_a_medicine_of_unknown_kind_is_not_guessed(content_copy):
    plain = ENGLISH.replace(", a monoclonal antibody", "").replace("iddovimab", "iddoprofen")
    with pytest.raises(ImportProblem, match="Add \\[kiddoprofen\\] to medicines.toml yourself"):
        plan_import(parse(plain), content_copy, "kiddoprofen.txt")


@needs_seeds
def test_the_wrong_medicine_id_is_refused(content_copy):
    with pytest.raises(ImportProblem, match="'baricitinib' in medicines.toml is Olumiant"):
        plan_import(read(DUPIXENT), content_copy, str(DUPIXENT), medicine="baricitinib")


def test_drafts_that_would_not_load_are_not_written(content_copy, tmp_path):
    plan = plan_import(parse(ENGLISH), content_copy, "kiddovax.txt", today=dt.date(2026, 11, 22))
    path = content_copy / "en" / "kiddovimab.toml"
    plan.files[path] = plan.files[path].replace("[about]", "[price]", 1)
    with pytest.raises(ImportProblem, match="nothing was written"):
        apply(plan, content_copy)
    assert not path.exists()


def test_a_missing_file_is_a_message(capsys, tmp_path):
    assert main(["import-epar", str(tmp_path / "nope.pdf")]) == 1
    assert "nope.pdf: cannot be read" in capsys.readouterr().err
