"""The curator's checks in `bot validate`: readability, freshness and cited sources, each catching a bad file."""
import datetime as dt
import re
from pathlib import Path

import pytest

from bot.checks import Settings, check, load_settings, source_day
from bot.cli import main
from bot.content import DEFAULT_ROOT, GENERAL, LANGS, ContentError, load

TODAY = dt.date(2026, 12, 2)
HARD = ("Dupixent is verkrijgbaar in de vorm van voorgevulde pennen of spuiten die dupilumab bevatten in een "
        "oplossing voor injectie onder de huid, doorgaans in de dij of buik, afhankelijk van de leeftijd en het "
        "gewicht van de patiënt en de te behandelen aandoening.")


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _set_first_review(path, day):
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^reviewed = \S+", f"reviewed = {day}", text, count=1), encoding="utf-8")


def _set_usage_text(root, text):
    path = root / "nl" / "dupilumab.toml"
    data = path.read_text(encoding="utf-8")
    start = data.index('text = """', data.index("[usage]"))
    end = data.index('"""', start + 10) + 3
    path.write_text(data[:start] + f'text = """\n{text}\n"""' + data[end:], encoding="utf-8")


def test_shipped_content_passes_strict():
    # on the day of the last review; a year later the freshness check rightly asks for a new review
    assert [f.line() for f in check(load(), DEFAULT_ROOT, today=TODAY)] == []


@pytest.mark.leads
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("medicine", [*load().medicines, GENERAL])
def test_every_answer_has_a_lead(medicine, lang):
    content = load()
    missing = [a.id for a in content.answers.values() if a.lang == lang and a.medicine == medicine and not a.draft
               and not a.lead]
    assert missing == []


def _complete(root):
    """Give every answer in a content copy a lead and every risks answer its headings, where still missing."""
    settings = Settings()
    for path in root.glob("*/*.toml"):
        if path.stem in ("phrases", "topics"):
            continue
        lang, text = path.parent.name, path.read_text(encoding="utf-8")
        text = re.sub(r'(?m)^(title = ".*"\n)(?!lead = )', r'\1lead = "Kort antwoord."\n', text)
        headings = "\n".join(settings.risks_headings(lang))
        if "[risks]" in text and settings.risks_headings(lang)[0] not in text:
            start = text.index('text = """', text.index("[risks]")) + len('text = """')
            text = text[:start] + "\n" + headings + text[start:]
        path.write_text(text, encoding="utf-8")


def test_validate_strict_passes_when_there_are_no_findings(content_copy, capsys):
    _complete(content_copy)
    (content_copy / "checks.toml").write_text("[readability]\nmin_score_nl = 0\nmin_score_en = 0\n"
                                         "max_sentence_words = 100\n[freshness]\nmax_review_age_months = 1200\n",
                                         encoding="utf-8")
    assert main(["validate", "--strict", "--content", str(content_copy)]) == 0
    assert "content OK" in capsys.readouterr().out


def test_shipped_settings_are_read():
    settings = load_settings(DEFAULT_ROOT)
    assert settings.max_sentence_words == 20 and settings.max_review_age_months == 12
    assert 50 <= settings.min_score("nl") <= 60 and 50 <= settings.min_score("en") <= 60


def test_without_settings_the_suggested_thresholds_apply(tmp_path):
    assert load_settings(tmp_path) == Settings(min_score_nl=60, min_score_en=60, max_sentence_words=20,
                                               max_review_age_months=12)


def test_broken_settings_are_named(content_copy, capsys):
    (content_copy / "checks.toml").write_text("[readability]\nmin_score_nl = \"high\"\nmax_words = 3\n",
                                              encoding="utf-8")
    with pytest.raises(ContentError) as e:
        load_settings(content_copy)
    assert any("'min_score_nl' must be a number" in p for p in e.value.problems)
    assert any("unknown setting 'max_words'" in p for p in e.value.problems)
    assert main(["validate", "--content", str(content_copy)]) == 1
    assert "checks.toml: unknown setting 'max_words'" in capsys.readouterr().out


def test_a_hard_answer_is_a_warning_and_an_error_when_strict(content_copy, capsys):
    _set_usage_text(content_copy, HARD)
    assert main(["validate", "--content", str(content_copy)]) == 0
    out = capsys.readouterr().out
    assert "nl/dupilumab.toml: warning: [usage] reads hard: Flesch-Douma" in out
    assert "nl/dupilumab.toml: warning: [usage] has a sentence of 43 words (at most 20)" in out
    assert main(["validate", "--strict", "--content", str(content_copy)]) == 1
    out = capsys.readouterr().out
    assert "nl/dupilumab.toml: [usage] reads hard" in out and "problem(s)" in out


def test_the_thresholds_come_from_the_config(content_copy):
    _set_usage_text(content_copy, HARD)
    loaded = load(content_copy)
    lenient = Settings(min_score_nl=0, max_sentence_words=50)
    assert not [f for f in check(loaded, content_copy, lenient, TODAY)
                if f.file.endswith("nl/dupilumab.toml") and f.check == "readability"]


def test_an_old_review_is_flagged(content_copy, capsys):
    _set_first_review(content_copy / "en" / "upadacitinib.toml", "2025-10-01")
    findings = check(load(content_copy), content_copy, today=TODAY)
    assert [f.line() for f in findings if f.check == "freshness"] == [
        f"{content_copy}/en/upadacitinib.toml: warning: [about] reviewed 2025-10-01, more than 12 months ago: "
        "check it against its sources again"]
    assert main(["validate", "--strict", "--content", str(content_copy)]) == 1


def test_a_review_before_the_source_date_is_flagged(content_copy):
    _set_first_review(content_copy / "nl" / "dupilumab.toml", "2026-11-22")
    _edit(content_copy / "sources.toml", 'date = "2025-10"', 'date = "2026-12"')
    findings = [f.problem for f in check(load(content_copy), content_copy, today=dt.date(2027, 1, 5))
                if f.file.endswith("nl/dupilumab.toml") and f.check == "freshness"]
    assert "[about] reviewed 2026-11-22, before its source 'epar_dupixent' (2026-12): check it against the new " \
           "version" in findings


def test_a_review_in_the_future_is_flagged(content_copy):
    _set_first_review(content_copy / "nl" / "baricitinib.toml", "2062-11-22")
    findings = [f.problem for f in check(load(content_copy), content_copy, today=TODAY) if f.check == "freshness"]
    assert findings == ["[about] reviewed 2062-11-22 is in the future"]


def test_drafts_are_not_checked(content_copy):
    _set_usage_text(content_copy, HARD)
    for lang in ("nl", "en"):
        _edit(content_copy / lang / "dupilumab.toml", "[usage]\n", "[usage]\ndraft = true\n")
    assert not [f for f in check(load(content_copy), content_copy, today=TODAY)
                if "[usage]" in f.problem and "/dupilumab.toml" in f.file]


def test_a_cited_source_missing_from_the_register_is_an_error(content_copy, capsys):
    _edit(content_copy / "en" / "tralokinumab.toml", 'id = "leaflet_adtralza"', 'id = "leaflet_adtralzaa"')
    assert main(["validate", "--content", str(content_copy)]) == 1
    assert "en/tralokinumab.toml: [" in capsys.readouterr().out


def _set_lead(path, topic, lead):
    """Set (or with None remove) the lead of one answer in a content file."""
    text = path.read_text(encoding="utf-8")
    start = text.index(f"\n[{topic}]\n")
    end = text.find("\n[", start + 1) % (len(text) + 1)
    table = re.sub(r'(?ms)^lead = (""".*?"""|".*?")\n', "", text[start:end], count=1)
    if lead is not None:
        table = re.sub(r"(?m)^(title = .*\n)", lambda m: f'{m[1]}lead = """\n{lead}\n"""\n', table, count=1)
    path.write_text(text[:start] + table + text[end:], encoding="utf-8")


def _lead_findings(root, name="dupilumab"):
    return [f.line() for f in check(load(root), root, today=TODAY) if f.check == "lead" and f"/{name}.toml" in f.file]


def test_a_missing_lead_is_a_warning_and_an_error_when_strict(content_copy, capsys):
    _complete(content_copy)
    _set_lead(content_copy / "en" / "dupilumab.toml", "usage", None)
    assert _lead_findings(content_copy) == [
        f"{content_copy}/en/dupilumab.toml: warning: [usage] has no lead: add `lead = \"\"\"...\"\"\"` after the "
        "title, at most 60 words that answer the question directly"]
    assert main(["validate", "--content", str(content_copy)]) == 0
    assert "warning: [usage] has no lead" in capsys.readouterr().out
    assert main(["validate", "--strict", "--content", str(content_copy)]) == 1
    assert "en/dupilumab.toml: [usage] has no lead" in capsys.readouterr().out


def test_a_long_or_hard_lead_is_flagged(content_copy):
    _complete(content_copy)
    _set_lead(content_copy / "nl" / "dupilumab.toml", "usage", "Dupixent is een prik. " * 16)
    _set_lead(content_copy / "nl" / "dupilumab.toml", "risks", HARD)
    found = _lead_findings(content_copy)
    assert any("[usage] lead has 64 words (at most 60)" in line for line in found)
    assert any("[risks] lead reads hard: Flesch-Douma" in line for line in found)
    assert any("[risks] lead has a sentence of 43 words (at most 20)" in line for line in found)


def test_the_lead_length_comes_from_the_config(content_copy):
    _complete(content_copy)
    _set_lead(content_copy / "nl" / "dupilumab.toml", "usage", "Dupixent is een prik. " * 16)
    (content_copy / "checks.toml").write_text("[lead]\nmax_lead_words = 70\n", encoding="utf-8")
    assert not any("lead has" in line for line in _lead_findings(content_copy))


def test_a_lead_that_is_not_text_is_a_broken_file(content_copy):
    path = content_copy / "nl" / "dupilumab.toml"
    _set_lead(path, "about", None)
    _edit(path, "[about]\n", "[about]\nlead = 3\n")
    with pytest.raises(ContentError) as e:
        load(content_copy)
    assert any("nl/dupilumab.toml: [about]: 'lead' must be a non-empty text" in p for p in e.value.problems)


def test_a_risks_answer_needs_its_headings_in_order(content_copy):
    _complete(content_copy)
    path = content_copy / "en" / "tralokinumab.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Reporting:\n", "Reporting\n", 1), encoding="utf-8")
    findings = [f.line() for f in check(load(content_copy), content_copy, today=TODAY) if f.check == "structure"]
    assert findings == [f"{content_copy}/en/tralokinumab.toml: warning: [risks] needs the headings \"Get help now:\", "
                        "\"Common side effects:\", \"Who should not use it:\", \"Reporting:\", in this order, each a "
                        "line of its own"]
    path.write_text(text.replace("Get help now:\n", "Get help now: call 112\n", 1), encoding="utf-8")
    assert [f for f in check(load(content_copy), content_copy, today=TODAY) if f.check == "structure"]


def test_the_risks_headings_come_from_the_config(content_copy):
    (content_copy / "checks.toml").write_text('[structure]\nrisks_headings_en = ["Alarm:", 3]\n', encoding="utf-8")
    with pytest.raises(ContentError) as e:
        load_settings(content_copy)
    assert any("'risks_headings_en' must be a list of texts" in p for p in e.value.problems)
    (content_copy / "checks.toml").write_text('[structure]\nrisks_headings_en = ["Alarm:"]\n', encoding="utf-8")
    assert load_settings(content_copy).risks_headings("en") == ("Alarm:",)


def test_register_dates():
    assert source_day("2025-10") == dt.date(2025, 10, 1)
    assert source_day("2020-12-01") == dt.date(2020, 12, 1)
    assert source_day("undated") is None and source_day("version date unknown") is None
