"""Claim: the engine reads real community data straight from its sources and finds readable ties;
and in help-channel chat, "thanks" replies are learning acknowledgements pointing the right way.

Two datasets from ../shared/data (see each folder's README):

- the Stack Exchange dump of quantumcomputing.stackexchange.com (Mar-Sep 2018), converted by
  the ``stackexchange`` source, members (names, tenure) from Users.xml, default rules;
- the Ubuntu IRC disentanglement corpus (Kummerfeld et al. 2019), converted by the ``irc``
  source from the hand-annotated reply links. Its logs are single days sampled across 2004-2017,
  so the default 52-week horizon would keep only the last year: the IRC run uses
  ``horizon_weeks = 0`` (all history), everything else default.

For each: events by kind, tie counts by label, reciprocity, consistency, the top ties with their
explanations. For IRC also: how well "thanks" edges agree with the annotated replies (below).

    .venv/bin/python bench/eval_real.py
    .venv/bin/python bench/eval_real.py --irc-split dev --no-record

Thanks agreement (IRC). A *thanks message* is an annotated message (a child in the annotation)
whose text matches the irc source's THANKS_RE; it is a *thanks edge* when the annotation links
it to a parent message by someone else (the edge's target is that parent's author: the gold
answer to "who is thanked?"). Without
annotations one would have to guess the target; the table reports how often two guesses agree
with the annotation: the *addressee* (a message starting "nick:" or "nick," naming someone who
speaks in that log) and the *previous speaker* (the last other person to speak before it).
"Helped first" is the share of edges whose target had earlier sent the actor an annotated reply
in the same log, for thanks edges and, as a reference, for the other (non-thanks) reply edges:
evidence that a thanks points from the learner to the helper. Counts are per message (a thanks
message linked to two parents is one edge here, two events in the log).

The result replaces the "eval_real" section of bench/RESULTS.md (unless --no-record).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shlex
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from results import record  # bench/results.py (bench/ is on sys.path)

from mentormesh.engine.analysis import Analysis, analyze_events
from mentormesh.engine.members import Member, Members
from mentormesh.engine.rules import Rules
from mentormesh.engine.sources import SOURCES, SourceStats, source_members
from mentormesh.engine.sources.irc import THANKS_RE, Message, read_messages

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
RESULTS = Path(__file__).with_name("RESULTS.md")
SECTION = "eval_real"
LABELS = ("mentor", "peer", "reverse", "emerging", "fading")
ADDRESSEE_RE = re.compile(r"^\s*([^\s:,]+)\s*[:,]")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    parts: list[str] = []
    se = args.stackexchange
    if (se / "Posts.xml").is_file():
        parts += stack_exchange(se, args)
    else:
        parts += ["", f"_Stack Exchange skipped: no dump at {se}._", ""]
    irc = args.irc / args.irc_split
    if irc.is_dir():
        parts += ubuntu_irc(irc, args)
    else:
        parts += ["", f"_Ubuntu IRC skipped: no logs at {irc}._", ""]
    text = header(args, time.perf_counter() - started) + parts + [f"<!-- {SECTION}:end -->"]
    report = "\n".join(text)
    print(report)
    if args.record:
        record(SECTION, report)
        print(f"\nrecorded in {RESULTS}")
    return 0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--stackexchange",
        type=Path,
        default=DATA / "stackexchange-quantumcomputing-2018",
        help="a Stack Exchange dump directory (default: the quantumcomputing slice)",
    )
    parser.add_argument(
        "--irc",
        type=Path,
        default=DATA / "ubuntu-irc-disentanglement",
        help="the IRC corpus directory",
    )
    parser.add_argument(
        "--irc-split", default="train", choices=["train", "dev", "test"], help="default train"
    )
    parser.add_argument(
        "--top", type=int, default=10, help="how many top ties to show (default 10)"
    )
    parser.add_argument("--backend", default="duckdb", help="engine backend (default duckdb)")
    parser.add_argument(
        "--no-record", dest="record", action="store_false", help="do not update bench/RESULTS.md"
    )
    return parser.parse_args(argv)


# -- Stack Exchange --------------------------------------------------------------------------


def stack_exchange(path: Path, args: argparse.Namespace) -> list[str]:
    stats = SourceStats()
    events = list(SOURCES["stackexchange"](path, stats=stats))
    people = source_members("stackexchange", path)
    members = Members("Users.xml", {str(p["id"]): member(p) for p in people})
    began = time.perf_counter()
    analysis = analyze_events(events, members=members, backend=args.backend)
    seconds = time.perf_counter() - began
    names = {str(p["id"]): str(p["name"]) for p in people}
    return [
        "",
        f"### Stack Exchange: `{path.name}`",
        "",
        f"- Source: {stats.summary()}.",
        f"- Members from Users.xml: {len(people)}; experience = tenure on the site "
        "(0-0.5 years here).",
        *describe(analysis, names, args.top, seconds),
    ]


def member(row: dict[str, object]) -> Member:
    years = row.get("experience_years")
    return Member(
        str(row["id"]), str(row["name"]), float(years) if isinstance(years, int | float) else None
    )


# -- Ubuntu IRC ------------------------------------------------------------------------------


def ubuntu_irc(path: Path, args: argparse.Namespace) -> list[str]:
    stats = SourceStats()
    events = list(SOURCES["irc"](path, stats=stats))
    began = time.perf_counter()
    analysis = analyze_events(events, rules=Rules(horizon_weeks=0), backend=args.backend)
    seconds = time.perf_counter() - began
    agreement = thanks_agreement(path)
    return [
        "",
        f"### Ubuntu IRC: `{path.parent.name}/{path.name}` "
        "(rules: default, but `horizon_weeks = 0`)",
        "",
        f"- Source: {stats.summary()}.",
        *describe(analysis, {}, args.top, seconds),
        *agreement.render(),
    ]


@dataclass
class Agreement:
    thanks_messages: int = 0
    edges: int = 0
    with_addressee: int = 0
    addressee_right: int = 0
    previous_right: int = 0
    either_right: int = 0
    helped_first: int = 0
    replies: int = 0
    replies_helped_first: int = 0
    kinds: Counter[str] = field(default_factory=Counter)

    def render(self) -> list[str]:
        def share(part: int, whole: int) -> str:
            return f"{part}/{whole} = {part / whole:.1%}" if whole else "n/a"

        return [
            "",
            "Thanks edges against the annotated replies "
            "(definitions at the top of `bench/eval_real.py`):",
            "",
            "| measure | value |",
            "|---|---|",
            f"| annotated messages matching THANKS_RE | {self.thanks_messages} |",
            f"| ... that are thanks edges (annotated parent by someone else) | {self.edges} |",
            f"| addressee named (`nick:` / `nick,`) | {share(self.with_addressee, self.edges)} |",
            "| addressee = annotated target, when named "
            f"| {share(self.addressee_right, self.with_addressee)} |",
            "| previous speaker = annotated target (baseline) "
            f"| {share(self.previous_right, self.edges)} |",
            "| addressee, else previous speaker = annotated target "
            f"| {share(self.either_right, self.edges)} |",
            f"| thanks edges whose target helped first | {share(self.helped_first, self.edges)} |",
            f"| other reply edges whose target replied first (reference) "
            f"| {share(self.replies_helped_first, self.replies)} |",
            "",
        ]


def thanks_agreement(directory: Path) -> Agreement:
    result = Agreement()
    for annotation in sorted(directory.glob("*.annotation.txt")):
        raw = annotation.with_name(annotation.name.removesuffix(".annotation.txt") + ".raw.txt")
        messages = read_messages(raw)
        links = annotated_links(annotation)
        agree_in_log(messages, links, result)
    return result


def annotated_links(annotation: Path) -> list[tuple[int, int]]:
    """Every ``parent child`` line, self-links (conversation starts) included."""
    links = []
    for line in annotation.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            links.append((int(parts[0]), int(parts[1])))
    return links


def agree_in_log(
    messages: list[Message | None], links: list[tuple[int, int]], result: Agreement
) -> None:
    speakers = {m.nick for m in messages if m is not None}
    annotated = {child for _, child in links}
    parents: dict[int, set[str]] = {}
    first_reply: dict[tuple[str, str], int] = {}  # (replier, replied-to) -> first line
    edges: list[tuple[int, str, str]] = []
    for parent, child in links:
        said, reply = messages[parent], messages[child]
        if parent == child or said is None or reply is None or said.nick == reply.nick:
            continue
        parents.setdefault(child, set()).add(said.nick)
        edges.append((child, reply.nick, said.nick))
        key = (reply.nick, said.nick)
        first_reply[key] = min(child, first_reply.get(key, child))

    def helped_before(line: int, helper: str, learner: str) -> bool:
        return first_reply.get((helper, learner), line) < line

    for line, actor, target in edges:
        message = messages[line]
        if message is not None and not THANKS_RE.search(message.text):
            result.replies += 1
            result.replies_helped_first += helped_before(line, target, actor)
    for index in sorted(annotated):
        message = messages[index]
        if message is None or not THANKS_RE.search(message.text):
            continue
        result.thanks_messages += 1
        gold = parents.get(index)
        if not gold:
            continue
        result.edges += 1
        addressee = ADDRESSEE_RE.match(message.text)
        named = addressee[1].lower() if addressee and addressee[1].lower() in speakers else None
        previous = previous_speaker(messages, index, message.nick)
        result.with_addressee += named is not None
        result.addressee_right += named in gold
        result.previous_right += previous in gold
        result.either_right += (named or previous) in gold
        result.helped_first += any(helped_before(index, target, message.nick) for target in gold)


def previous_speaker(messages: list[Message | None], index: int, own: str) -> str | None:
    for message in reversed(messages[:index]):
        if message is not None and message.nick != own:
            return message.nick
    return None


# -- shared description of an analysis -------------------------------------------------------


def describe(analysis: Analysis, names: dict[str, str], top: int, seconds: float) -> list[str]:
    ties = analysis.ties
    overall = ties[ties.track == "*"]
    named = ties[ties.track != "*"]
    summary = analysis.summary
    labelled = overall[overall.label != ""]
    pairs = {(r.learner, r.teacher) for r in overall.itertuples(index=False)}
    unordered = {frozenset(p) for p in pairs}
    both_ways = {frozenset(p) for p in pairs if (p[1], p[0]) in pairs}
    lines = [
        f"- Engine ({analysis.summary['backend']}, {seconds:.1f} s): {summary['events']} events, "
        f"{summary['credits']} counted as credit "
        f"({summary['followups']} conversational follow-ups, {summary['bot_events']} bot events, "
        f"{summary['outside_horizon']} outside the horizon set aside); "
        f"as of {analysis.as_of:%Y-%m-%d}.",
        f"- Directed pairs with credit: {len(overall)}; with credit both ways: "
        f"{len(both_ways)} of {len(unordered)} unordered pairs "
        f"({share(len(both_ways), len(unordered))}).",
        f"- Consistency (distinct weeks of credit per directed pair): {weeks_histogram(overall)}.",
        "",
        "| label | ties overall (`*`) | per-track rows | with reciprocal credit |",
        "|---|---:|---:|---:|",
    ]
    for label in LABELS:
        rows = overall[overall.label == label]
        lines.append(
            f"| {label} | {len(rows)} | {(named.label == label).sum()} "
            f"| {share(int((rows.reciprocal_weeks > 0).sum()), len(rows))} |"
        )
    lines.append(f"| (no label) | {(overall.label == '').sum()} | {(named.label == '').sum()} | |")
    lines += ["", *top_ties(labelled if not labelled.empty else overall, names, top)]
    return lines


def weeks_histogram(overall: pd.DataFrame) -> str:
    bins = pd.cut(overall.weeks, [0, 1, 2, 4, 10**6], labels=["1", "2", "3-4", "5+"])
    counts = bins.value_counts().sort_index()
    return ", ".join(f"{label} week(s): {count}" for label, count in counts.items())


def top_ties(rows: pd.DataFrame, names: dict[str, str], top: int) -> list[str]:
    labelled = (rows.label != "").any()
    title = "labelled ties by score" if labelled else "pairs by strength (none is labelled)"
    rows = rows.sort_values("score" if labelled else "strength", ascending=False).head(top)
    lines = [
        f"Top {len(rows)} {title}:",
        "",
        "| learner | teacher | label | weeks | recip. weeks | focus | explanation |",
        "|---|---|---|---:|---:|---:|---|",
    ]
    for r in rows.itertuples(index=False):
        explanation = r.explanation or f"{r.events} events, strength {r.strength:.1f}"
        lines.append(
            f"| {person(r.learner, names)} | {person(r.teacher, names)} | {r.label or '-'} "
            f"| {r.weeks} "
            f"| {r.reciprocal_weeks} | {r.focus:.2f} | {explanation} |"
        )
    return [*lines, ""]


def person(member: str, names: dict[str, str]) -> str:
    return f"{names[member]} ({member})" if member in names else member


def share(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "n/a"


# -- recording --------------------------------------------------------------------------------


def header(args: argparse.Namespace, seconds: float) -> list[str]:
    command = ".venv/bin/python bench/eval_real.py " + " ".join(
        shlex.quote(a) for a in sys.argv[1:]
    )
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    return [
        f"<!-- {SECTION}:start -->",
        "## Real data: Stack Exchange and Ubuntu IRC (`bench/eval_real.py`)",
        "",
        f"- Command: `{command.strip()}`",
        f"- Data: `{shown(args.stackexchange)}` and `{shown(args.irc / args.irc_split)}` "
        "(each folder's README gives source and licence).",
        f"- Machine: {machine}; date {datetime.now(UTC):%Y-%m-%d}; whole run {seconds:.0f} s.",
    ]


def shown(path: Path) -> str:
    """A data path as the repository sees it (``../shared/data/...``) when it is one."""
    try:
        return str(Path("..") / path.resolve().relative_to(DATA.parents[1]))
    except ValueError:
        return str(path)


if __name__ == "__main__":
    sys.exit(main())
