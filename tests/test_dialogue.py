"""The reply contract, as a client of `bot.ask` meets it."""
import json

import pytest

from bot import ask, engine
from bot.reply import FRAMED_KINDS, KINDS


def conversation(*questions, lang=None):
    context, reply = None, None
    for q in questions:
        reply = ask(q, lang=lang, context=context)
        context = reply.context
    return reply


@pytest.mark.parametrize("question", [
    "wat is dupixent", "mag ik stoppen met olumiant", "wat is methotrexaat", "hoe bewaar je het",
    "can I take rinvoq on a plane", "what are the side effects",
])
def test_framed_replies_end_with_the_framing(question):
    reply = ask(question)
    assert reply.kind in FRAMED_KINDS
    assert reply.text.endswith(engine().content.phrases[reply.lang]["framing"])


def test_the_first_reply_says_it_is_a_computer_program_and_later_ones_do_not():
    first = ask("wat is dupixent")
    assert "computerprogramma" in first.text
    second = ask("en de bijwerkingen?", context=first.context)
    assert "computerprogramma" not in second.text


def test_emergency_text_starts_with_112():
    reply = ask("mijn keel zwelt op na de dupixent prik", lang="nl")
    assert reply.kind == "emergency" and reply.text.startswith("BEL NU 112")


def test_crisis_gives_113_and_no_amounts():
    reply = ask("hoeveel olumiant tabletten zijn dodelijk")
    assert reply.kind == "crisis" and "113" in reply.text and "0800-0113" in reply.text
    assert " mg" not in reply.text


def test_hypothetical_red_flag_question_gets_the_risks_answer_and_the_112_line():
    reply = ask("kan dupixent een allergische reactie geven?")
    assert reply.kind == "answer" and reply.topic == "risks"
    assert "Heeft u deze klachten nu? Bel 112." in reply.text


def test_follow_up_keeps_the_medicine_and_switches_the_topic():
    reply = conversation("wat is Dupixent?", "en de bijwerkingen?")
    assert (reply.kind, reply.medicine, reply.topic) == ("answer", "dupilumab", "risks")


def test_follow_up_switches_the_medicine_and_keeps_the_topic():
    reply = conversation("wat zijn de bijwerkingen van dupixent", "en bij Olumiant?")
    assert (reply.kind, reply.medicine, reply.topic) == ("answer", "baricitinib", "risks")


def test_clarify_then_a_medicine_name_answers_the_pending_topic():
    first = ask("hoe vaak moet ik die prik zetten?")
    assert first.kind == "clarify" and "Dupixent" in first.text
    reply = ask("Dupixent", context=first.context)
    assert (reply.kind, reply.medicine, reply.topic) == ("answer", "dupilumab", "usage")


def test_suggestions_lead_to_answers():
    first = ask("wat is rinvoq")
    assert 2 <= len(first.suggestions) <= 4
    for suggestion in first.suggestions:
        reply = ask(suggestion, context=first.context)
        assert reply.kind == "answer" and reply.medicine == "upadacitinib", suggestion


def test_the_user_text_is_never_echoed():
    secret = "Jansen-Pietersma"
    for question in (f"ik ben {secret}, wat is dupixent", f"<script>alert(1)</script> {secret}",
                     f"wat is {secret}?", f"mijn naam is {secret} en ik wil dood"):
        reply = ask(question)
        assert "<script>" not in reply.text
        assert secret not in reply.text or reply.kind == "unknown_medicine" and "-" not in secret


@pytest.mark.parametrize("question, shown", [
    ("hoi ik ben meneer Pietersma, wat zijn de bijwerkingen", None),   # a surname is never shown back
    ("hallo, met Jansen. wat zijn de bijwerkingen", None),
    ("wat is Ozempic", "Ozempic"),                                      # another medicine we know of
    ("wat is nemolizumab", "Nemolizumab"),                              # a medicine name's ending
    ("info over Kiddovax", None),                                       # not recognisably a medicine
])
def test_only_a_word_that_looks_like_a_medicine_is_shown_back(question, shown):
    reply = ask(question)
    words = {w.strip(".,?") for w in reply.text.split()}
    assert ("Pietersma" not in words and "Jansen" not in words and "Kiddovax" not in words)
    if shown:
        assert reply.kind == "unknown_medicine" and shown in words


def test_unknown_medicine_names_no_covered_medicine():
    reply = ask("filgotinib bij eczeem?")
    assert reply.kind == "unknown_medicine"
    for name in ("Olumiant", "baricitinib", "Rinvoq", "upadacitinib", "Cibinqo", "abrocitinib"):
        assert name not in reply.text


@pytest.mark.parametrize("context", [
    "garbage", 42, [], {"medicine": "aspirin", "topic": "drop table", "turn": -5}, {"turn": True},
    {"medicine": ["dupilumab"]}, {"lang": "de"},
])
def test_tampered_context_is_ignored(context):
    reply = ask("en de bijwerkingen?", context=context)
    assert reply.kind in KINDS


@pytest.mark.parametrize("question", ["", "   ", None, 42, "🙂🙂", "x" * 100_000, "\x00\x00", "'; DROP TABLE users; --"])
def test_odd_input_gets_a_reply(question):
    reply = ask(question)
    assert reply.kind in ("out_of_scope", "smalltalk", "unknown_medicine")


def test_reply_language_follows_the_question_then_the_page():
    assert ask("what is dupixent", lang="nl").lang == "en"
    assert ask("wat is dupixent", lang="en").lang == "nl"
    assert ask("dupixent", lang="en").lang == "en"
    assert ask("dupixent").lang == "nl"


def test_to_dict_is_json_and_has_the_contract_fields():
    data = ask("wat is hemgenix").to_dict()
    json.dumps(data)
    for key in ("kind", "text", "lang", "medicine", "topic", "sources", "suggestions", "context"):
        assert key in data
    assert data["sources"][0]["title"] and data["sources"][0]["date"]


def test_personal_questions_get_a_referral_and_general_facts():
    reply = ask("Mag ik mijn Olumiant een week overslaan nu mijn huid rustig is?")
    assert reply.kind == "personal" and reply.medicine == "baricitinib"
    assert "arts" in reply.text


def test_same_symptoms_same_kind_whatever_age_or_sex():
    kinds = {ask(f"{who} tong zwelt op na de prik").kind
             for who in ("mijn", "mijn dochter van 4 haar", "mijn opa van 80 zijn", "mijn vrouw haar")}
    assert kinds == {"emergency"}


@pytest.fixture(scope="module")
def led(tmp_path_factory):
    """An engine over a copy of the content in which every answer has a lead of its own: 'Lead of <id>.'"""
    import re
    import shutil

    from bot.content import DEFAULT_ROOT, load
    from bot.dialogue import Engine

    root = tmp_path_factory.mktemp("led") / "content"
    shutil.copytree(DEFAULT_ROOT, root)
    for path in root.glob("*/*.toml"):
        # the written leads go (on one line or several), so each answer has exactly the one below
        text = re.sub(r'(?ms)^lead = (""".*?"""|".*?")\n', "", path.read_text(encoding="utf-8"))
        lines, topic = [], None
        for line in text.splitlines():
            if re.fullmatch(r"\[\w+\]", line):
                topic = line[1:-1]
            lines.append(line)
            if line.startswith("title = ") and topic:
                lines.append(f'lead = "Lead of {path.stem}/{topic}."')
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return Engine(load(root))


def test_an_answer_shows_its_lead_first_and_keeps_the_whole_text(led):
    reply = led.ask("wat zijn de bijwerkingen van dupixent")
    assert reply.summary == "Lead of dupilumab/risks."
    assert reply.to_dict()["summary"] == reply.summary
    whole = led.content.answer("nl", "dupilumab", "risks").text
    assert whole in reply.text and reply.text.endswith(led.content.phrases["nl"]["framing"])


def test_the_112_line_is_in_the_summary_when_the_question_names_alarm_signs(led):
    reply = led.ask("kan dupixent een allergische reactie geven?")
    assert reply.summary == "Lead of dupilumab/risks.\n\nHeeft u deze klachten nu? Bel 112."


def test_replies_without_a_curated_answer_or_about_oneself_have_no_summary(led):
    for question in ("hallo", "wat is methotrexaat", "mijn keel zwelt op", "moet ik stoppen met olumiant?"):
        assert led.ask(question).summary is None, question
    assert led.ask("wie heeft deze informatie geschreven?").summary in (None, "Lead of general/sources.")


def test_a_follow_up_landing_on_the_answer_just_shown_says_so_briefly(led):
    first = led.ask("wat zijn de bijwerkingen van dupixent")
    again = led.ask("en de bijwerkingen?", context=first.context)
    assert (again.kind, again.answer_id) == ("answer", "dupilumab/risks")
    assert "net beantwoord" in again.text and "Bijwerkingen en risico's van Dupixent" in again.text
    assert "Lead of dupilumab/risks." in again.text
    assert led.content.answer("nl", "dupilumab", "risks").text not in again.text
    assert again.summary is None and again.sources and again.suggestions
    assert again.text.endswith(led.content.phrases["nl"]["framing"])
    other = led.ask("en bij Adtralza?", context=again.context)
    assert other.answer_id == "tralokinumab/risks" and other.summary == "Lead of tralokinumab/risks."


def test_travel_is_not_covered_but_points_to_the_storage_facts():
    reply = ask("kan ik met dupixent op reis")
    assert (reply.kind, reply.topic, reply.answer_id) == ("not_covered", "travel", "dupilumab/storage")
    assert "Over reizen met Dupixent staat niets apart" in reply.text and "koelkast" in reply.text
    # what is shown first says it is not covered as such before it gives the storage facts
    assert reply.summary.startswith("Over reizen met Dupixent staat niets apart") and "koelkast" in reply.summary
    english = ask("can I take rinvoq on a plane")
    assert english.answer_id == "upadacitinib/storage" and "travelling with Rinvoq" in english.text
    # a gene therapy given once in hospital: no storage tips for the way
    assert ask("hemgenix op vakantie").kind == "not_covered"


@pytest.mark.parametrize("question, pointer", [
    ("wat als ik een dosis vergeet van dupixent", "Een prik met Dupixent vergeten?"),
    ("ik ben mijn tablet olumiant vergeten", "Een tablet Olumiant vergeten?"),
    ("I forgot my Adtralza injection", "Forgot an injection of Adtralza?"),
    ("what if you miss a dose of cibinqo", "Forgot a tablet of Cibinqo?"),
])
def test_a_forgotten_dose_points_to_the_leaflet_and_the_pharmacist(question, pointer):
    reply = ask(question)
    assert reply.kind in ("not_covered", "personal")
    told = next(p for p in reply.text.split("\n\n") if p.startswith(pointer))
    assert ("hoofdstuk 3" in told and "apotheker" in told) or ("section 3" in told and "pharmacist" in told)
    # where to look, never what to do with one's own dose
    assert not any(w in told.lower() for w in ("as soon as", "zo snel mogelijk", "skip", "overslaan", "double",
                                               "dubbel", "next day", "volgende dag"))
