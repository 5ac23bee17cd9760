"""The mentor map as a picture: geometry for a server-rendered SVG, no JavaScript.

The member sits in the centre; each track is a sector in its colour; each mentor is a marker
in their track's sector, closer to the centre the stronger the tie (relative to the member's
strongest). The marker's shape tells the label. The page's list is the text equivalent.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from mentormesh.mentorship.mentor_map import MapEntry, MentorMap, Sector

SIZE = 600
CENTRE = SIZE / 2
OUTER = 214  # the sectors' radius
INNER = 66  # the strongest mentor's distance
UNMEASURED = 194  # explicit mentors and marks without an inferred tie
LABEL_AT = OUTER + 20
CHAR_WIDTH = 11  # a generous estimate at the label's font size, to keep labels in view

# label → shape; the legend lists them in this order
SHAPES = {
    "mentor": "circle",
    "peer": "diamond",
    "reverse": "triangle-down",
    "emerging": "triangle-up",
    "fading": "ring",
    "explicit": "square",
}


@dataclass
class Wedge:
    sector: Sector
    path: str
    label: str
    label_x: float
    label_y: float
    anchor: str
    mid_x: float
    mid_y: float


@dataclass
class Marker:
    entry: MapEntry
    x: float
    y: float
    shape: str
    color: str
    points: str  # for polygons
    title: str


@dataclass
class Picture:
    size: int
    centre: float
    wedges: list[Wedge]
    markers: list[Marker]
    rings: list[float]


def point(angle: float, radius: float) -> tuple[float, float]:
    """Angle 0 points up, clockwise, like a clock."""
    return (CENTRE + radius * math.sin(angle), CENTRE - radius * math.cos(angle))


def wedge_path(start: float, end: float) -> str:
    if end - start >= 2 * math.pi - 1e-9:
        top, bottom = point(0, OUTER), point(math.pi, OUTER)
        return (
            f"M {top[0]:.1f} {top[1]:.1f} A {OUTER} {OUTER} 0 1 1 {bottom[0]:.1f} {bottom[1]:.1f} "
            f"A {OUTER} {OUTER} 0 1 1 {top[0]:.1f} {top[1]:.1f} Z"
        )
    x1, y1 = point(start, OUTER)
    x2, y2 = point(end, OUTER)
    large = 1 if end - start > math.pi else 0
    return (
        f"M {CENTRE:.1f} {CENTRE:.1f} L {x1:.1f} {y1:.1f} "
        f"A {OUTER} {OUTER} 0 {large} 1 {x2:.1f} {y2:.1f} Z"
    )


def shape_of(entry: MapEntry) -> str:
    return SHAPES.get(entry.label, "circle") if entry.tie is not None else "square"


def polygon(shape: str, x: float, y: float, r: float = 10) -> str:
    corners = {
        "diamond": [(0, -r * 1.25), (r * 1.25, 0), (0, r * 1.25), (-r * 1.25, 0)],
        "triangle-up": [(0, -r * 1.3), (r * 1.2, r * 0.9), (-r * 1.2, r * 0.9)],
        "triangle-down": [(0, r * 1.3), (r * 1.2, -r * 0.9), (-r * 1.2, -r * 0.9)],
    }.get(shape, [])
    return " ".join(f"{x + dx:.1f},{y + dy:.1f}" for dx, dy in corners)


def distance(entry: MapEntry, strongest: float) -> float:
    if entry.strength is None or strongest <= 0:
        return UNMEASURED
    share = min(entry.strength / strongest, 1.0)
    return INNER + (1 - share) * (UNMEASURED - 20 - INNER)


def picture(mentor_map: MentorMap) -> Picture:
    sectors = [s for s in mentor_map.sectors if s.mentors or s.is_gap]
    strongest = mentor_map.max_strength
    wedges, markers = [], []
    span = 2 * math.pi / max(len(sectors), 1)
    for index, sector in enumerate(sectors):
        start = index * span
        mid = start + span / 2
        lx, ly, anchor = _label_position(mid, sector_label(sector))
        mx, my = point(mid, (INNER + OUTER) / 2)
        wedges.append(
            Wedge(
                sector,
                wedge_path(start, start + span),
                sector_label(sector),
                lx,
                ly,
                anchor,
                mx,
                my,
            )
        )
        markers += _markers(sector, start, span, strongest)
    rings = [INNER, (INNER + UNMEASURED) / 2, UNMEASURED]
    return Picture(SIZE, CENTRE, wedges, markers, rings)


def sector_label(sector: Sector) -> str:
    return f"#{sector.track.hashtag}" if sector.track is not None else "across tracks"


def _label_position(angle: float, label: str) -> tuple[float, float, str]:
    """Outside the rim, kept inside the picture however long the label."""
    x, y = point(angle, LABEL_AT)
    width = len(label) * CHAR_WIDTH
    if abs(x - CENTRE) < 40:
        return (min(max(x, width / 2), SIZE - width / 2), y + 6, "middle")
    if x > CENTRE:
        return (min(x, SIZE - width), y + 6, "start")
    return (max(x, width), y + 6, "end")


def _markers(sector: Sector, start: float, span: float, strongest: float) -> list[Marker]:
    placed = []
    count = len(sector.mentors)
    for position, entry in enumerate(sector.mentors):
        angle = start + span * (position + 1) / (count + 1)
        x, y = point(angle, distance(entry, strongest))
        shape = shape_of(entry)
        title = f"@{entry.person.username}: {entry.label_name} in {sector.name}"
        if entry.strength is not None:
            title += f", strength {entry.strength:.1f}"
        placed.append(Marker(entry, x, y, shape, sector.color, polygon(shape, x, y), title))
    return placed
