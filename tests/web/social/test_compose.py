"""The compose box: every option, errors next to the fields, nothing stored on bad input."""

from __future__ import annotations

import pytest

from mentormesh.community.models import Track
from mentormesh.social.models import Status
from tests.web.social.conftest import HTMX, client_for

SCRIPT = "<script>alert('owned')</script>"


def test_it_posts_with_every_option(alice):
    pr, dev = Track.objects.get(slug="pr"), Track.objects.get(slug="development")
    response = client_for(alice).post(
        "/compose/",
        {
            "text": "How do you *pitch* a podcast?",
            "spoiler_text": "Long question",
            "visibility": "unlisted",
            "language": "en",
            "tracks": [pr.pk, dev.pk],
            "is_question": "on",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/home/"
    post = Status.objects.get()
    assert post.content_html == "<p>How do you <em>pitch</em> a podcast?</p>"
    assert (post.spoiler_text, post.visibility, post.language, post.is_question) == (
        "Long question",
        "unlisted",
        "en",
        True,
    )
    assert set(post.tracks.values_list("slug", flat=True)) == {"pr", "development"}


def test_it_answers_htmx_with_a_fresh_box_and_the_new_card(alice):
    response = client_for(alice).post("/compose/", {"text": "Fresh off the press"}, headers=HTMX)
    page = response.content.decode()
    post = Status.objects.get()
    assert 'id="compose"' in page
    assert "Posted." in page
    assert 'hx-swap-oob="afterbegin:#timeline"' in page
    assert f'id="status-{post.pk}"' in page
    assert "Fresh off the press" in page


def test_it_shows_the_compose_page_without_javascript(alice):
    page = client_for(alice).get("/compose/").content.decode()
    assert 'action="/compose/"' in page
    assert "hx-post" not in page.split('id="compose"')[1].split(">")[0]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "A post needs some text."),
        ("   \n ", "A post needs some text."),
        ("x" * 501, "A post can be at most 500 characters; this one has 501."),
    ],
    ids=["empty", "blank", "over-long"],
)
def test_it_refuses_an_empty_or_over_long_post_and_stores_nothing(alice, text, message):
    response = client_for(alice).post("/compose/", {"text": text, "visibility": "public"})
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert 'class="field field--textarea field--invalid"' in page
    assert not Status.objects.exists()


def test_it_keeps_the_draft_when_refusing_an_over_long_post(alice):
    draft = "y" * 600
    page = client_for(alice).post("/compose/", {"text": draft}, headers=HTMX).content.decode()
    assert draft in page
    assert 'id="compose"' in page
    assert not Status.objects.exists()


def test_it_follows_the_configured_length_limit(alice, settings):
    settings.MAX_POST_CHARS = 20
    client = client_for(alice)
    assert 'data-char-limit="20"' in client.get("/compose/").content.decode()
    page = client.post("/compose/", {"text": "x" * 21}).content.decode()
    assert "A post can be at most 20 characters; this one has 21." in page
    assert not Status.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("language", "english!!", "'english!!' is not a language code like 'en' or 'pt-BR'."),
        ("spoiler_text", "w" * 201, "A content warning can be at most 200 characters."),
    ],
)
def test_it_refuses_a_bad_language_or_content_warning_next_to_its_field(
    alice, field, value, message
):
    page = client_for(alice).post("/compose/", {"text": "Hi", field: value}).content.decode()
    assert message.replace("'", "&#x27;") in page
    assert f'id="id_{field}" aria-invalid="true"' in page or 'aria-invalid="true"' in page
    assert '<details class="compose__more" open>' in page
    assert not Status.objects.exists()


def test_it_refuses_an_unknown_visibility_or_track(alice):
    page = (
        client_for(alice)
        .post("/compose/", {"text": "Hi", "visibility": "everyone", "tracks": ["9999"]})
        .content.decode()
    )
    assert "Select a valid choice. everyone is not one of the available choices." in page
    assert "Select a valid choice. 9999 is not one of the available choices." in page
    assert not Status.objects.exists()


def test_it_renders_a_script_in_a_post_inert(client, alice):
    client_for(alice).post("/compose/", {"text": f"Look {SCRIPT}", "spoiler_text": SCRIPT})
    for url in ("/public/", "/@alice/", f"/@alice/{Status.objects.get().pk}/"):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page, url
        assert "&lt;script&gt;alert(" in page, url


def test_it_asks_visitors_to_log_in_before_composing(client, db):
    response = client.post("/compose/", {"text": "Hi"})
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
    assert not Status.objects.exists()


def test_it_sends_an_htmx_visitor_to_the_login_page_as_a_whole_page(client, db):
    response = client.post("/compose/", {"text": "Hi"}, headers=HTMX)
    assert response.status_code == 200
    assert response["HX-Redirect"].startswith("/login/")
