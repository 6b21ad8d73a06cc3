"""The native engine: plain-Python forward chaining to a fixpoint."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from ..law.language import ENTITY, Ref, Rule, Test
from ..model.facts import Fact
from .base import CompiledPack, FactStore, Inference, conclude, finish, match

__all__ = ["NativeEngine"]


class NativeEngine:
    """A plain-Python forward-chaining engine: runs rules to a fixpoint.

    Each rule fires at most once per bound entity. Rules are indexed by the facts
    their conditions read, so only rules touched by a new fact are tried again.
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
