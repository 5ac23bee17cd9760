"""What the server says about itself to Mastodon clients."""

from __future__ import annotations

import pytest

from mentormesh import __version__


@pytest.mark.parametrize("path", ["/api/v1/instance", "/api/v1/instance/"])
def test_it_describes_itself_as_a_mastodon_v1_instance(client, alice, bob, path, settings):
    settings.SITE_NAME = "PR Students"
    instance = client.get(path).json()
    assert instance["version"] == f"4.2.0 (compatible; mentormesh {__version__})"
    assert (instance["uri"], instance["title"]) == ("testserver", "PR Students")
    assert "PR Students" in instance["description"]
    assert instance["stats"] == {"user_count": 2, "status_count": 0, "domain_count": 1}
    assert (instance["registrations"], instance["approval_required"]) == (True, False)
    assert instance["thumbnail"] == "http://testserver/static/mentormesh/img/header.png"


@pytest.mark.parametrize("path", ["/api/v2/instance", "/api/v2/instance/"])
def test_it_describes_itself_as_a_mastodon_v2_instance(client, alice, path):
    instance = client.get(path).json()
    assert instance["version"].startswith("4.2.0 ")
    assert instance["domain"] == "testserver"
    assert instance["registrations"]["enabled"] is True
    assert instance["contact"]["email"]
    assert instance["thumbnail"]["url"].startswith("http://testserver/")


def test_it_counts_members_who_signed_in_this_month_as_active(client, alice, bob):
    client.force_login(alice)
    assert client.get("/api/v2/instance").json()["usage"]["users"]["active_month"] == 1
