"""Verdicts over time: the periods over which a case's verdict is constant.

The dates at which a verdict can change are read from the rules (validity periods)
and from the case (certificate and derogation dates, and dates the rules shift, such
as "12 months after"), never by sampling day by day. The case is evaluated once on
each such date; consecutive dates with the same verdict merge into one period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from ..engine.base import CompiledPack
from ..law.language import ENTITY, Ref, Rule, Test, shift_months
from ..model.case import Case
from ..model.convert import output_converter
from ..model.facts import Fact, case_facts
from .outcome import Decision, Status, Verdict

__all__ = ["Change", "Period", "Timeline", "change_dates", "timeline_to_dict"]

ONE_DAY = dt.timedelta(days=1)


def next_day(day: dt.date) -> dt.date | None:
    """The day after ``day``; ``None`` after 9999-12-31, the last day of the calendar."""
    return None if day == dt.date.max else day + ONE_DAY


@attrs.frozen(slots=True)
class Change:
    """Something that happened on the day a period starts."""

    kind: str
    """``rule`` (a rule enters or leaves force), ``certificate`` or ``derogation``."""
    id: str
    event: str
    """``in_force`` or ``ended`` for a rule; ``FIELD reached`` (the date is that day),
    ``FIELD passed`` (it was the day before), ``FIELD + N months reached`` or ``passed``
    for a certificate or derogation date."""
    description: str


@attrs.frozen(slots=True)
class Period:
    start: dt.date
    end: dt.date | None
    """Last day of the period; ``None`` when it is open."""
    verdict: Verdict
    requirements: tuple[tuple[str, str], ...]
    """``(requirement id, status)`` on the period's first day, for applicable ones."""
    cause: tuple[Change, ...]
    """Why the verdict changed on ``start`` (empty for the first period)."""


@attrs.frozen(slots=True)
class Timeline:
    case: str | None
    engine: str
    periods: tuple[Period, ...]
    interpretations: tuple[tuple[str, str], ...] = ()
    """``(name, value)`` of every named interpretation the timeline was computed with."""


def _dates_of(value: object) -> list[dt.date]:
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return [dt.date.fromisoformat(value)]
        except ValueError:
            return []
    return []


def _shifted_refs(rules: Iterable[Rule]) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    for rule in rules:
        for cond in rule.conditions:
            if isinstance(cond, Test) and isinstance(cond.value, Ref) and cond.value is not ENTITY:
                out.setdefault(cond.value.fact, set()).add(cond.value.months)
    return out


def _pack_dates(pack: CompiledPack) -> tuple[frozenset[dt.date], dict[str, set[int]]]:
    """The days a rule of ``pack`` enters or leaves force, and the shifted references
    (kept in the pack: they depend on the rules only)."""
    found = pack.cache.get("change_dates")
    if found is None:
        days: set[dt.date] = set()
        for rule in pack.rules:
            if rule.valid_from is not None:
                days.add(rule.valid_from)
            if rule.valid_until is not None and rule.valid_until < dt.date.max:
                days.add(rule.valid_until + ONE_DAY)
        found = pack.cache["change_dates"] = (frozenset(days), _shifted_refs(pack.rules))
    return found  # type: ignore[return-value]


def change_dates(pack: CompiledPack, facts: Iterable[Fact]) -> set[dt.date]:
    """Every day on which some rule or dated fact may change the outcome."""
    rule_days, shifts = _pack_dates(pack)
    days: set[dt.date] = set(rule_days)
    for fact in facts:
        if fact.name == "case.as_of":
            continue
        for day in _dates_of(fact.value):
            for months in shifts.get(fact.name, set()) | {0}:
                shifted = dt.date.fromisoformat(shift_months(day.isoformat(), months))
                days.update(d for d in (shifted, next_day(shifted)) if d is not None)
    return days


def days_after(
    pack: CompiledPack,
    case: Case,
    after: dt.date,
    until: dt.date | None = None,
    dated: Iterable[Fact] | None = None,
) -> list[dt.date]:
    """The change dates of ``case`` after ``after`` (and up to ``until``), in order.
    ``dated``: the case's dated facts, when the caller has them."""
    dated = case_dated_facts(case) if dated is None else dated
    return sorted(
        d for d in change_dates(pack, dated) if after < d and (until is None or d <= until)
    )


def case_dated_facts(case: Case) -> list[Fact]:
    """The case's facts, without the evaluation date (they do not depend on it)."""
    return [f for f in case_facts(case, dt.date.min) if f.name != "case.as_of"]


def causes(
    pack: CompiledPack, facts: Iterable[Fact], day: dt.date, before: Decision, after: Decision
) -> tuple[Change, ...]:
    """What happened on ``day`` that matters to the change from ``before`` to ``after``."""
    fired_before = {d.rule for _, ds in before.inference.derived for d in ds}
    fired_after = {d.rule for _, ds in after.inference.derived for d in ds}
    involved = fired_before ^ fired_after
    out: list[Change] = []
    for rule in pack.rules:
        if rule.id not in involved:
            continue
        instrument = rule.citations[0].instrument
        if rule.valid_from == day:
            out.append(Change("rule", rule.id, "in_force", f"{rule.title} ({instrument})"))
        if rule.valid_until is not None and next_day(rule.valid_until) == day:
            out.append(Change("rule", rule.id, "ended", f"{rule.title} ({instrument})"))
    shifts = _shifted_refs(pack.rules)
    facts = sorted(set(facts), key=Fact.sort_key)
    basis = next((str(f.value) for f in facts if f.name == "derogation.basis"), "derogation")
    for fact in facts:
        kind = fact.name.split(".", 1)[0]
        if kind not in ("certificate", "derogation"):
            continue
        subject = fact.entity or basis
        field = fact.name.split(".", 1)[1]
        for value_day in _dates_of(fact.value):
            if value_day == day:
                out.append(
                    Change(kind, subject, f"{field} reached", f"{fact.label()} = {value_day}")
                )
            if next_day(value_day) == day:
                out.append(
                    Change(kind, subject, f"{field} passed", f"{fact.label()} = {value_day}")
                )
            for months in sorted(shifts.get(fact.name, set()) - {0}):
                shifted = dt.date.fromisoformat(shift_months(value_day.isoformat(), months))
                if shifted == day:
                    out.append(
                        Change(
                            kind,
                            subject,
                            f"{field} + {months} months reached",
                            f"{fact.label()} = {value_day}; {months} months later is {shifted}",
                        )
                    )
                if next_day(shifted) == day:
                    out.append(
                        Change(
                            kind,
                            subject,
                            f"{field} + {months} months passed",
                            f"{fact.label()} = {value_day}; {months} months ended {shifted}",
                        )
                    )
    return tuple(out)


_output = output_converter(Status, Verdict)


def timeline_to_dict(timeline: Timeline) -> dict[str, Any]:
    """The JSON form of a :class:`~cloudcentre.Timeline` (see ``schemas/timeline.schema.json``)."""
    return {
        "case": timeline.case,
        "engine": timeline.engine,
        "interpretations": dict(timeline.interpretations),
        "periods": [
            {
                "from": period.start.isoformat(),
                "to": None if period.end is None else period.end.isoformat(),
                "verdict": period.verdict.value,
                "requirements": dict(period.requirements),
                "cause": [_output.unstructure(change) for change in period.cause],
            }
            for period in timeline.periods
        ],
    }
