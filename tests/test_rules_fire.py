"""Each built-in rule fires when its conditions hold, and not when one fails or is unknown.

Every rule is run alone, through the native engine, on facts made from its own
conditions, so a typo in a fact name or an operand shows up as a rule that cannot fire.
"""

from __future__ import annotations

import datetime as dt

import pytest

import cloudcentre
from cloudcentre import Fact, ForAll, NativeEngine, Op, Ref, Rule, Test, compile_rules
from cloudcentre.law.language import ENTITY, ENTITY_KINDS, Value, shift_months

ENTITY_ID = "e1"
OTHER = "zz-other"


def _as_of(rule: Rule) -> dt.date:
    if rule.valid_until is not None:
        return rule.valid_until
    if rule.valid_from is not None:
        return rule.valid_from
    return dt.date(2025, 1, 1)


def _satisfy(op: Op, operand: Value, as_of: dt.date) -> Value:
    """A value for the fact that makes ``fact op operand`` hold."""
    if isinstance(operand, str) and operand == "@as_of":
        before = (as_of - dt.timedelta(days=1)).isoformat()
        after = (as_of + dt.timedelta(days=1)).isoformat()
        by_op = {Op.LE: before, Op.LT: before, Op.GE: after, Op.GT: after}
        return by_op.get(op, as_of.isoformat())
    if op is Op.EQ:
        return operand
    if op is Op.NE:
        return (not operand) if isinstance(operand, bool) else OTHER
    if op is Op.IN:
        assert isinstance(operand, tuple)
        return operand[0]
    if op is Op.NOT_IN:
        return OTHER
    if isinstance(operand, str) and op in (Op.LT, Op.GT):  # an ISO date constant
        day = dt.date.fromisoformat(operand) + dt.timedelta(days=-1 if op is Op.LT else 1)
        return day.isoformat()
    if op in (Op.LE, Op.GE):
        return operand
    if op is Op.LT:
        assert isinstance(operand, int | float)
        return operand - 1
    if op is Op.GT:
        assert isinstance(operand, int | float)
        return operand + 1
    if op is Op.ALL_IN:
        assert isinstance(operand, tuple)
        return (operand[0],)
    if op is Op.ANY_NOT_IN:
        return ("ZZ",)
    if op is Op.SUPERSET:
        return operand
    if op is Op.NOT_SUPERSET:
        assert isinstance(operand, tuple)
        return operand[:-1]
    if op is Op.HAS:
        assert not isinstance(operand, tuple)
        return (operand,)
    raise AssertionError(op)


def _facts_for(rule: Rule, as_of: dt.date) -> list[Fact]:
    facts = [Fact("case.as_of", as_of.isoformat())]
    for cond in rule.conditions:
        if isinstance(cond, ForAll):
            value = _satisfy(cond.op, cond.value, as_of)
            facts.append(Fact(cond.fact, value, ENTITY_ID))
            continue
        scope = rule.entity_of(cond.fact, cond.entity)
        entity = ENTITY_ID if scope is None else scope
        operand = cond.value
        if isinstance(operand, Ref):
            if operand is ENTITY:
                facts.append(Fact(cond.fact, ENTITY_ID, entity))
                continue
            if operand.fact == "case.as_of":
                value = _satisfy(cond.op, "@as_of", as_of)
                facts.append(Fact(cond.fact, value, entity))
                continue
            if operand.months and cond.fact == "case.as_of":
                # as_of compared with a date fact shifted by some months.
                base = dt.date.fromisoformat(shift_months(as_of.isoformat(), -operand.months))
                if cond.op in (Op.GT, Op.LT):
                    base += dt.timedelta(days=-1 if cond.op is Op.GT else 1)
                ref_entity = ENTITY_ID if operand.fact.split(".")[0] in ENTITY_KINDS else ""
                facts.append(Fact(operand.fact, base.isoformat(), ref_entity))
                continue
            if operand.months:
                # A date fact compared with another date fact shifted by some months.
                ref_entity = ENTITY_ID if operand.fact.split(".")[0] in ENTITY_KINDS else ""
                target = dt.date.fromisoformat(shift_months(as_of.isoformat(), operand.months))
                if cond.op in (Op.GT, Op.LT):
                    target += dt.timedelta(days=1 if cond.op is Op.GT else -1)
                facts.append(Fact(operand.fact, as_of.isoformat(), ref_entity))
                facts.append(Fact(cond.fact, target.isoformat(), entity))
                continue
            # Another fact: pick an operand, then a value that satisfies it.
            ref_value: Value = (1, 2) if cond.op is Op.NOT_SUPERSET else (1,)
            value = _satisfy(cond.op, ref_value, as_of)
            if cond.op is Op.SUPERSET:
                value = (1, 2)
            facts.append(Fact(operand.fact, ref_value, ""))
            facts.append(Fact(cond.fact, value, entity))
            continue
        value = _satisfy(cond.op, operand, as_of)
        facts.append(Fact(cond.fact, value, entity))
    # A for_each rule needs its entity to exist.
    if rule.for_each and not any(f.entity == ENTITY_ID for f in facts):
        facts.append(Fact(f"{rule.for_each}.exists", True, ENTITY_ID))
    return facts


def _fired(rule: Rule, facts: list[Fact], as_of: dt.date) -> bool:
    inference = NativeEngine().run(compile_rules([rule]), facts, as_of)
    return any(d.rule == rule.id for _, ds in inference.derived for d in ds)


RULES = {rule.id: rule for rule in cloudcentre.RULES}


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_rule_fires_when_its_conditions_hold(rule_id: str) -> None:
    rule = RULES[rule_id]
    as_of = _as_of(rule)
    facts = _facts_for(rule, as_of)
    assert _fired(rule, facts, as_of), f"{rule_id} did not fire on {facts}"


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_rule_does_not_fire_when_a_condition_is_unknown(rule_id: str) -> None:
    rule = RULES[rule_id]
    as_of = _as_of(rule)
    facts = _facts_for(rule, as_of)
    for cond in rule.conditions:
        if isinstance(cond, ForAll):
            continue  # vacuous truth: removing the only member makes it hold
        kept = [f for f in facts if f.name != cond.fact]
        assert not _fired(rule, kept, as_of), f"{rule_id} fired without {cond.fact}"


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_rule_does_not_fire_when_a_condition_is_false(rule_id: str) -> None:
    rule = RULES[rule_id]
    as_of = _as_of(rule)
    facts = _facts_for(rule, as_of)
    for cond in rule.conditions:
        if not (isinstance(cond, Test | ForAll) and cond.op in (Op.EQ, Op.IN)):
            continue
        if isinstance(cond.value, Ref):
            continue
        wrong: Value = (not cond.value) if isinstance(cond.value, bool) else OTHER
        changed = [Fact(f.name, wrong, f.entity) if f.name == cond.fact else f for f in facts]
        assert not _fired(rule, changed, as_of), f"{rule_id} fired with {cond.fact} = {wrong}"


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_rule_does_not_fire_outside_its_validity(rule_id: str) -> None:
    rule = RULES[rule_id]
    for day in (
        rule.valid_from and rule.valid_from - dt.timedelta(days=1),
        rule.valid_until and rule.valid_until + dt.timedelta(days=1),
    ):
        if day:
            facts = [f for f in _facts_for(rule, _as_of(rule)) if f.name != "case.as_of"]
            facts.append(Fact("case.as_of", day.isoformat()))
            assert not _fired(rule, facts, day)


def test_every_rule_cites_a_source_with_a_url() -> None:
    for rule in cloudcentre.RULES:
        assert rule.citations
        for citation in rule.citations:
            assert citation.url.startswith("https://") or citation.url.startswith("http://")
            assert citation.instrument
            assert citation.article


def test_assumption_rules_say_so_in_their_output() -> None:
    labelled = {r.id for r in cloudcentre.RULES if r.assumption}
    expected = {
        "DR-OFFERING-HOMOLOGATED",
        "ASSUME-CLASSIFIED-IGI1300",
        "CAC-2021-SCOPE-LOCAL-AUTHORITY",
    }
    assert expected <= labelled
