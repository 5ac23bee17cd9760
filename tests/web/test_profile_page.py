"""The public profile at /@handle/."""

from django.urls import reverse

from mentormesh.accounts.actions import do_update_profile


def test_it_shows_a_members_profile_with_skills_grouped_by_track(client, alice):
    page = client.get("/@alice/").content.decode()
    assert "@alice" in page
    assert "PR lead, 20 years of media relations" in page
    assert "United Kingdom" in page
    assert "Public relations agency" in page
    assert "Open to mentoring · 3 mentees" in page
    assert "Public relations &amp; dialog management" in page
    assert "Media relations" in page
    assert "expert" in page
    assert "/static/mentormesh/img/avatar.png" in page


def test_it_shows_years_of_experience(client, alice):
    page = client.get("/@alice/").content.decode()
    years = alice.profile.experience_years()
    assert f"{years} years" in page


def test_it_separates_skills_offered_from_skills_sought(client, carol):
    page = client.get("/@carol/").content.decode()
    offered, sought = page.index("Can help with"), page.index("Wants to learn")
    assert page.index("Web development") > offered
    assert page.index("Personal branding") > sought
    assert "?skill_sought=personal-branding" in page


def test_it_answers_404_for_an_unknown_handle(client, db):
    response = client.get("/@nobody_here/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_it_answers_404_for_a_deactivated_member(client, alice):
    alice.is_active = False
    alice.save()
    assert client.get("/@alice/").status_code == 404


def test_it_redirects_other_spellings_to_the_handle(client, alice):
    response = client.get("/@ALICE/")
    assert response.status_code == 302
    assert response["Location"] == "/@alice/"


def test_it_offers_the_owner_a_link_to_edit(client, alice, bob):
    client.force_login(alice)
    assert reverse("profile_edit") in client.get("/@alice/").content.decode()
    assert "Edit profile</a>" not in client.get("/@bob/").content.decode()


def test_it_makes_links_in_the_bio_clickable_and_nofollow(client, alice):
    do_update_profile(alice.profile, {"bio": "My blog: https://example.org/pr"})
    page = client.get("/@alice/").content.decode()
    assert '<a href="https://example.org/pr" rel="nofollow noopener noreferrer">' in page


def test_it_shows_a_profile_in_four_queries(client, alice, django_assert_num_queries):
    # the member (with their display choices), their skills with tracks, the mentorships they
    # chose to show, their posts
    with django_assert_num_queries(4):
        client.get("/@alice/")
