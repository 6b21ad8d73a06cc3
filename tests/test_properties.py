"""Properties of decisions over generated cases (see ``strategies.py``)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import assume, given, note, settings
from hypothesis import strategies as st

import cloudcentre as cc
from cloudcentre.decide.decision import decide
from cloudcentre.decide.outcome import combine
from cloudcentre.model.facts import case_facts
from strategies import Path, case_and_removal, cases, removable_paths, set_unknown

PACK = cc.default_pack()
ENGINE = cc.NativeEngine()
COMPLIANT = (cc.Verdict.COMPLIANT, cc.Verdict.COMPLIANT_UNDER_DEROGATION)


def _day(case: cc.Case) -> dt.date:
    assert case.as_of is not None  # the strategies always give a date
    return case.as_of


def _run(case: cc.Case) -> cc.Inference:
    return ENGINE.run(PACK, case_facts(case, _day(case)), _day(case))


def _json(decision: cc.Decision) -> str:
    return json.dumps(decision.to_dict(), sort_keys=False)


def _derived(inference: cc.Inference) -> set[cc.Fact]:
    return {fact for fact, _ in inference.derived}


# ----------------------------------------------------------------------------- determinism
@given(cases())
def test_assess_is_deterministic(case: cc.Case) -> None:
    assert _json(cc.assess(case)) == _json(cc.assess(case))


@given(cases(), st.data())
def test_fact_order_does_not_matter(case: cc.Case, data: st.DataObject) -> None:
    day = _day(case)
    facts = case_facts(case, day)
    shuffled = data.draw(st.permutations(facts), label="shuffled facts")
    reference = ENGINE.run(PACK, facts, day)
    other = cc.NativeEngine().run(PACK, shuffled, day)
    assert other == reference
    assert _json(decide(PACK, other, "native", case.id)) == _json(
        decide(PACK, reference, "native", case.id)
    )


# ----------------------------------------------------------------------------- provenance
@given(cases())
def test_every_derivation_has_known_premises_and_rules_in_force(case: cc.Case) -> None:
    inference = _run(case)
    known = set(inference.facts())
    in_force = set(inference.rules_in_force)
    assert in_force == {rule.id for rule in PACK.in_force(_day(case))}
    for fact, derivations in inference.derived:
        assert derivations, f"{fact.label()} has no derivation"
        for derivation in derivations:
            assert set(derivation.premises) <= known
            rule = PACK.rule(derivation.rule)
            assert rule.in_force(_day(case))
            assert derivation.rule in in_force


# ----------------------------------------------------------------------------- fail-closed
#: The exhaustive tests assess a case once per known field (about 24 on average), so
#: they run on a third of the profile's examples to keep the suite fast.
EXHAUSTIVE = settings(max_examples=max(10, settings().max_examples // 3))

#: How far forgetting a fact may move a requirement: never from unmet or unknown to
#: met, derogated or not applicable.
STILL_OPEN = {
    cc.Status.UNMET: {cc.Status.UNMET, cc.Status.UNKNOWN},
    cc.Status.UNKNOWN: {cc.Status.UNKNOWN, cc.Status.UNMET},
}


def _statuses(decision: cc.Decision) -> dict[str, cc.Status]:
    return {r.id: r.status for r in decision.justification.because}


@EXHAUSTIVE
@given(cases())
def test_forgetting_a_fact_never_makes_a_non_compliant_case_compliant(case: cc.Case) -> None:
    decision = cc.assess(case)
    assume(decision.verdict is cc.Verdict.NON_COMPLIANT)
    for path in removable_paths(case):
        forgotten = cc.assess(set_unknown(case, path))
        note(f"forgot {path}: {forgotten.verdict}")
        assert forgotten.verdict not in COMPLIANT, path


@EXHAUSTIVE
@given(cases())
def test_forgetting_a_fact_never_settles_an_open_requirement(case: cc.Case) -> None:
    """Requirement by requirement: unknown stays unknown or unmet, unmet stays unmet or unknown."""
    before = _statuses(cc.assess(case))
    for path in removable_paths(case):
        after = _statuses(cc.assess(set_unknown(case, path)))
        for req, status in before.items():
            if status in STILL_OPEN:
                assert after[req] in STILL_OPEN[status], (path, req, status, after[req])


def test_only_a_gip_can_be_the_health_data_hub() -> None:
    """The model rejects the Health Data Hub flag on other kinds, so SREN-31-IV and
    SREN-31-NOT-IN-SCOPE can never both fire (which once broke fail-closed)."""
    with pytest.raises(cc.InvalidCase, match="health_data_platform"):
        cc.case_from_dict({
            "organisation": {"kind": "local_authority", "health_data_platform": True},
            "offering": {"kind": "commercial"},
        })


@given(cases())
def test_an_undetermined_decision_asks_questions(case: cc.Case) -> None:
    decision = cc.assess(case)
    if decision.verdict is cc.Verdict.UNDETERMINED:
        assert decision.missing
    else:
        assert decision.missing == ()


# ----------------------------------------------------------------------------- monotonicity
@given(case_and_removal())
def test_fewer_facts_never_derive_more(removal: tuple[cc.Case, Path, cc.Case]) -> None:
    case, path, reduced = removal
    note(f"forgot {path}")
    assert _derived(_run(reduced)) <= _derived(_run(case))


@EXHAUSTIVE
@given(cases())
def test_forgetting_any_one_field_derives_a_subset(case: cc.Case) -> None:
    full = _derived(_run(case))
    for path in removable_paths(case):
        assert _derived(_run(set_unknown(case, path))) <= full, path


# ----------------------------------------------------------------------------- consistency
@given(cases())
def test_verdict_follows_the_table_and_requirements_skip_not_applicable(case: cc.Case) -> None:
    decision = cc.assess(case)
    results = decision.justification.because
    assert [r.id for r in results] == [req.id for req in cc.REQUIREMENTS]
    assert decision.verdict == combine([r.status for r in results])
    assert decision.justification.verdict == decision.verdict
    assert decision.requirements == tuple(
        r for r in results if r.status is not cc.Status.NOT_APPLICABLE
    )
    assert decision.compliant == (decision.verdict in COMPLIANT)


# ----------------------------------------------------------------------------- JSON
@given(cases())
def test_case_json_round_trip(case: cc.Case) -> None:
    data = cc.case_to_dict(case)
    assert cc.case_from_dict(data) == case
    assert cc.case_from_json(json.dumps(data)) == case
