"""The app serves its own stylesheet, script, pictures and htmx: no CDN, no build step."""

import re

import pytest


@pytest.mark.parametrize(
    "path",
    [
        "/static/mentormesh/css/mentormesh.css",
        "/static/mentormesh/js/mentormesh.js",
        "/static/mentormesh/img/logo.svg",
        "/static/mentormesh/img/avatar.png",
        "/static/mentormesh/img/header.png",
    ],
)
def test_it_serves_its_own_static_files(client, path):
    assert client.get(path).status_code == 200


def test_it_serves_every_asset_a_page_links_to(client, db):
    page = client.get("/").content.decode()
    assets = re.findall(r'(?:src|href)="(/static/[^"]+)"', page)
    assert any("htmx" in asset for asset in assets)
    for asset in assets:
        assert client.get(asset).status_code == 200, asset
