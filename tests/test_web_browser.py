"""The web surfaces in a real browser: Debian's headless Chromium driven by Playwright.

Skipped when /usr/bin/chromium is not installed (`apt-get install -y chromium`); Playwright's own browser
download is never used. Every request the page makes is checked to stay on 127.0.0.1."""
import http.server
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason=f"{CHROMIUM} is missing: install Debian's chromium to run browser tests")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (test extras)")

from bot.web import create_app  # noqa: E402

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
IDLE = 3


def _serve(wsgi_app):
    import waitress.server
    server = waitress.server.create_server(wsgi_app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    return server, thread


def host_site(body):
    """Another local site (its own port, so its own origin) serving the HTML `body()` as every page;
    returns the server and its origin."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            data = body().encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="module")
def other_origin():
    """A second local site (another port, so another origin) that puts /embed in an iframe."""
    holder = {}
    server, holder["origin"] = host_site(
        lambda: f'<!doctype html><html lang="en"><title>Host</title><h1>Host site</h1>'
                f'<iframe title="Medicine information" src="{holder["embed"]}" width="600" height="700"></iframe></html>')
    yield holder
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def base_url(other_origin):
    """The app on waitress on 127.0.0.1, with a short kiosk idle time and the other origin allowed to frame;
    every test's questions come from 127.0.0.1, so the question limit is raised."""
    app = create_app({"KIOSK_IDLE_SECONDS": IDLE, "FRAME_ANCESTORS": f"'self' {other_origin['origin']}",
                      "RATELIMIT_QUESTIONS": "10000 per minute"})
    server, thread = _serve(app)
    url = f"http://127.0.0.1:{server.effective_port}"
    other_origin["embed"] = f"{url}/en/embed"
    yield url
    server.close()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def outside():
    """Requests that tried to leave the machine (each one is blocked)."""
    return []


def _new_page(browser, outside, **options):
    context = browser.new_context(**options)

    def guard(route):
        if urlsplit(route.request.url).hostname != "127.0.0.1":
            outside.append(route.request.url)
            route.abort()
        else:
            route.continue_()
    context.route("**/*", guard)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.js_errors = errors
    return page


def scrolled(page):
    """Wait until the page stands still (scrolling may be smooth)."""
    last = None
    for _ in range(50):
        now = page.evaluate("window.scrollY")
        if now == last:
            return
        last = now
        page.wait_for_timeout(100)


def still(page):
    """Wait until the page stands still: no scrolling (it may be smooth) and no fade-in running, so that what
    is measured (positions, colours) is what the patient ends up seeing."""
    scrolled(page)
    for _ in range(50):
        if page.evaluate("document.getAnimations().every(a => a.playState !== 'running')"):
            return
        page.wait_for_timeout(50)


@pytest.fixture
def page(browser, outside):
    page = _new_page(browser, outside)
    yield page
    assert not outside, outside
    assert not page.js_errors, page.js_errors  # includes CSP violations
    page.context.close()


def test_ask_and_follow_up_with_javascript(page, base_url):
    page.goto(f"{base_url}/nl/")
    page.evaluate("window.notReloaded = true")
    page.fill("#q", "wat is dupixent")
    page.press("#q", "Enter")
    page.wait_for_selector("[role=log] .message-bot")
    assert page.evaluate("window.notReloaded") is True
    assert page.evaluate("document.activeElement.id") == "q"
    assert page.input_value("#q") == ""
    assert page.locator("[role=log] .message-user .message-text").inner_text() == "wat is dupixent"
    # Follow-up by typing; the context travels in the hidden field.
    page.fill("#q", "en de bijwerkingen?")
    page.click("form[data-ask-form] button[type=submit]")
    page.wait_for_selector("[role=log] .message-bot >> nth=1")
    last = page.locator("[role=log] .message-bot").nth(1)
    assert last.locator(".answer-link a").get_attribute("href") == "/nl/dupilumab/risks"
    assert last.get_attribute("lang") == "nl"
    # Follow-up by tapping a suggestion button.
    page.locator("form.suggestions button").first.click()
    page.wait_for_selector("[role=log] .message-bot >> nth=2")
    assert page.evaluate("document.activeElement.id") == "q"


def test_emergency_with_javascript(page, base_url):
    page.goto(f"{base_url}/en/")
    page.fill("#q", "my throat is swelling and I cannot breathe")
    page.press("#q", "Enter")
    alert = page.wait_for_selector("[role=log] [role=alert]")
    assert alert.query_selector(".call-block a").get_attribute("href") == "tel:112"


def test_ask_and_follow_up_without_javascript(browser, outside, base_url):
    page = _new_page(browser, outside, java_script_enabled=False)
    page.goto(f"{base_url}/en/")
    page.fill("#q", "what is olumiant")
    with page.expect_navigation():
        page.press("#q", "Enter")
    assert page.locator("[role=log] .message-bot").get_attribute("lang") == "en"
    page.fill("#q", "and the side effects?")
    with page.expect_navigation():
        page.click("form[data-ask-form] button[type=submit]")
    assert page.locator(".answer-link a").get_attribute("href") == "/en/baricitinib/risks"
    assert not outside
    page.context.close()


def test_kiosk_idle_warning_and_reset(page, base_url):
    page.clock.install()
    page.goto(f"{base_url}/en/kiosk")
    page.locator("form.suggestions button").first.click()
    page.wait_for_selector("[role=log] .message-bot")
    warning = page.locator("#idle-warning")
    assert warning.is_hidden()
    page.clock.run_for((IDLE + 1) * 1000)
    assert warning.is_visible()
    assert page.evaluate("document.activeElement.hasAttribute('data-continue')")
    countdown = int(page.locator("[data-countdown]").inner_text())
    assert countdown >= 20
    page.click("[data-continue]")
    assert warning.is_hidden()
    assert page.locator("[role=log] .message-bot").count() == 1  # continuing keeps the conversation
    page.clock.run_for((IDLE + 1) * 1000)
    assert warning.is_visible()
    with page.expect_navigation():
        page.clock.run_for(30_000)
    assert page.url == f"{base_url}/kiosk"
    page.wait_for_selector("[role=log] .intro")
    assert page.locator("[role=log] .message").count() == 0


def test_kiosk_answer_shows_a_qr_code_with_javascript(page, base_url):
    page.goto(f"{base_url}/en/kiosk")
    page.locator("form.suggestions button").first.click()
    qr = page.wait_for_selector("[role=log] .message-bot .take-home img.qr")
    for _ in range(50):  # wait_for_function would need 'unsafe-eval', which the page's CSP rightly refuses
        if qr.evaluate("img => img.complete"):
            break
        page.wait_for_timeout(100)
    assert qr.evaluate("img => img.naturalWidth") > 0
    assert qr.get_attribute("alt")


def test_embed_inside_an_iframe_of_another_origin(page, base_url, other_origin):
    page.goto(other_origin["origin"] + "/")
    frame = page.frame_locator("iframe")
    frame.locator("#q").fill("what is rinvoq")
    frame.locator("#q").press("Enter")
    frame.locator("[role=log] .message-bot").wait_for()
    link = frame.locator(".answer-link a")
    assert link.get_attribute("href") == "/en/upadacitinib/about"
    assert link.get_attribute("target") == "_blank"


@pytest.mark.parametrize("path", ("/nl/", "/en/kiosk", "/nl/embed", "/en/dupilumab/risks", "/nl/medicines"))
def test_pages_load_without_errors_and_keyboard_reaches_the_skip_link(page, base_url, path):
    page.goto(base_url + path)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


@pytest.mark.parametrize("lang", ("nl", "en"))
@pytest.mark.parametrize("path", ("", "kiosk", "embed", "dupilumab/risks", "medicines"))
def test_accessibility_scan_finds_no_violations(page, base_url, lang, path):
    """axe-core (bundled with axe-playwright-python, nothing downloaded) on each surface, with a reply shown."""
    axe = pytest.importorskip("axe_playwright_python.sync_playwright", reason="axe-playwright-python not installed")
    page.goto(f"{base_url}/{lang}/{path}")
    if path in ("", "kiosk", "embed"):
        page.fill("#q", "wat is dupixent" if lang == "nl" else "what is dupixent")
        page.press("#q", "Enter")
        page.wait_for_selector("[role=log] .message-bot")
    still(page)
    results = axe.Axe().run(page)
    violations = results.response["violations"]
    assert not violations, [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in violations]


SCREENS = {"chat": {"width": 800, "height": 1000}, "chat-phone": {"width": 390, "height": 844},
           "kiosk": {"width": 1080, "height": 1920}, "kiosk-landscape": {"width": 1920, "height": 1080},
           "embed": {"width": 800, "height": 1000}}


@pytest.mark.parametrize("lang", ("nl", "en"))
@pytest.mark.parametrize("shot", tuple(SCREENS))
def test_screenshots(page, base_url, lang, shot, tmp_path, request):
    """Screenshots of each surface with one answer shown (the kiosk as its screen shows it, the others whole);
    kept in $BOT_SCREENSHOTS when that is set (the README shows them)."""
    import os
    folder = Path(os.environ.get("BOT_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    surface = shot.split("-")[0]
    page.set_viewport_size(SCREENS[shot])
    page.goto(f"{base_url}/{lang}/{'' if surface == 'chat' else surface}")
    page.fill("#q", "wat is dupixent" if lang == "nl" else "what is dupixent")
    page.press("#q", "Enter")
    page.wait_for_selector("[role=log] .message-bot .feedback")
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_timeout(300)  # the answer's short fade-in
    target = folder / f"{shot}-{lang}.png"
    page.screenshot(path=str(target), full_page=surface != "kiosk")
    assert target.stat().st_size > 10_000
