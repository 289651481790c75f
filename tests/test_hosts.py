"""The Host header: only valid host names (and, when the clinic lists them, only its own) reach the app; the
addresses shown to patients come from BOT_PUBLIC_BASE_URL when it is set. The same over real sockets is in
tests/test_serve.py."""
import pytest

from bot.web import create_app
from bot.web.hosts import host_name


@pytest.mark.parametrize("host, name", [
    ("example.org", "example.org"), ("Bot.Example.ORG:8443", "bot.example.org"), ("localhost", "localhost"),
    ("127.0.0.1:8000", "127.0.0.1"), ("[::1]:8000", "[::1]"), ("[2001:db8::1]", "[2001:db8::1]"),
    ("example.org.", "example.org"), ("xn--bcher-kva.example", "xn--bcher-kva.example"),
    ("a" * 63 + ".nl", "a" * 63 + ".nl"),
    ("a..b", None), (".", None), ("", None), ("a" * 64 + ".nl", None), ("xn--a", None), ("-a.nl", None),
    ("a-.nl", None), ("ex_ample.nl", None), ("a b", None), ("é.nl", None), ("example.org:0", None),
    ("example.org:99999", None), ("example.org:", None), ("example.org:80:80", None), ("[::g]", None),
    ("[::1", None), ("1.2.3.999", None), ("user@example.org", None), ("example.org/path", None),
    ("\x00", None), ("a." * 130 + "nl", None),
])
def test_host_name(host, name):
    assert host_name(host) == name


# The test client cannot even send some junk ("xn--a", "."): tests/test_serve.py sends those over a socket.
@pytest.mark.parametrize("host", ["a..b", "a" * 64 + ".nl", "a b", "-a.nl"])
@pytest.mark.parametrize("path", ["/nl/", "/kiosk", "/", "/nope", "/en/admin", "/nl/dupilumab/risks/qr.svg"])
def test_a_junk_host_is_a_plain_400_on_every_page(client, host, path):
    response = client.get(path, headers={"Host": host})
    assert response.status_code == 400
    assert response.mimetype == "text/plain" and host not in response.get_data(as_text=True)


def test_a_junk_host_on_the_api_is_a_json_400(client):
    for method, path in (("GET", "/api/health"), ("POST", "/api/ask")):
        response = client.open(path, method=method, json={"question": "wat is dupixent"}, headers={"Host": "a..b"})
        assert response.status_code == 400 and response.get_json()["error"]


def test_with_allowed_hosts_only_those_and_the_machine_itself_are_answered():
    client = create_app({"TESTING": True, "ALLOWED_HOSTS": ("bot.example.org",)}).test_client()
    assert client.get("/nl/", headers={"Host": "evil.example"}).status_code == 400
    for host in ("bot.example.org", "BOT.example.org:443", "localhost:8000", "127.0.0.1", "[::1]:8000"):
        assert client.get("/api/health", headers={"Host": host}).status_code == 200, host


def test_the_qr_code_points_at_the_public_site_and_may_be_cached_by_anyone():
    client = create_app({"TESTING": True, "PUBLIC_BASE_URL": "https://bot.example.org"}).test_client()
    response = client.get("/nl/dupilumab/risks/qr.svg", headers={"Host": "evil.example"})
    svg = response.get_data(as_text=True)
    assert "https://bot.example.org/nl/dupilumab/risks" in svg and "evil.example" not in svg
    assert response.headers["Cache-Control"] == "max-age=3600"


def test_without_a_public_address_the_qr_code_is_not_for_shared_caches(client):
    response = client.get("/nl/dupilumab/risks/qr.svg", headers={"Host": "kiosk.local:8000"})
    assert "http://kiosk.local:8000/nl/dupilumab/risks" in response.get_data(as_text=True)
    assert "private" in response.headers["Cache-Control"]
