"""Shortlists: every offering of a catalogue judged for one workload, on a day or over time.

A *workload* is a case without ``offering`` and ``provider``. Each offering of the
catalogue fills them in as it stood on the day (see ``catalogue/resolve.py``), and the
ordinary decision is taken. Rows are ordered compliant, compliant under derogation,
undetermined, non compliant, then by offering id. Each unmet requirement gives one line
naming the decisive rule and fact; each undetermined row lists the questions to ask.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

import attrs

from .._errors import InvalidCase
from ..catalogue.entries import Catalogue, OfferingEntry
from ..catalogue.load import bundled_catalogue
from ..catalogue.resolve import offering_assumptions, offering_sections
from ..engine.base import Engine
from ..law.interpretations import resolve_interpretations
from ..model.convert import case_from_dict
from ..model.facts import LISTED_FACTS
from .api import assess, get_engine, timeline
from .outcome import Decision, FactNode, Question, Status, Verdict
from .timeline import Change

__all__ = [
    "EligibilityPeriod",
    "OfferingHistory",
    "Shortlist",
    "ShortlistHistory",
    "ShortlistRow",
    "shortlist",
    "shortlist_over_time",
]

#: The order of rows: the best verdicts first.
RANK: dict[Verdict, int] = {
    Verdict.COMPLIANT: 0,
    Verdict.COMPLIANT_UNDER_DEROGATION: 1,
    Verdict.UNDETERMINED: 2,
    Verdict.NON_COMPLIANT: 3,
}
ELIGIBLE = frozenset({Verdict.COMPLIANT, Verdict.COMPLIANT_UNDER_DEROGATION})
#: Input facts that explain nothing on their own.
_BORING = frozenset({"case.as_of", *LISTED_FACTS})


@attrs.frozen(slots=True)
class ShortlistRow:
    offering: str
    provider: str
    name: str | None
    verdict: Verdict
    requirements: tuple[tuple[str, str], ...]
    """``(requirement id, status)`` for the requirements that apply or may apply."""
    reasons: tuple[str, ...]
    """One line per unmet requirement: the requirement, the decisive fact and rule."""
    questions: tuple[Question, ...]
    """For an undetermined row: what to ask the provider (or the user)."""
    warnings: tuple[str, ...]
    assumptions: tuple[str, ...]
    """The catalogue's labelled assumptions this row relies on."""
    open_questions: tuple[str, ...]
    """What the catalogue's sources leave open about the offering."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "offering": self.offering,
            "provider": self.provider,
            "name": self.name,
            "verdict": self.verdict.value,
            "requirements": dict(self.requirements),
            "reasons": list(self.reasons),
            "questions": [
                {"field": q.field, "question": q.question, "requirements": list(q.requirements)}
                for q in self.questions
            ],
            "warnings": list(self.warnings),
            "assumptions": list(self.assumptions),
            "open_questions": list(self.open_questions),
        }


@attrs.frozen(slots=True)
class Shortlist:
    as_of: dt.date
    workload: str | None
    rows: tuple[ShortlistRow, ...]
    interpretations: tuple[tuple[str, str], ...] = ()
    """The readings chosen instead of the defaults (name, value), sorted."""

    @property
    def eligible(self) -> tuple[ShortlistRow, ...]:
        """Rows whose verdict is compliant or compliant under derogation."""
        return tuple(r for r in self.rows if r.verdict in ELIGIBLE)

    def to_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "workload": self.workload,
            "interpretations": dict(self.interpretations),
            "rows": [row.to_dict() for row in self.rows],
        }


def _workload(workload: Mapping[str, Any]) -> dict[str, Any]:
    if not isinstance(workload, Mapping):
        raise InvalidCase(
            f"`{type(workload).__name__}` is not a workload",
            path="$",
            hint="a workload is a case (a JSON object) without offering and provider",
        )
    for key in ("offering", "provider"):
        if key in workload:
            raise InvalidCase(
                f"a workload has no `{key}`",
                path=key,
                value=key,
                hint="the shortlist fills in every offering of the catalogue and its provider; "
                "remove the field",
            )
    return dict(workload)


def _case(
    workload: dict[str, Any], catalogue: Catalogue, entry: OfferingEntry, day: dt.date
) -> Any:
    offering, provider = offering_sections(catalogue, entry.id, day)
    name = workload.get("id") or "workload"
    return case_from_dict(
        {**workload, "id": f"{name}@{entry.id}", "offering": offering, "provider": provider}
    )


def _show(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _decisive(node: FactNode) -> tuple[FactNode, str] | None:
    """The input fact deepest under ``node`` (first derivation), with the rule that read it."""
    for step in node.derived_by[:1]:
        if any(p.fact in _BORING for p in step.because):
            return None  # a rule over every certificate: its title says it best
        for premise in step.because:
            if premise.derived_by:
                found = _decisive(premise)
                if found is not None:
                    return found
        for premise in step.because:
            if not premise.derived_by and premise.fact not in _BORING:
                return premise, step.rule
    return None


def _reason(requirement: Any) -> str:
    met_fact = [n for n in requirement.because if n.value is False and n.fact != ""]
    target = next((n for n in met_fact if n.fact == _met_fact(requirement)), None)
    if target is None:
        return f"{requirement.id} unmet"
    if not target.derived_by:
        where = f"[{target.entity}]" if target.entity else ""
        return f"{requirement.id} unmet: {target.fact}{where} = {_show(target.value)} (input)"
    found = _decisive(target)
    step = target.derived_by[0]
    if found is None:
        title = step.title[:1].lower() + step.title[1:]
        return f"{requirement.id} unmet: {title} ({step.rule})"
    fact, rule = found
    where = f"[{fact.entity}]" if fact.entity else ""
    return f"{requirement.id} unmet: {fact.fact}{where} = {_show(fact.value)} ({rule})"


def _met_fact(requirement: Any) -> str:
    from ..law.requirements import REQUIREMENTS

    return next(r.met for r in REQUIREMENTS if r.id == requirement.id)


def _row(
    catalogue: Catalogue, entry: OfferingEntry, decision: Decision, day: dt.date
) -> ShortlistRow:
    unmet = [r for r in decision.justification.because if r.status is Status.UNMET]
    return ShortlistRow(
        offering=entry.id,
        provider=entry.provider,
        name=entry.name,
        verdict=decision.verdict,
        requirements=tuple((r.id, r.status.value) for r in decision.requirements),
        reasons=tuple(_reason(r) for r in unmet),
        questions=decision.missing,
        warnings=decision.warnings,
        assumptions=offering_assumptions(catalogue, entry.id, day),
        open_questions=entry.open_questions,
    )


def shortlist(
    workload: Mapping[str, Any],
    catalogue: Catalogue | None = None,
    as_of: dt.date | None = None,
    *,
    engine: str | Engine = "native",
    interpretations: Mapping[str, str] | None = None,
) -> Shortlist:
    """Judge ``workload`` on every offering of ``catalogue`` (the bundled one by default).

    ``as_of`` overrides the workload's own date; with neither, today is used.
    ``interpretations`` adopts other readings than the defaults, as for
    :func:`~cloudcentre.assess`.
    """
    data = _workload(workload)
    cat = catalogue or bundled_catalogue()
    backend = get_engine(engine)
    chosen = _chosen(interpretations)
    day = as_of or _own_date(data) or dt.date.today()
    rows = []
    for entry in cat.offerings:
        case = _case(data, cat, entry, day)
        decision = assess(case, as_of=day, engine=backend, interpretations=dict(chosen))
        rows.append(_row(cat, entry, decision, day))
    rows.sort(key=lambda r: (RANK[r.verdict], r.offering))
    return Shortlist(as_of=day, workload=data.get("id"), rows=tuple(rows), interpretations=chosen)


def _chosen(interpretations: Mapping[str, str] | None) -> tuple[tuple[str, str], ...]:
    """The readings chosen, checked (an unknown name or value raises), sorted."""
    resolve_interpretations(interpretations)
    return tuple(sorted((interpretations or {}).items()))


def _own_date(data: Mapping[str, Any]) -> dt.date | None:
    text = data.get("as_of")
    if isinstance(text, str):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    return None


# ----------------------------------------------------------------------------- over time
@attrs.frozen(slots=True)
class EligibilityPeriod:
    start: dt.date
    end: dt.date | None
    verdict: Verdict
    cause: tuple[str, ...]
    """Why the verdict changed on ``start`` (empty for the first period)."""

    @property
    def eligible(self) -> bool:
        return self.verdict in ELIGIBLE


@attrs.frozen(slots=True)
class OfferingHistory:
    offering: str
    provider: str
    name: str | None
    periods: tuple[EligibilityPeriod, ...]


@attrs.frozen(slots=True)
class ShortlistHistory:
    start: dt.date
    end: dt.date | None
    workload: str | None
    rows: tuple[OfferingHistory, ...]
    interpretations: tuple[tuple[str, str], ...] = ()
    """The readings chosen instead of the defaults (name, value), sorted."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": self.start.isoformat(),
            "to": None if self.end is None else self.end.isoformat(),
            "workload": self.workload,
            "interpretations": dict(self.interpretations),
            "rows": [
                {
                    "offering": row.offering,
                    "provider": row.provider,
                    "name": row.name,
                    "periods": [
                        {
                            "from": p.start.isoformat(),
                            "to": None if p.end is None else p.end.isoformat(),
                            "verdict": p.verdict.value,
                            "eligible": p.eligible,
                            "cause": list(p.cause),
                        }
                        for p in row.periods
                    ],
                }
                for row in self.rows
            ],
        }


def _change(change: Change) -> str:
    return f"{change.kind} {change.id}: {change.event} ({change.description})"


def _boundaries(
    catalogue: Catalogue, entry: OfferingEntry, start: dt.date, end: dt.date | None
) -> list[tuple[dt.date, list[str]]]:
    """Days after ``start`` on which a catalogue value of the offering or provider changes."""
    provider = catalogue.provider(entry.provider)
    found: dict[dt.date, list[str]] = {}
    for section, attributes in (
        ("provider", provider.attributes if provider else ()),
        ("offering", entry.attributes),
    ):
        for name, values in attributes:
            for value in values:
                for day in (
                    value.start,
                    None if value.end is None else value.end + dt.timedelta(days=1),
                ):
                    if day is not None and start < day and (end is None or day <= end):
                        found.setdefault(day, []).append(
                            f"catalogue {entry.id}: {section}.{name} changes on {day}"
                        )
    return sorted(found.items())


def shortlist_over_time(
    workload: Mapping[str, Any],
    start: dt.date,
    end: dt.date | None = None,
    catalogue: Catalogue | None = None,
    *,
    engine: str | Engine = "native",
    interpretations: Mapping[str, str] | None = None,
) -> ShortlistHistory:
    """Per offering, the periods between ``start`` and ``end`` with a constant verdict, and
    the cause of each change (a certificate granted or lapsed, a law in force, a change of
    the provider's facts in the catalogue). Reuses :func:`~cloudcentre.timeline`.
    ``interpretations`` adopts other readings than the defaults."""
    if end is not None and end < start:
        raise InvalidCase(
            f"`{end.isoformat()}` is before the start `{start.isoformat()}`",
            path="to",
            hint="give an end date on or after the start date",
        )
    data = _workload(workload)
    cat = catalogue or bundled_catalogue()
    backend = get_engine(engine)
    chosen = _chosen(interpretations)
    rows: list[OfferingHistory] = []
    for entry in cat.offerings:
        cuts = _boundaries(cat, entry, start, end)
        edges = [start, *(day for day, _ in cuts)]
        notes = {day: tuple(why) for day, why in cuts}
        periods: list[EligibilityPeriod] = []
        for index, seg_start in enumerate(edges):
            seg_end = edges[index + 1] - dt.timedelta(days=1) if index + 1 < len(edges) else end
            case = _case(data, cat, entry, seg_start)
            found = timeline(case, seg_start, seg_end, engine=backend, interpretations=dict(chosen))
            for period in found.periods:
                cause = tuple(_change(c) for c in period.cause) or notes.get(period.start, ())
                if periods and periods[-1].verdict is period.verdict:
                    periods[-1] = attrs.evolve(periods[-1], end=period.end)
                    continue
                if periods:
                    periods[-1] = attrs.evolve(periods[-1], end=period.start - dt.timedelta(days=1))
                periods.append(
                    EligibilityPeriod(
                        period.start, period.end, period.verdict, cause if periods else ()
                    )
                )
        rows.append(OfferingHistory(entry.id, entry.provider, entry.name, tuple(periods)))
    return ShortlistHistory(
        start=start, end=end, workload=data.get("id"), rows=tuple(rows), interpretations=chosen
    )
