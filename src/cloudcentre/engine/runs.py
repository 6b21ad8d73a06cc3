"""What one run of a compiled plan found (see :mod:`.compiled`): the fact store, the
entities and the rule applications, each recorded as ``(step, entity, *premises)`` when
the rule fired; the canonical derivations are built from them when first asked for."""

from __future__ import annotations

from typing import Any

from ..law.language import Value
from ..model.facts import Fact, value_sort_key
from .base import Derivation, FactStore
from .matching import Entities, Store, key_of

__all__ = ["Run", "fact_value_key"]


def _application(fired: tuple[Any, ...]) -> tuple[str, str]:
    return (fired[0].rule_id, fired[1])


def fact_value_key(fact: Fact) -> str:
    return value_sort_key(fact.value)


class Run:
    """What one plan run found: the fact store, the entities, the rule applications."""

    __slots__ = ("_derivations", "entities_by_kind", "fired", "inputs", "store")

    def __init__(
        self,
        inputs: tuple[Fact, ...],
        store: Store,
        entities: Entities,
        fired: list[tuple[Any, ...]],
    ) -> None:
        self.inputs = inputs
        self.store = store
        self.entities_by_kind = entities
        self.fired = fired
        self._derivations: dict[Fact, tuple[Derivation, ...]] | None = None

    def values(self, name: str, entity: str = "") -> list[Value]:
        return [f.value for f in self.store.get(key_of(name, entity), ())]

    def entities(self, kind: str) -> list[str]:
        return sorted(self.entities_by_kind.get(kind, ()))

    def canonical(self) -> tuple[tuple[Fact, ...], tuple[tuple[Fact, tuple[Derivation, ...]], ...]]:
        """The inputs and derivations in the canonical form :func:`finish` gives."""
        inputs = tuple(sorted(set(self.inputs), key=Fact.sort_key))
        derived = self.derivations()
        return inputs, tuple((fact, derived[fact]) for fact in sorted(derived, key=Fact.sort_key))

    def derivations(self) -> dict[Fact, tuple[Derivation, ...]]:
        """Each derived fact's derivations, as :func:`finish` groups and orders them
        (the facts themselves in no particular order). Built once."""
        if self._derivations is None:
            derived: dict[Fact, list[Derivation]] = {}
            for step, entity, *premises in sorted(self.fired, key=_application):
                c = step.rule.conclusion
                target = c.entity if c.entity is not None else entity
                fact = Fact(c.fact, c.value, target)
                # Equal premises are one object (the store keeps one per value), so
                # removing repeats by identity is ``dict.fromkeys``, for less.
                unique = (
                    tuple(premises)
                    if len(premises) < 2
                    else tuple({id(p): p for p in premises}.values())
                )
                derived.setdefault(fact, []).append(Derivation(step.rule_id, entity, unique))
            self._derivations = {fact: tuple(ds) for fact, ds in derived.items()}
        return self._derivations

    def input_facts(self) -> frozenset[Fact]:
        return frozenset(self.inputs)

    def fired_rules(self) -> frozenset[str]:
        return frozenset(entry[0].rule_id for entry in self.fired)

    def fact_store(self) -> FactStore:
        return _RunFactStore(self)


class _RunFactStore(FactStore):
    """A run's facts seen as a :class:`FactStore`, without copying them."""

    __slots__ = ("run",)

    def __init__(self, run: Run) -> None:
        self.run = run
        self.values = {}
        self.entities = run.entities_by_kind

    def add(self, fact: Fact) -> bool:  # pragma: no cover - a view
        raise TypeError("a run's facts are read-only")

    def get(self, name: str, entity: str) -> list[Value]:
        return self.run.values(name, entity)
