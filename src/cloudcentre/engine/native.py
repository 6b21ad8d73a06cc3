"""The native engine: a compiled stratified plan, or forward chaining to a fixpoint.

:class:`NativeEngine` runs a pack's compiled plan (see :mod:`.compiled`) when its rules
in force are stratified, as the built-in packs are, and :class:`FixpointEngine` when
they are not (a rule that depends on itself). Both give equal inferences.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from ..law.language import ENTITY, Ref, Rule, Test
from ..model.facts import Fact
from .base import CompiledPack, FactStore, Inference, conclude, finish, match
from .compiled import Ambiguous, plan_for

__all__ = ["FixpointEngine", "NativeEngine"]


class NativeEngine:
    """The plain-Python engine: the compiled plan of the rules in force, when they are
    stratified; else the fixpoint engine. The choice is automatic and per date (and per
    run in one rare case: two rules concluding equal values of different types, such as
    ``1`` and ``True``, for one fact, where the fixpoint's firing order decides)."""

    name = "native"

    def __init__(self) -> None:
        self._fixpoint = FixpointEngine()

    def run(self, pack: CompiledPack, facts: Iterable[Fact], as_of: dt.date) -> Inference:
        plan = plan_for(pack, as_of)
        if plan is None:
            return self._fixpoint.run(pack, facts, as_of)
        facts = tuple(facts)
        try:
            run = plan.run(facts)
        except Ambiguous:
            return self._fixpoint.run(pack, facts, as_of)
        return Inference.lazy(as_of, run, plan.rule_ids)


class FixpointEngine:
    """A plain-Python forward-chaining engine: runs rules to a fixpoint.

    Each rule fires at most once per bound entity. Rules are indexed by the facts
    their conditions read, so only rules touched by a new fact are tried again. It
    runs any pack, stratified or not; :class:`NativeEngine` uses it for the others.
    """

    name = "native"

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
