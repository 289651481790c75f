"""Start-up refuses broken content with a message naming the file, on every way the app is started:
`create_app()` (as gunicorn does) and `bot serve`. Nothing is served, so never half of the content."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import bot
from bot.content import DEFAULT_ROOT, ContentError
from bot.web import create_app

BROKEN_FILE = Path("en") / "dupilumab.toml"


@pytest.fixture
def broken_content(tmp_path, monkeypatch):
    """A copy of the shipped content with one file broken, chosen through BOT_CONTENT."""
    root = tmp_path / "content"
    shutil.copytree(DEFAULT_ROOT, root)
    (root / BROKEN_FILE).write_text("[risks\ntitle = 'unterminated\n", encoding="utf-8")
    monkeypatch.setenv("BOT_CONTENT", str(root))
    bot.engine.cache_clear()
    yield root
    bot.engine.cache_clear()  # the next test loads the shipped content again


def test_create_app_refuses_broken_content_naming_the_file(broken_content):
    with pytest.raises(ContentError) as refused:
        create_app({"TESTING": True})
    assert any("dupilumab.toml" in line for line in refused.value.problems)


def test_bot_serve_refuses_broken_content_and_listens_nowhere(broken_content):
    result = subprocess.run([sys.executable, "-m", "bot", "serve", "--port", "9"], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 1
    assert "dupilumab.toml" in result.stderr and "nothing is served" in result.stderr
    assert "Serving on" not in result.stdout and "Traceback" not in result.stderr
