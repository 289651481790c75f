"""Settings from `BOT_*` environment variables, read as the type of each default and checked at start-up: text
stays text, a wrong value stops the start with a line naming the setting, and all problems come at once."""
import pytest

from bot.web import create_app
from bot.web.settings import SettingsError, frame_ancestors, read


@pytest.mark.parametrize("raw, default, expected", [
    ("true", "", "true"), ("0", "", "0"), ("null", "", "null"), ('["a"]', "", '["a"]'),   # text stays text
    ("true", False, True), ("On", False, True), ("no", True, False), ("0", True, False), ("", True, False),
    ("45", 0, 45), (" 7 ", 0, 7),
    ('["192.0.2.1", "10.0.0.0/8"]', (), ["192.0.2.1", "10.0.0.0/8"]),
    ("a.org, b.org c.org", (), ["a.org", "b.org", "c.org"]),
    ("true", None, True), ("plain words", None, "plain words"),   # Flask's own settings, read as Flask reads them
])
def test_each_value_is_read_as_the_type_of_its_default(raw, default, expected):
    assert read(raw, default) == expected


@pytest.mark.parametrize("raw, default", [("maybe", False), ("4.5", 0), ("soon", 0), ("[1, 2]", ()), ("[oops", ())])
def test_a_value_of_the_wrong_type_is_refused(raw, default):
    with pytest.raises(ValueError):
        read(raw, default)


def test_the_admin_password_is_text_and_long_enough(monkeypatch):
    monkeypatch.setenv("BOT_ADMIN_PASSWORD", "123456789012")  # digits, read as JSON this would be a number
    assert create_app({"TESTING": True}).config["ADMIN_PASSWORD"] == "123456789012"
    for short in ("true", "0", "short pass"):
        monkeypatch.setenv("BOT_ADMIN_PASSWORD", short)
        with pytest.raises(SettingsError, match="BOT_ADMIN_PASSWORD: use at least 12 characters") as refused:
            create_app({"TESTING": True})
        assert short not in str(refused.value)  # a password is never printed


@pytest.mark.parametrize("value, expected", [
    ("'self'", "'self'"), ("'self' https://www.vmce.nl", "'self' https://www.vmce.nl"),
    ("'self', https://www.vmce.nl/", "'self' https://www.vmce.nl"), ('["https://*.vmce.nl"]', "https://*.vmce.nl"),
    ("http://127.0.0.1:8000", "http://127.0.0.1:8000"), ("'none'", "'none'"),
    ("'self'\nhttps://www.vmce.nl", "'self' https://www.vmce.nl"),   # a line break only separates
])
def test_frame_ancestors_are_a_list_of_origins(value, expected):
    assert frame_ancestors(value) == expected


@pytest.mark.parametrize("value", ["'self'; script-src *", "https://x.org;", "*", "https://", "javascript:alert(1)",
                                   "https://a..b", "'unsafe-inline'", "", "https://x.org/path", "'none' 'self'",
                                   "https://x.org:99999", "ftp://x.org", "'self' https://x.org\r\nX-Evil: 1"])
def test_anything_else_in_frame_ancestors_stops_the_start(value):
    with pytest.raises(SettingsError, match="BOT_FRAME_ANCESTORS"):
        create_app({"TESTING": True, "FRAME_ANCESTORS": value})


def test_frame_ancestors_from_the_environment_reach_the_embed_checked(monkeypatch):
    monkeypatch.setenv("BOT_FRAME_ANCESTORS", "'self', https://www.vmce.nl")
    response = create_app({"TESTING": True}).test_client().get("/embed")
    assert response.headers["Content-Security-Policy"].endswith("frame-ancestors 'self' https://www.vmce.nl")


@pytest.mark.parametrize("config, name", [
    ({"PUBLIC_BASE_URL": "bot.example.org"}, "BOT_PUBLIC_BASE_URL"),
    ({"PUBLIC_BASE_URL": "https://a..b/"}, "BOT_PUBLIC_BASE_URL"),
    ({"PUBLIC_BASE_URL": "https://bot.example.org/?x=1"}, "BOT_PUBLIC_BASE_URL"),
    ({"ALLOWED_HOSTS": ["bot.example.org:443"]}, "BOT_ALLOWED_HOSTS"),
    ({"ALLOWED_HOSTS": "https://bot.example.org"}, "BOT_ALLOWED_HOSTS"),
    ({"KIOSK_IDLE_SECONDS": 0}, "BOT_KIOSK_IDLE_SECONDS"),
    ({"PROXY_FIX_HOPS": -1}, "BOT_PROXY_FIX_HOPS"),
    ({"MAX_QUESTION_CHARS": "2000"}, "BOT_MAX_QUESTION_CHARS"),
    ({"KEEP_UNANSWERED_QUESTIONS": "false"}, "BOT_KEEP_UNANSWERED_QUESTIONS"),
    ({"DEFAULT_LANG": "de"}, "BOT_DEFAULT_LANG"),
    ({"DATABASE_URL": "not a url"}, "BOT_DATABASE_URL"),
    ({"ADMIN_LOGIN_ATTEMPTS": "often"}, "BOT_ADMIN_LOGIN_ATTEMPTS"),
])
def test_a_wrong_setting_stops_the_start_naming_it(config, name):
    with pytest.raises(SettingsError) as refused:
        create_app({"TESTING": True, **config})
    assert [line.split(":")[0] for line in refused.value.problems] == [name]


def test_every_problem_is_listed_at_once(monkeypatch):
    monkeypatch.setenv("BOT_KIOSK_IDLE_SECONDS", "soon")
    monkeypatch.setenv("BOT_KEEP_UNANSWERED_QUESTIONS", "perhaps")
    with pytest.raises(SettingsError) as refused:
        create_app({"TESTING": True, "FRAME_ANCESTORS": "*", "ADMIN_PASSWORD": "short"})
    assert sorted(line.split(":")[0] for line in refused.value.problems) == [
        "BOT_ADMIN_PASSWORD", "BOT_FRAME_ANCESTORS", "BOT_KEEP_UNANSWERED_QUESTIONS", "BOT_KIOSK_IDLE_SECONDS"]


def test_good_settings_in_their_normal_form(monkeypatch):
    monkeypatch.setenv("BOT_ALLOWED_HOSTS", "Bot.Example.org, www.example.org")
    monkeypatch.setenv("BOT_PUBLIC_BASE_URL", "https://bot.example.org")
    monkeypatch.setenv("BOT_KEEP_UNANSWERED_QUESTIONS", "yes")
    config = create_app({"TESTING": True}).config
    assert config["ALLOWED_HOSTS"] == ("bot.example.org", "www.example.org")
    assert config["PUBLIC_BASE_URL"] == "https://bot.example.org/"
    assert config["KEEP_UNANSWERED_QUESTIONS"] is True
