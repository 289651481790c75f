"""Understanding by meaning: the question model under the words, as a patient meets it through `bot.ask`.

How well it generalises is measured on unseen sets (`bot eval`, bench/understanding.py), not pinned here: these
tests check the kinds of question it exists for, the mechanisms, and what it must never do."""
import pytest

import bot
from bot import ask, examples
from bot.content import ContentError, load
from bot.dialogue import Engine
from bot.text import fold, plain
from bot.understanding import MODEL_FILE, Reader


def sense(text):
    text = plain(text)
    return bot.engine().reader.read(text, fold(text))


@pytest.mark.parametrize("question, medicine, topic", [
    # a typo in the topic word itself
    ("olumiant bijwerkinegn", "baricitinib", "risks"),
    ("rinvoq sidde efecst", "upadacitinib", "risks"),
    ("dupixent in de koelkats?", "dupilumab", "storage"),
    # effectiveness asked plainly
    ("helpt cibinqo nou echt", "abrocitinib", "benefits"),
    ("does adtralza actually do anything", "tralokinumab", "benefits"),
])
def test_a_question_the_words_misread_gets_its_topic_by_meaning(question, medicine, topic):
    reply = ask(question)
    assert (reply.kind, reply.medicine, reply.topic) == ("answer", medicine, topic), question


def test_a_follow_up_without_medicine_or_topic_word_inherits_the_medicine():
    first = ask("wat is rinvoq")
    reply = ask("en na hoeveel tijd merk je daar wat van", context=first.context)
    assert (reply.kind, reply.medicine, reply.topic) == ("answer", "upadacitinib", "benefits")


def test_which_of_those_after_a_comparison_answers_from_the_comparison():
    first = ask("wat is het verschil tussen dupixent en olumiant")
    assert first.topic == "compare"
    reply = ask("and which of them needs the fewest check-ups", context=first.context)
    assert (reply.kind, reply.topic) == ("answer", "compare")


@pytest.mark.parametrize("question", ["bestaan er ook pillen in plaats van spuiten tegen eczeem",
                                      "what's the difference between the jabs and the tablets"])
def test_a_class_question_without_a_name_gets_the_comparison(question):
    reply = ask(question)
    assert (reply.kind, reply.topic) == ("answer", "compare")


def test_an_unclear_question_in_a_conversation_asks_what_is_meant_with_buttons():
    first = ask("wat is dupixent")
    reply = ask("hoe zit dat", context=first.context)
    assert reply.kind == "clarify" and 1 <= len(reply.suggestions) <= 3
    assert reply.context["medicine"] == "dupilumab"            # the conversation is kept
    for suggestion in reply.suggestions:
        answer = ask(suggestion, context=reply.context)
        assert answer.kind == "answer" and answer.medicine in ("dupilumab", None), suggestion


def test_the_medicine_is_never_read_by_meaning():
    # Dupixent described, not named: no answer about Dupixent
    reply = ask("dat middel tegen eczeem met de prik om de twee weken, wat zijn de bijwerkingen")
    assert reply.medicine is None
    # a medicine we do not cover, asked like one we do
    reply = ask("wat zijn de bijwerkingen van methotrexaat")
    assert (reply.kind, reply.medicine) == ("unknown_medicine", None)


def test_a_topic_our_sources_leave_out_is_not_answered_with_a_neighbouring_topic():
    reply = ask("hoeveel moet je zelf betalen voor rinvoq")
    assert (reply.kind, reply.medicine) == ("not_covered", "upadacitinib")


def test_small_talk_by_meaning_gets_a_short_reply_and_junk_stays_out_of_scope():
    reply = ask("oke top")
    assert reply.kind == "smalltalk" and "Dupixent" in reply.text
    for junk in ("${jndi:ldap://x}", "{{7*7}}", "asdf qwer zxcv"):
        assert ask(junk).kind == "out_of_scope", junk


@pytest.mark.parametrize("question, medicine, first, second", [
    ("wat is adtralza precies en hoe vaak moet je spuiten", "tralokinumab", "about", "usage"),
    ("Can you take Rinvoq while breastfeeding? And are blood tests needed?", "upadacitinib", "pregnancy",
     "monitoring"),
])
def test_two_questions_in_one_answer_the_first_and_offer_the_second(question, medicine, first, second):
    reply = ask(question)
    assert (reply.kind, reply.medicine, reply.topic) == ("answer", medicine, first)
    offered = ask(reply.suggestions[0], context=reply.context)
    assert (offered.kind, offered.medicine, offered.topic) == ("answer", medicine, second)


def test_one_question_with_and_in_it_is_not_split():
    reply = ask("olumiant and grapefruit juice")
    assert (reply.kind, reply.medicine) == ("not_covered", "baricitinib")


def test_and_inside_a_story_is_not_a_second_question():
    reply = ask("mijn zoon gebruikt olumiant en heeft sindsdien vaak een loopneus, hoort dat bij de bijwerkingen?")
    assert (reply.kind, reply.medicine, reply.topic) == ("answer", "baricitinib", "risks")


@pytest.mark.parametrize("question", ["zijn de eczeem tabletten ook voor tieners",
                                      "do the tablet ones work faster than the injections"])
def test_a_class_named_by_its_form_gets_the_comparison(question):
    reply = ask(question)
    assert (reply.kind, reply.medicine, reply.topic) == ("answer", None, "compare")


def test_a_follow_up_that_clearly_leans_one_way_is_answered():
    first = ask("what is cibinqo")
    reply = ask("and what if nothing changes after a few months of it", context=first.context)
    assert (reply.kind, reply.medicine) == ("answer", "abrocitinib")


def test_asking_the_class_of_the_medicine_in_the_conversation_stays_with_that_medicine():
    first = ask("what is cibinqo")
    reply = ask("is that a biologic or a jak inhibitor?", context=first.context)
    assert (reply.kind, reply.medicine) == ("answer", "abrocitinib")
    assert ask("is that a biologic or a jak inhibitor?").medicine is None     # no conversation: no medicine


def test_a_group_named_outweighs_a_word_that_does_not_look_like_a_name():
    reply = ask("welke helpen het vlotst, de pillen of de spuiten?")
    assert (reply.kind, reply.medicine, reply.topic) == ("answer", None, "compare")


def test_a_short_follow_up_is_read_after_the_question_it_follows():
    first = ask("wat zijn de bijwerkingen van adtralza")
    reply = ask("gaan die meestal vanzelf over?", context=first.context)
    assert (reply.kind, reply.medicine, reply.topic) == ("answer", "tralokinumab", "risks")
    first = ask("hoe wordt hemgenix gegeven")
    reply = ask("hoelang duurt dat ongeveer", context=first.context)
    assert (reply.kind, reply.medicine, reply.topic) == ("answer", "etranacogen_dezaparvovec", "usage")
    thanks = ask("top, dank je wel", context=first.context)            # small talk stays small talk
    assert thanks.kind == "smalltalk"


def test_a_short_acknowledgement_is_small_talk_in_either_language():
    assert ask("ok").kind == "smalltalk"
    assert ask("hallooo").kind == "smalltalk"                        # a stretched greeting is still a greeting
    assert ask("null").kind == "out_of_scope"


def test_a_stretched_greeting_or_an_everyday_request_is_not_an_unknown_medicine():
    assert ask("hiii how r u").kind in ("smalltalk", "out_of_scope")
    assert ask("kan ik hier een herhaalrecept aanvragen").kind == "out_of_scope"


def test_a_general_question_with_a_story_around_it_is_answered():
    reply = ask("hoe lang kan cibinqo buiten de koelkast? ik heb de doos op het aanrecht laten staan")
    assert (reply.kind, reply.medicine, reply.topic) == ("answer", "abrocitinib", "storage")


def test_a_request_outside_the_bot_is_out_of_scope_even_with_a_long_unknown_word():
    assert ask("kun je mijn aardrijkskundeverslag verbeteren?").kind == "out_of_scope"
    assert ask("wat is tapinarof crème").kind == "unknown_medicine"     # a name stays a name


def test_advice_for_oneself_asked_as_a_fact_is_personal():
    reply = ask("is olumiant wel geschikt voor iemand zoals ik")
    assert reply.kind == "personal" and reply.medicine == "baricitinib"


def test_the_reader_ranks_every_label_and_says_when_it_is_sure():
    found = sense("wat zijn de bijwerkingen")
    assert found.label == "risks" and found.sure
    assert abs(sum(p for _, p in found.ranked) - 1) < 1e-4
    assert {label for label, _ in found.ranked} == {c for cats in examples.QUESTIONS.categories.values() for c in cats}
    assert sense("") is None


def test_start_up_refuses_a_question_model_that_does_not_match_the_examples(content_copy):
    path = content_copy / "en" / "questions" / "stance.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\n[smalltalk]\nnice chatting\n", encoding="utf-8")
    with pytest.raises(ContentError, match="bot train"):
        Engine(load(content_copy))
    (content_copy / MODEL_FILE).unlink()
    with pytest.raises(ContentError, match="bot train"):
        Engine(load(content_copy))


def test_a_bad_question_example_names_its_file_and_line(content_copy):
    path = content_copy / "nl" / "questions" / "topics.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\n[bijwerkingen]\nis het eng\n", encoding="utf-8")
    with pytest.raises(examples.ExamplesError) as caught:
        examples.QUESTIONS.load(content_copy)
    assert any("nl/questions/topics.txt:" in p and "[bijwerkingen]" in p for p in caught.value.problems)


def test_the_same_question_under_two_labels_is_refused(content_copy):
    path = content_copy / "en" / "questions" / "stance.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\n[out_of_scope]\nhello\n[smalltalk]\nhello\n",
                    encoding="utf-8")
    with pytest.raises(examples.ExamplesError, match="also stance"):
        examples.QUESTIONS.load(content_copy)


def test_the_shipped_question_model_matches_the_shipped_examples():
    from bot.content import DEFAULT_ROOT
    Reader(DEFAULT_ROOT)


def test_every_question_the_bot_offers_as_a_button_lands_on_its_topic():
    engine = bot.engine()
    for lang in ("nl", "en"):
        for medicine in engine.content.medicines:
            for topic in engine.content.topics_of(medicine, lang):
                question = engine._question(lang, topic, medicine)
                reply = ask(question, lang=lang)
                assert (reply.kind, reply.medicine, reply.topic) == ("answer", medicine, topic), question
