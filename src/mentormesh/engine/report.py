"""report.html: one self-contained page (inline CSS, SVG and a few lines of JS; no URLs).

The network is laid out here, in Python, by a small force-directed layout (numpy), so the page
needs nothing from outside. Every id and name goes through ``html.escape``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from mentormesh.engine.labels import ACTIVE_LABELS, LABELS
from mentormesh.engine.maps import MentorMap
from mentormesh.engine.ties import OVERALL

if TYPE_CHECKING:
    from mentormesh.engine.analysis import Analysis

COLOURS = {
    "mentor": "#0b7a75",
    "peer": "#5b3cc4",
    "reverse": "#b5470b",
    "emerging": "#2f6fd6",
    "fading": "#8a8f98",
}
MEANINGS = {
    "mentor": "learns consistently from",
    "peer": "learn from each other",
    "reverse": "learns from someone less experienced",
    "emerging": "a young tie that is growing",
    "fading": "was a tie, has gone quiet",
}
GRAPH_EDGES = 200
GRAPH_PEOPLE = 160
STRONGEST = 30
MAP_MEMBERS = 500

CSS = """
:root { --ink:#1d2330; --soft:#5d6677; --line:#e3e6ec; --bg:#f6f7f9; --card:#fff; }
* { box-sizing: border-box; }
body { margin:0; font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
  color:var(--ink); background:var(--bg); }
header { background:#1d2330; color:#fff; padding:28px 40px 24px; }
header h1 { margin:0 0 4px; font-size:26px; font-weight:650; letter-spacing:-.01em; }
header p { margin:0; color:#c5cad6; }
main { max-width:1180px; margin:0 auto; padding:24px 40px 60px; }
section { background:var(--card); border:1px solid var(--line); border-radius:10px;
  padding:20px 24px; margin:0 0 22px; }
h2 { margin:0 0 4px; font-size:19px; }
.lead { margin:0 0 14px; color:var(--soft); }
.cards { display:grid; grid-template-columns:repeat(auto-fit,minmax(130px,1fr)); gap:12px; }
.card { background:var(--card); border:1px solid var(--line); border-radius:10px; padding:12px 16px; }
.card b { display:block; font-size:24px; line-height:1.2; }
.card span { color:var(--soft); font-size:13px; }
.badge { display:inline-block; padding:1px 8px; border-radius:999px; color:#fff; font-size:12px;
  font-weight:600; white-space:nowrap; }
table { border-collapse:collapse; width:100%; }
th, td { text-align:left; padding:7px 8px; border-bottom:1px solid var(--line); vertical-align:top; }
th { font-size:12px; text-transform:uppercase; letter-spacing:.04em; color:var(--soft); }
td.num { text-align:right; font-variant-numeric:tabular-nums; }
.legend { display:flex; flex-wrap:wrap; gap:16px; margin:8px 0 0; font-size:13px; color:var(--soft); }
.legend i { display:inline-block; width:22px; height:4px; border-radius:2px; margin-right:6px;
  vertical-align:middle; }
.charts { display:grid; grid-template-columns:1fr 1fr; gap:22px; }
svg text { font-family:inherit; }
details { border-bottom:1px solid var(--line); padding:8px 2px; }
details summary { cursor:pointer; }
details summary small { color:var(--soft); margin-left:8px; }
details ul { margin:6px 0 4px 18px; padding:0; }
.muted { color:var(--soft); }
.gap { color:#a3195b; font-weight:600; }
input[type=search] { width:100%; padding:8px 12px; border:1px solid var(--line); border-radius:8px;
  font:inherit; margin:0 0 10px; }
footer { color:var(--soft); font-size:13px; }
@media (max-width: 800px) { .charts { grid-template-columns:1fr; } main { padding:16px; } }
"""

FILTER_JS = """
document.getElementById('member-filter').addEventListener('input', function (e) {
  var q = e.target.value.trim().toLowerCase();
  document.querySelectorAll('#member-maps details').forEach(function (d) {
    d.hidden = q !== '' && d.dataset.search.indexOf(q) === -1;
  });
});
"""


def render_report(analysis: Analysis) -> str:
    overall = analysis.ties[analysis.ties.track == OVERALL]
    labelled = overall[overall.label != ""]
    parts = [
        summary_cards(analysis, labelled),
        network_section(labelled, display_names(analysis)),
        strongest_section(labelled, display_names(analysis)),
        coverage_section(analysis),
        distributions_section(overall, analysis),
        maps_section(analysis),
        rules_footer(analysis),
    ]
    as_of = analysis.as_of.strftime("%Y-%m-%d")
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Mentoring network as of {as_of} - mentormesh</title><style>{CSS}</style></head>"
        "<body><header><h1>Mentoring network</h1>"
        f"<p>Who consistently learns from whom, as of {as_of} - made by mentormesh from "
        f"{analysis.summary.get('events', 0):,} interactions.</p></header><main>"
        + "".join(parts)
        + f"</main><script>{FILTER_JS}</script></body></html>\n"
    )


def badge(label: str) -> str:
    colour = COLOURS.get(label, "#5d6677")
    return f'<span class="badge" style="background:{colour}">{escape(label)}</span>'


def summary_cards(analysis: Analysis, labelled: pd.DataFrame) -> str:
    s = analysis.summary
    cards = [
        (s.get("events", 0), "interactions"),
        (s.get("credits", 0), "learning credits"),
        (len(analysis.members), "members"),
        (len(labelled), "labelled ties"),
    ] + [(s.get(label, 0), f"{label} ties") for label in LABELS]
    html = "".join(
        f'<div class="card"><b>{n:,}</b><span>{escape(t)}</span></div>' for n, t in cards
    )
    ignored = [
        (s.get("self_interactions", 0), "self-interactions"),
        (s.get("bot_events", 0), "bot events"),
        (s.get("outside_horizon", 0), "outside the horizon"),
        (s.get("followups", 0), "conversation follow-ups"),
        (s.get("rows_skipped", 0), "bad rows skipped"),
    ]
    shown = ", ".join(f"{n:,} {what}" for n, what in ignored if n)
    note = (
        f'<p class="lead" style="margin-top:12px">Not counted: {escape(shown)}.</p>'
        if shown
        else ""
    )
    return f'<section><h2>At a glance</h2><div class="cards">{html}</div>{note}</section>'


def display_names(analysis: Analysis) -> dict[str, str]:
    """What to call each person: the members file's name when it gives one, else the id."""
    people = analysis.people
    return {i: n for i, n in zip(people.id, people.name, strict=True) if isinstance(n, str) and n}


def short(text: str, limit: int = 14) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def network_section(labelled: pd.DataFrame, names: dict[str, str]) -> str:
    edges = strongest_edges(labelled)
    lead = (
        "Each arrow points from a teacher to a learner; its colour is the tie's label. "
        "Bigger circles teach more people."
    )
    if len(labelled) > len(edges):
        lead += f" The {len(edges)} strongest of {len(labelled):,} ties are drawn."
    legend = "".join(
        f'<span><i style="background:{COLOURS[label]}"></i>{escape(label)}: '
        f"{escape(MEANINGS[label])}</span>"
        for label in LABELS
    )
    return (
        f'<section><h2>The network</h2><p class="lead">{escape(lead)}</p>'
        f'{network_svg(edges, names)}<div class="legend">{legend}</div></section>'
    )


def strongest_edges(labelled: pd.DataFrame) -> pd.DataFrame:
    """The strongest ties (by score) that fit in the drawing: at most GRAPH_EDGES ties among
    at most GRAPH_PEOPLE people, so the picture stays readable and quick to lay out."""
    people: set[str] = set()
    keep: list[int] = []
    for position, (teacher, learner) in enumerate(
        zip(labelled.teacher, labelled.learner, strict=True)
    ):
        added = {teacher, learner} - people
        if len(keep) >= GRAPH_EDGES or len(people) + len(added) > GRAPH_PEOPLE:
            break
        people |= added
        keep.append(position)
    return labelled.iloc[keep]


def network_svg(edges: pd.DataFrame, names: dict[str, str], width: int = 1100) -> str:
    if edges.empty:
        return '<p class="muted">No labelled ties yet.</p>'
    people = sorted(set(edges.teacher) | set(edges.learner))
    index = {p: i for i, p in enumerate(people)}
    pairs = [(index[t], index[lr]) for t, lr in zip(edges.teacher, edges.learner, strict=True)]
    xy, height = packed_layout(len(people), pairs, width)
    teaching = edges.groupby("teacher").size()
    radius = {p: 6 + 2.5 * math.sqrt(float(teaching.get(p, 0))) for p in people}
    markers = "".join(
        f'<marker id="arrow-{label}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" '
        f'markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse">'
        f'<path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
        for label, colour in COLOURS.items()
    )
    lines = []
    for row in edges.itertuples(index=False):
        (x1, y1), (x2, y2) = xy[index[row.teacher]], xy[index[row.learner]]
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        start, end = radius[row.teacher] + 1, radius[row.learner] + 2
        ux, uy = (x2 - x1) / length, (y2 - y1) / length
        dash = ' stroke-dasharray="5 4"' if row.label == "fading" else ""
        lines.append(
            f'<line x1="{x1 + ux * start:.1f}" y1="{y1 + uy * start:.1f}" '
            f'x2="{x2 - ux * end:.1f}" y2="{y2 - uy * end:.1f}" stroke="{COLOURS[row.label]}" '
            f'stroke-width="{1.5 + min(2.0, row.score / 4):.1f}"{dash} '
            f'marker-end="url(#arrow-{row.label})"><title>{escape(str(row.explanation))}</title></line>'
        )
    nodes = []
    for person in people:
        x, y = xy[index[person]]
        r = radius[person]
        called = names.get(person, person)
        title = escape(called if called == person else f"{called} ({person})")
        nodes.append(
            f'<g><circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="#fff" stroke="#1d2330" '
            f'stroke-width="1.5"><title>{title}</title></circle>'
            f'<text x="{x:.1f}" y="{y + r + 13:.1f}" text-anchor="middle" font-size="12" '
            f'fill="#1d2330">{escape(short(called))}</text></g>'
        )
    return (
        f'<svg viewBox="0 0 {width} {height:.0f}" width="100%" role="img" '
        f'aria-label="The mentoring network"><defs>{markers}</defs>'
        + "".join(lines)
        + "".join(nodes)
        + "</svg>"
    )


def packed_layout(
    count: int, edges: Sequence[tuple[int, int]], width: int, pad: float = 24.0
) -> tuple[np.ndarray, float]:
    """Pixel positions and the drawing's height: each connected group of people is laid out on
    its own (force-directed) in a box that grows with its size (a pair gets a short wide one),
    and the boxes are shelved left to right, biggest first, so groups never pile onto each
    other and every label stays readable."""
    xy = np.zeros((count, 2))
    x = y = shelf = 0.0
    for group in connected_groups(count, edges):
        if len(group) == 2:  # room for both names beside the neighbouring pairs' names
            box_w, box_h, margin = 240.0, 64.0, np.array([55.0, 16.0])
        else:
            box_w = box_h = min(width - 2 * pad, max(200.0, 135.0 * math.sqrt(len(group))))
            margin = np.array([40.0, 16.0])
        if x > 0 and x + box_w > width - 2 * pad:
            x, y, shelf = 0.0, y + shelf, 0.0
        local = {person: i for i, person in enumerate(group)}
        inner = [(local[a], local[b]) for a, b in edges if a in local and b in local]
        inside = np.array([box_w, box_h]) - 2 * margin
        xy[group] = pad + np.array([x, y]) + margin + force_layout(len(group), inner) * inside
        x, shelf = x + box_w, max(shelf, box_h)
    return xy, y + shelf + 2 * pad


def connected_groups(count: int, edges: Sequence[tuple[int, int]]) -> list[list[int]]:
    """Connected components, biggest first (union-find)."""
    parent = list(range(count))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in edges:
        parent[root(a)] = root(b)
    groups: dict[int, list[int]] = {}
    for i in range(count):
        groups.setdefault(root(i), []).append(i)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


def force_layout(count: int, edges: Sequence[tuple[int, int]], iterations: int = 300) -> np.ndarray:
    """Positions in [0, 1]^2, centred: Fruchterman-Reingold with a pull to the centre, seeded
    (the same ties always give the same picture)."""
    if count <= 2:  # a pair side by side
        return np.array([[0.0, 0.5], [1.0, 0.5]])[:count]
    rng = np.random.default_rng(7)
    pos = rng.random((count, 2))
    k = 1.5 * math.sqrt(1.0 / count)
    heat = 0.1
    source = np.array([a for a, _ in edges], dtype=int)
    target = np.array([b for _, b in edges], dtype=int)
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        distance = np.maximum(np.linalg.norm(delta, axis=2), 1e-3)
        push = (k * k / distance**2)[:, :, None] * delta
        move = push.sum(axis=1)
        if len(source):
            d = pos[source] - pos[target]
            length = np.maximum(np.linalg.norm(d, axis=1), 1e-3)[:, None]
            pull = d * length / k
            np.add.at(move, source, -pull)
            np.add.at(move, target, pull)
        move += (0.5 - pos) * 0.3 * k
        size = np.maximum(np.linalg.norm(move, axis=1), 1e-9)[:, None]
        pos += move / size * np.minimum(size, heat)
        heat *= 0.985
    low, span = pos.min(axis=0), np.ptp(pos, axis=0)
    scale = max(float(span.max()), 1e-9)  # one scale for both axes keeps the shape
    return (pos - low) / scale + (1 - span / scale) / 2


def strongest_section(labelled: pd.DataFrame, names: dict[str, str]) -> str:
    if labelled.empty:
        return '<section><h2>Strongest ties</h2><p class="muted">No labelled ties.</p></section>'
    rows = "".join(
        f"<tr><td>{badge(r.label)}</td><td>{escape(names.get(r.learner, r.learner))}</td>"
        f"<td>{escape(names.get(r.teacher, r.teacher))}</td>"
        f'<td class="num">{r.weeks}</td><td class="num">{r.reciprocal_weeks}</td>'
        f'<td class="num">{r.focus:.0%}</td><td>{escape(r.explanation)}</td></tr>'
        for r in labelled.head(STRONGEST).itertuples(index=False)
    )
    return (
        '<section><h2>Strongest ties</h2><p class="lead">Labelled ties by decayed score, each '
        "with the numbers behind it.</p><table><thead><tr><th>Label</th><th>Learner</th>"
        '<th>Teacher</th><th class="num">Weeks</th><th class="num">Back</th>'
        '<th class="num">Focus</th><th>Why</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></section>"
    )


def track_coverage(analysis: Analysis) -> pd.DataFrame:
    """Per named track: active ties, people with a mentor, people seeking it, and gaps."""
    named = analysis.ties[
        (analysis.ties.track != OVERALL) & analysis.ties.label.isin(ACTIVE_LABELS)
    ]
    seekers: dict[str, set[str]] = {}
    for member, sought in zip(analysis.people.id, analysis.people.tracks_sought, strict=True):
        for track in sought:
            seekers.setdefault(track, set()).add(member)
    tracks = sorted(set(named.track) | set(seekers))
    rows = []
    for track in tracks:
        in_track = named[named.track == track]
        mentored = set(in_track.learner)
        seeking = seekers.get(track, set())
        rows.append(
            {
                "track": track,
                "ties": len(in_track),
                "mentored": len(mentored),
                "seeking": len(seeking),
                "gaps": len(seeking - mentored),
            }
        )
    return pd.DataFrame(rows, columns=["track", "ties", "mentored", "seeking", "gaps"])


def coverage_section(analysis: Analysis) -> str:
    coverage = track_coverage(analysis)
    if coverage.empty:
        return '<section><h2>Tracks</h2><p class="muted">No tracks in the log.</p></section>'
    bars = grouped_bars(
        [escape("#" + t) for t in coverage.track],
        [
            ("active ties", "#0b7a75", list(coverage.ties)),
            ("members seeking", "#2f6fd6", list(coverage.seeking)),
            ("seekers without a mentor", "#a3195b", list(coverage.gaps)),
        ],
    )
    return (
        '<section><h2>Coverage by track</h2><p class="lead">Active ties (mentor, peer, reverse) '
        "in each track, how many members seek the track (members file), and how many of them "
        f"have nobody to learn from in it.</p>{bars}</section>"
    )


def distributions_section(overall: pd.DataFrame, analysis: Analysis) -> str:
    rules = analysis.rules
    weeks = bucket_counts(overall.weeks, 10)
    back = bucket_counts(overall.reciprocal_weeks, 6, start=0)
    consistency = bar_chart(weeks, "#0b7a75", highlight_from=rules.consistency_weeks, start=1)
    reciprocity = bar_chart(back, "#5b3cc4", highlight_from=rules.reciprocity_weeks, start=0)
    return (
        '<section><h2>Consistency and reciprocity</h2><div class="charts"><div>'
        "<h3>Distinct weeks of learning per pair</h3>"
        f'<p class="lead">Pairs (learner, teacher) by active weeks; the dark bars reach the '
        f"{rules.consistency_weeks} weeks a tie needs.</p>{consistency}</div><div>"
        "<h3>Weeks of learning back</h3>"
        f'<p class="lead">The same pairs by weeks in which the teacher learned from the learner; '
        f"the dark bars reach the {rules.reciprocity_weeks} weeks that make peers.</p>"
        f"{reciprocity}</div></div></section>"
    )


def bucket_counts(values: pd.Series, top: int, start: int = 1) -> list[tuple[str, int]]:
    counts = values.clip(upper=top).value_counts()
    return [(f"{n}+" if n == top else str(n), int(counts.get(n, 0))) for n in range(start, top + 1)]


def bar_chart(
    buckets: list[tuple[str, int]], colour: str, *, highlight_from: int, start: int
) -> str:
    width, height, base = 520, 230, 180
    biggest = max([c for _, c in buckets] + [1])
    step = width / len(buckets)
    bars = []
    for i, (label, count) in enumerate(buckets):
        h = (base - 20) * count / biggest
        x = i * step + step * 0.15
        opacity = "1" if i + start >= highlight_from else ".35"
        bars.append(
            f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{step * 0.7:.1f}" height="{h:.1f}" '
            f'rx="3" fill="{colour}" fill-opacity="{opacity}"><title>{count}</title></rect>'
            f'<text x="{x + step * 0.35:.1f}" y="{base + 18}" text-anchor="middle" font-size="12" '
            f'fill="#5d6677">{escape(label)}</text>'
            f'<text x="{x + step * 0.35:.1f}" y="{base + 38}" text-anchor="middle" font-size="13" '
            f'font-weight="600" fill="#1d2330">{count:,}</text>'
        )
    return f'<svg viewBox="0 0 {width} {height}" width="100%" role="img">{"".join(bars)}</svg>'


def grouped_bars(labels: list[str], series: list[tuple[str, str, list[int]]]) -> str:
    """Horizontal bars, one group per (escaped) label, each bar with its number beside it."""
    row_height, bar, gap = 22 * len(series) + 18, 18, 4
    width, left = 1000, 160
    height = row_height * len(labels) + 30
    biggest = max([max(values, default=0) for _, _, values in series] + [1])
    parts = []
    for i, label in enumerate(labels):
        y0 = i * row_height + 8
        parts.append(
            f'<text x="{left - 12}" y="{y0 + (len(series) * (bar + gap)) / 2 + 4:.1f}" '
            f'text-anchor="end" font-size="14" font-weight="600" fill="#1d2330">{label}</text>'
        )
        for j, (_, colour, values) in enumerate(series):
            w = (width - left - 80) * values[i] / biggest
            y = y0 + j * (bar + gap)
            parts.append(
                f'<rect x="{left}" y="{y}" width="{max(w, 1.5):.1f}" height="{bar}" rx="3" '
                f'fill="{colour}"/><text x="{left + w + 6:.1f}" y="{y + 14}" font-size="13" '
                f'fill="#1d2330">{values[i]:,}</text>'
            )
    legend = "".join(
        f'<span><i style="background:{colour}"></i>{escape(name)}</span>'
        for name, colour, _ in series
    )
    return (
        f'<svg viewBox="0 0 {width} {height}" width="100%" role="img">{"".join(parts)}</svg>'
        f'<div class="legend">{legend}</div>'
    )


def maps_section(analysis: Analysis) -> str:
    members = analysis.members
    interesting = members[
        (members.mentors != "")
        | (members.mentees != "")
        | (members.emerging != "")
        | (members.fading != "")
        | (members.tracks_sought != "")
    ]
    shown = interesting.head(MAP_MEMBERS)
    items = [member_details(m) for m in analysis.mentor_maps(shown.id)]
    more = ""
    if len(interesting) > MAP_MEMBERS:
        more = f'<p class="muted">Showing {MAP_MEMBERS} of {len(interesting):,} members; members.csv has all.</p>'
    return (
        '<section><h2>Mentor maps</h2><p class="lead">For each member: mentors by track, '
        "the people who learn from them, peers, and gaps - tracks they seek with nobody to learn "
        'from.</p><input type="search" id="member-filter" placeholder="Find a member by id or name">'
        f'<div id="member-maps">{"".join(items)}</div>{more}</section>'
    )


def member_details(m: MentorMap) -> str:
    title = escape(m.member) + (f" - {escape(m.name)}" if m.name else "")
    counts = f"{len(m.mentors)} mentor{'s' if len(m.mentors) != 1 else ''}, {len(m.mentees)} learning from them"
    gaps = (
        f', <span class="gap">gaps: {escape(", ".join("#" + g for g in m.gaps))}</span>'
        if m.gaps
        else ""
    )
    lines = []
    for mentor in m.mentors:
        tracks = ", ".join("#" + t for t in mentor.tracks) or "across tracks"
        lines.append(
            f"<li>{badge(mentor.label)} {escape(mentor.person)} ({escape(tracks)}): {escape(mentor.explanation)}</li>"
        )
    for tie in m.emerging + m.fading:
        lines.append(f"<li>{badge(tie.label)} {escape(tie.person)}: {escape(tie.explanation)}</li>")
    if m.mentees:
        lines.append(
            f"<li>Learning from {escape(m.member)}: {escape(', '.join(t.person for t in m.mentees))}</li>"
        )
    if m.peers:
        lines.append(f"<li>Peers: {escape(', '.join(m.peers))}</li>")
    if m.tracks_sought:
        covered = ", ".join(
            f"#{t}: {', '.join(m.coverage[t])}" if t in m.coverage else f"#{t}: nobody yet"
            for t in m.tracks_sought
        )
        lines.append(f"<li>Tracks sought - {escape(covered)}</li>")
    search = escape(f"{m.member} {m.name or ''}".lower())
    return (
        f'<details data-search="{search}"><summary><b>{title}</b><small>{escape(counts)}</small>{gaps}'
        f"</summary><ul>{''.join(lines) or '<li class=muted>No ties yet.</li>'}</ul></details>"
    )


def rules_footer(analysis: Analysis) -> str:
    r = analysis.rules
    text = (
        f"Rules: a tie needs credit in {r.consistency_weeks} different weeks within "
        f"{r.horizon_weeks or 'all'} weeks, a strength of {r.min_strength:g} and at least "
        f"{r.min_focus:.0%} of the teacher's attention; peers learn back in "
        f"{r.reciprocity_weeks} weeks; credit halves every {r.half_life_days:g} days; ties fade "
        f"after {r.fading_weeks} quiet weeks. See docs/engine.md."
    )
    return f"<footer>{escape(text)}</footer>"
