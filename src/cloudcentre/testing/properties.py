"""Properties every decision must have, as functions to call in your own tests.

Each ``check_*`` function takes a case (and optionally ``as_of``, ``engine``, ``pack``)
and returns ``None`` when the property holds; otherwise it raises
:class:`PropertyFailed`, an :class:`AssertionError` whose message names the property,
says what went wrong, and prints the counterexample case as JSON, ready to save and
replay with ``cloudcentre assess``. They need no Hypothesis, but pair well with it::

    @given(cases(org_kind="public_hospital"))
    def test_my_policy(case):
        check_all(case)
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Callable, Iterator
from typing import Any

import attrs

from ..decide.api import assess, default_pack, get_engine
from ..decide.decision import decide
from ..decide.outcome import Decision, FactNode, Status, Verdict, combine
from ..engine.base import CompiledPack, Engine, FactStore, conclude, match
from ..law.countries import EU
from ..model.case import Case, Certification, CertStatus, Scheme
from ..model.convert import case_from_dict, case_from_json, case_to_dict
from ..model.facts import Fact, case_facts
from .forget import removable_paths, set_unknown

__all__ = [
    "MONOTONICITY_EXCEPTIONS",
    "PROPERTIES",
    "PropertyFailed",
    "check_all",
    "check_deterministic",
    "check_fail_closed",
    "check_json_round_trip",
    "check_justification_sound",
    "check_monotone",
    "check_order_independent",
    "verdict_rank",
]

EngineArg = str | Engine


class PropertyFailed(AssertionError):
    """A property does not hold: ``property`` names it, ``case`` is the counterexample."""

    def __init__(self, prop: str, message: str, case: Case) -> None:
        self.property = prop
        self.case = case
        text = json.dumps(case_to_dict(case), ensure_ascii=False, indent=2)
        super().__init__(
            f"property `{prop}` does not hold: {message}\ncounterexample case:\n{text}"
        )


def _day(case: Case, as_of: dt.date | None) -> dt.date:
    return as_of or case.as_of or dt.date.today()


def _dated(case: Case, as_of: dt.date | None) -> Case:
    """The case with its evaluation date written in, so the counterexample replays."""
    return attrs.evolve(case, as_of=_day(case, as_of))


def _json(decision: Decision) -> str:
    return json.dumps(decision.to_dict(), ensure_ascii=False, sort_keys=False)


def _assess(case: Case, as_of: dt.date | None, engine: EngineArg, pack: CompiledPack | None
            ) -> Decision:
    return assess(case, as_of=_day(case, as_of), engine=engine, pack=pack)


# ----------------------------------------------------------------------------- determinism
def check_deterministic(
    case: Case, *, as_of: dt.date | None = None, engine: EngineArg = "native",
    pack: CompiledPack | None = None,
) -> None:
    """``determinism``: the same case gives the same decision JSON, byte for byte, twice
    and after a JSON round trip of the case."""
    first = _json(_assess(case, as_of, engine, pack))
    again = _json(_assess(case, as_of, engine, pack))
    copy = case_from_json(json.dumps(case_to_dict(case)))
    third = _json(_assess(copy, as_of, engine, pack))
    if not first == again == third:
        raise PropertyFailed("determinism", "two decisions on the same case differ",
                             _dated(case, as_of))


def check_order_independent(
    case: Case, *, as_of: dt.date | None = None, engine: EngineArg = "native",
    pack: CompiledPack | None = None, shuffles: int = 3, seed: int = 0,
) -> None:
    """``order-independence``: feeding the engine the case's facts in another order
    (reversed, and ``shuffles`` seeded permutations) gives the same inference and decision."""
    day = _day(case, as_of)
    backend = get_engine(engine)
    compiled = pack or default_pack()
    facts = list(case_facts(case, day))
    reference = backend.run(compiled, facts, day)
    expected = _json(decide(compiled, reference, backend.name, case.id))
    orders = [facts[::-1]]
    rng = random.Random(seed)
    for _ in range(shuffles):
        order = facts[:]
        rng.shuffle(order)
        orders.append(order)
    for order in orders:
        other = backend.run(compiled, order, day)
        if other != reference or _json(decide(compiled, other, backend.name, case.id)) != expected:
            raise PropertyFailed("order-independence",
                                 "the decision depends on the order of the input facts",
                                 _dated(case, day))


# ----------------------------------------------------------------------------- justification
def _facts_of(node: FactNode) -> Fact | None:
    if node.source == "unknown" or node.value is None:
        return None
    return Fact(node.fact, node.value, node.entity)


def check_justification_sound(
    case: Case, *, as_of: dt.date | None = None, engine: EngineArg = "native",
    pack: CompiledPack | None = None,
) -> None:
    """``justification-soundness``: every step of the justification replays: its rule is
    in force on the date, its premises are facts of the inference, and the rule's
    conditions hold on those premises alone and conclude the justified fact."""
    day = _day(case, as_of)
    compiled = pack or default_pack()
    decision = _assess(case, day, engine, compiled)
    known = set(decision.inference.facts())
    seen: set[int] = set()

    def fail(message: str) -> PropertyFailed:
        return PropertyFailed("justification-soundness", message, _dated(case, day))

    def walk(node: FactNode, path: tuple[Fact, ...]) -> None:
        if id(node) in seen:
            return
        seen.add(id(node))
        fact = _facts_of(node)
        if fact is None:
            if node.derived_by:
                raise fail(f"unknown fact `{node.fact}` has rule steps")
            return
        if fact not in known:
            raise fail(f"`{fact.label()} = {fact.value}` is not a fact of the inference")
        for step in node.derived_by:
            rule = compiled.rule(step.rule)
            if not rule.in_force(day):
                raise fail(f"rule `{rule.id}` is not in force on {day.isoformat()}")
            premises = [p for p in (_facts_of(n) for n in step.because) if p is not None]
            store = FactStore()
            for premise in (*premises, *path):
                store.add(premise)
            entities = ["", fact.entity, *sorted(store.entities.get(rule.for_each or "", ()))]
            if not any(
                conclude(rule, entity) == fact and match(rule, entity, store) is not None
                for entity in dict.fromkeys(entities)
            ):
                raise fail(f"rule `{rule.id}` does not derive `{fact.label()} = {fact.value}` "
                           "from the premises the justification gives")
            for child in step.because:
                walk(child, (*path, fact))

    for result in decision.justification.because:
        for node in result.because:
            walk(node, ())


# ----------------------------------------------------------------------------- fail-closed
#: Requirement statuses that forgetting a fact must leave open (unmet or unknown).
_STILL_OPEN = {Status.UNMET: {Status.UNMET, Status.UNKNOWN},
               Status.UNKNOWN: {Status.UNKNOWN, Status.UNMET}}
_COMPLIANT = (Verdict.COMPLIANT, Verdict.COMPLIANT_UNDER_DEROGATION)


def _statuses(decision: Decision) -> dict[str, Status]:
    return {r.id: r.status for r in decision.justification.because}


def check_fail_closed(
    case: Case, *, as_of: dt.date | None = None, engine: EngineArg = "native",
    pack: CompiledPack | None = None,
) -> None:
    """``fail-closed``: forgetting any one known fact never turns a verdict that is not
    compliant into a compliant one, and never settles an unmet or unknown requirement."""
    day = _day(case, as_of)
    before = _assess(case, day, engine, pack)
    statuses = _statuses(before)
    for path in removable_paths(case):
        after = _assess(set_unknown(case, path), day, engine, pack)
        where = ".".join(str(step) for step in path)
        if before.verdict not in _COMPLIANT and after.verdict in _COMPLIANT:
            raise PropertyFailed(
                "fail-closed",
                f"forgetting `{where}` turns {before.verdict.value} into {after.verdict.value}",
                _dated(case, day))
        later = _statuses(after)
        for req, status in statuses.items():
            if status in _STILL_OPEN and later[req] not in _STILL_OPEN[status]:
                raise PropertyFailed(
                    "fail-closed",
                    f"forgetting `{where}` turns requirement {req} from {status.value} "
                    f"into {later[req].value}",
                    _dated(case, day))


# ----------------------------------------------------------------------------- monotonicity
#: Worse verdicts rank higher.
_RANK = {Verdict.COMPLIANT: 0, Verdict.COMPLIANT_UNDER_DEROGATION: 1,
         Verdict.UNDETERMINED: 2, Verdict.NON_COMPLIANT: 3}


def verdict_rank(verdict: Verdict) -> int:
    """0 for compliant up to 3 for non_compliant: a change that worsens raises it."""
    return _RANK[verdict]


@attrs.frozen(slots=True)
class _Exception:
    requirement: str
    why: str
    source: str


#: Where the law makes a monotonicity fail on purpose, by property name: the requirement
#: whose status may worsen, why, and the source.
MONOTONICITY_EXCEPTIONS: dict[str, tuple[_Exception, ...]] = {
    "certificate-in-force": (
        _Exception(
            "HDS-EEA-STORAGE",
            "the HDS v2 referential binds a host certified against it to store health data "
            "in the EEA only, from 16 November 2024, even during the transition: holding "
            "the certificate creates the obligation",
            "arrêté du 26 avril 2024 (référentiel HDS v2), exigence de localisation (hds-v2)",
        ),
    ),
}

_SENSITIVE_FLAGS = (
    "protected_secret", "medical_secret", "essential_state_mission", "citizens_personal_data",
    "companies_economic_data", "agents_business_application", "agents_collaboration_suite",
    "personal_data", "personal_health_data", "collected_during_care", "diffusion_restreinte",
    "classified",
)
_LOCATIONS = ("data_locations", "technical_data_locations", "administration_locations",
              "support_locations")
_SEATS = ("statutory_seat", "central_administration", "principal_establishment")
_EU_COUNTRY = "FR"
assert _EU_COUNTRY in EU


def _changed(case: Case, section: str, **changes: Any) -> Case | None:
    """``case`` with fields of a section changed, or ``None`` if the model rejects it."""
    try:
        if section == "data":
            data = attrs.evolve(case.workload.data, **changes)
            return attrs.evolve(case, workload=attrs.evolve(case.workload, data=data))
        return attrs.evolve(case, **{section: attrs.evolve(getattr(case, section), **changes)})
    except ValueError:
        return None


def _more_sensitive(case: Case) -> Iterator[tuple[str, Case]]:
    for flag in _SENSITIVE_FLAGS:
        if getattr(case.workload.data, flag) is False:
            changed = _changed(case, "data", **{flag: True})
            if changed is not None:
                yield f"workload.data.{flag} set to true", changed


def _more_eu(case: Case) -> Iterator[tuple[str, Case]]:
    for name in _LOCATIONS:
        places = getattr(case.offering, name)
        for place in places or ():
            if place not in EU:
                moved = [p for p in places if p != place] + [_EU_COUNTRY]
                changed = _changed(case, "offering", **{name: moved})
                if changed is not None:
                    yield f"offering.{name}: {place} replaced by {_EU_COUNTRY}", changed
    for name in _SEATS:
        place = getattr(case.provider, name)
        if place is not None and place not in EU:
            changed = _changed(case, "provider", **{name: _EU_COUNTRY})
            if changed is not None:
                yield f"provider.{name}: {place} replaced by {_EU_COUNTRY}", changed


def _lower_share(case: Case) -> Iterator[tuple[str, Case]]:
    for name in ("largest_non_eu_share", "combined_non_eu_share"):
        share = getattr(case.provider, name)
        if share:
            for lower in (0, share / 2):
                changed = _changed(case, "provider", **{name: lower})
                if changed is not None:
                    yield f"provider.{name} lowered from {share} to {lower}", changed


def _granted_certificate(case: Case, day: dt.date) -> Iterator[tuple[str, Case]]:
    # A known list is the complete list of certificates: adding one to an unknown list
    # would also say that there is no other, which may rightly worsen the verdict.
    if case.offering.certifications is None:
        return
    start, end = day - dt.timedelta(days=30), day + dt.timedelta(days=365)
    for scheme, version in ((Scheme.SECNUMCLOUD, "3.2"), (Scheme.HDS, "2"), (Scheme.HDS, "1"),
                            (Scheme.EUCS, None), (Scheme.ISO27001, None)):
        cert = Certification(scheme, CertStatus.GRANTED, start, end, version=version,
                             id=f"added-{scheme.value}-{version}",
                             hds_activities=(1, 2, 3, 4, 5, 6) if scheme is Scheme.HDS else None)
        existing = case.offering.certifications
        changed = _changed(case, "offering", certifications=(*existing, cert))
        if changed is not None:
            yield f"a granted {scheme.value} certificate in force ({cert.id}) added", changed


#: The monotonicities: name -> the changes that must never worsen the verdict.
_MONOTONE: dict[str, Callable[[Case, dt.date], Iterator[tuple[str, Case]]]] = {
    "more-sensitive-data": lambda case, day: _more_sensitive(case),
    "eu-location": lambda case, day: _more_eu(case),
    "lower-non-eu-share": lambda case, day: _lower_share(case),
    "certificate-in-force": _granted_certificate,
}


def _worsening(prop: str, before: Decision, after: Decision) -> bool:
    """Whether ``after`` is worse, once the named exceptions of ``prop`` are set aside."""
    excused = {e.requirement for e in MONOTONICITY_EXCEPTIONS.get(prop, ())}
    if excused:
        kept = _statuses(before)
        statuses = [kept[rid] if rid in excused else status
                    for rid, status in _statuses(after).items()]
        verdict = combine(statuses)
    else:
        verdict = after.verdict
    return verdict_rank(verdict) > verdict_rank(before.verdict)


def _improving(before: Decision, after: Decision) -> bool:
    return verdict_rank(after.verdict) < verdict_rank(before.verdict)


def check_monotone(
    case: Case, *, as_of: dt.date | None = None, engine: EngineArg = "native",
    pack: CompiledPack | None = None, only: tuple[str, ...] | None = None,
) -> None:
    """The legal monotonicities, each by name (``only`` picks some):

    * ``more-sensitive-data``: turning a data flag from false to true never improves the
      verdict (from unknown to true is new information, which may settle the case);
    * ``eu-location``: an EU country instead of a non-EU one (location or seat) never
      worsens it;
    * ``lower-non-eu-share``: a lower non-EU share of capital never worsens it;
    * ``certificate-in-force``: adding a granted certificate in force to a known list
      of certificates never worsens it, except as :data:`MONOTONICITY_EXCEPTIONS` says
      (HDS v2 EEA storage). An unknown list is left alone: listing certificates says
      the list is complete, which may rightly settle a requirement as unmet.
    """
    day = _day(case, as_of)
    before = _assess(case, day, engine, pack)
    unknown = sorted(set(only or ()) - set(_MONOTONE))
    if unknown:
        raise ValueError(f"`{unknown[0]}` is not a monotonicity; one of {sorted(_MONOTONE)}")
    for prop, changes in _MONOTONE.items():
        if only is not None and prop not in only:
            continue
        for what, changed in changes(case, day):
            after = _assess(changed, day, engine, pack)
            bad = (_improving(before, after) if prop == "more-sensitive-data"
                   else _worsening(prop, before, after))
            if bad:
                raise PropertyFailed(
                    prop,
                    f"{what}: the verdict goes from {before.verdict.value} to "
                    f"{after.verdict.value}",
                    _dated(case, day))


# ----------------------------------------------------------------------------- JSON
def check_json_round_trip(case: Case) -> None:
    """``json-round-trip``: a valid case survives its JSON form unchanged."""
    data = case_to_dict(case)
    if case_from_dict(data) != case or case_from_json(json.dumps(data)) != case:
        raise PropertyFailed("json-round-trip", "the case changes through its JSON form", case)


#: Every property, by name.
PROPERTIES: dict[str, Callable[..., None]] = {
    "determinism": check_deterministic,
    "order-independence": check_order_independent,
    "justification-soundness": check_justification_sound,
    "fail-closed": check_fail_closed,
    "monotonicity": check_monotone,
}


def check_all(
    case: Case, *, as_of: dt.date | None = None, engine: EngineArg = "native",
    pack: CompiledPack | None = None,
) -> None:
    """Every property above, and the JSON round trip, on one case."""
    for check in PROPERTIES.values():
        check(case, as_of=as_of, engine=engine, pack=pack)
    check_json_round_trip(case)

