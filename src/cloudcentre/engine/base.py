"""The engine interface: compiled packs, inferences, and the matching every engine shares.

An engine takes a compiled rule pack, the input facts and the evaluation date, runs
the rules in force that day to a fixpoint, and returns every fact with the rule
applications (rule, bound entity, premises) that derived it. Backends must return
equal :class:`Inference` objects for equal inputs, whatever the order of the facts.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Protocol, runtime_checkable

import attrs

from .._errors import InvalidRulePack
from ..law.language import (
    ENTITY,
    ENTITY_KINDS,
    Condition,
    ForAll,
    Ref,
    Rule,
    Test,
    Value,
    check_unique,
    compare,
)
from ..model.facts import Fact, value_sort_key

__all__ = [
    "CompiledPack",
    "Derivation",
    "Engine",
    "FactStore",
    "Inference",
    "PackCache",
    "RunView",
    "compile_rules",
    "conclude",
    "finish",
    "holds",
    "match",
    "restrict",
]

#: Entity kinds whose entities all come from the input (so ``ForAll`` is monotone).
_INPUT_KINDS = frozenset({"certificate"})


@attrs.frozen(slots=True)
class Derivation:
    """One application of a rule: which rule, bound to which entity, from which facts."""

    rule: str
    entity: str
    premises: tuple[Fact, ...]


class PackCache(dict[str, object]):
    """A pack's engine-side cache (plans hold closures): it pickles as an empty cache."""

    def __reduce__(self) -> tuple[object, ...]:
        return (PackCache, ())


@attrs.frozen(slots=True)
class CompiledPack:
    """Rules checked and ordered once, reused across decisions. Plain, picklable data."""

    rules: tuple[Rule, ...]
    inputs: frozenset[str]
    """Fact names no rule concludes: they can only come from the case."""
    derived: frozenset[str]
    index: dict[str, Rule] = attrs.field(eq=False, repr=False, factory=dict)
    cache: PackCache = attrs.field(eq=False, repr=False, init=False, factory=lambda: PackCache())
    """What engines derive from the pack and keep (evaluation plans); never pickled."""

    def __attrs_post_init__(self) -> None:
        self.index.update((rule.id, rule) for rule in self.rules)

    def in_force(self, as_of: dt.date) -> tuple[Rule, ...]:
        return tuple(rule for rule in self.rules if rule.in_force(as_of))

    def rule(self, rule_id: str) -> Rule:
        return self.index[rule_id]


def compile_rules(rules: Iterable[Rule]) -> CompiledPack:
    """Check rules for internal consistency and order them by id."""
    ordered = tuple(sorted(rules, key=lambda r: r.id))
    check_unique(ordered)
    derived = frozenset(rule.conclusion.fact for rule in ordered)
    referenced: set[str] = set()
    for rule in ordered:
        for cond in rule.conditions:
            referenced.add(cond.fact)
            if isinstance(cond, ForAll):
                if cond.kind not in _INPUT_KINDS:
                    raise InvalidRulePack(
                        f"rule `{rule.id}`: ForAll over `{cond.kind}`, whose entities are derived"
                    )
                if not cond.fact.startswith(cond.kind + "."):
                    raise InvalidRulePack(
                        f"rule `{rule.id}`: `{cond.fact}` is not a {cond.kind} fact"
                    )
            else:
                rule.entity_of(cond.fact, cond.entity)  # raises on a bad entity scope
                if isinstance(cond.value, Ref) and cond.value is not ENTITY:
                    rule.entity_of(cond.value.fact, None)
                    referenced.add(cond.value.fact)
        if rule.conclusion.entity is None:
            rule.entity_of(rule.conclusion.fact, None)
        elif rule.conclusion.entity and rule.conclusion.fact.split(".", 1)[0] in _INPUT_KINDS:
            raise InvalidRulePack(
                f"rule `{rule.id}` concludes `{rule.conclusion.fact}[{rule.conclusion.entity}]`, "
                "but certificate entities come only from the input"
            )
    return CompiledPack(rules=ordered, inputs=frozenset(referenced - derived), derived=derived)


def restrict(pack: CompiledPack, goal: str) -> CompiledPack:
    """The rules of ``pack`` that can contribute to facts named ``goal``: those concluding
    it, and, recursively, those concluding a fact they read. Running them gives exactly
    the ``goal`` facts the whole pack gives (the rules are positive). Kept in the pack."""
    key = f"restrict:{goal}"
    found = pack.cache.get(key)
    if isinstance(found, CompiledPack):
        return found
    concluding: dict[str, list[Rule]] = defaultdict(list)
    creating: dict[str, set[str]] = defaultdict(set)  # kind -> facts concluded on named entities
    for rule in pack.rules:
        concluding[rule.conclusion.fact].append(rule)
        if rule.conclusion.entity:
            creating[rule.conclusion.fact.split(".", 1)[0]].add(rule.conclusion.fact)
    kept: dict[str, Rule] = {}
    todo = [goal]
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for rule in concluding.get(name, ()):
            if rule.id in kept:
                continue
            kept[rule.id] = rule
            for cond in rule.conditions:
                todo.append(cond.fact)
                if isinstance(cond, Test) and isinstance(cond.value, Ref):
                    todo.append(cond.value.fact)
                if isinstance(cond, ForAll):
                    todo.extend(creating.get(cond.kind, ()))
            if rule.for_each is not None:  # the rules that may create what it ranges over
                todo.extend(creating.get(rule.for_each, ()))
    restricted = compile_rules(kept.values())
    pack.cache[key] = restricted
    return restricted


class RunView(Protocol):
    """What a lazy :class:`Inference` reads: an engine's own record of one run."""

    def values(self, name: str, entity: str = "") -> list[Value]: ...

    def entities(self, kind: str) -> list[str]: ...

    def canonical(
        self,
    ) -> tuple[tuple[Fact, ...], tuple[tuple[Fact, tuple[Derivation, ...]], ...]]: ...

    def derivations(self) -> Mapping[Fact, tuple[Derivation, ...]]: ...

    def input_facts(self) -> frozenset[Fact]: ...

    def fired_rules(self) -> frozenset[str]: ...

    def fact_store(self) -> FactStore: ...


class Inference:
    """What an engine returns: all facts, and how each derived one was derived.

    Two inferences are equal when their date, inputs, derivations and rules in force
    are. An engine may hand over its own record of the run (a :class:`RunView`): the
    canonical ``inputs`` and ``derived`` tuples are then built on first access only,
    and :meth:`values` answers from the engine's fact store. Not an attrs class for that
    reason; it pickles as its canonical data.
    """

    __slots__ = ("_derived", "_inputs", "_run", "_store", "as_of", "rules_in_force")

    def __init__(
        self,
        as_of: dt.date,
        inputs: tuple[Fact, ...],
        derived: tuple[tuple[Fact, tuple[Derivation, ...]], ...],
        rules_in_force: tuple[str, ...],
    ) -> None:
        self.as_of = as_of
        self.rules_in_force = rules_in_force
        self._inputs: tuple[Fact, ...] | None = inputs
        self._derived: tuple[tuple[Fact, tuple[Derivation, ...]], ...] | None = derived
        self._run: RunView | None = None
        self._store: FactStore | None = None

    @classmethod
    def lazy(cls, as_of: dt.date, run: RunView, rules_in_force: tuple[str, ...]) -> Inference:
        """An inference whose canonical form ``run`` builds when first asked for."""
        self = cls.__new__(cls)
        self.as_of = as_of
        self.rules_in_force = rules_in_force
        self._inputs = self._derived = None
        self._run = run
        self._store = None
        return self

    def _materialise(self) -> None:
        assert self._run is not None
        self._inputs, self._derived = self._run.canonical()

    @property
    def inputs(self) -> tuple[Fact, ...]:
        if self._inputs is None:
            self._materialise()
        assert self._inputs is not None
        return self._inputs

    @property
    def derived(self) -> tuple[tuple[Fact, tuple[Derivation, ...]], ...]:
        if self._derived is None:
            self._materialise()
        assert self._derived is not None
        return self._derived

    def derivations(self) -> Mapping[Fact, tuple[Derivation, ...]]:
        """Each derived fact's derivations (equal to ``dict(self.derived)``)."""
        if self._derived is None and self._run is not None:
            return self._run.derivations()
        return dict(self.derived)

    def fired_rules(self) -> frozenset[str]:
        """The ids of the rules that derived something."""
        if self._derived is None and self._run is not None:
            return self._run.fired_rules()
        return frozenset(d.rule for _, ds in self.derived for d in ds)

    def input_facts(self) -> frozenset[Fact]:
        """The input facts, as a set."""
        if self._inputs is None and self._run is not None:
            return self._run.input_facts()
        return frozenset(self.inputs)

    def facts(self) -> tuple[Fact, ...]:
        return tuple(sorted({*self.inputs, *(f for f, _ in self.derived)}, key=Fact.sort_key))

    def values(self, name: str, entity: str = "") -> list[Value]:
        """The values of ``name[entity]``, in value order (empty: unknown)."""
        if self._run is not None:
            return self._run.values(name, entity)
        return self._fact_store().get(name, entity)

    def entities(self, kind: str) -> list[str]:
        """The entities of ``kind`` (``certificate``), sorted."""
        if self._run is not None:
            return self._run.entities(kind)
        return sorted(self._fact_store().entities.get(kind, ()))

    def run_view(self) -> RunView | None:
        """The engine's own record of the run, when it handed one over."""
        return self._run

    def fact_store(self) -> FactStore:
        """Every fact, as a :class:`FactStore` (for :func:`match`); do not change it."""
        if self._run is not None:
            return self._run.fact_store()
        return self._fact_store()

    def _fact_store(self) -> FactStore:
        if self._store is None:
            store = FactStore()
            for fact in self.facts():
                store.add(fact)
            self._store = store
        return self._store

    def _key(self) -> tuple[object, ...]:
        return (self.as_of, self.inputs, self.derived, self.rules_in_force)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Inference)
        return self._key() == other._key()

    def __ne__(self, other: object) -> bool:
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (
            f"Inference(as_of={self.as_of!r}, inputs={self.inputs!r}, "
            f"derived={self.derived!r}, rules_in_force={self.rules_in_force!r})"
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (Inference, self._key())


@runtime_checkable
class Engine(Protocol):
    """A forward-chaining backend."""

    name: str

    def run(self, pack: CompiledPack, facts: Iterable[Fact], as_of: dt.date) -> Inference: ...


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
