"""Every asset is served by the app itself, in production mode, with no collectstatic step."""

from django.test import override_settings


@override_settings(DEBUG=False)
def test_it_serves_packaged_static_files_itself(client):
    response = client.get("/static/mentormesh/img/avatar.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"


def test_it_serves_htmx_from_the_app(client):
    response = client.get("/static/django_htmx/htmx-2.min.js")
    assert response.status_code == 200
