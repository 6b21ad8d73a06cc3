"""The native engine on tiny hand-made rule packs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

import cloudcentre as cc
from cloudcentre.law.language import compare
from cloudcentre.model.facts import Fact

DAY = dt.date(2024, 6, 1)
CITE = cc.Citation("Test instrument", "art. 1", None, "https://example.org/test")
AS_OF = cc.Ref("case.as_of")


def mk(
    rule_id: str,
    conditions: Iterable[cc.Test | cc.ForAll],
    fact: str,
    value: object = True,
    *,
    entity: str | None = None,
    for_each: str | None = None,
    valid_from: dt.date | None = None,
    valid_until: dt.date | None = None,
) -> cc.Rule:
    return cc.Rule(
        id=rule_id,
        title=rule_id,
        pack="test",
        conditions=tuple(conditions),
        conclusion=cc.Conclusion(fact, value, entity),
        citations=(CITE,),
        valid_from=valid_from,
        valid_until=valid_until,
        for_each=for_each,
    )


def cond(fact: str, op: str, value: object, entity: str | None = None) -> cc.Test:
    return cc.Test(fact, cc.Op(op), value, entity)


def run(rules: Iterable[cc.Rule], facts: Iterable[Fact], day: dt.date = DAY) -> cc.Inference:
    return cc.NativeEngine().run(
        cc.compile_rules(rules), [Fact("case.as_of", day.isoformat()), *facts], day
    )


def derived(inference: cc.Inference) -> dict[Fact, tuple[cc.Derivation, ...]]:
    return dict(inference.derivations())


# ----------------------------------------------------------------------------- chaining
def test_chaining_a_to_b_to_c() -> None:
    rules = [
        mk("R2", [cond("b", "eq", True)], "c"),
        mk("R1", [cond("a", "eq", True)], "b"),
    ]
    inference = run(rules, [Fact("a", True)])
    got = derived(inference)
    assert set(got) == {Fact("b", True), Fact("c", True)}
    assert got[Fact("b", True)] == (cc.Derivation("R1", "", (Fact("a", True),)),)
    assert got[Fact("c", True)] == (cc.Derivation("R2", "", (Fact("b", True),)),)
    assert inference.rules_in_force == ("R1", "R2")


def test_a_false_fact_does_not_fire_a_rule_wanting_true() -> None:
    rules = [mk("R1", [cond("a", "eq", True)], "b")]
    assert derived(run(rules, [Fact("a", False)])) == {}
    assert derived(run(rules, [])) == {}  # unknown is not false either


def test_two_rules_concluding_the_same_fact_both_derive_it() -> None:
    rules = [mk("R1", [cond("a", "eq", True)], "c"), mk("R2", [cond("b", "eq", 1)], "c")]
    got = derived(run(rules, [Fact("a", True), Fact("b", 1)]))
    assert [d.rule for d in got[Fact("c", True)]] == ["R1", "R2"]


# ----------------------------------------------------------------------------- entities
def test_a_for_each_rule_fires_once_per_bound_entity() -> None:
    rules = [
        mk("HDS", [cond("certificate.scheme", "eq", "hds")], "certificate.ok",
           for_each="certificate"),
        mk("ANY", [cond("certificate.ok", "eq", True)], "some_ok", entity="",
           for_each="certificate"),
    ]
    facts = [
        Fact("certificate.scheme", "hds", "x"),
        Fact("certificate.scheme", "hds", "y"),
        Fact("certificate.scheme", "iso27001", "z"),
    ]
    got = derived(run(rules, facts))
    assert got[Fact("certificate.ok", True, "x")] == (
        cc.Derivation("HDS", "x", (Fact("certificate.scheme", "hds", "x"),)),
    )
    assert got[Fact("certificate.ok", True, "y")] == (
        cc.Derivation("HDS", "y", (Fact("certificate.scheme", "hds", "y"),)),
    )
    assert Fact("certificate.ok", True, "z") not in got
    # A case-level conclusion of a for_each rule: one derivation per entity.
    assert [d.entity for d in got[Fact("some_ok", True)]] == ["x", "y"]


def test_an_entity_pinned_condition_reads_that_entity_only() -> None:
    rules = [mk("PIN", [cond("certificate.scheme", "eq", "hds", entity="y")], "y_is_hds")]
    assert Fact("y_is_hds", True) in derived(
        run(rules, [Fact("certificate.scheme", "hds", "y")])
    )
    assert derived(run(rules, [Fact("certificate.scheme", "hds", "x")])) == {}


def test_the_bound_entity_as_operand() -> None:
    rules = [
        mk("SELF", [cond("certificate.points_to", "eq", cc.Ref("@entity"))], "certificate.self",
           for_each="certificate"),
    ]
    facts = [Fact("certificate.points_to", "a", "a"), Fact("certificate.points_to", "a", "b")]
    assert set(derived(run(rules, facts))) == {Fact("certificate.self", True, "a")}


# ----------------------------------------------------------------------------- ForAll
NONE_SUFFICE = mk(
    "NONE",
    [cond("listed", "eq", True), cc.ForAll("certificate", "certificate.ok", cc.Op.EQ, False)],
    "none_ok",
)


def test_forall_is_vacuously_true_without_entities() -> None:
    got = derived(run([NONE_SUFFICE], [Fact("listed", True)]))
    assert got[Fact("none_ok", True)] == (cc.Derivation("NONE", "", (Fact("listed", True),)),)


def test_forall_holds_when_every_entity_has_the_fact() -> None:
    facts = [
        Fact("listed", True),
        Fact("certificate.ok", False, "a"),
        Fact("certificate.ok", False, "b"),
    ]
    got = derived(run([NONE_SUFFICE], facts))
    assert got[Fact("none_ok", True)][0].premises == tuple(facts)


def test_forall_fails_on_one_counterexample() -> None:
    facts = [Fact("listed", True), Fact("certificate.ok", False, "a"),
             Fact("certificate.ok", True, "b")]
    assert derived(run([NONE_SUFFICE], facts)) == {}


def test_forall_fails_when_one_entity_lacks_the_fact() -> None:
    facts = [Fact("listed", True), Fact("certificate.ok", False, "a"),
             Fact("certificate.scheme", "hds", "b")]  # b exists, its `ok` is unknown
    assert derived(run([NONE_SUFFICE], facts)) == {}


def test_forall_waits_for_derived_entity_facts() -> None:
    rules = [
        NONE_SUFFICE,
        mk("NOT-HDS", [cond("certificate.scheme", "ne", "hds")], "certificate.ok", False,
           for_each="certificate"),
    ]
    facts = [Fact("listed", True), Fact("certificate.scheme", "eucs", "a"),
             Fact("certificate.scheme", "iso27001", "b")]
    assert Fact("none_ok", True) in derived(run(rules, facts))


# ----------------------------------------------------------------------------- dates
CURRENT = mk(
    "CURRENT",
    [cond("certificate.valid_from", "le", AS_OF), cond("certificate.valid_until", "ge", AS_OF)],
    "certificate.current",
    for_each="certificate",
)


@pytest.mark.parametrize(
    ("valid_from", "valid_until", "current"),
    [
        ("2024-01-01", "2024-12-31", True),
        ("2024-06-01", "2024-06-01", True),  # both ends inclusive
        ("2024-06-02", "2024-12-31", False),
        ("2023-01-01", "2024-05-31", False),
    ],
)
def test_ref_to_case_as_of(valid_from: str, valid_until: str, current: bool) -> None:
    facts = [Fact("certificate.valid_from", valid_from, "c"),
             Fact("certificate.valid_until", valid_until, "c")]
    got = derived(run([CURRENT], facts))
    if not current:
        assert got == {}
        return
    (derivation,) = got[Fact("certificate.current", True, "c")]
    assert Fact("case.as_of", DAY.isoformat()) in derivation.premises
    assert set(facts) <= set(derivation.premises)


def test_ref_to_an_unknown_fact_does_not_hold() -> None:
    rules = [mk("R", [cond("x", "le", cc.Ref("limit"))], "below")]
    assert derived(run(rules, [Fact("x", 1)])) == {}
    assert Fact("below", True) in derived(run(rules, [Fact("x", 1), Fact("limit", 2)]))


@pytest.mark.parametrize(
    ("day", "fires"),
    [
        (dt.date(2023, 12, 31), False),
        (dt.date(2024, 1, 1), True),
        (dt.date(2024, 12, 31), True),
        (dt.date(2025, 1, 1), False),
    ],
)
def test_rules_fire_only_in_their_validity_period(day: dt.date, fires: bool) -> None:
    dated = mk("DATED", [cond("a", "eq", True)], "b",
               valid_from=dt.date(2024, 1, 1), valid_until=dt.date(2024, 12, 31))
    always = mk("ALWAYS", [cond("a", "eq", True)], "c")
    inference = run([dated, always], [Fact("a", True)], day)
    got = derived(inference)
    assert (Fact("b", True) in got) is fires
    assert Fact("c", True) in got
    assert ("DATED" in inference.rules_in_force) is fires


# ----------------------------------------------------------------------------- compile
def test_compile_rejects_duplicate_ids() -> None:
    rules = [mk("SAME", [cond("a", "eq", True)], "b"), mk("SAME", [cond("c", "eq", True)], "d")]
    with pytest.raises(cc.InvalidRulePack, match="SAME"):
        cc.compile_rules(rules)


def test_compile_rejects_forall_over_requirements() -> None:
    rule = mk("OVER-REQ", [cc.ForAll("requirement", "requirement.met", cc.Op.EQ, True)], "all_met")
    with pytest.raises(cc.InvalidRulePack, match="requirement"):
        cc.compile_rules([rule])


def test_compile_rejects_an_unbound_entity_fact() -> None:
    rule = mk("UNBOUND", [cond("certificate.scheme", "eq", "hds")], "x")
    with pytest.raises(cc.InvalidRulePack, match="for_each"):
        cc.compile_rules([rule])


def test_compile_sorts_rules_and_splits_inputs_from_derived() -> None:
    pack = cc.compile_rules([mk("B", [cond("b", "eq", True)], "c"),
                             mk("A", [cond("a", "le", cc.Ref("lim"))], "b")])
    assert [r.id for r in pack.rules] == ["A", "B"]
    assert pack.inputs == {"a", "lim"}
    assert pack.derived == {"b", "c"}


def test_a_rule_cannot_create_a_certificate_entity() -> None:
    """Certificates come only from the input, so a ForAll over them stays monotone."""
    rules = [
        mk("A-ALL-OK", [cond("listed", "eq", True),
                        cc.ForAll("certificate", "certificate.ok", cc.Op.EQ, True)], "all_ok"),
        mk("B-GHOST", [cond("listed", "eq", True)], "certificate.ghost", entity="g"),
    ]
    with pytest.raises(cc.InvalidRulePack, match="certificate entities come only from the input"):
        cc.compile_rules(rules)


# ----------------------------------------------------------------------------- state machine
ENTITIES = ("e1", "e2")

#: A small pack exercising chaining, conflicts, ``ne``, ``for_each``, ``ForAll``,
#: ``Ref`` (to a case-level fact and to ``case.as_of``) and validity periods.
MACHINE_RULES: tuple[cc.Rule, ...] = (
    mk("C1", [cond("p", "eq", True)], "q"),
    mk("C2", [cond("q", "eq", True), cond("r", "eq", False)], "s"),
    mk("C3", [cond("s", "eq", True)], "p_again"),
    mk("C4", [cond("n", "gt", 2)], "q"),
    mk("C5", [cond("n", "le", cc.Ref("m"))], "r", False),
    mk("C6", [cond("p", "ne", True)], "not_p"),
    mk("C7", [cond("q", "eq", True)], "r", True),  # r true and false may both hold
    mk("E1", [cond("certificate.kind", "eq", "x")], "certificate.good", for_each="certificate"),
    mk("E2", [cond("certificate.good", "eq", True), cond("p", "eq", True)], "any_good",
       entity="", for_each="certificate"),
    mk("E3", [cond("certificate.kind", "in", ("y", "z"))], "certificate.good", False,
       for_each="certificate"),
    mk("E4", [cond("certificate.since", "le", AS_OF)], "certificate.started",
       for_each="certificate"),
    mk("F1", [cond("declared", "eq", True),
              cc.ForAll("certificate", "certificate.good", cc.Op.EQ, False)], "none_good"),
    mk("F2", [cc.ForAll("certificate", "certificate.started", cc.Op.EQ, True),
              cond("none_good", "eq", True)], "all_started_none_good"),
    mk("OLD", [cond("p", "eq", True)], "old", valid_until=dt.date(2020, 1, 1)),
    mk("NEW", [cond("q", "eq", True)], "new", valid_from=dt.date(2024, 6, 1)),
)
MACHINE_PACK = cc.compile_rules(MACHINE_RULES)

#: Facts the machine adds one by one. Certificate facts are only about the entities
#: declared at the start: ForAll ranges over a closed set of input entities, so adding a
#: new entity may rightly retract a ForAll conclusion (closed-world quantification).
FACT_POOL: tuple[Fact, ...] = (
    *(Fact(name, value) for name in ("p", "q", "r") for value in (True, False)),
    *(Fact(name, value) for name in ("n", "m") for value in (0, 2, 3, 5)),
    Fact("n", 2.5),
    Fact("declared", True),
    *(Fact("certificate.kind", kind, e) for kind in ("x", "y", "z") for e in ENTITIES),
    *(Fact("certificate.since", day, e)
      for day in ("2024-05-31", "2024-06-01", "2024-06-02") for e in ENTITIES),
)


def naive_fixpoint(rules: Iterable[cc.Rule], facts: Iterable[Fact], day: dt.date) -> set[Fact]:
    """A deliberately simple reference: try every rule and binding until nothing changes."""
    in_force = [r for r in rules if r.in_force(day)]
    known = set(facts)
    while True:
        new = {
            _conclusion(r, e)
            for r in in_force
            for e in _bindings(r, known)
            if all(_holds(r, c, e, known) for c in r.conditions)
        } - known
        if not new:
            return known
        known |= new


def _entities(kind: str, known: set[Fact]) -> set[str]:
    return {f.entity for f in known if f.entity and f.name.split(".", 1)[0] == kind}


def _bindings(r: cc.Rule, known: set[Fact]) -> list[str]:
    return [""] if r.for_each is None else sorted(_entities(r.for_each, known))


def _conclusion(r: cc.Rule, entity: str) -> Fact:
    target = r.conclusion.entity if r.conclusion.entity is not None else entity
    return Fact(r.conclusion.fact, r.conclusion.value, target)


def _values(name: str, entity: str, known: set[Fact]) -> list[object]:
    return [f.value for f in known if f.name == name and f.entity == entity]


def _holds(r: cc.Rule, c: cc.Test | cc.ForAll, bound: str, known: set[Fact]) -> bool:
    if isinstance(c, cc.ForAll):
        return all(
            any(compare(c.op, v, c.value) for v in _values(c.fact, e, known))  # type: ignore[arg-type]
            for e in _entities(c.kind, known)
        )
    where = c.entity if c.entity is not None else (
        bound if c.fact.split(".", 1)[0] == r.for_each else ""
    )
    operands: list[object]
    if isinstance(c.value, cc.Ref):
        operands = [bound] if c.value.fact == "@entity" else _values(c.value.fact, "", known)
    else:
        operands = [c.value]
    return any(
        compare(c.op, v, o)  # type: ignore[arg-type]
        for v in _values(c.fact, where, known) for o in operands
    )


class GrowingFacts(RuleBasedStateMachine):
    """Add facts one at a time; the fixpoint only grows and matches a fresh computation."""

    def __init__(self) -> None:
        super().__init__()
        self.facts: list[Fact] = []
        self.previous: set[Fact] = set()

    @initialize(day=st.sampled_from([dt.date(2019, 6, 1), DAY, dt.date(2025, 1, 1)]))
    def start(self, day: dt.date) -> None:
        self.day = day
        self.facts = [
            Fact("case.as_of", day.isoformat()),
            *(Fact("certificate.declared", True, e) for e in ENTITIES),
        ]
        self.previous = self._fixpoint()

    def _run(self, facts: Iterable[Fact]) -> cc.Inference:
        return cc.NativeEngine().run(MACHINE_PACK, facts, self.day)

    def _fixpoint(self) -> set[Fact]:
        return set(self._run(self.facts).facts())

    @rule(fact=st.sampled_from(FACT_POOL))
    def add_fact(self, fact: Fact) -> None:
        if fact not in self.facts:
            self.facts.append(fact)
        current = self._fixpoint()
        assert self.previous <= current, sorted(
            f.label() for f in self.previous - current
        )
        self.previous = current

    @invariant()
    def same_as_a_fresh_run_in_any_order(self) -> None:
        if not self.facts:
            return
        incremental = self._run(self.facts)
        assert self._run(reversed(self.facts)) == incremental
        assert self._run(sorted(self.facts, key=Fact.sort_key)) == incremental
        assert set(incremental.facts()) == naive_fixpoint(MACHINE_RULES, self.facts, self.day)


TestGrowingFacts = GrowingFacts.TestCase
TestGrowingFacts.settings = settings(
    max_examples=max(10, settings().max_examples // 2), stateful_step_count=25
)
