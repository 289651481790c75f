"""The matcher's parts: medicine names, look-alikes, topics, language, stance."""
import pytest

from bot import engine
from bot.text import fold


@pytest.fixture(scope="module")
def matcher():
    return engine().matcher


@pytest.mark.parametrize("word,medicine", [
    ("dupixent", "dupilumab"), ("dupixemt", "dupilumab"), ("dupixen", "dupilumab"), ("olumient", "baricitinib"),
    ("barcitinib", "baricitinib"), ("upadacitnib", "upadacitinib"), ("rinvok", "upadacitinib"),
    ("cibinco", "abrocitinib"), ("tralokinumap", "tralokinumab"), ("adtralsa", "tralokinumab"),
    ("ebglys", "lebrikizumab"), ("hemgenics", "etranacogen_dezaparvovec"), ("etranacogen", "etranacogen_dezaparvovec"),
])
def test_names_and_typos_find_the_medicine(matcher, word, medicine):
    assert matcher.medicine_of(word) == medicine


@pytest.mark.parametrize("word", [
    "tofacitinib", "filgotinib", "ruxolitinib", "durvalumab", "nemolizumab", "omalizumab", "duphaston", "hemlibra",
    "cinqaero", "roctavian", "deucravacitinib", "olympic", "weather",
])
def test_look_alikes_never_find_one_of_ours(matcher, word):
    assert matcher.medicine_of(word) is None


@pytest.mark.parametrize("question,unknown", [
    ("wat is opzelura creme", "opzelura"), ("filgotinib bij eczeem", "filgotinib"),
    ("what does duphaston do", "duphaston"), ("methotrexaat bijwerkingen", "methotrexaat"),
])
def test_unknown_medicines_are_recognised(matcher, question, unknown):
    reading = matcher.read(fold(question))
    assert reading.unknown == unknown and not reading.medicines


@pytest.mark.parametrize("question,topic", [
    ("dupixent bijwerkingen", "risks"), ("hoe vaak moet ik die prik zetten", "usage"),
    ("olumiant zwanger worden", "pregnancy"), ("rinvoq koelkast", "storage"), ("cibinqo bloedprikken", "monitoring"),
    ("how does ebglyss work", "mechanism"), ("adtralza vanaf welke leeftijd", "children"),
    ("hemgenix voorwaardelijke goedkeuring", "approval"), ("dupixent griepprik", "vaccination"),
    ("how well does rinvoq work", "benefits"), ("wat is dupixent", "about"),
])
def test_topics(matcher, question, topic):
    assert matcher.read(fold(question)).topic() == topic


@pytest.mark.parametrize("question,lang", [
    ("wat is dupixent", "nl"), ("what is dupixent", "en"), ("chest pain", "en"), ("benauwd gezicht dik", "nl"),
    ("hello anyone there", "en"), ("cibinqo blood tests", "en"), ("dupixent", None),
])
def test_language(matcher, question, lang):
    assert matcher.read(fold(question)).language == lang


@pytest.mark.parametrize("question,personal", [
    ("mag ik stoppen met dupixent", True), ("should I skip my olumiant dose", True),
    ("wat zou jij doen, rinvoq of cibinqo", True), ("is hemgenix an option for me", True),
    ("hoe vaak moet ik die prik zetten", False), ("can I get pregnant on cibinqo", False),
])
def test_personal_stance(matcher, question, personal):
    assert matcher.read(fold(question)).personal is personal
