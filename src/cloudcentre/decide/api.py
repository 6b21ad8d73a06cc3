"""The public entry points: :func:`assess`, the default rule pack, engines."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from .._errors import InvalidArgument, InvalidCase, UnknownEngine
from ..catalogue.resolve import resolve_case_dict
from ..engine.base import CompiledPack, Engine, compile_rules, restrict
from ..engine.native import NativeEngine
from ..law.interpretations import interpretation_fact, resolve_interpretations
from ..law.packs import PACKS, RULES
from ..model.case import Case
from ..model.convert import case_from_dict, check_case_data
from ..model.facts import SECTIONS, Fact, case_facts, section_facts
from ..model.limits import InputLimits
from ..model.messages import quoted
from .decision import decide, set_default_pack
from .outcome import Decision, Remedy, Verdict
from .remedies import find_remedies
from .timeline import Period, Timeline, case_dated_facts, causes, days_after

__all__ = [
    "DEFAULT_TIMELINE_START",
    "assess",
    "assess_facts",
    "default_pack",
    "get_engine",
    "rules_in_force",
    "timeline",
]

#: Where a timeline starts when no start is given: before the first instrument (2021).
DEFAULT_TIMELINE_START = dt.date(2021, 1, 1)

_ENGINES: dict[str, Engine] = {"native": NativeEngine()}
#: Backends whose module is imported on first use: their dependency is optional.
_LAZY_ENGINES = ("durable",)


def get_engine(engine: str | Engine) -> Engine:
    """The backend called ``engine`` (``"native"``, ``"durable"``), or ``engine`` itself.

    ``"durable"`` imports durable-rules on first use; without it, it raises
    :class:`UnknownEngine` with the command that installs it.
    """
    if not isinstance(engine, str):
        if not callable(getattr(engine, "run", None)) or not isinstance(
            getattr(engine, "name", None), str
        ):
            raise InvalidArgument(
                f"engine: {quoted(engine)} is not an engine name or an Engine "
                "(an object with `name` and `run`)"
            )
        return engine
    found = _ENGINES.get(engine)
    if found is not None:
        return found
    if engine == "durable":
        from ..engine.durable import (
            DurableEngine,  # raises UnknownEngine if durable-rules is missing
        )

        return _ENGINES.setdefault(engine, DurableEngine())
    known = ", ".join(f"`{name}`" for name in sorted({*_ENGINES, *_LAZY_ENGINES}))
    raise UnknownEngine(f"unknown engine `{engine}`; known engines: {known}")


@functools.cache
def default_pack() -> CompiledPack:
    """Every built-in rule pack, compiled once and shared."""
    return compile_rules(RULES)


set_default_pack(default_pack)


def _pack(pack: CompiledPack | None) -> CompiledPack:
    if pack is None:
        return default_pack()
    if not isinstance(pack, CompiledPack):
        raise InvalidArgument(
            f"pack: {quoted(pack)} is not a CompiledPack (make one with compile_rules)"
        )
    return pack


def as_date(value: object, name: str) -> dt.date | None:
    """An API date argument: a date or an ISO ``YYYY-MM-DD`` string (or ``None``)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        raise InvalidArgument(
            f"{name}: `{value.isoformat()}` is a datetime, not a date "
            "(pass its .date(), or a YYYY-MM-DD string)"
        )
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            if len(value) != 10:
                raise ValueError(value)
            return dt.date.fromisoformat(value)
        except ValueError:
            raise InvalidArgument(
                f"{name}: {quoted(value)} is not a date (write YYYY-MM-DD)"
            ) from None
    raise InvalidArgument(
        f"{name}: {quoted(value)} is not a date (pass a datetime.date or a YYYY-MM-DD string)"
    )


def assess(
    case: Case | Mapping[str, Any],
    *,
    as_of: dt.date | str | None = None,
    engine: str | Engine = "native",
    pack: CompiledPack | None = None,
    limits: InputLimits | None = None,
    interpretations: Mapping[str, str] | None = None,
) -> Decision:
    """Decide whether ``case``'s workload may be hosted on its offering.

    ``as_of`` (a date or a ``YYYY-MM-DD`` string) overrides the case's own date; with
    neither, today is used. ``limits`` bounds a case given as a dict (see
    :class:`InputLimits`). ``interpretations`` adopts other readings of contested points
    than the defaults (``{"sren31_requirement": "non_eu_access_protection"}``; see
    :data:`~cloudcentre.INTERPRETATIONS`). The decision is a pure function of the case,
    the date, the interpretations and the rule pack.
    """
    day_given = as_date(as_of, "as_of")
    backend = get_engine(engine)
    compiled = _pack(pack)
    case = _as_case(case, limits, day_given)
    day = day_given or case.as_of or dt.date.today()
    # The facts in no particular order: engines do not depend on it (the inference sorts).
    facts = [Fact("case.as_of", day.isoformat())]
    facts.extend(
        Fact(interpretation_fact(name), value)
        for name, value in resolve_interpretations(interpretations).items()
    )
    for name in SECTIONS:
        facts.extend(section_facts(name, getattr(case, name)))
    return assess_facts(case, day, tuple(facts), backend, compiled, interpretations)


def assess_facts(
    case: Case,
    day: dt.date,
    facts: tuple[Fact, ...],
    backend: Engine,
    pack: CompiledPack,
    interpretations: Mapping[str, str] | None = None,
) -> Decision:
    """:func:`assess` once the case's facts on ``day`` are known (``case_facts``, in any
    order, with the interpretations' facts)."""
    inference = backend.run(pack, facts, day)
    decision = decide(pack, inference, backend.name, case.id)
    decision = _with_remedies(decision, case, day, backend, pack, interpretations)
    if decision.verdict is Verdict.COMPLIANT_UNDER_DEROGATION:
        dated = [f for f in facts if f.name != "case.as_of"]
        end = _derogation_end(case, day, backend, pack, dated)
        decision = attrs.evolve(decision, derogation_until=end)
    return decision


@attrs.frozen(slots=True)
class _RemedyFinder:
    """Looks for a decision's remedies with the same day, engine and pack (picklable)."""

    case: Case
    decision: Decision
    day: dt.date
    backend: Engine
    pack: CompiledPack
    interpretations: tuple[tuple[str, str], ...] = ()

    def run(self, changed: Case) -> Decision:
        # The verdict only: no look-ahead for a derogation's end, no remedies of remedies.
        facts = case_facts(changed, self.day, dict(self.interpretations))
        inference = self.backend.run(self.pack, facts, self.day)
        return decide(self.pack, inference, self.backend.name, changed.id)

    def __call__(
        self, max_changes: int, offerings: Sequence[Mapping[str, Any]] = ()
    ) -> tuple[Remedy, ...]:
        return find_remedies(self.case, self.decision, self.run, max_changes, offerings)


def _with_remedies(
    decision: Decision,
    case: Case,
    day: dt.date,
    backend: Engine,
    pack: CompiledPack,
    interpretations: Mapping[str, str] | None = None,
) -> Decision:
    """``decision`` knowing its case and rules, and how to look for remedies (lazily)."""
    chosen = tuple(sorted((interpretations or {}).items()))
    finder = _RemedyFinder(case, decision, day, backend, pack, chosen)
    return attrs.evolve(decision, subject=case, rules=pack.rules, finder=finder)


def _derogation_end(
    case: Case,
    day: dt.date,
    backend: Engine,
    pack: CompiledPack,
    dated: list[Fact] | None = None,
    interpretations: Mapping[str, str] | None = None,
) -> dt.date | None:
    """The last day the case's derogation is in force, looking ahead from ``day``.

    Only the days on which a rule or a date of the case changes are tried, so the end
    reflects the stated end, the 12-month clock and any later law alike. On each, only
    the rules the fact ``derogation.in_force`` depends on run (no decision is made): the
    same facts, for a fraction of the work.
    """
    lookahead = restrict(pack, DEROGATION_IN_FORCE)
    if dated is None:
        dated = [f for f in case_facts(case, day, interpretations) if f.name != "case.as_of"]
    # The facts those rules read, and every entity's (a for_each rule ranges over them).
    read = lookahead.inputs | lookahead.derived
    kept = [f for f in dated if f.entity or f.name in read]
    for later in days_after(lookahead, case, day, dated=dated):
        facts = (*kept, Fact("case.as_of", later.isoformat()))
        inference = backend.run(lookahead, facts, later)
        if set(inference.values(DEROGATION_IN_FORCE)) != {True}:
            return later - dt.timedelta(days=1)
    return None


#: The fact the derogation look-ahead follows.
DEROGATION_IN_FORCE = "derogation.in_force"


def _as_case(
    case: Case | Mapping[str, Any],
    limits: InputLimits | None = None,
    as_of: dt.date | None = None,
) -> Case:
    if isinstance(case, Case):
        return case
    if not isinstance(case, Mapping):
        raise InvalidCase(
            f"`{type(case).__name__}` is not a case",
            path="$",
            hint="pass a Case or a dict in the case format",
        )
    check_case_data(case, limits)  # before the catalogue reference is read
    # A catalogue offering, if named.
    return case_from_dict(resolve_case_dict(case, None, as_of), limits=limits)


def timeline(
    case: Case | Mapping[str, Any],
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    *,
    engine: str | Engine = "native",
    pack: CompiledPack | None = None,
    limits: InputLimits | None = None,
    interpretations: Mapping[str, str] | None = None,
) -> Timeline:
    """The periods between ``start`` and ``end`` over which the verdict is constant.

    ``start`` defaults to 2021-01-01; without ``end`` the last period is open. The
    case's own ``as_of`` is ignored. Each period after the first names its causes.
    ``interpretations`` is as for :func:`assess`.
    """
    chosen = resolve_interpretations(interpretations)
    first = as_date(start, "start") or DEFAULT_TIMELINE_START
    last = as_date(end, "end")
    backend = get_engine(engine)
    compiled = _pack(pack)
    case = _as_case(case, limits, first)
    if last is not None and last < first:
        raise InvalidCase(
            f"`{last.isoformat()}` is before the start `{first.isoformat()}`",
            path="to",
            hint="give an end date on or after the start date",
        )
    dated = case_dated_facts(case)
    days = [first, *days_after(compiled, case, first, last)]
    periods: list[Period] = []
    previous: Decision | None = None
    for day in days:
        decision = assess(
            case, as_of=day, engine=backend, pack=compiled, interpretations=interpretations
        )
        statuses = tuple((rid, status.value) for rid, status in decision.statuses)
        if previous is None or decision.verdict is not previous.verdict:
            cause = () if previous is None else causes(compiled, dated, day, previous, decision)
            if periods:
                periods[-1] = attrs.evolve(periods[-1], end=day - dt.timedelta(days=1))
            periods.append(Period(day, last, decision.verdict, statuses, cause))
        previous = decision
    return Timeline(
        case=case.id,
        engine=backend.name,
        periods=tuple(periods),
        interpretations=tuple(sorted(chosen.items())),
    )


def rules_in_force(as_of: dt.date | str | None = None) -> tuple[Any, ...]:
    """The built-in rules (all of them, or those in force on ``as_of``), by pack order."""
    day = as_date(as_of, "as_of")
    if day is None:
        return RULES
    return tuple(rule for rule in RULES if rule.in_force(day))


PACK_NAMES = tuple(pack.name for pack in PACKS)
