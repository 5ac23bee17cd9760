"""Editing one's profile: fields, picture and skills, saved together or not at all."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mentormesh.accounts.models import Profile, ProfileSkill
from mentormesh.community.models import Track
from tests.web.conftest import logged_in, png_upload, profile_form_data, profile_state

EDIT = "/settings/profile/"


def refused(client, user, **changes: object) -> str:
    """Post a profile change that must fail: 200, the form again, the database untouched."""
    before = profile_state(user)
    response = logged_in(client, user).post(EDIT, profile_form_data(user, **changes))
    assert response.status_code == 200
    assert profile_state(user) == before
    page = response.content.decode()
    assert "Please fix the" in page
    return page


def test_it_asks_visitors_to_log_in(client, db):
    response = client.get(EDIT)
    assert response["Location"] == f"{reverse('login')}?next={EDIT}"


def test_it_shows_the_form_filled_with_the_current_profile(client, alice):
    page = logged_in(client, alice).get(EDIT).content.decode()
    assert 'value="PR lead, 20 years of media relations"' in page
    assert '<option value="GB" selected>United Kingdom</option>' in page
    assert 'name="offered__pr__media-relations"' in page
    assert '<option value="4" selected>expert</option>' in page
    assert 'enctype="multipart/form-data"' in page


def test_it_saves_fields_skills_and_avatar_together(client, erin):
    data = profile_form_data(
        erin,
        display_name="Erin Example",
        headline="Community manager in training",
        bio="Hello!\nI run a book club.",
        country="NZ",
        field="Publishing",
        career_start_year=2023,
        open_to_peer_exchange=True,
        open_to_welcoming=True,
        mentoring_capacity=0,
        **{
            "offered__community__onboarding": "2",
            "sought__pr__media-relations": "1",
            "sought__development__web-development": "1",
        },
    )
    data["avatar"] = png_upload()
    response = logged_in(client, erin).post(EDIT, data)
    assert response.status_code == 302
    assert response["Location"] == "/@erin/"
    profile = Profile.objects.get(user=erin)
    assert profile.display_name == "Erin Example"
    assert profile.country.code == "NZ"
    assert profile.career_start_year == 2023
    assert profile.open_to_welcoming
    assert sorted(profile.profile_skills.values_list("skill__slug", "kind", "level")) == [
        ("media-relations", "sought", 1),
        ("onboarding", "offered", 2),
        ("web-development", "sought", 1),
    ]
    assert profile.avatar.name.startswith("avatars/avatar")
    assert profile.avatar.name.endswith(".png")
    assert profile.avatar_url.startswith("/media/avatars/")


def test_it_removes_skills_set_back_to_nothing(client, alice):
    logged_in(client, alice).post(
        EDIT, profile_form_data(alice, **{"offered__pr__press-releases": ""})
    )
    assert list(
        ProfileSkill.objects.filter(profile=alice.profile).values_list("skill__slug", flat=True)
    ) == ["media-relations"]


def test_it_removes_the_avatar_when_asked(client, alice):
    logged_in(client, alice).post(EDIT, {**profile_form_data(alice), "avatar": png_upload()})
    assert profile_state(alice)[1]
    client.post(EDIT, profile_form_data(alice, remove_avatar=True))
    assert profile_state(alice)[1] == ""


def test_it_keeps_the_avatar_when_saving_without_a_new_one(client, alice):
    logged_in(client, alice).post(EDIT, {**profile_form_data(alice), "avatar": png_upload()})
    avatar = profile_state(alice)[1]
    client.post(EDIT, profile_form_data(alice, headline="New headline"))
    assert profile_state(alice)[1] == avatar


@pytest.mark.parametrize("year", ["1800", "3000"])
def test_it_refuses_an_impossible_career_year(client, alice, year):
    page = refused(client, alice, career_start_year=year, headline="Changed too")
    assert "The year your career started must be between 1950 and" in page


def test_it_refuses_an_unknown_country(client, alice):
    page = refused(client, alice, country="XX", headline="Changed too")
    assert "Select a valid choice. XX is not one of the available choices." in page


def test_it_refuses_an_unknown_skill_level(client, alice):
    page = refused(
        client, alice, **{"offered__pr__media-relations": "9", "headline": "Changed too"}
    )
    assert (
        "&#x27;9&#x27; is not a level; choose beginner, intermediate, advanced or expert." in page
    )


def test_it_refuses_an_unknown_track_or_skill(client, alice):
    page = refused(
        client, alice, **{"offered__astrology__horoscopes": "3", "headline": "Changed too"}
    )
    assert "Unknown track or skill: offered__astrology__horoscopes." in page


def test_it_refuses_a_mentoring_capacity_out_of_range(client, alice):
    page = refused(client, alice, mentoring_capacity="99")
    assert "Mentoring capacity must be between 0 and 20." in page


def test_it_refuses_an_oversized_avatar_and_saves_nothing_else(client, alice):
    big = SimpleUploadedFile(
        "big.png", b"\x89PNG\r\n\x1a\n" + b"0" * (2 * 1024 * 1024), content_type="image/png"
    )
    page = refused(client, alice, avatar=big, headline="Changed too")
    assert "the limit is 2048 KB" in page


def test_it_refuses_a_text_file_named_like_a_picture(client, alice):
    fake = SimpleUploadedFile("me.png", b"just some text, not a picture", content_type="image/png")
    page = refused(client, alice, avatar=fake, headline="Changed too")
    assert "The avatar must be a PNG, JPEG, WebP or GIF image." in page


def test_it_refuses_a_picture_too_many_pixels_wide(client, alice, settings):
    settings.AVATAR_MAX_PIXELS = 32
    page = refused(client, alice, avatar=png_upload(size=(40, 20)))
    assert "The avatar is 40×20; the limit is 32×32 pixels." in page


def test_it_keeps_what_the_member_typed_when_refusing(client, alice):
    page = refused(client, alice, career_start_year="1800", headline="Typed but not saved")
    assert 'value="Typed but not saved"' in page


def test_it_keeps_skills_of_tracks_the_form_does_not_show(client, bob):
    Track.objects.filter(slug="marketing").update(is_active=False)
    logged_in(client, bob).post(EDIT, profile_form_data(bob, headline="Still junior"))
    assert profile_state(bob)[2] == [("media-relations", "sought", 1), ("seo", "sought", 2)]
