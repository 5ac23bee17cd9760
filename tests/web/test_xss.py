"""Whatever members type is shown as text, never run as code."""

import pytest

from mentormesh.accounts.actions import do_update_profile

SCRIPT = "<script>alert('owned')</script>"


@pytest.fixture
def mallory(alice):
    do_update_profile(
        alice.profile,
        {
            "display_name": f"Al{SCRIPT}",
            "headline": "<img src=x onerror=alert(1)>",
            "bio": f"Hi {SCRIPT}",
        },
    )
    return alice


@pytest.mark.parametrize("url", ["/@alice/", "/members/", "/tracks/pr/"])
def test_it_renders_member_text_inert(client, mallory, url):
    page = client.get(url).content.decode()
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(&#x27;owned&#x27;)&lt;/script&gt;" in page


def test_it_renders_a_script_in_the_bio_as_text(client, mallory):
    page = client.get("/@alice/").content.decode()
    assert "<p>Hi &lt;script&gt;alert('owned')&lt;/script&gt;</p>" in page


def test_it_escapes_the_title_too(client, mallory):
    page = client.get("/@alice/").content.decode()
    assert "<title>Al&lt;script&gt;" in page
