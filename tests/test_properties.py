"""Properties of decisions over generated cases, checked with the public testing kit
(``cloudcentre.testing`` and ``cloudcentre.strategies``)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest
from hypothesis import given, note, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import cloudcentre as cc
from cloudcentre import testing
from cloudcentre.model.facts import case_facts
from cloudcentre.strategies import (
    case_and_removal,
    cases,
    certifications,
    derogations,
    offerings,
    organisations,
)

PACK = cc.default_pack()
ENGINE = cc.NativeEngine()

#: The properties that assess a case once per known field (about 24 on average) run
#: on a third of the profile's examples to keep the suite fast.
EXHAUSTIVE = settings(max_examples=max(10, settings().max_examples // 3))


def _run(case: cc.Case) -> cc.Inference:
    assert case.as_of is not None  # the strategies always give a date
    return ENGINE.run(PACK, case_facts(case, case.as_of), case.as_of)


def _derived(inference: cc.Inference) -> set[cc.Fact]:
    return {fact for fact, _ in inference.derived}


# ----------------------------------------------------------------------------- the kit
@given(cases())
def test_determinism(case: cc.Case) -> None:
    testing.check_deterministic(case)


@given(cases())
def test_order_independence(case: cc.Case) -> None:
    testing.check_order_independent(case, shuffles=1)


@given(cases())
def test_justification_soundness(case: cc.Case) -> None:
    testing.check_justification_sound(case)


@EXHAUSTIVE
@given(cases())
def test_fail_closed(case: cc.Case) -> None:
    testing.check_fail_closed(case)


@EXHAUSTIVE
@given(cases())
def test_monotonicities(case: cc.Case) -> None:
    testing.check_monotone(case)


@given(cases())
def test_case_json_round_trip(case: cc.Case) -> None:
    testing.check_json_round_trip(case)


def test_a_failing_property_names_itself_and_prints_the_case() -> None:
    case = cc.case_from_dict({
        "organisation": {"kind": "state_administration"},
        "offering": {"kind": "commercial"},
        "as_of": "2025-01-01",
    })
    with pytest.raises(AssertionError) as info:
        raise testing.PropertyFailed("fail-closed", "forgetting `x` turns a into b", case)
    text = str(info.value)
    assert text.startswith("property `fail-closed` does not hold: forgetting `x`")
    payload = text.split("counterexample case:\n", 1)[1]
    assert cc.case_from_json(payload) == case


def test_monotonicity_exceptions_name_real_requirements() -> None:
    ids = {req.id for req in cc.REQUIREMENTS}
    for name, exceptions in testing.MONOTONICITY_EXCEPTIONS.items():
        assert name == "certificate-in-force"
        assert {e.requirement for e in exceptions} <= ids
        assert all(e.why and e.source for e in exceptions)


def test_the_hds_v2_exception_is_needed() -> None:
    """Without its exception, the certificate monotonicity fails on the HDS v2 case:
    an HDS v1 host in transition becomes bound to EEA storage by adding a v2 certificate."""
    case = cc.case_from_dict({
        "organisation": {"kind": "public_hospital"},
        "offering": {
            "kind": "state_internal",
            "transfer_safeguards": True,
            "certifications": [{
                "scheme": "hds", "status": "granted", "version": "1", "id": "hds-v1",
                "valid_from": "2023-01-01", "valid_until": "2027-01-01",
                "hds_activities": [1, 2, 3, 4, 5, 6],
            }],
        },
        "workload": {
            "data": {"personal_data": True, "personal_health_data": True,
                     "collected_during_care": True, "diffusion_restreinte": False,
                     "classified": False},
            "hds_exemption": "none",
        },
        "as_of": "2025-06-01",
    })
    assert cc.assess(case).verdict is cc.Verdict.COMPLIANT
    testing.check_monotone(case)  # holds, thanks to the named exception
    saved = dict(testing.MONOTONICITY_EXCEPTIONS)
    testing.MONOTONICITY_EXCEPTIONS.clear()
    try:
        with pytest.raises(AssertionError, match="property `certificate-in-force`"):
            testing.check_monotone(case, only=("certificate-in-force",))
    finally:
        testing.MONOTONICITY_EXCEPTIONS.update(saved)


# ----------------------------------------------------------------------------- strategies
def test_the_strategies_reach_every_verdict() -> None:
    seen: set[cc.Verdict] = set()

    @settings(max_examples=150, database=None, derandomize=True, deadline=None)
    @given(cases())
    def collect(case: cc.Case) -> None:
        seen.add(cc.assess(case).verdict)

    collect()
    assert seen == set(cc.Verdict)


@settings(max_examples=30)
@given(cases(org_kind="public_hospital", health_data=True,
             as_of=st.dates(dt.date(2025, 1, 1), dt.date(2026, 12, 31))))
def test_pins_pin(case: cc.Case) -> None:
    assert case.organisation.kind is cc.OrgKind.PUBLIC_HOSPITAL
    assert case.workload.data.personal_health_data is True
    assert case.as_of is not None
    assert dt.date(2025, 1, 1) <= case.as_of <= dt.date(2026, 12, 31)


@settings(max_examples=30)
@given(st.data())
def test_a_derogation_in_force_is_in_force(data: st.DataObject) -> None:
    day = data.draw(st.dates(dt.date(2021, 7, 10), dt.date(2028, 12, 31)))
    grant = data.draw(derogations(in_force=True, as_of=day))
    case = cc.Case(cc.Organisation("local_authority"), cc.Offering("commercial"),
                   derogation=grant, workload=cc.Workload(services=("messaging",)))
    inference = ENGINE.run(PACK, case_facts(case, day), day)
    values = {f.value for f, _ in inference.derived if f.name == "derogation.in_force"}
    assert values == {True}


@settings(max_examples=30)
@given(cases(derogation="in_force", as_of=st.dates(dt.date(2022, 1, 1), dt.date(2027, 1, 1))))
def test_cases_around_a_derogation_have_one(case: cc.Case) -> None:
    assert case.derogation is not None


@settings(max_examples=50)
@given(cases(unknowns=False))
def test_unknowns_false_leaves_no_data_flag_unknown(case: cc.Case) -> None:
    assert None not in [getattr(case.workload.data, f) for f in testing.properties._SENSITIVE_FLAGS]
    assert case.offering.certifications is not None


@pytest.mark.parametrize(
    ("strategy", "message"),
    [
        (cases(org_kind="hospital"), "org_kind=`hospital` is not one of"),
        (cases(health_data="yes"), "health_data="),  # type: ignore[arg-type]
        (cases(derogation="maybe"), "derogation="),
        (cases(as_of="2025-01-01"), "as_of="),
        (derogations(in_force=True), "needs as_of"),
        (derogations(in_force=True, as_of=dt.date(2020, 1, 1)), "no derogation basis"),
        (derogations(covers=["NOPE"]), "`NOPE`"),
        (organisations(kind="ministry"), "kind=`ministry`"),
        (certifications(scheme="iso"), "scheme=`iso`"),
        (offerings(kind="public"), "kind=`public`"),
    ],
)
def test_invalid_arguments_raise_invalid_argument_when_drawn(
    strategy: st.SearchStrategy[object], message: str
) -> None:
    @given(strategy)
    def draw(value: object) -> None:
        pass

    with pytest.raises(InvalidArgument, match=message):
        draw()


@given(st.from_type(cc.Case), st.from_type(cc.Derogation), st.from_type(cc.Certification))
def test_from_type_uses_the_kit(
    case: cc.Case, derogation: cc.Derogation, cert: cc.Certification
) -> None:
    assert isinstance(case, cc.Case)
    assert case.as_of is not None


def test_importing_cloudcentre_never_imports_hypothesis() -> None:
    code = (
        "import sys, cloudcentre, cloudcentre.testing\n"
        "cloudcentre.assess({'organisation': {'kind': 'state_operator'},"
        " 'offering': {'kind': 'commercial'}})\n"
        "assert 'hypothesis' not in sys.modules, sorted(m for m in sys.modules if 'hypo' in m)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_strategies_without_hypothesis_say_how_to_install_it(tmp_path: object) -> None:
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] == 'hypothesis':\n"
        "            raise ImportError('blocked')\n"
        "sys.meta_path.insert(0, Block())\n"
        "try:\n"
        "    import cloudcentre.strategies\n"
        "except ImportError as exc:\n"
        "    print(exc)\n"
    )
    env = {**os.environ, "HYPOTHESIS_NO_PLUGINS": "1"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env=env)
    assert "pip install 'cloudcentre[test]'" in out.stdout


# ----------------------------------------------------------------------------- engine-level
@given(case_and_removal())
def test_fewer_facts_never_derive_more(removal: tuple[cc.Case, testing.Path, cc.Case]) -> None:
    case, path, reduced = removal
    note(f"forgot {path}")
    assert _derived(_run(reduced)) <= _derived(_run(case))


@given(cases())
def test_verdict_follows_the_table_and_requirements_skip_not_applicable(case: cc.Case) -> None:
    decision = cc.assess(case)
    results = decision.justification.because
    assert [r.id for r in results] == [req.id for req in cc.REQUIREMENTS]
    assert decision.justification.verdict == decision.verdict
    assert decision.requirements == tuple(
        r for r in results if r.status is not cc.Status.NOT_APPLICABLE
    )
    if decision.verdict is cc.Verdict.UNDETERMINED:
        assert decision.missing
    else:
        assert decision.missing == ()


def test_only_a_gip_can_be_the_health_data_hub() -> None:
    """The model rejects the Health Data Hub flag on other kinds, so SREN-31-IV and
    SREN-31-NOT-IN-SCOPE can never both fire (which once broke fail-closed)."""
    with pytest.raises(cc.InvalidCase, match="health_data_platform"):
        cc.case_from_dict({
            "organisation": {"kind": "local_authority", "health_data_platform": True},
            "offering": {"kind": "commercial"},
        })



# ----------------------------------------------------------------------------- failing checks
_CASE = {
    "organisation": {"kind": "state_administration"},
    "offering": {"kind": "commercial"},
    "workload": {"data": {"protected_secret": True}},
    "as_of": "2025-01-01",
}


class _Flaky:
    """An engine whose name changes on every run: its decisions differ."""

    def __init__(self) -> None:
        self.calls = 0

    @property
    def name(self) -> str:
        return f"flaky-{self.calls}"

    def run(self, pack: cc.CompiledPack, facts: object, as_of: dt.date) -> cc.Inference:
        self.calls += 1
        return ENGINE.run(pack, facts, as_of)  # type: ignore[arg-type]


class _DropsFirst:
    """An engine that loses the first fact it is given: it depends on their order."""

    name = "drops-first"

    def run(self, pack: cc.CompiledPack, facts: object, as_of: dt.date) -> cc.Inference:
        return ENGINE.run(pack, list(facts)[1:], as_of)  # type: ignore[call-overload]


class _WrongRule:
    """An engine that credits every derivation to a rule no longer in force."""

    name = "wrong-rule"

    def run(self, pack: cc.CompiledPack, facts: object, as_of: dt.date) -> cc.Inference:
        import attrs

        inference = ENGINE.run(pack, facts, as_of)  # type: ignore[arg-type]
        derived = tuple(
            (fact, tuple(attrs.evolve(d, rule="CAC-2021-NOT-YET-IN-FORCE") for d in ds))
            for fact, ds in inference.derived
        )
        return cc.Inference(inference.as_of, inference.inputs, derived, inference.rules_in_force)


@pytest.mark.parametrize(
    ("check", "engine", "name"),
    [
        (testing.check_deterministic, _Flaky(), "determinism"),
        (testing.check_order_independent, _DropsFirst(), "order-independence"),
        (testing.check_justification_sound, _WrongRule(), "justification-soundness"),
    ],
)
def test_each_check_fails_on_a_broken_engine(check: object, engine: object, name: str) -> None:
    case = cc.case_from_dict(_CASE)
    with pytest.raises(AssertionError, match=f"property `{name}` does not hold") as info:
        check(case, engine=engine)  # type: ignore[operator]
    assert '"as_of": "2025-01-01"' in str(info.value)
