import pytest
from django.core.exceptions import ValidationError

from mentormesh.accounts.actions import (
    check_create_user,
    check_profile_changes,
    do_create_access_token,
    do_revoke_access_token,
    user_for_token,
)
from mentormesh.accounts.models import AccessToken, Profile, User
from tests.conftest import PASSWORD


def test_it_creates_a_member_with_an_empty_profile(db):
    check_create_user("dana_pr", "dana@example.org", PASSWORD)
    from mentormesh.accounts.actions import do_create_user

    user = do_create_user("dana_pr", "dana@example.org", PASSWORD)
    assert user.profile.display_name == ""
    assert user.check_password(PASSWORD)


@pytest.mark.parametrize(
    ("handle", "message"),
    [
        ("Alice", "That handle is taken."),
        ("admin", "@admin is reserved"),
        ("a", "2–30 letters"),
        ("has space", "2–30 letters"),
        ("dot.name", "2–30 letters"),
        ("x" * 31, "2–30 letters"),
    ],
)
def test_it_refuses_taken_reserved_and_malformed_handles(alice, handle, message):
    with pytest.raises(ValidationError) as error:
        check_create_user(handle, "new@example.org", PASSWORD)
    assert message in " ".join(error.value.message_dict["handle"])


def test_it_refuses_weak_passwords_and_invalid_or_taken_email(alice):
    with pytest.raises(ValidationError) as error:
        check_create_user("newbie", "ALICE@example.org", "password")
    assert "already registered" in " ".join(error.value.message_dict["email"])
    assert error.value.message_dict["password"]
    with pytest.raises(ValidationError) as error:
        check_create_user("newbie", "not-an-email", PASSWORD)
    assert "email" in error.value.message_dict
    assert User.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"career_start_year": 1800}, "career_start_year"),
        ({"career_start_year": 3000}, "career_start_year"),
        ({"country": "XX"}, "country"),
        ({"mentoring_capacity": 99}, "mentoring_capacity"),
        ({"display_name": "x" * 61}, "display_name"),
        ({"is_staff": True}, "is_staff"),
    ],
)
def test_it_refuses_impossible_profile_values_and_writes_nothing(alice, changes, field):
    with pytest.raises(ValidationError) as error:
        check_profile_changes(alice.profile, changes)
    assert field in error.value.message_dict
    assert Profile.objects.get(pk=alice.profile.pk).career_start_year == 2004


def test_it_finds_the_member_behind_a_live_token_only(alice):
    token, raw = do_create_access_token(alice, "my phone")
    assert raw.startswith("mm_")
    assert AccessToken.objects.get().key_hash != raw
    assert user_for_token(raw) == alice
    assert user_for_token(raw + "x") is None
    do_revoke_access_token(token)
    assert user_for_token(raw) is None


def test_it_hashes_passwords_with_argon2_in_production():
    from mentormesh import settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_it_gives_a_profile_to_users_made_outside_the_actions(db):
    user = User.objects.create_superuser("root_admin", "root@example.org", "x-long-password-123")
    assert Profile.objects.filter(user=user).exists()
