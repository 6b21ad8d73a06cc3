"""The fixpoint engine as it was before the compiled engine (cloudcentre 0.1), kept
verbatim as the reference the compiled engine is tested against.

Do not "fix" or speed up this file: it is the specification by example. Only the
imports changed (to the package's new layout), and the class name.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from cloudcentre._errors import InvalidRulePack
from cloudcentre.engine.base import CompiledPack, Derivation, Inference
from cloudcentre.law.language import (
    ENTITY,
    ENTITY_KINDS,
    Condition,
    ForAll,
    Ref,
    Rule,
    Test,
    Value,
    compare,
)
from cloudcentre.model.facts import Fact, value_sort_key

__all__ = ["ReferenceEngine"]


class FactStore:
    """Facts indexed by ``(name, entity)``; entities indexed by kind."""

    __slots__ = ("entities", "values")

    def __init__(self) -> None:
        self.values: dict[tuple[str, str], set[Value]] = defaultdict(set)
        self.entities: dict[str, set[str]] = defaultdict(set)

    def add(self, fact: Fact) -> bool:
        bucket = self.values[fact.key]
        if fact.value in bucket:
            return False
        bucket.add(fact.value)
        if fact.entity:
            self.entities[fact.name.split(".", 1)[0]].add(fact.entity)
        return True

    def get(self, name: str, entity: str) -> list[Value]:
        bucket = self.values.get((name, entity))
        if not bucket:
            return []
        if len(bucket) == 1:
            return list(bucket)
        return sorted(bucket, key=value_sort_key)


def match(rule: Rule, entity: str, store: FactStore) -> tuple[Fact, ...] | None:
    """The premises that make ``rule`` hold for ``entity``, or ``None``. Deterministic."""
    premises: list[Fact] = []
    for cond in rule.conditions:
        found = holds(rule, cond, entity, store)
        if found is None:
            return None
        premises.extend(found)
    return tuple(dict.fromkeys(premises))


def holds(rule: Rule, cond: Condition, entity: str, store: FactStore) -> list[Fact] | None:
    """The premises that make one condition of ``rule`` hold for ``entity``, or ``None``.

    :func:`match` is the conjunction of this over the rule's conditions; other backends
    use it to evaluate, one at a time, the conditions they cannot express themselves.
    """
    if isinstance(cond, ForAll):
        premises: list[Fact] = []
        for member in sorted(store.entities.get(cond.kind, ())):
            found = _first(cond.fact, member, cond.op, cond.value, store)
            if found is None:
                return None
            premises.append(found)
        return premises
    scope = rule.entity_of(cond.fact, cond.entity)
    where = entity if scope is None else scope
    if isinstance(cond.value, Ref):
        return _match_ref(cond, where, entity, store)
    found = _first(cond.fact, where, cond.op, cond.value, store)
    return None if found is None else [found]


def _first(name: str, entity: str, op: object, operand: Value, store: FactStore) -> Fact | None:
    for value in store.get(name, entity):
        if compare(op, value, operand):  # type: ignore[arg-type]
            return Fact(name, value, entity)
    return None


def _match_ref(cond: Test, where: str, bound: str, store: FactStore) -> list[Fact] | None:
    assert isinstance(cond.value, Ref)
    if cond.value is ENTITY or cond.value.fact == ENTITY.fact:
        found = _first(cond.fact, where, cond.op, bound, store)
        return None if found is None else [found]
    ref_entity = ref_scope(cond.value, bound)
    for ref in store.get(cond.value.fact, ref_entity):
        found = _first(cond.fact, where, cond.op, cond.value.resolve(ref), store)
        if found is not None:
            return [found, Fact(cond.value.fact, ref, ref_entity)]
    return None


def ref_scope(ref: Ref, bound: str) -> str:
    """The entity a reference reads: the bound one for entity-kind facts, else the case."""
    return bound if ref.fact.split(".", 1)[0] in ENTITY_KINDS else ""


def conclude(rule: Rule, entity: str) -> Fact:
    target = rule.conclusion.entity if rule.conclusion.entity is not None else entity
    return Fact(rule.conclusion.fact, rule.conclusion.value, target)


def finish(
    rules: tuple[Rule, ...],
    inputs: Iterable[Fact],
    fired: Iterable[tuple[str, str]],
    as_of: dt.date,
) -> Inference:
    """Build the canonical :class:`Inference` from the set of rule applications.

    Premises are re-matched against the final fact set, so the result does not depend
    on the order in which an engine fired the rules.
    """
    by_id = {rule.id: rule for rule in rules}
    store = FactStore()
    input_facts = tuple(sorted(set(inputs), key=Fact.sort_key))
    for fact in input_facts:
        store.add(fact)
    applications = sorted(set(fired))
    for rule_id, entity in applications:
        store.add(conclude(by_id[rule_id], entity))
    derived: dict[Fact, list[Derivation]] = defaultdict(list)
    for rule_id, entity in applications:
        rule = by_id[rule_id]
        premises = match(rule, entity, store)
        if premises is None:  # pragma: no cover - a backend fired a rule that does not hold
            raise InvalidRulePack(f"rule `{rule_id}` fired for `{entity}` but does not hold")
        derived[conclude(rule, entity)].append(Derivation(rule_id, entity, premises))
    return Inference(
        as_of=as_of,
        inputs=input_facts,
        derived=tuple((fact, tuple(derived[fact])) for fact in sorted(derived, key=Fact.sort_key)),
        rules_in_force=tuple(rule.id for rule in rules),
    )


class ReferenceEngine:
    """A plain-Python forward-chaining engine: runs rules to a fixpoint.

    Each rule fires at most once per bound entity. Rules are indexed by the facts
    their conditions read, so only rules touched by a new fact are tried again.
    """

    name = "reference"

    def run(self, pack: CompiledPack, facts: Iterable[Fact], as_of: dt.date) -> Inference:
        rules = pack.in_force(as_of)
        inputs = tuple(facts)
        store = FactStore()
        for fact in inputs:
            store.add(fact)
        readers: dict[str, list[Rule]] = defaultdict(list)
        for rule in rules:
            for name in _reads(rule):
                readers[name].append(rule)
        fired: set[tuple[str, str]] = set()
        agenda: list[Rule] = list(rules)
        while agenda:
            touched: dict[str, Rule] = {}
            for rule in agenda:
                for entity in _bindings(rule, store):
                    if (rule.id, entity) in fired or match(rule, entity, store) is None:
                        continue
                    fired.add((rule.id, entity))
                    fact = conclude(rule, entity)
                    if store.add(fact):
                        for reader in readers.get(fact.name, ()):
                            touched[reader.id] = reader
            agenda = [touched[key] for key in sorted(touched)]
        return finish(rules, inputs, fired, as_of)


def _reads(rule: Rule) -> set[str]:
    names = {cond.fact for cond in rule.conditions}
    for cond in rule.conditions:
        if isinstance(cond, Test) and isinstance(cond.value, Ref) and cond.value is not ENTITY:
            names.add(cond.value.fact)
    return names


def _bindings(rule: Rule, store: FactStore) -> list[str]:
    if rule.for_each is None:
        return [""]
    return sorted(store.entities.get(rule.for_each, ()))
