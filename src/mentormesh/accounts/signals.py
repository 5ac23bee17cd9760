"""Every member has a profile, however the user was made (actions, createsuperuser, the admin)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from mentormesh.accounts.models import Profile, User


@receiver(post_save, sender=User, dispatch_uid="mentormesh_profile_for_every_user")
def ensure_profile(
    sender: type[User], instance: User, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    if created and not raw:
        Profile.objects.get_or_create(user=instance)
