"""Thumbs in a real browser, as a patient gives them: on the chat page, the kiosk and the embed (framed by another
site), with JavaScript and without; each one must arrive in the figures and on /admin. Reuses the browser and
the guards of tests/test_web_browser.py (Debian's Chromium; nothing leaves 127.0.0.1)."""
from collections import Counter

import pytest
from sqlalchemy import select

# The fixtures, and the module's skip when Debian's Chromium is missing.
from test_web_browser import (_new_page, _serve, browser, other_origin, outside, page,  # noqa: F401
                              pytestmark)

from bot.insight.store import feedback
from bot.web import create_app

PASSWORD = "curators only"
SURFACES = [("chat", "web"), ("kiosk", "kiosk"), ("embed", "embed")]


@pytest.fixture(scope="module")
def served(tmp_path_factory, other_origin):  # noqa: F811
    """The app on waitress with its own figures database and a curators' password; the other origin frames
    its embed."""
    database = tmp_path_factory.mktemp("figures") / "bot.sqlite"
    app = create_app({"DATABASE_URL": f"sqlite:///{database}", "ADMIN_PASSWORD": PASSWORD,
                      "RATELIMIT_QUESTIONS": "10000 per minute",
                      "FRAME_ANCESTORS": f"'self' {other_origin['origin']}"})
    server, thread = _serve(app)
    url = f"http://127.0.0.1:{server.effective_port}"
    other_origin["embed"] = f"{url}/nl/embed"
    yield app, url
    server.close()
    thread.join(timeout=5)
    app.extensions["usage"].close()


@pytest.fixture(autouse=True)
def no_thumbs_yet(served):
    """Each test starts with no thumbs counted."""
    app, _ = served
    recorder = app.extensions["usage"]
    recorder.flush()
    with recorder.store.engine.begin() as conn:
        conn.execute(feedback.delete())


def thumbs(app) -> Counter:
    """{(surface, helpful): count} of everything counted so far, all answers together."""
    recorder = app.extensions["usage"]
    assert recorder.flush()
    counted = Counter()
    with recorder.store.engine.connect() as conn:
        for row in conn.execute(select(feedback)):
            counted[row.surface, row.helpful] += row.count
    return counted


def olumiant_first_words(app) -> str:
    """The first words of the English answer 'what is Olumiant' as the content has them."""
    from bot import engine
    return engine().content.answer("en", "baricitinib", "about").text.strip()[:40]


def _ask(where, question):
    where.locator("#q").fill(question)
    where.locator("#q").press("Enter")


@pytest.mark.parametrize("surface, counted", SURFACES)
def test_a_thumb_with_javascript_is_thanked_in_place_and_counted(page, served, surface, counted):  # noqa: F811
    app, url = served
    page.goto(f"{url}/nl/{'' if surface == 'chat' else surface}")
    page.evaluate("window.notReloaded = true")
    _ask(page, "wat is dupixent")
    page.locator("[role=log] .message-bot form.feedback button[value=no]").click()
    thanks = page.wait_for_selector("[role=log] .feedback-thanks[role=status]")
    assert thanks.inner_text() == "Dank u wel. Zo kunnen we de antwoorden beter maken."
    assert page.evaluate("document.activeElement.classList.contains('feedback-thanks')")
    assert page.evaluate("window.notReloaded") is True
    assert page.locator("form.feedback").count() == 0
    assert thumbs(app) == {(counted, False): 1}


def test_thumbs_on_a_follow_up_answer_and_the_kiosk_targets_are_big(page, served):  # noqa: F811
    app, url = served
    page.set_viewport_size({"width": 1080, "height": 1400})
    page.goto(f"{url}/en/kiosk")
    page.locator("form.suggestions button").first.click()
    page.wait_for_selector("[role=log] .message-bot form.feedback")
    for button in page.locator("form.feedback button").all():
        box = button.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44
    page.locator("form.feedback button[value=yes]").click()
    page.wait_for_selector(".feedback-thanks")
    _ask(page, "and the side effects?")
    page.wait_for_selector("[role=log] .message-bot >> nth=1")
    page.locator("form.feedback button[value=yes]").click()  # the new answer's thumbs; the first are gone
    page.locator(".feedback-thanks").nth(1).wait_for()
    assert thumbs(app) == {("kiosk", True): 2}


def test_a_thumb_in_the_embed_on_another_site(page, served, other_origin):  # noqa: F811
    app, _ = served
    page.goto(other_origin["origin"] + "/")
    frame = page.frame_locator("iframe")
    _ask(frame, "wat is rinvoq")
    frame.locator("form.feedback button[value=yes]").click()
    frame.locator(".feedback-thanks").wait_for()
    assert thumbs(app) == {("embed", True): 1}


@pytest.mark.parametrize("surface, counted", SURFACES)
def test_a_thumb_without_javascript_comes_back_to_the_page_with_thanks(browser, outside, served,  # noqa: F811
                                                                       surface, counted):
    app, url = served
    path = f"/en/{'' if surface == 'chat' else surface}"
    page = _new_page(browser, outside, java_script_enabled=False)
    page.goto(url + path)
    page.fill("#q", "what is olumiant")
    with page.expect_navigation():
        page.press("#q", "Enter")
    with page.expect_navigation():
        page.click("form.feedback button[value=yes]")
    assert page.url == f"{url}{path}?feedback=thanks&answer=en/baricitinib/about"
    # back to the same answer (nothing typed went with the thumb), thanked where its thumbs were
    answer = page.locator("[role=log] .message-bot")
    assert answer.count() == 1 and answer.get_attribute("lang") == "en"
    assert answer.locator(".message-text").inner_text().startswith(olumiant_first_words(app))
    assert answer.locator(".feedback-thanks[role=status]").inner_text() == \
        "Thank you. This helps us improve the answers."
    assert answer.locator("form.feedback").count() == 0
    assert thumbs(app) == {(counted, True): 1}
    assert not outside
    page.context.close()


def test_a_thumb_without_javascript_in_the_framed_embed(browser, outside, served, other_origin):  # noqa: F811
    app, url = served
    page = _new_page(browser, outside, java_script_enabled=False)
    page.goto(other_origin["origin"] + "/")
    frame = page.frame_locator("iframe")
    _ask(frame, "wat is hemgenix")
    frame.locator("form.feedback button[value=no]").click()
    frame.locator(".feedback-thanks").wait_for()
    assert page.frames[1].url == f"{url}/nl/embed?feedback=thanks&answer=nl/etranacogen_dezaparvovec/about"
    assert frame.locator("[role=log] .message-bot .feedback-thanks").count() == 1
    assert thumbs(app) == {("embed", False): 1}
    assert not outside
    page.context.close()


def test_thumbs_given_show_up_on_the_dashboard(browser, outside, served):  # noqa: F811
    app, url = served
    patient = _new_page(browser, outside)
    for surface in ("", "kiosk", "embed"):
        patient.goto(f"{url}/nl/{surface}")
        _ask(patient, "bijwerkingen van dupixent")
        patient.locator("form.feedback button[value=no]").click()
        patient.wait_for_selector(".feedback-thanks")
    patient.context.close()
    app.extensions["usage"].flush()
    curator = _new_page(browser, outside, http_credentials={"username": "curator", "password": PASSWORD})
    curator.goto(f"{url}/en/admin?days=7")
    row = curator.locator("section[aria-labelledby=helpful] tbody tr").first
    assert row.locator("th").inner_text() == "dupilumab/risks"
    assert [row.locator("td").nth(i).inner_text() for i in (0, 1)] == ["0", "3"]
    axe = pytest.importorskip("axe_playwright_python.sync_playwright", reason="axe-playwright-python not installed")
    violations = axe.Axe().run(curator).response["violations"]
    assert not violations, [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    assert not curator.js_errors and not outside
    curator.context.close()

