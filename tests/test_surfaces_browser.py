"""The surfaces as a patient meets them, in Debian's Chromium: the kiosk on a portrait and a landscape screen,
the chat page on a phone and a desktop, with JavaScript and without. Reuses the server, the browser and the
guards of tests/test_web_browser.py (nothing leaves 127.0.0.1, no script error)."""
import re
from urllib.parse import parse_qs, urlsplit

import pytest

# The fixtures, and the module's skip when Debian's Chromium is missing.
from test_web_browser import (IDLE, _new_page, _serve, base_url, browser, host_site, other_origin, outside,  # noqa: F401
                              page, pytestmark, scrolled, still)

PORTRAIT, LANDSCAPE = {"width": 1080, "height": 1920}, {"width": 1920, "height": 1080}
PHONE, DESKTOP, NARROW = {"width": 390, "height": 844}, {"width": 1280, "height": 900}, {"width": 320, "height": 640}
BRANDS = ("Dupixent", "Adtralza", "Ebglyss", "Olumiant", "Rinvoq", "Cibinqo", "Hemgenix")


def _ask(page, question):
    page.fill("#q", question)
    page.press("#q", "Enter")


def _ask_and_wait(page, question, javascript):
    """Ask, and wait for the answer: shown in place with JavaScript, on a new page without."""
    if javascript:
        count = page.locator("[role=log] .message-bot").count()
        _ask(page, question)
        page.wait_for_selector(f"[role=log] .message-bot >> nth={count}")
    else:
        with page.expect_navigation():
            _ask(page, question)


def _tap_first_suggestion(page, count=1):
    page.locator("form.suggestions button").first.click()
    page.wait_for_selector(f"[role=log] .message-bot >> nth={count - 1}")


def _boxes(page, selector):
    """The bounding boxes of the visible elements that match."""
    return [box for box in (e.bounding_box() for e in page.locator(selector).all()) if box]


def _font_px(locator) -> float:
    return float(locator.evaluate("e => getComputedStyle(e).fontSize").removesuffix("px"))


def _no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.url


# --- 1. the kiosk stays a kiosk --------------------------------------------------------------------------
@pytest.mark.parametrize("screen", (PORTRAIT, LANDSCAPE), ids=("portrait", "landscape"))
def test_kiosk_answer_keeps_the_frame_the_keyboard_down_and_the_answer_in_view(page, base_url, screen):
    page.set_viewport_size(screen)
    page.goto(f"{base_url}/en/kiosk")
    assert page.evaluate("document.activeElement === document.body")  # nothing focused, no keyboard
    _ask(page, "what are the side effects of dupixent")  # a long answer
    page.wait_for_selector("[role=log] .message-bot")
    scrolled(page)
    assert page.evaluate("document.activeElement.id") != "q"  # the on-screen keyboard stays down
    assert page.evaluate("document.activeElement.classList.contains('message-bot')")
    top = page.locator("[role=log] .message-bot").bounding_box()["y"]
    assert 0 <= top < screen["height"] / 3  # the top of the answer, not its end
    _tap_first_suggestion(page, 2)
    scrolled(page)
    top = page.locator("[role=log] .message-bot").nth(1).bounding_box()["y"]
    assert 0 <= top < screen["height"] / 3
    # Every link keeps the kiosk's frame: its own pages in both languages and its privacy page, nothing else.
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    assert hrefs and all(re.fullmatch(r"#main|(/(nl|en))?/kiosk(/privacy)?(\?context=.*)?", h) for h in hrefs), hrefs
    _no_sideways_scroll(page)


@pytest.mark.parametrize("screen", (PORTRAIT, LANDSCAPE), ids=("portrait", "landscape"))
def test_kiosk_is_made_for_its_screen(page, base_url, screen):
    """Body text of at least 24 px, touch targets of at least 56 px, a QR code of at least 200 px with a caption
    as big as the text; two columns on a landscape screen, one on a portrait one."""
    page.set_viewport_size(screen)
    page.goto(f"{base_url}/nl/kiosk")
    start = page.locator("[role=log] .intro")
    assert all(brand in start.inner_text() for brand in BRANDS)  # the medicines it knows, named
    _tap_first_suggestion(page)
    page.wait_for_selector("[role=log] .take-home img.qr")
    for selector in (".intro", ".message-text p", ".who", ".sources li", ".take-home p", ".reviewed-by",
                     ".site-footer p", ".kiosk-hint", ".suggestion", ".feedback legend"):
        for element in page.locator(selector).all():
            assert _font_px(element) >= 24, (selector, element.inner_text())
    for box in _boxes(page, "a:not(.skip-link), button, input[type=text]"):
        assert box["height"] >= 56 and box["width"] >= 56, box
    qr = page.locator(".take-home img.qr").bounding_box()
    assert qr["width"] >= 200 and qr["height"] >= 200
    transcript = page.locator("[role=log]").bounding_box()
    form = page.locator("form[data-ask-form]").bounding_box()
    if screen is LANDSCAPE:
        assert form["x"] >= transcript["x"] + transcript["width"]  # side by side
        assert transcript["width"] > screen["width"] / 2
    else:
        assert form["y"] >= transcript["y"] + transcript["height"]  # one under the other
    _no_sideways_scroll(page)


def test_kiosk_privacy_page_keeps_the_frame_and_the_idle_reset(page, base_url):
    page.clock.install()
    page.set_viewport_size(PORTRAIT)
    page.goto(f"{base_url}/en/kiosk")
    with page.expect_navigation():
        page.click("footer a")
    page.wait_for_load_state("load")   # the idle timer starts with the page's scripts
    assert urlsplit(page.url).path == "/en/kiosk/privacy"
    assert page.locator("h1").inner_text() == "Privacy: what we keep of your visit"
    assert page.locator(".start-again").is_visible()
    assert page.locator(".kiosk-languages a").count() == 2
    page.clock.run_for((IDLE + 1) * 1000)
    assert page.locator("#idle-warning").is_visible()
    with page.expect_navigation():
        page.clock.run_for(30_000)
    assert page.url == f"{base_url}/kiosk"


def test_kiosk_without_javascript_keeps_the_frame_too(browser, outside, base_url):  # noqa: F811
    page = _new_page(browser, outside, java_script_enabled=False, viewport=LANDSCAPE)
    page.goto(f"{base_url}/nl/kiosk")
    with page.expect_navigation():
        page.locator("form.suggestions button").first.click()
    assert page.locator(".take-home img.qr").count() == 1
    assert page.locator("[role=log] a").count() == 0  # no way out of the kiosk from an answer
    assert page.locator("[role=log] .message-bot .reviewed-by").count() == 1
    assert not outside
    page.context.close()


# --- issue 10, point 7: the kiosk's emergency and crisis screens ----------------------------------------
@pytest.mark.parametrize("lang, question, first, then", [
    ("nl", "mijn keel zwelt op en ik kan niet ademen", "Waarschuw nu een medewerker bij de balie.", "112"),
    ("en", "my throat is swelling and I cannot breathe", "Alert the staff at the desk now.", "112"),
    ("nl", "ik wil niet meer leven", "Ga nu naar een medewerker bij de balie. Zij helpen u verder.", "0800-0113"),
    ("en", "I want to end my life", "Go to the staff at the desk now. They will help you.", "0800-0113")])
def test_kiosk_alarm_screens_send_the_patient_to_the_desk_first(page, base_url, lang, question, first, then):
    page.set_viewport_size(PORTRAIT)
    page.goto(f"{base_url}/{lang}/kiosk")
    _ask(page, question)
    alert = page.locator("[role=log] [role=alert]")
    alert.wait_for()
    scrolled(page)
    lines = alert.locator(".call-block p")
    assert lines.first.inner_text() == first
    assert then in lines.nth(1).inner_text()
    # the staff line is the first thing in the alert after its label, and the biggest
    assert lines.first.bounding_box()["y"] < alert.locator(".message-text").bounding_box()["y"]
    assert _font_px(lines.first) > _font_px(alert.locator(".message-text p").first)
    assert alert.locator("a[href^='tel:']").count() == 0  # a phone link does nothing on the kiosk's PC
    assert page.locator("form.suggestions").count() == 0


def test_chat_emergency_keeps_its_call_links(page, base_url):
    page.goto(f"{base_url}/nl/")
    _ask(page, "ik wil niet meer leven")
    alert = page.wait_for_selector("[role=log] [role=alert]")
    assert {a.get_attribute("href") for a in alert.query_selector_all("a")} == {"tel:112", "tel:113", "tel:08000113"}


# --- 2. read aloud --------------------------------------------------------------------------------------
SPEECH = """
(() => {
  const voices = VOICES;
  const fake = {
    getVoices: () => voices,
    speak: (u) => { window.spoken = (window.spoken || []).concat([[u.text, u.lang, u.voice && u.voice.lang]]); },
    cancel: () => { sessionStorage.setItem("cancelled", String(Number(sessionStorage.getItem("cancelled") || 0) + 1)); },
    addEventListener: () => {},
  };
  Object.defineProperty(window, "speechSynthesis", { value: fake, configurable: true });
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
})();
"""


def _speaking_page(browser, outside, voices, **options):  # noqa: F811
    page = _new_page(browser, outside, **options)
    page.add_init_script(SPEECH.replace("VOICES", voices))
    return page


@pytest.mark.parametrize("surface", ("", "kiosk", "embed"))
def test_read_aloud_with_the_browsers_own_voice(browser, outside, base_url, surface):  # noqa: F811
    page = _speaking_page(browser, outside, '[{"lang": "nl-NL", "name": "Nederlands"}]')
    page.goto(f"{base_url}/nl/{surface}")
    _ask(page, "wat is dupixent")
    button = page.locator("[role=log] .message-bot button[data-read-aloud]")
    button.wait_for()
    assert button.inner_text() == "Lees voor"
    button.click()
    (text, lang, voice), = page.evaluate("window.spoken")
    assert text.startswith(page.locator("[role=log] .message-bot .message-text p").first.inner_text())
    assert (lang, voice) == ("nl", "nl-NL")
    assert button.inner_text() == "Stop met voorlezen"
    button.click()
    assert page.evaluate("sessionStorage.getItem('cancelled')") is not None
    assert button.inner_text() == "Lees voor"
    assert not page.js_errors and not outside
    page.context.close()


@pytest.mark.parametrize("path, text", [("/nl/dupilumab/risks", ".answer-text"),
                                        ("/nl/kiosk?feedback=thanks&answer=nl/dupilumab/risks", ".message-text")])
def test_read_aloud_on_answers_the_server_shows(browser, outside, base_url, path, text):  # noqa: F811
    """The answer's own page, and an answer shown again after a thumb, can be read aloud too."""
    page = _speaking_page(browser, outside, '[{"lang": "nl-BE", "name": "Vlaams"}]')
    page.goto(base_url + path)
    page.locator("[data-read-aloud]").click()
    (spoken, lang, voice), = page.evaluate("window.spoken")
    assert spoken.startswith(page.locator(f"{text} p").first.inner_text()) and (lang, voice) == ("nl", "nl-BE")
    assert not page.js_errors and not outside
    page.context.close()


@pytest.mark.parametrize("voices", ("[]", '[{"lang": "en-GB", "name": "English"}]'))
def test_no_read_aloud_button_without_a_voice_for_the_language(browser, outside, base_url, voices):  # noqa: F811
    page = _speaking_page(browser, outside, voices)
    page.goto(f"{base_url}/nl/")
    _ask(page, "wat is dupixent")
    page.wait_for_selector("[role=log] .message-bot")
    assert page.locator("[data-read-aloud]").count() == 0
    assert not page.js_errors and not outside
    page.context.close()


def test_reading_aloud_stops_when_the_kiosk_starts_again(browser, outside, base_url):  # noqa: F811
    page = _speaking_page(browser, outside, '[{"lang": "en-US", "name": "English"}]')
    page.clock.install()
    page.goto(f"{base_url}/en/kiosk")
    _tap_first_suggestion(page)
    page.locator("[data-read-aloud]").click()
    assert len(page.evaluate("window.spoken")) == 1
    page.evaluate("sessionStorage.removeItem('cancelled')")
    page.clock.run_for((IDLE + 1) * 1000)
    with page.expect_navigation():
        page.clock.run_for(30_000)
    assert page.url == f"{base_url}/kiosk"
    assert page.evaluate("sessionStorage.getItem('cancelled')") is not None
    assert not page.js_errors and not outside
    page.context.close()


# --- 3. trust cues --------------------------------------------------------------------------------------
@pytest.mark.parametrize("javascript", (True, False), ids=("js", "no-js"))
@pytest.mark.parametrize("screen", (PHONE, DESKTOP), ids=("phone", "desktop"))
def test_chat_answer_says_who_checked_it_and_when(browser, outside, base_url, javascript, screen):  # noqa: F811
    page = _new_page(browser, outside, java_script_enabled=javascript, viewport=screen)
    page.goto(f"{base_url}/nl/")
    assert all(brand in page.locator("[role=log] .intro").inner_text() for brand in BRANDS)
    assert _font_px(page.locator("[role=log] .intro p").first) == 18
    _ask_and_wait(page, "wat is dupixent", javascript)
    from bot import engine
    reviewed = engine().content.answer("nl", "dupilumab", "about").reviewed
    months = ("januari februari maart april mei juni juli augustus september oktober november december").split()
    line = page.locator("[role=log] .message-bot .reviewed-by").inner_text()
    assert line == (f"Geschreven en gecontroleerd door het medicijninformatieteam van de kliniek. "
                    f"Voor het laatst nagekeken op {reviewed.day} {months[reviewed.month - 1]} {reviewed.year}.")
    assert _font_px(page.locator("[role=log] .message-bot .message-text p").first) == 18
    assert page.locator(".message-user .who").inner_text() == "Uw vraag"
    _no_sideways_scroll(page)
    assert not outside
    page.context.close()


@pytest.mark.parametrize("path, privacy", [("/nl/", "/nl/privacy"), ("/en/medicines", "/en/privacy"),
                                           ("/en/dupilumab/risks", "/en/privacy"), ("/nl/kiosk", "/nl/kiosk/privacy"),
                                           ("/en/embed", "/en/privacy"), ("/nl/privacy", "/nl/privacy")])
def test_every_surface_links_to_the_privacy_page(page, base_url, path, privacy):
    page.goto(base_url + path)
    link = page.locator("footer a", has_text=re.compile("Privacy"))
    assert link.get_attribute("href") == privacy
    page.goto(base_url + privacy)
    assert page.locator("h1").inner_text().startswith("Privacy")
    assert "IP" in page.locator("main").inner_text()


# --- 4. without JavaScript the conversation carries on -----------------------------------------------------
@pytest.mark.parametrize("javascript", (True, False), ids=("js", "no-js"))
@pytest.mark.parametrize("surface", ("", "kiosk"))
def test_the_language_switch_carries_the_conversation(browser, outside, base_url, javascript, surface):  # noqa: F811
    page = _new_page(browser, outside, java_script_enabled=javascript)
    page.goto(f"{base_url}/nl/{surface}")
    _ask_and_wait(page, "wat is olumiant", javascript)
    page.click("a[hreflang=en]")
    assert urlsplit(page.url).path == f"/en/{surface}"
    carried = parse_qs(urlsplit(page.url).query)["context"][0]
    assert '"medicine":"baricitinib"' in carried and "olumiant" not in carried.lower()  # ids, not words
    _ask_and_wait(page, "and the side effects?", javascript)
    answer = page.locator("[role=log] .message-bot").last
    assert answer.get_attribute("lang") == "en"
    assert answer.locator("input[name=answer_id]").input_value() == "baricitinib/risks"
    assert not outside
    page.context.close()


# --- 5. the details -------------------------------------------------------------------------------------
def test_kiosk_idle_dialog_is_a_real_modal(page, base_url):
    axe = pytest.importorskip("axe_playwright_python.sync_playwright", reason="axe-playwright-python not installed")
    page.clock.install()
    page.set_viewport_size(PORTRAIT)
    page.goto(f"{base_url}/nl/kiosk")
    _tap_first_suggestion(page)
    page.clock.run_for((IDLE + 1) * 1000)
    assert page.locator("#idle-warning").is_visible()
    for _ in range(3):  # Tab and Shift+Tab stay in the dialog
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.hasAttribute('data-continue')")
        page.keyboard.press("Shift+Tab")
        assert page.evaluate("document.activeElement.hasAttribute('data-continue')")
    assert page.evaluate("document.getElementById('main').inert")  # nothing behind it can be reached
    still(page)
    violations = axe.Axe().run(page).response["violations"]
    assert not violations, [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    page.keyboard.press("Escape")  # Escape continues
    assert page.locator("#idle-warning").is_hidden()
    assert not page.evaluate("document.getElementById('main').inert")
    assert page.locator("[role=log] .message-bot").count() == 1


@pytest.mark.parametrize("surface", ("", "kiosk"))
def test_a_busy_indicator_is_announced_while_waiting(page, base_url, surface):
    held = []
    page.route("**/api/ask", lambda route: held.append(route))
    page.goto(f"{base_url}/en/{surface}")
    busy = page.locator("[data-busy]")
    assert busy.get_attribute("role") == "status" and busy.inner_text() == ""
    _ask(page, "what is dupixent")
    page.locator("[data-busy] .busy-text").wait_for()
    assert busy.inner_text() == "One moment, looking up the answer ..."
    while not held:
        page.wait_for_timeout(50)
    held[0].continue_()
    page.wait_for_selector("[role=log] .message-bot")
    assert busy.inner_text() == ""


@pytest.mark.parametrize("surface", ("", "kiosk", "embed"))
def test_nothing_wraps_or_scrolls_sideways_at_320_px(page, base_url, surface):
    page.set_viewport_size(NARROW)
    page.goto(f"{base_url}/nl/{surface}")
    _ask(page, "wat is dupixent")
    page.wait_for_selector("[role=log] .message-bot form.feedback")
    for button in page.locator("form.feedback button, form[data-ask-form] button, .kiosk-header a").all():
        lines = button.evaluate("""b => { const tops = new Set();
            for (const node of b.childNodes) {
              if (node.nodeType !== Node.TEXT_NODE || !node.textContent.trim()) continue;
              const r = document.createRange(); r.selectNodeContents(node);
              for (const rect of r.getClientRects()) if (rect.width) tops.add(Math.round(rect.top));
            }
            return tops.size; }""")
        assert lines == 1, button.inner_text()
    _no_sideways_scroll(page)


def test_favicon_and_unique_names_of_the_answer_links(page, base_url):
    icon = page.request.get(f"{base_url}/favicon.ico")
    assert icon.status == 200 and icon.headers["content-type"].startswith("image/svg+xml")
    page.goto(f"{base_url}/en/")
    assert page.request.get(base_url + page.locator("link[rel=icon]").get_attribute("href")).status == 200
    _ask(page, "what is dupixent")
    page.wait_for_selector("[role=log] .message-bot")
    _ask(page, "and the side effects?")
    page.wait_for_selector("[role=log] .message-bot >> nth=1")
    links = page.locator(".answer-link a")
    names = [links.nth(i).get_attribute("aria-label") for i in range(2)]
    assert names[0] != names[1] and all(n.startswith(links.nth(0).inner_text() + ": ") for n in names)
    assert page.get_by_role("link", name=names[1], exact=True).count() == 1


# --- 6. the embed on another site, with its one-line script ----------------------------------------------
@pytest.fixture(scope="module")
def host_sites():
    """Two other local sites (other ports, so other origins) with a page that carries the embed's one-line
    script between two long paragraphs; only the first may frame the embed."""
    page = {}
    servers, origins = zip(*(host_site(lambda: page["html"]) for _ in range(2)))
    from bot.web import create_app
    app = create_app({"FRAME_ANCESTORS": f"'self' {origins[0]}", "RATELIMIT_QUESTIONS": "10000 per minute"})
    bot, thread = _serve(app)
    bot_url = f"http://127.0.0.1:{bot.effective_port}"
    filler = "<p>" + "The clinic's own text. " * 80 + "</p>"
    page["html"] = (f'<!doctype html><html lang="nl"><title>Kliniek</title><h1>Kliniek</h1>{filler}'
                    f'<script src="{bot_url}/nl/embed.js" defer></script>{filler}</html>')
    yield {"allowed": origins[0], "refused": origins[1], "bot": bot_url}
    bot.close()
    thread.join(timeout=5)
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("screen", (PHONE, DESKTOP), ids=("phone", "desktop"))
def test_the_embed_script_sizes_the_frame_to_its_content(page, host_sites, screen):
    page.set_viewport_size(screen)
    page.goto(host_sites["allowed"] + "/")
    frame_element = page.locator("iframe[data-medicine-information]")
    frame_element.wait_for()
    assert frame_element.get_attribute("src") == host_sites["bot"] + "/nl/embed"

    def fits():
        """Whether the frame is as tall as its content: nothing to scroll inside it."""
        for _ in range(50):
            inner = frame_element.content_frame.locator("body").evaluate(
                "b => [Math.ceil(b.getBoundingClientRect().height), window.innerHeight]")
            if abs(inner[0] - inner[1]) <= 2:
                return inner[1]
            page.wait_for_timeout(100)
        raise AssertionError(f"the frame is {inner[1]} px tall, its content {inner[0]} px")

    before = fits()
    frame = page.frame_locator("iframe[data-medicine-information]")
    frame.locator("#q").fill("wat zijn de bijwerkingen van dupixent")
    frame.locator("#q").press("Enter")
    frame.locator("[role=log] .message-bot").wait_for()
    assert fits() > before + 200  # it grew with the answer
    assert page.locator("[data-medicine-information=unavailable]").count() == 0


def test_the_embed_script_explains_a_frame_the_browser_refuses(browser, outside, host_sites):  # noqa: F811
    page = _new_page(browser, outside)
    page.clock.install()
    page.goto(host_sites["refused"] + "/")
    page.clock.run_for(10_000)
    note = page.locator("[data-medicine-information=unavailable]")
    assert note.inner_text() == "De medicijninformatie kan op deze pagina niet worden getoond. Open het in een nieuw venster"
    assert note.get_attribute("role") == "status"
    assert note.locator("a").get_attribute("href") == host_sites["bot"] + "/nl/"
    assert page.locator("iframe").count() == 0
    assert all("frame" in error for error in page.js_errors), page.js_errors  # only the browser's own refusal
    assert not outside
    page.context.close()


# --- 7. /admin in the page's language, reflowing at 320 px ------------------------------------------------
@pytest.fixture(scope="module")
def admin_url(tmp_path_factory):
    from bot.web import create_app
    database = tmp_path_factory.mktemp("figures") / "bot.sqlite"
    app = create_app({"DATABASE_URL": f"sqlite:///{database}", "ADMIN_PASSWORD": "curators only, please",
                      "RATELIMIT_QUESTIONS": "10000 per minute"})
    server, thread = _serve(app)
    url = f"http://127.0.0.1:{server.effective_port}"
    client = app.test_client()
    for question in ("wat is dupixent", "wat is humira", "ik wil dood"):
        client.post("/nl/kiosk", data={"q": question})
    app.extensions["usage"].flush()
    yield url
    server.close()
    thread.join(timeout=5)
    app.extensions["usage"].close()


@pytest.mark.parametrize("screen", (NARROW, DESKTOP), ids=("320px", "desktop"))
def test_admin_speaks_dutch_and_reflows(browser, outside, admin_url, screen):  # noqa: F811
    axe = pytest.importorskip("axe_playwright_python.sync_playwright", reason="axe-playwright-python not installed")
    page = _new_page(browser, outside, viewport=screen,
                     http_credentials={"username": "curator", "password": "curators only, please"})
    page.goto(f"{admin_url}/nl/admin?days=7")
    kinds = page.locator("section[aria-labelledby=by-kind] table").first.locator("tbody th").all_inner_texts()
    assert set(kinds) == {"Antwoord uit onze teksten", "Onbekend medicijn", "Crisis (113)"}
    surfaces = page.locator("section[aria-labelledby=by-kind] table").nth(1).locator("tbody th").all_inner_texts()
    assert surfaces == ["Zuil in de wachtkamer"]
    heads = page.locator("table.coverage thead th").all_inner_texts()
    assert "de bijwerkingen" in heads and "risks" not in heads
    _no_sideways_scroll(page)
    violations = axe.Axe().run(page).response["violations"]
    assert not violations, [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    assert not page.js_errors and not outside
    page.context.close()


# --- 8. axe on the new pages and screens ----------------------------------------------------------------
@pytest.mark.parametrize("path, screen", [("/nl/kiosk", LANDSCAPE), ("/en/kiosk", PORTRAIT), ("/nl/privacy", PHONE),
                                          ("/en/kiosk/privacy", PORTRAIT), ("/nl/", PHONE)])
def test_accessibility_of_the_new_screens(page, base_url, path, screen):
    axe = pytest.importorskip("axe_playwright_python.sync_playwright", reason="axe-playwright-python not installed")
    page.set_viewport_size(screen)
    page.goto(base_url + path)
    if "privacy" not in path:
        _ask(page, "mijn keel zwelt op en ik kan niet ademen")
        page.wait_for_selector("[role=log] [role=alert]")
        _ask(page, "wat is dupixent")
        page.wait_for_selector("[role=log] .message-bot >> nth=1")
    still(page)
    violations = axe.Axe().run(page).response["violations"]
    assert not violations, [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in violations]


# --- issue 13: the lead first, the rest one tap away ---------------------------------------------------------
@pytest.mark.parametrize("javascript", (True, False), ids=("js", "no-js"))
@pytest.mark.parametrize("surface, screen", [("", PHONE), ("kiosk", PORTRAIT), ("embed", DESKTOP)],
                         ids=("chat", "kiosk", "embed"))
def test_an_answer_shows_its_lead_first_and_the_rest_one_tap_away(browser, outside, base_url, surface, screen,  # noqa: F811
                                                                   javascript):
    from bot import engine
    answer = engine().content.answer("nl", "dupilumab", "risks")
    page = _new_page(browser, outside, java_script_enabled=javascript, viewport=screen)
    page.goto(f"{base_url}/nl/{surface}")
    _ask_and_wait(page, "wat zijn de bijwerkingen van dupixent", javascript)
    reply = page.locator("[role=log] .message-bot").last
    assert reply.locator(".message-text.lead").inner_text().startswith(answer.lead.split("\n")[0][:40])
    framing = reply.locator(".message-text.framing")
    assert framing.is_visible() and "geen persoonlijk advies" in framing.inner_text()   # never one tap away
    rest = reply.locator("details.read-more .message-text")
    first_line = answer.text.strip().split("\n")[0]
    assert not rest.is_visible()
    summary = reply.locator("details.read-more > summary")
    still(page)
    assert summary.inner_text() == "Lees meer"
    assert summary.bounding_box()["height"] >= (56 if surface == "kiosk" else 44) - 0.5   # (sub-pixel rounding)
    summary.click()
    assert rest.is_visible() and first_line in rest.inner_text()
    assert not outside
    page.context.close()


def test_replies_without_a_lead_are_shown_whole_and_axe_passes_on_the_open_read_more(page, base_url):
    axe = pytest.importorskip("axe_playwright_python.sync_playwright", reason="axe-playwright-python not installed")
    page.goto(f"{base_url}/en/")
    _ask_and_wait(page, "should I stop taking olumiant", True)          # personal: no lead, shown whole
    assert page.locator("[role=log] .message-bot details").count() == 0
    _ask_and_wait(page, "what are the side effects of rinvoq", True)
    page.locator("[role=log] .message-bot details.read-more > summary").last.click()
    still(page)
    violations = axe.Axe().run(page).response["violations"]
    assert not violations, [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
