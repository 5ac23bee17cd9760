"""Without Debian's chromium the browser tests skip with the reason, unless CI requires them."""

import pytest

from tests.browser import conftest


@pytest.fixture
def no_chromium(monkeypatch, tmp_path):
    monkeypatch.setattr(conftest, "CHROMIUM", tmp_path / "chromium")


def test_it_skips_with_the_install_command_when_chromium_is_missing(no_chromium, monkeypatch):
    monkeypatch.delenv("MENTORMESH_REQUIRE_BROWSER", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"apt-get install chromium"):
        conftest.require_chromium()


def test_it_fails_instead_when_the_browser_is_required(no_chromium, monkeypatch):
    monkeypatch.setenv("MENTORMESH_REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception, match=r"MENTORMESH_REQUIRE_BROWSER=1"):
        conftest.require_chromium()
