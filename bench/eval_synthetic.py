"""Claim: on a synthetic community with known ties, the engine's labels reach F1 >= 0.95 for
mentor and peer, where naive counting is fooled by popular helpers, maintainers, bursts and bots.

Generates communities (mentormesh.engine.synthetic) for fixed seeds, analyses each with
``analyze_events`` as of the last second of its year, and compares the labels with the planted
truth, per (learner, teacher, track) and per pair overall (track ``*``). Two baselines run on
the same events: *count* (at least K credit events between the two, K chosen with hindsight to
suit the baseline best) and *weeks* (credit in at least 3 distinct weeks with a strength of at
least 1.5 — the engine's consistency rule without focus, bot exclusion or the thread rule).
Both label a tie mentor, peer when it also holds the other way, reverse when the teacher has 3
or more years less experience.

    .venv/bin/python bench/eval_synthetic.py                # every scenario, seeds 1 2 3
    .venv/bin/python bench/eval_synthetic.py --scenario default --seeds 7 --no-record

The result replaces the "eval_synthetic" section of bench/RESULTS.md (unless --no-record).
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
from results import record  # bench/results.py (bench/ is on sys.path)

from mentormesh.engine.analysis import analyze_events
from mentormesh.engine.rules import Rules
from mentormesh.engine.synthetic import WEEK, SyntheticCommunity, generate_synthetic

RESULTS = Path(__file__).with_name("RESULTS.md")
SECTION = "eval_synthetic"
LABELS = ("mentor", "peer", "reverse", "fading", "emerging")
TARGET_F1 = {"mentor": 0.95, "peer": 0.95}
SCENARIOS: dict[str, dict[str, Any]] = {
    # The scenario the generator documents: planted ties credited in 5-12 distinct weeks,
    # nobody in more than four planted ties.
    "default": {},
    # A stress test, not the claim: ties credited in only 3-6 weeks (right at the engine's
    # consistency threshold) and prolific people in up to 8 planted ties.
    "hard": {"tie_weeks": (3, 6), "ties_per_member": 8},
    # A stress test, not the claim: popular helpers and maintainers are the teacher in half the
    # planted ties, so real mentoring hides under their one-off answers and routine reviews.
    "busy-mentors": {"busy_mentors": True},
}
SCENARIO_NOTES = {
    "default": "The claim: the scenario `mentormesh.engine.synthetic` documents (planted ties with "
    "credit in 5-12 distinct weeks, at most four planted ties a person, noise makers in none).",
    "hard": "Stress test: planted ties with credit in only 3-6 weeks (at the engine's consistency "
    "threshold of 3), up to eight planted ties a person.",
    "busy-mentors": "Stress test: popular helpers and maintainers are the teacher in about half of "
    "the planted ties, so real mentoring hides under their one-off answers and routine reviews.",
}
KEY = ["learner", "teacher", "track"]


@dataclass
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Scores) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else float("nan")

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else float("nan")

    @property
    def f1(self) -> float:
        total = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / total if total else float("nan")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    sections = [run_scenario(name, args) for name in args.scenario]
    text = render(sections, args, time.perf_counter() - started)
    print(text)
    if args.record:
        record(SECTION, text)
        print(f"\nrecorded in {RESULTS}")
    return 0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--seeds", type=int, nargs="+", default=[1, 2, 3], help="generator seeds (default 1 2 3)"
    )
    parser.add_argument(
        "--members", type=int, default=2000, help="members per community (default 2000)"
    )
    parser.add_argument(
        "--scenario",
        choices=sorted(SCENARIOS),
        nargs="+",
        default=list(SCENARIOS),
        help="scenarios to run (default: all)",
    )
    parser.add_argument("--backend", default="duckdb", help="engine backend (default duckdb)")
    parser.add_argument(
        "--no-record", dest="record", action="store_false", help="do not update bench/RESULTS.md"
    )
    return parser.parse_args(argv)


# -- one scenario -----------------------------------------------------------------------------


@dataclass
class ScenarioResult:
    name: str
    events: int
    truth: pd.Series  # label counts, summed over seeds
    engine: dict[str, dict[str, Scores]]  # level ("track", "overall") -> label -> scores
    per_seed_f1: dict[str, list[float]]  # label -> per-seed F1 (per-track level)
    baselines: dict[str, dict[str, Scores]]  # baseline name -> label -> scores (per track)
    count_k: int
    failures: pd.DataFrame
    seconds: float


def run_scenario(name: str, args: argparse.Namespace) -> ScenarioResult:
    engine = {"track": blank(), "overall": blank()}
    baselines = {"count": blank(), "weeks": blank()}
    per_seed_f1: dict[str, list[float]] = {label: [] for label in LABELS}
    truth_counts: pd.Series = pd.Series(dtype=int)
    failures: list[pd.DataFrame] = []
    events = 0
    count_tables = []
    analysis_seconds = 0.0
    for seed in args.seeds:
        community = generate_synthetic(seed, members=args.members, **SCENARIOS[name])
        events += community.table.num_rows
        truth_counts = truth_counts.add(community.truth.label.value_counts(), fill_value=0)
        began = time.perf_counter()
        analysis = analyze_events(
            community.log,
            members=community.engine_members(),
            as_of=community.as_of,
            backend=args.backend,
        )
        analysis_seconds += time.perf_counter() - began
        predicted = analysis.ties[["learner", "teacher", "track", "label"]]
        for level in ("track", "overall"):
            scores = compare(predicted, community.truth, level)
            for label in LABELS:
                engine[level][label].add(scores[label])
                if level == "track":
                    per_seed_f1[label].append(scores[label].f1)
        failures.append(explain_failures(analysis.ties, community, seed))
        credits = naive_credits(community)
        count_tables.append((credits, community))
        for label, score in compare(
            weeks_baseline(credits, community), community.truth, "track"
        ).items():
            baselines["weeks"][label].add(score)
    best_k, best = best_count_baseline(count_tables)
    baselines["count"] = best
    return ScenarioResult(
        name,
        events,
        truth_counts.astype(int),
        engine,
        per_seed_f1,
        baselines,
        best_k,
        pd.concat(failures, ignore_index=True),
        analysis_seconds,
    )


def blank() -> dict[str, Scores]:
    return {label: Scores() for label in LABELS}


def compare(predicted: pd.DataFrame, truth: pd.DataFrame, level: str) -> dict[str, Scores]:
    """Scores per label: a row counts for label X when predicted X, planted X, or both."""
    if level == "overall":
        predicted = predicted[predicted.track == "*"]
        truth = truth.assign(track="*")
    else:
        predicted = predicted[predicted.track != "*"]
    merged = (
        predicted[predicted.label != ""]
        .merge(truth, on=KEY, how="outer", suffixes=("_predicted", "_true"))
        .fillna({"label_predicted": "", "label_true": ""})
    )
    return {
        label: Scores(
            tp=int(((merged.label_predicted == label) & (merged.label_true == label)).sum()),
            fp=int(((merged.label_predicted == label) & (merged.label_true != label)).sum()),
            fn=int(((merged.label_predicted != label) & (merged.label_true == label)).sum()),
        )
        for label in LABELS
    }


def explain_failures(ties: pd.DataFrame, community: SyntheticCommunity, seed: int) -> pd.DataFrame:
    """One row per wrong label, at both levels: what was planted, what came out, the numbers."""
    origins = event_origins(community)
    role = community.members.set_index("id").role
    frames = []
    for level in ("track", "overall"):
        predicted = ties[ties.track == "*"] if level == "overall" else ties[ties.track != "*"]
        truth = community.truth.assign(track="*") if level == "overall" else community.truth
        rows = predicted.merge(truth, on=KEY, how="outer", suffixes=("", "_true"))
        rows = rows.fillna({"label": "", "label_true": ""})
        wrong = rows[rows.label != rows.label_true].copy()
        wrong["level"] = level
        frames.append(wrong)
    wrong = pd.concat(frames, ignore_index=True)
    wrong["seed"] = seed
    wrong["teacher_role"] = wrong.teacher.map(role)
    wrong["events_from"] = [
        origins.get((r.learner, r.teacher, r.track), "") for r in wrong.itertuples(index=False)
    ]
    return wrong[
        [
            "seed",
            "level",
            "learner",
            "teacher",
            "track",
            "label_true",
            "label",
            "teacher_role",
            "weeks",
            "reciprocal_weeks",
            "strength",
            "focus",
            "last",
            "events_from",
        ]
    ]


def failure_line(row: pd.Series) -> str:
    numbers = (
        f"weeks {row.weeks:.0f}, reciprocal {row.reciprocal_weeks:.0f}, "
        f"strength {row.strength:.2f}, "
        f"focus {row.focus:.3f}, last {row['last']:%Y-%m-%d}"
        if not pd.isna(row.weeks)
        else "no tie row"
    )
    return (
        f"seed {row.seed} {row.level}: {row.learner} <- {row.teacher} ({row.teacher_role}) "
        f"#{row.track}: planted {row.label_true or 'nothing'}, labelled {row.label or 'nothing'} "
        f"({numbers}; events: {row.events_from or 'none'})"
    )


def event_origins(community: SyntheticCommunity) -> dict[tuple[str, str, str], str]:
    """What made each pair's events, per track and overall: ``mentor x9, maintainer x3``."""
    credits = naive_credits(community, keep_untracked=True)
    both = pd.concat([credits.dropna(subset=["track"]), credits.assign(track="*")])
    counts = both.groupby([*KEY, "origin"]).size().rename("n").reset_index()
    counts["text"] = counts.origin + " x" + counts.n.astype(str)
    return dict(counts.groupby(KEY).text.agg(", ".join).items())


# -- baselines -------------------------------------------------------------------------------


def naive_credits(community: SyntheticCommunity, *, keep_untracked: bool = False) -> pd.DataFrame:
    """Every event as (learner, teacher, track, week, weight, origin), by the default kinds;
    events without a track are left out unless ``keep_untracked``."""
    rules = Rules()
    events = community.table.to_pandas()
    actor_learned = events.kind.map(lambda k: rules.kinds[k].direction == "actor_learned")
    start = pd.Timestamp(community.start)
    credits = pd.DataFrame(
        {
            "learner": events.actor.where(actor_learned, events.target),
            "teacher": events.target.where(actor_learned, events.actor),
            "track": events.track,
            "week": ((events.time - start).dt.total_seconds() // WEEK).astype(int),
            "weight": events.kind.map(lambda k: rules.kinds[k].weight),
            "origin": events.origin,
        }
    )
    return credits if keep_untracked else credits.dropna(subset=["track"])


def pair_table(credits: pd.DataFrame) -> pd.DataFrame:
    return credits.groupby(KEY).agg(
        events=("week", "size"), weeks=("week", "nunique"), strength=("weight", "sum")
    )


def label_baseline(
    pairs: pd.DataFrame, is_tie: pd.Series, community: SyntheticCommunity
) -> pd.DataFrame:
    ties = pairs[is_tie].reset_index()[KEY]
    back = set(zip(ties.teacher, ties.learner, ties.track, strict=True))
    experience = community.members.set_index("id").experience_years
    gap = ties.learner.map(experience) - ties.teacher.map(experience)
    reciprocal = [
        (learner, t, k) in back
        for learner, t, k in zip(ties.learner, ties.teacher, ties.track, strict=True)
    ]
    ties["label"] = "mentor"
    ties.loc[gap >= 3, "label"] = "reverse"
    ties.loc[reciprocal, "label"] = "peer"
    return ties


def weeks_baseline(credits: pd.DataFrame, community: SyntheticCommunity) -> pd.DataFrame:
    pairs = pair_table(credits)
    return label_baseline(pairs, (pairs.weeks >= 3) & (pairs.strength >= 1.5), community)


def best_count_baseline(
    tables: list[tuple[pd.DataFrame, SyntheticCommunity]],
) -> tuple[int, dict[str, Scores]]:
    """The count baseline at the K (1-30) that gives it its best mentor F1 over all seeds."""
    pairs = [(pair_table(credits), community) for credits, community in tables]
    best: tuple[float, int, dict[str, Scores]] | None = None
    for k in range(1, 31):
        total = blank()
        for table, community in pairs:
            labelled = label_baseline(table, table.events >= k, community)
            for label, score in compare(labelled, community.truth, "track").items():
                total[label].add(score)
        f1 = total["mentor"].f1
        if best is None or f1 > best[0]:
            best = (f1, k, total)
    assert best is not None
    return best[1], best[2]


# -- the report ------------------------------------------------------------------------------


def render(sections: list[ScenarioResult], args: argparse.Namespace, seconds: float) -> str:
    command = ".venv/bin/python bench/eval_synthetic.py " + " ".join(
        shlex.quote(a) for a in sys.argv[1:]
    )
    lines = [
        f"<!-- {SECTION}:start -->",
        "## Synthetic community: labels against planted ties (`bench/eval_synthetic.py`)",
        "",
        f"- Command: `{command.strip()}`",
        f"- Data: `generate_synthetic(seed, members={args.members})` for seeds "
        f"{', '.join(map(str, args.seeds))}, 52 weeks, analysed as of the last second of the year, "
        f"backend `{args.backend}`, default rules.",
        f"- Machine: {machine()}; date {datetime.now(UTC):%Y-%m-%d}; whole run {seconds:.0f} s.",
        "- Precision/recall/F1 count rows (learner, teacher, track): a row is a true positive "
        "for X when it is labelled X and planted X; rows the engine labels but nobody planted "
        "are false positives; planted rows labelled otherwise (or not at all) are false "
        "negatives. The F1 overall column scores the pair rows (track `*`) the same way.",
        "",
    ]
    for result in sections:
        lines += render_scenario(result)
    lines.append(f"<!-- {SECTION}:end -->")
    return "\n".join(lines)


def render_scenario(result: ScenarioResult) -> list[str]:
    engine_track, engine_overall = result.engine["track"], result.engine["overall"]
    lines = [
        f"### Scenario `{result.name}` ({result.events:,} events in all; "
        f"engine time {result.seconds:.1f} s)",
        "",
        SCENARIO_NOTES[result.name],
        "",
        "| label | planted | engine P | engine R | engine F1 | F1 overall (`*`) | lowest seed F1 "
        f"| count (K={result.count_k}) F1 | weeks-only F1 | target |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for label in LABELS:
        score = engine_track[label]
        target = TARGET_F1.get(label)
        verdict = "" if target is None else verdict_for(result.name, score.f1, target)
        lines.append(
            f"| {label} | {int(result.truth.get(label, 0))} | {fmt(score.precision)} "
            f"| {fmt(score.recall)} | {fmt(score.f1)} | {fmt(engine_overall[label].f1)} "
            f"| {fmt(min(result.per_seed_f1[label]))} | {fmt(result.baselines['count'][label].f1)} "
            f"| {fmt(result.baselines['weeks'][label].f1)} | {verdict} |"
        )
    lines += [
        "",
        "Baselines in detail (per track, all seeds; "
        f"count baseline at its best K = {result.count_k}):",
        "",
    ]
    lines += [
        "| baseline | label | TP | FP | FN | P | R | F1 |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, scores in (("engine", engine_track), *result.baselines.items()):
        for label in ("mentor", "peer", "reverse"):
            s = scores[label]
            lines.append(
                f"| {name} | {label} | {s.tp} | {s.fp} | {s.fn} | {fmt(s.precision)} "
                f"| {fmt(s.recall)} | {fmt(s.f1)} |"
            )
    lines += render_failures(result.failures)
    return lines


def render_failures(failures: pd.DataFrame) -> list[str]:
    """Wrong labels grouped by what was planted, what came out and who taught; then examples."""
    if failures.empty:
        return ["", "Engine mistakes: none.", ""]
    grouped = (
        failures.fillna({"teacher_role": "?"})
        .groupby(["level", "label_true", "label", "teacher_role"], dropna=False)
        .agg(rows=("seed", "size"), weeks=("weeks", "median"), focus=("focus", "median"))
        .reset_index()
        .sort_values(["level", "rows"], ascending=[False, False])
    )
    lines = [
        "",
        f"Engine mistakes ({len(failures)} rows at both levels), by kind:",
        "",
        "| level | planted | labelled | teacher is | rows | median weeks | median focus |",
        "|---|---|---|---|---:|---:|---:|",
    ]
    for g in grouped.itertuples(index=False):
        lines.append(
            f"| {g.level} | {g.label_true or '-'} | {g.label or '-'} | {g.teacher_role} | {g.rows} "
            f"| {fmt(g.weeks)} | {fmt(g.focus)} |"
        )
    examples = failures.groupby(["level", "label_true", "label"], dropna=False).head(2).head(12)
    lines += ["", "Examples:", ""]
    lines += [f"- {failure_line(row)}" for _, row in examples.iterrows()]
    lines.append("")
    return lines


def verdict_for(scenario: str, f1: float, target: float) -> str:
    if scenario == "default":
        return f"met (>= {target})" if f1 >= target else f"**missed** ({f1:.4f} < {target})"
    if f1 >= target:
        return f"at or above {target} (stress test)"
    return f"below {target} ({f1:.4f}; stress test)"


def fmt(value: float) -> str:
    return "n/a" if value != value else f"{value:.3f}"


def machine() -> str:
    python = platform.python_version()
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {python}, {platform.system()}"


if __name__ == "__main__":
    sys.exit(main())
