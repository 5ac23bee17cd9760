"""A member's mentor map: per track, who they learn from, who learns from them, and the gaps.

Three sources meet here, merged per (person, track): the engine's inferred ties (visible only
to the two people in them), explicit mentorships, and the member's own private marks. A gap is
a track the member seeks with no active mentor from any source; each gap links to the track's
most helpful members, counted from ties in aggregate (never who learned from them).

Reads only; a fixed number of queries whatever the size of the map.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Exists, OuterRef, Q

from mentormesh.accounts.models import Profile, ProfileSkill, User
from mentormesh.community.models import Track
from mentormesh.mentorship.models import (
    Mark,
    MentoringDisplay,
    Mentorship,
    MentorshipStatus,
    Tie,
    TieChoice,
    TieDecision,
    TieLabel,
)
from mentormesh.mentorship.models.ties import OVERALL
from mentormesh.mentorship.visibility import hidden_by, other_party, visible_ties
from mentormesh.social.visibility import blocked_either_way

# Labels that mean "learning now": a fading tie does not fill a gap.
ACTIVE_LABELS = {TieLabel.MENTOR, TieLabel.PEER, TieLabel.REVERSE, TieLabel.EMERGING}
HELPFUL_LIMIT = 10
# On "who learns from me", each label says what the member is to the other person.
LEARNER_SIDE = {
    "mentor": "you mentor them",
    "peer": "you are their peer mentor",
    "reverse": "you are their reverse mentor",
    "emerging": "emerging: they start to learn from you",
    "fading": "fading",
}


@dataclass
class MapEntry:
    """One person in one track of the map, from whichever sources know them."""

    person: User
    track: str
    role: str  # "mentor" (the member learns from them) or "learner"
    tie: Tie | None = None
    mentorship: Mentorship | None = None
    mark: Mark | None = None
    my_choice: str = ""  # "confirmed" once the member confirmed the tie
    they_confirmed: bool = False

    @property
    def label(self) -> str:
        if self.tie is not None:
            return self.tie.label
        return "mentor"

    @property
    def label_name(self) -> str:
        return TieLabel(self.label).label if self.tie is not None else "mentor"

    @property
    def label_text(self) -> str:
        """The label as the member reads it: about them when the other person learns."""
        if self.role == "mentor":
            return self.label_name
        return LEARNER_SIDE.get(self.label, self.label_name)

    @property
    def strength(self) -> float | None:
        return self.tie.score if self.tie is not None else None

    @property
    def last(self) -> datetime | None:
        return self.tie.last if self.tie is not None else None

    @property
    def sources(self) -> list[str]:
        found = [name for name, it in self._sources() if it is not None]
        return found

    def _sources(self) -> list[tuple[str, object]]:
        return [("inferred", self.tie), ("explicit", self.mentorship), ("marked", self.mark)]

    @property
    def is_active(self) -> bool:
        explicit = self.mentorship is not None and self.mentorship.status == MentorshipStatus.ACTIVE
        inferred = self.tie is not None and self.tie.label in ACTIVE_LABELS
        return explicit or inferred or self.mark is not None

    @property
    def explanation(self) -> str:
        parts = [self.tie.explanation] if self.tie is not None and self.tie.explanation else []
        if self.mentorship is not None:
            since = f"{self.mentorship.started_at:%d %b %Y}"
            parts.append(f"Explicit mentorship ({self.mentorship.status}) since {since}.")
        if self.mark is not None:
            parts.append("You count them as a mentor (a private mark only you see).")
        return " ".join(parts)

    @property
    def confirmable(self) -> bool:
        return self.tie is not None and self.my_choice != TieChoice.CONFIRMED


@dataclass
class Sector:
    slug: str
    track: Track | None  # None for "across tracks"
    mentors: list[MapEntry] = field(default_factory=list)
    learners: list[MapEntry] = field(default_factory=list)
    sought: bool = False

    @property
    def name(self) -> str:
        return self.track.name if self.track is not None else "Across tracks"

    @property
    def color(self) -> str:
        return self.track.color if self.track is not None else "#6b7280"

    @property
    def is_gap(self) -> bool:
        return self.sought and not any(entry.is_active for entry in self.mentors)


@dataclass
class MentorMap:
    member: User
    sectors: list[Sector]
    show_learner_counts: bool
    mentorships: list[Mentorship]

    @property
    def gaps(self) -> list[Sector]:
        return [sector for sector in self.sectors if sector.is_gap]

    @property
    def seeks_anything(self) -> bool:
        return any(sector.sought for sector in self.sectors)

    @property
    def mentor_count(self) -> int:
        return len({entry.person.pk for s in self.sectors for entry in s.mentors})

    @property
    def max_strength(self) -> float:
        scores = [e.strength or 0.0 for s in self.sectors for e in s.mentors]
        return max(scores, default=0.0)

    def entries(self) -> list[MapEntry]:
        return [e for s in self.sectors for e in (*s.mentors, *s.learners)]


def mentor_map(member: User) -> MentorMap:
    entries: dict[tuple[int, str, str], MapEntry] = {}
    _add_ties(member, entries)
    _add_mentorships(member, entries)
    _add_marks(member, entries)
    sought = set(
        ProfileSkill.objects.filter(
            profile__user=member, kind=ProfileSkill.Kind.SOUGHT
        ).values_list("skill__track__slug", flat=True)
    )
    display = MentoringDisplay.objects.filter(user=member).first()
    return MentorMap(
        member=member,
        sectors=_sectors(entries.values(), sought),
        show_learner_counts=bool(display and display.show_learner_counts),
        mentorships=_own_mentorships(member),
    )


def _add_ties(member: User, entries: dict[tuple[int, str, str], MapEntry]) -> None:
    ties = list(visible_ties(member).select_related("learner__profile", "teacher__profile"))
    decisions = _decisions(member, ties)
    in_tracks = {(t.learner_id, t.teacher_id) for t in ties if t.track != OVERALL}
    for tie in ties:
        if tie.track == OVERALL and (tie.learner_id, tie.teacher_id) in in_tracks:
            continue  # shown in its tracks already
        role = "mentor" if tie.learner_id == member.pk else "learner"
        person = tie.teacher if role == "mentor" else tie.learner
        key = (tie.learner_id, tie.teacher_id, tie.track)
        entries[(person.pk, tie.track, role)] = MapEntry(
            person=person,
            track=tie.track,
            role=role,
            tie=tie,
            my_choice=decisions.get((*key, member.pk), ""),
            they_confirmed=decisions.get((*key, other_party(tie, member.pk))) == "confirmed",
        )


def _decisions(member: User, ties: list[Tie]) -> dict[tuple[int, int, str, int], str]:
    """Decisions about the member's ties: their own, and the other person's confirmations
    (never the other person's hides)."""
    if not ties:
        return {}
    rows = TieDecision.objects.filter(Q(learner=member) | Q(teacher=member)).filter(
        Q(decided_by=member) | Q(choice=TieChoice.CONFIRMED)
    )
    return {
        (r.learner_id, r.teacher_id, r.track, r.decided_by_id): r.choice
        for r in rows.only("learner_id", "teacher_id", "track", "decided_by_id", "choice")
    }


def _add_mentorships(member: User, entries: dict[tuple[int, str, str], MapEntry]) -> None:
    blocked = blocked_either_way(member)
    rows = (
        Mentorship.objects.filter(Q(mentor=member) | Q(mentee=member), status="active")
        .exclude(mentor__in=blocked)
        .exclude(mentee__in=blocked)
        .select_related("mentor__profile", "mentee__profile")
        .prefetch_related("tracks")
    )
    for mentorship in rows:
        role = "mentor" if mentorship.mentee_id == member.pk else "learner"
        person = mentorship.mentor if role == "mentor" else mentorship.mentee
        for slug in [t.slug for t in mentorship.tracks.all()] or [OVERALL]:
            entry = entries.setdefault(
                (person.pk, slug, role), MapEntry(person=person, track=slug, role=role)
            )
            entry.mentorship = mentorship


def _add_marks(member: User, entries: dict[tuple[int, str, str], MapEntry]) -> None:
    blocked = blocked_either_way(member)
    rows = (
        Mark.objects.filter(member=member)
        .exclude(mentor__in=blocked)
        .select_related("mentor__profile", "track")
    )
    for mark in rows:
        slug = mark.track.slug if mark.track is not None else OVERALL
        entry = entries.setdefault(
            (mark.mentor_id, slug, "mentor"),
            MapEntry(person=mark.mentor, track=slug, role="mentor"),
        )
        entry.mark = mark


def _sectors(entries: object, sought: set[str]) -> list[Sector]:
    tracks = {track.slug: track for track in Track.objects.all()}
    sectors: dict[str, Sector] = {}
    for entry in entries:  # type: ignore[attr-defined]
        sector = sectors.setdefault(entry.track, Sector(entry.track, tracks.get(entry.track)))
        (sector.mentors if entry.role == "mentor" else sector.learners).append(entry)
    for slug in sought:
        sectors.setdefault(slug, Sector(slug, tracks.get(slug))).sought = True
    for sector in sectors.values():
        sector.mentors.sort(key=lambda e: (-(e.strength or 0.0), e.person.username))
        sector.learners.sort(key=lambda e: (-(e.strength or 0.0), e.person.username))

    def order(sector: Sector) -> tuple[int, int, str]:
        if sector.track is None:
            return (1, 0, sector.slug)
        return (0, sector.track.position, sector.track.name)

    return sorted(sectors.values(), key=order)


def _own_mentorships(member: User) -> list[Mentorship]:
    rows = Mentorship.objects.filter(Q(mentor=member) | Q(mentee=member), status="active")
    return list(rows.select_related("mentor", "mentee").order_by("-started_at"))


# ---------------------------------------------------------------- gaps: who helps in a track


@dataclass
class Helper:
    profile: Profile
    learners: int  # distinct members with a labelled tie to them in the track (an aggregate)


def helpful_members(viewer: User, track: Track, limit: int = HELPFUL_LIMIT) -> list[Helper]:
    """The track's most helpful members open to mentoring or peer exchange: by how many
    distinct members learn from them there, then members who offer a skill in the track."""
    blocked = blocked_either_way(viewer)
    open_ = Q(profile__open_to_mentoring=True) | Q(profile__open_to_peer_exchange=True)
    candidates = User.objects.filter(open_, is_active=True).exclude(pk=viewer.pk)
    candidates = candidates.exclude(pk__in=blocked)
    counts = dict(
        Tie.objects.filter(track=track.slug, teacher__in=candidates)
        .exclude(label="")
        .values("teacher")
        .annotate(learners=Count("learner", distinct=True))
        .order_by("-learners")
        .values_list("teacher", "learners")[:limit]
    )
    offers = ProfileSkill.objects.filter(
        profile=OuterRef("pk"), kind=ProfileSkill.Kind.OFFERED, skill__track=track
    )
    profiles = Profile.objects.filter(user__in=candidates).select_related("user")
    profiles = profiles.filter(Q(user__in=list(counts)) | Exists(offers))
    helpers = [Helper(p, counts.get(p.user_id, 0)) for p in profiles[: limit + len(counts)]]
    helpers.sort(key=lambda h: (-h.learners, h.profile.user.username))
    return helpers[:limit]


# ---------------------------------------------------------------- the public profile section


@dataclass
class ShownPerson:
    user: User | None  # None: the other person chose not to be named
    status: str


@dataclass
class ProfileMentoring:
    mentors: list[ShownPerson]
    mentees: list[ShownPerson]
    learner_counts: list[tuple[Track, int]]

    @property
    def is_empty(self) -> bool:
        return not (self.mentors or self.mentees or self.learner_counts)


def profile_mentoring(member: User) -> ProfileMentoring:
    """What ``member`` chose to show: mentorships they opted to show (naming the other person
    only if they opted to show it too) and, if they opted in, learner counts per track."""
    rows = Mentorship.objects.filter(
        Q(mentor=member, mentor_shows_on_profile=True)
        | Q(mentee=member, mentee_shows_on_profile=True)
    ).select_related("mentor__profile", "mentee__profile")
    mentors, mentees = [], []
    for row in rows.order_by("-started_at"):
        if row.mentee_id == member.pk:
            named = row.mentor if row.mentor_shows_on_profile else None
            mentors.append(ShownPerson(named, row.status))
        else:
            named = row.mentee if row.mentee_shows_on_profile else None
            mentees.append(ShownPerson(named, row.status))
    return ProfileMentoring(mentors, mentees, learner_counts(member))


def shows_learner_counts(member: User) -> bool:
    """No query when the caller loaded ``user__mentoring_display`` with the member."""
    try:
        return member.mentoring_display.show_learner_counts
    except MentoringDisplay.DoesNotExist:
        return False


def learner_counts(member: User) -> list[tuple[Track, int]]:
    """Per track, distinct members with a labelled tie to ``member`` that neither hid; only if
    ``member`` opted in to showing them."""
    if not shows_learner_counts(member):
        return []
    counts = dict(
        Tie.objects.filter(teacher=member, learner__is_active=True)
        .exclude(label="")
        .exclude(track=OVERALL)
        .exclude(hidden_by(OuterRef("learner_id")))
        .exclude(hidden_by(member.pk))
        .values("track")
        .annotate(learners=Count("learner", distinct=True))
        .values_list("track", "learners")
    )
    tracks = Track.objects.filter(slug__in=list(counts))
    return [(track, counts[track.slug]) for track in tracks if counts[track.slug]]
