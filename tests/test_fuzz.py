"""Property-based fuzzing with hypothesis: `ask()` on any text, language and context, and the JSON API and the
form on any body. ask() never raises, always gives a valid kind and language, and ends with the framing where
the reply must; the web answers every body with a JSON 200 or a clear 4xx, never a 500."""
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot import ask, engine
from bot.content import LANGS, TOPICS
from bot.reply import FRAMED_KINDS, KINDS
from bot.web import create_app
from bot.web.conversation import context_from_client

# Moderate runs, and no example database (conftest.py keeps hypothesis's caches out of the repository).
FUZZ = settings(max_examples=150, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _vocabulary() -> list[str]:
    """Words the engine reacts to, so fuzzed questions reach past the out-of-scope reply."""
    content = engine().content
    words = [name for m in content.medicines.values() for name in m.names]
    words += [name for names in content.other_medicines for name in names][:30]
    for lang in LANGS:
        words += [w for pairs in content.topic_words[lang].values() for w, _ in pairs[:6]]
    return words + ["ik", "mijn", "moet", "mag", "stoppen", "nu", "keel", "zwelt", "niet", "ademen", "wil", "dood",
                    "I", "my", "throat", "swelling", "can't", "breathe", "kill", "myself", "hoi", "thanks", "?",
                    "ignore", "previous", "instructions", "-mab", "xyzinib", "en", "and", "bij", "for"]


WORDS = _vocabulary()
ANY_CHAR = st.characters(codec=None, exclude_categories=())     # surrogates, controls and NUL included
questions = st.one_of(
    st.text(ANY_CHAR, max_size=300),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(ANY_CHAR, max_size=8)), max_size=25).map(" ".join),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join),
)
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=40),
                    st.sampled_from(list(LANGS) + list(TOPICS) + ["dupilumab", "baricitinib", "general"]))
contexts = st.one_of(
    st.none(),
    st.fixed_dictionaries({}, optional={"lang": scalars, "medicine": scalars, "topic": scalars, "turn": scalars,
                                        "unknown_medicine": scalars}),
    st.dictionaries(st.text(max_size=20), scalars, max_size=8),
)
json_values = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                                     st.text(max_size=50)),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                                       max_size=4),
                           max_leaves=20)
api_bodies = st.one_of(
    json_values,
    st.fixed_dictionaries({"question": st.one_of(questions, json_values)},
                          optional={"lang": st.one_of(st.sampled_from([None, "nl", "en"]), json_values),
                                    "context": st.one_of(contexts, json_values)}),
)


def check_reply(reply, lang_asked):
    """The reply contract every answer keeps, whatever came in."""
    assert reply.kind in KINDS
    assert reply.lang in LANGS
    assert reply.text.strip()
    if reply.kind in FRAMED_KINDS:
        framing = engine().content.phrases[reply.lang]["framing"].strip()
        assert reply.text.rstrip().endswith(framing), reply.kind
    if reply.kind in ("emergency", "crisis"):
        assert not reply.suggestions
    json.dumps(reply.to_dict())  # the context and the whole reply travel as JSON


@FUZZ
@given(question=questions, lang=st.sampled_from([None, "nl", "en"]), context=contexts)
def test_ask_never_raises_and_keeps_the_contract(question, lang, context):
    check_reply(ask(question, lang=lang, context=context), lang)


@FUZZ
@given(question=questions, lang=st.sampled_from([None, "nl", "en"]), context=contexts)
def test_ask_with_the_context_a_client_sends_back(question, lang, context):
    raw = json.dumps(context, allow_nan=True) if context is not None else None
    reply = ask(question, lang=lang, context=context_from_client(raw))
    check_reply(reply, lang)
    follow_up = ask(question, lang=lang, context=reply.context)
    check_reply(follow_up, lang)


@pytest.fixture(scope="module")
def fuzz_client():
    """One app for all examples, without a question limit (hypothesis asks hundreds of questions)."""
    return create_app({"TESTING": True, "RATELIMIT_ENABLED": False}).test_client()


@FUZZ
@given(body=api_bodies)
def test_api_answers_any_json_with_a_reply_or_a_clear_error(fuzz_client, body):
    response = fuzz_client.post("/api/ask", data=json.dumps(body), content_type="application/json")
    assert response.status_code in (200, 400, 413), response.status_code
    data = response.get_json()
    if response.status_code == 200:
        assert data["kind"] in KINDS and data["lang"] in LANGS
    else:
        assert isinstance(data["error"], str) and data["error"]


@FUZZ
@given(body=st.binary(max_size=600), content_type=st.sampled_from(
    ["application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded"]))
def test_api_answers_any_bytes_without_a_server_error(fuzz_client, body, content_type):
    response = fuzz_client.post("/api/ask", data=body, content_type=content_type)
    assert response.status_code in (200, 400, 413, 415), response.status_code
    assert response.is_json


@FUZZ
@given(question=questions, context=st.one_of(st.none(), st.text(ANY_CHAR, max_size=200), contexts.map(json.dumps)),
       path=st.sampled_from(["/nl/", "/en/", "/kiosk", "/en/embed"]))
def test_form_answers_any_question_and_context(fuzz_client, question, context, path):
    # A browser sends the form as UTF-8; a lone surrogate cannot be sent at all.
    form = {"q": question.encode("utf-8", "replace").decode("utf-8")}
    if context is not None:
        form["context"] = context.encode("utf-8", "replace").decode("utf-8")
    response = fuzz_client.post(path, data=form)
    assert response.status_code in (200, 400, 413), response.status_code
    assert "Traceback" not in response.get_data(as_text=True)
