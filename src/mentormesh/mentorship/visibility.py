"""Who may see an inferred tie: only its learner and its teacher, and not once they hid it.

Every read of ties for a person goes through ``visible_ties``; pages, the API and the profile
counts all start here, so the rule lives in one place.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from mentormesh.accounts.models import User
from mentormesh.mentorship.models import Tie, TieChoice, TieDecision
from mentormesh.social.visibility import blocked_either_way


def hidden_by(user_id: int | OuterRef) -> Exists:
    """True for a tie row that ``user_id`` hid (use inside a Tie queryset)."""
    return Exists(
        TieDecision.objects.filter(
            learner_id=OuterRef("learner_id"),
            teacher_id=OuterRef("teacher_id"),
            track=OuterRef("track"),
            decided_by_id=user_id,
            choice=TieChoice.HIDDEN,
        )
    )


def visible_ties(viewer: User) -> QuerySet[Tie]:
    """The labelled ties ``viewer`` is in and has not hidden, with nobody blocked either way."""
    blocked = blocked_either_way(viewer)
    return (
        Tie.objects.filter(Q(learner=viewer) | Q(teacher=viewer))
        .exclude(label="")
        .exclude(hidden_by(viewer.pk))
        .exclude(learner__in=blocked)
        .exclude(teacher__in=blocked)
        .filter(learner__is_active=True, teacher__is_active=True)
    )


def other_party(tie: Tie, user_id: int) -> int:
    return tie.teacher_id if tie.learner_id == user_id else tie.learner_id
