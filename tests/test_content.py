"""The content validation, run over the shipped files and over broken copies of them."""
import re
import shutil
from pathlib import Path

import pytest

from bot.content import DEFAULT_ROOT, LANGS, REQUIRED_TOPICS, ContentError, load


@pytest.fixture(scope="module")
def content():
    return load()


@pytest.fixture
def copy(tmp_path):
    target = tmp_path / "content"
    shutil.copytree(DEFAULT_ROOT, target)
    return target


def problems_of(root: Path) -> list:
    with pytest.raises(ContentError) as e:
        load(root)
    return e.value.problems


def test_shipped_content_is_valid(content):
    assert len(content.medicines) == 7


def test_every_medicine_has_the_required_topics_in_both_languages(content):
    for medicine in content.medicines:
        for lang in LANGS:
            for topic in REQUIRED_TOPICS:
                assert content.answer(lang, medicine, topic), (lang, medicine, topic)


def test_both_languages_hold_the_same_answers(content):
    ids = {lang: {(m, t) for (lg, m, t) in content.answers if lg == lang} for lang in LANGS}
    assert ids["nl"] == ids["en"]


def test_every_risks_answer_mentions_lareb(content):
    for medicine in content.medicines:
        for lang in LANGS:
            assert "Lareb" in content.answer(lang, medicine, "risks").text


def test_answers_never_name_another_covered_medicine(content):
    for (lang, medicine, topic), answer in content.answers.items():
        if medicine in ("general", "urgent"):   # both are about several medicines by design
            continue
        for other in content.medicines.values():
            if other.id != medicine:
                for name in (other.brand, other.substance):
                    for part in (answer.lead, answer.text):
                        assert name.lower() not in part.lower(), (lang, medicine, topic, name)


def test_every_answer_cites_a_registered_source_with_a_section(content):
    for answer in content.answers.values():
        assert answer.citations
        for citation in answer.citations:
            assert citation.source.id in content.sources and citation.section


def test_a_broken_toml_file_is_named(copy):
    (copy / "nl" / "dupilumab.toml").write_text("medicine = \n", encoding="utf-8")
    assert any(p.startswith(str(copy / "nl" / "dupilumab.toml")) and "not valid TOML" in p for p in problems_of(copy))


def test_a_missing_required_topic_is_named(copy):
    path = copy / "en" / "baricitinib.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index("[risks]")
    end = text.index("\n[", start + 1)
    path.write_text(text[:start] + text[end + 1:], encoding="utf-8")
    found = problems_of(copy)
    assert any("en/baricitinib.toml" in p and "[risks] is required" in p for p in found)
    assert any("en/baricitinib.toml" in p and "[risks] is missing" in p for p in found)


def test_an_unknown_source_is_named(copy):
    path = copy / "nl" / "abrocitinib.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('id = "leaflet_cibinqo"', 'id = "nowhere"', 1),
                    encoding="utf-8")
    assert any("nl/abrocitinib.toml" in p and "'nowhere' is not in sources.toml" in p for p in problems_of(copy))


def test_a_reviewed_date_must_be_a_date(copy):
    path = copy / "en" / "dupilumab.toml"
    path.write_text(re.sub(r"(?m)^reviewed = \S+", 'reviewed = "soon"', path.read_text(encoding="utf-8"), count=1),
                    encoding="utf-8")
    assert any("'reviewed' must be a date" in p for p in problems_of(copy))


def test_an_unknown_topic_is_named(copy):
    path = copy / "nl" / "dupilumab.toml"
    path.write_text(path.read_text(encoding="utf-8") + '\n[price]\ntitle = "x"\ntext = "y"\n', encoding="utf-8")
    assert any("[price] is not a topic" in p for p in problems_of(copy))


def test_a_missing_phrase_is_named(copy):
    path = copy / "en" / "phrases.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text("\n".join(l for l in text.splitlines() if not l.startswith("framing =")), encoding="utf-8")
    assert any("en/phrases.toml" in p and "'framing'" in p for p in problems_of(copy))


def test_a_draft_answer_is_never_served(copy):
    path = copy / "nl" / "dupilumab.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("[storage]\n", "[storage]\ndraft = true\n", 1),
                    encoding="utf-8")
    path_en = copy / "en" / "dupilumab.toml"
    path_en.write_text(path_en.read_text(encoding="utf-8").replace("[storage]\n", "[storage]\ndraft = true\n", 1),
                       encoding="utf-8")
    content = load(copy)
    assert content.answer("nl", "dupilumab", "storage") is None
    assert "storage" not in content.topics_of("dupilumab", "nl")


def test_a_covered_medicine_cannot_be_listed_as_unknown(copy):
    path = copy / "other_medicines.toml"
    path.write_text('names = ["Olumiant"]\n', encoding="utf-8")
    assert any("'Olumiant' is a covered medicine" in p for p in problems_of(copy))


def test_a_pointer_for_an_unknown_topic_or_kind_is_named(copy):
    path = copy / "nl" / "phrases.toml"
    path.write_text(path.read_text(encoding="utf-8") + '\n[pointers.parking]\njak = "Vraag het bij de balie."\n'
                    '\n[pointers.cost]\npill = "Vraag het uw zorgverzekeraar."\n', encoding="utf-8")
    found = problems_of(copy)
    assert any("nl/phrases.toml: [pointers]: 'parking' is not a topic the sources leave out" in p for p in found)
    assert any("nl/phrases.toml: [pointers.cost]: 'pill' is not a medicine kind" in p for p in found)
