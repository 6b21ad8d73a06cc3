"""Running ``cloudcentre verify``: which pack, which dates, and the printed report."""

from __future__ import annotations

import datetime as dt
import importlib
import json
import multiprocessing
import os
import sys
import time
from collections.abc import Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, TextIO

from .._errors import InvalidRulePack
from ..engine.base import CompiledPack, compile_rules
from ..law.language import Rule
from ..law.packs import OVERRIDES, RULES
from ..model.convert import case_to_dict
from .cases import build_case
from .space import periods
from .verify import Report, verify_period

__all__ = ["UserPack", "all_dates", "load_pack", "render", "run", "write_counterexample"]


class UserPack:
    """Rules (and declared overrides) from a user's module, checked with the bundled ones."""

    def __init__(self, name: str, rules: tuple[Rule, ...], overrides: Mapping[str, str]) -> None:
        self.name = name
        self.rules = rules
        self.overrides = dict(overrides)


def load_pack(module: str) -> UserPack:
    """Import ``module`` (from the current directory too) and read its rules.

    The module exposes ``RULES`` (a sequence of :class:`~cloudcentre.Rule`) or ``rules()``
    returning one, and optionally ``OVERRIDES``: ``{fact: why}`` for the facts its rules
    may derive with two values on purpose.
    """
    if "" not in sys.path:
        sys.path.insert(0, "")
    try:
        loaded = importlib.import_module(module)
    except Exception as exc:  # an import error, or any error the module raises
        raise InvalidRulePack(
            f"cannot import the pack module `{module}`: {type(exc).__name__}: {exc}"
        ) from None
    found: Any = getattr(loaded, "RULES", None)
    if found is None and callable(getattr(loaded, "rules", None)):
        found = loaded.rules()
    if found is None:
        raise InvalidRulePack(f"the module `{module}` exposes neither `RULES` nor `rules()`")
    rules = tuple(found)
    for rule in rules:
        if not isinstance(rule, Rule):
            raise InvalidRulePack(f"the module `{module}` gives `{rule!r}`, which is not a Rule")
    overrides = getattr(loaded, "OVERRIDES", {})
    if not isinstance(overrides, Mapping):
        raise InvalidRulePack(f"`{module}.OVERRIDES` is not a mapping of fact to reason")
    return UserPack(module, rules, overrides)


def all_dates(pack: CompiledPack) -> list[dt.date]:
    """The first day of every period, from the day before the first rule bound."""
    bounds = [d for r in pack.rules for d in (r.valid_from, r.valid_until) if d is not None]
    start = min(bounds, default=dt.date.today()) - dt.timedelta(days=1)
    end = max(bounds, default=dt.date.today()) + dt.timedelta(days=1)
    return periods(pack, start, dt.date(end.year + 2, 12, 31))


_PACKS: dict[tuple[Rule, ...], CompiledPack] = {}


def _chunk(rules: tuple[Rule, ...], days: list[dt.date], overrides: dict[str, str]) -> Report:
    """Verify consecutive periods in one process (a worker keeps its evaluations across
    the chunks it is given: neighbouring periods share most of them)."""
    pack = _PACKS.get(rules)
    if pack is None:
        _PACKS.clear()
        pack = _PACKS[rules] = compile_rules(rules)
    report = Report()
    for day in days:
        verify_period(pack, day, report, overrides)
    return report


def _balanced(days: list[dt.date], weights: list[int], count: int) -> list[list[dt.date]]:
    """``days`` cut into at most ``count`` runs of consecutive days of about equal weight."""
    total = sum(weights)
    chunks: list[list[dt.date]] = [[]]
    done = 0
    for day, weight in zip(days, weights, strict=True):
        if chunks[-1] and done >= total * len(chunks) / count and len(chunks) < count:
            chunks.append([])
        chunks[-1].append(day)
        done += weight
    return chunks


def _merge(into: Report, part: Report) -> None:
    """Add a later chunk's report to ``into``, as if its periods had been verified in the
    same process, in order."""
    into.periods += part.periods
    into.space_size += part.space_size
    into.runs += part.runs
    into.fired |= part.fired
    for req, statuses in part.statuses.items():
        into.statuses.setdefault(req, set()).update(statuses)
    for fact, groups in part.overrides.items():
        into.overrides.setdefault(fact, set()).update(groups)
    into.pairs += part.pairs
    for failure in part.failures:
        into.fail(failure)


def run(user: UserPack | None, days: Iterable[dt.date] | None, jobs: int | None = None
        ) -> tuple[Report, CompiledPack, float]:
    """Verify the bundled rules (and ``user``'s) on ``days`` (``None``: every period),
    with ``jobs`` worker processes (default: one per CPU) when there are several periods."""
    rules = (*RULES, *(user.rules if user else ()))
    pack = compile_rules(rules)
    overrides = {**OVERRIDES, **(user.overrides if user else {})}
    started = time.perf_counter()
    report = Report()
    checked = list(days) if days is not None else all_dates(pack)
    workers = max(1, min(jobs if jobs is not None else os.cpu_count() or 1, len(checked)))
    if workers == 1:
        for day in checked:
            verify_period(pack, day, report, overrides)
    else:
        # One run of consecutive periods per worker (neighbouring periods share most
        # evaluations), balanced by the rules in force (the cost grows faster than their
        # count: weighted by its square above the fewest); merged back in date order: the
        # same report as one process, but for the count of engine runs.
        counts = [len(pack.in_force(day)) for day in checked]
        chunks = _balanced(checked, [(n - min(counts) + 1) ** 2 for n in counts], workers)
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            for part in pool.map(_chunk, [rules] * len(chunks), chunks,
                                 [overrides] * len(chunks)):
                _merge(report, part)
    in_force = {rule.id for rule in pack.rules if any(rule.in_force(d) for d in checked)}
    dead = sorted(in_force - report.fired)
    from .verify import Failure

    for rule_id in dead:
        report.fail(Failure("dead-rule", f"rule `{rule_id}` never fires"))
    for req, statuses in sorted(report.statuses.items()):
        for wanted in ("met", "unmet", "unknown"):
            if wanted not in {s.value for s in statuses}:
                report.fail(Failure("unreachable", f"requirement {req} is never {wanted}"))
    return report, pack, time.perf_counter() - started


def write_counterexample(report: Report, path: Path) -> Path | None:
    """Write the first failure that has a witness as a case file; its path, or ``None``."""
    for failure in report.failures:
        if failure.witness and failure.as_of is not None:
            case = build_case(failure.witness, failure.as_of, failure.covers)
            data = {"title": f"cloudcentre verify: {failure.kind}: {failure.message}",
                    **case_to_dict(case)}
            path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n",
                            encoding="utf-8")
            return path
    return None


def render(report: Report, pack: CompiledPack, seconds: float, out: TextIO) -> None:
    days = report.periods
    span = (f"{days[0].isoformat()}" if len(days) == 1
            else f"{len(days)} periods from {days[0].isoformat()} to {days[-1].isoformat()}")
    out.write(f"cloudcentre verify: {len(pack.rules)} rules, {span}\n")
    out.write(f"abstract input space: {report.space_size:.3e} combinations; "
              f"{report.runs} engine runs by symmetry\n")
    for req, statuses in sorted(report.statuses.items()):
        out.write(f"  {req}: {', '.join(sorted(s.value for s in statuses))}\n")
    in_force = [r for r in pack.rules if any(r.in_force(d) for d in days)]
    out.write(f"rules fired: {len(report.fired & {r.id for r in in_force})} of the "
              f"{len(in_force)} in force ({len(pack.rules)} in all)\n")
    for fact, groups in sorted(report.overrides.items()):
        rules = sorted({rule for group in groups for rule in group})
        out.write(f"declared override: `{fact}` derived both ways by {', '.join(rules)}\n")
    out.write(f"monotonicity pairs checked: {report.pairs} (more-sensitive-data, eu-location, "
              "lower-non-eu-share)\n")
    contradictions = any(f.kind == "contradiction" for f in report.failures)
    out.write("verdicts: " + ("some input has two" if contradictions else
              "exactly one per input (every requirement fact has one value, but for the "
              "declared overrides, and the verdict table covers every set of statuses)")
              + "\n")
    for failure in report.failures:
        when = f" (on {failure.as_of.isoformat()})" if failure.as_of else ""
        out.write(f"FAIL {failure.kind}: {failure.message}{when}\n")
    verdict = "FAILED" if report.failures else "OK"
    out.write(f"{verdict}: {len(report.failures)} failure(s) in {seconds:.1f} s\n")
