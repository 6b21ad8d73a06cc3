"""The compiled native engine: a stratified evaluation plan per set of rules in force.

A rule pack whose rules do not depend on themselves through the facts they read and
conclude (no cycle: the built-in packs have none) is *stratified*: each rule gets a
level above the levels of every rule concluding a fact it reads. Evaluating levels in
order, a rule runs once per binding, after every fact it reads is final, so the premises
it finds when it fires are the canonical ones (no re-matching pass), and the derivation
is recorded then, as a plain tuple.

Rules are indexed by one *guard* condition each: an ``eq`` (or ``in`` a list) test on a
constant is looked up by the value of every fact added; any other test by the presence
of its fact. Adding a fact schedules only the rules it may satisfy: a rule whose guard
fact is absent, or has another value, costs nothing.

A plan is built once per pack and per segment of time over which the same rules are in
force, and kept in the pack (never pickled). Packs with a cycle, or whose rules create
entities that ``for_each`` rules range over, have no plan: the fixpoint engine runs them.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ..law.language import ENTITY, ENTITY_KINDS, Op, Ref, Rule, Test, Value
from ..model.facts import Fact, value_sort_key
from .base import CompiledPack, Derivation, FactStore
from .matching import Entities, Store, key_of, kind_of, matcher, predicate

__all__ = ["Ambiguous", "Plan", "Run", "plan_for"]


class _Step:
    """One rule in a plan: its level, its generated matcher, its conclusion."""

    __slots__ = ("conclusion", "for_each", "index", "level", "match", "rule", "rule_id")

    def __init__(self, index: int, rule: Rule, level: int) -> None:
        self.index = index
        self.rule = rule
        self.rule_id = rule.id
        self.level = level
        self.for_each = rule.for_each
        self.match = matcher(rule)
        c = rule.conclusion
        self.conclusion = None if c.entity is None else Fact(c.fact, c.value, c.entity)


# ----------------------------------------------------------------------------- plans
def _reads(rule: Rule) -> set[str]:
    names = {cond.fact for cond in rule.conditions}
    for cond in rule.conditions:
        if (
            isinstance(cond, Test)
            and isinstance(cond.value, Ref)
            and cond.value.fact != ENTITY.fact
        ):
            names.add(cond.value.fact)
    return names


def _levels(rules: Sequence[Rule]) -> list[int] | None:
    """Each rule's level (>= 1), or ``None`` when a rule depends on itself."""
    concluding: dict[str, list[int]] = {}
    for i, rule in enumerate(rules):
        concluding.setdefault(rule.conclusion.fact, []).append(i)
    reads = [_reads(rule) for rule in rules]
    level: list[int] = [0] * len(rules)
    state = [0] * len(rules)  # 0 new, 1 on the stack, 2 done

    for root in range(len(rules)):
        if state[root]:
            continue
        stack: list[tuple[int, list[int]]] = [(root, _deps(root, reads, concluding))]
        state[root] = 1
        while stack:
            node, pending = stack[-1]
            if pending:
                dep = pending.pop()
                if state[dep] == 1:
                    return None
                if state[dep] == 0:
                    state[dep] = 1
                    stack.append((dep, _deps(dep, reads, concluding)))
                continue
            stack.pop()
            deps = _deps(node, reads, concluding)
            level[node] = 1 + max((level[d] for d in deps), default=0)
            state[node] = 2
    return level


def _deps(i: int, reads: list[set[str]], concluding: dict[str, list[int]]) -> list[int]:
    return [j for name in sorted(reads[i]) for j in concluding.get(name, ())]


def _guard(rule: Rule) -> tuple[int, Test | None]:
    """The best condition to index ``rule`` by: (preference, condition)."""
    best: tuple[int, Test | None] = (0, None)
    for cond in rule.conditions:
        if not isinstance(cond, Test):
            continue
        if cond.op is Op.EQ and not isinstance(cond.value, Ref):
            score = 4
        elif cond.op is Op.IN and isinstance(cond.value, tuple):
            score = 3
        elif not isinstance(cond.value, Ref):
            score = 2  # tested on each value as it is added
        else:
            score = 1
        if score > best[0]:
            best = (score, cond)
    return best


#: A scheduling entry: (level, agenda item, pinned entity or None, bind to the fact's
#: entity, the guard's test on the added value or None).
_Entry = tuple[int, "tuple[_Step, str | None]", "str | None", bool, "Callable[[Any], bool] | None"]
#: Entries as the run uses them: the plain ones as agenda items by level, and the others.
_Group = tuple[tuple[tuple[int, tuple["tuple[_Step, str | None]", ...]], ...], tuple[_Entry, ...]]


def _group(entries: list[_Entry]) -> _Group:
    plain: dict[int, list[tuple[_Step, str | None]]] = {}
    special: list[_Entry] = []
    for entry in entries:
        level, item, pinned, bind, test = entry
        if pinned is None and not bind and test is None:
            plain.setdefault(level, []).append(item)
        else:
            special.append(entry)
    return tuple((level, tuple(items)) for level, items in sorted(plain.items())), tuple(special)


class Plan:
    """The evaluation plan of one set of rules in force."""

    __slots__ = ("always", "levels", "rule_ids", "steps", "triggers")

    def __init__(self, rules: Sequence[Rule], levels: list[int]) -> None:
        self.rule_ids = tuple(rule.id for rule in rules)
        self.steps = tuple(_Step(i, rule, levels[i]) for i, rule in enumerate(rules))
        self.levels = max(levels, default=0) + 1
        by_value: dict[str, dict[Any, list[_Entry]]] = {}
        by_presence: dict[str, list[_Entry]] = {}
        #: Agenda items scheduled whatever the facts (no test to index their rule by).
        self.always: list[tuple[int, tuple[_Step, str | None]]] = []
        for step in self.steps:
            rule = step.rule
            score, cond = _guard(rule)
            item: tuple[_Step, str | None] = (step, "" if rule.for_each is None else None)
            if cond is None:
                self.always.append((step.level, item))
                continue
            scope = rule.entity_of(cond.fact, cond.entity)
            # scope None: the guard reads the bound entity, so bind to the fact's entity
            bind = rule.for_each is not None and scope is None
            if score == 4:
                entry: _Entry = (step.level, item, scope, bind, None)
                by_value.setdefault(cond.fact, {}).setdefault(cond.value, []).append(entry)
            elif score == 3:
                assert isinstance(cond.value, tuple)
                entry = (step.level, item, scope, bind, None)
                table = by_value.setdefault(cond.fact, {})
                for value in set(cond.value):
                    table.setdefault(value, []).append(entry)
            else:
                # a rule holds only if some value of its guard fact passes the guard's
                # test: so test each value as it is added, and schedule on success
                test = None if isinstance(cond.value, Ref) else predicate(cond.op, cond.value)
                entry = (step.level, item, scope, bind, test)
                by_presence.setdefault(cond.fact, []).append(entry)
        #: fact name -> (groups by value, or None; group by presence, or None)
        self.triggers: dict[str, tuple[dict[Any, _Group] | None, _Group | None]] = {}
        for name in sorted({*by_value, *by_presence}):
            values = by_value.get(name)
            present = by_presence.get(name)
            self.triggers[name] = (
                None if values is None else {v: _group(es) for v, es in values.items()},
                None if present is None else _group(present),
            )

    # -- running -------------------------------------------------------------------
    def run(self, facts: tuple[Fact, ...]) -> Run:
        """Run the plan on input facts (duplicates are ignored, as by any engine)."""
        S: Store = {}
        E: Entities = {}
        agenda: list[list[tuple[_Step, str | None]]] = [[] for _ in range(self.levels)]
        triggers = self.triggers
        for level, item in self.always:
            agenda[level].append(item)

        for fact in facts:
            name = fact.name
            entity = fact.entity
            key = (name, entity) if entity else name
            known = S.get(key)
            if known is None:
                S[key] = [fact]
                if entity:
                    kind = name.split(".", 1)[0]
                    if kind in E:
                        E[kind].add(entity)
                    else:
                        E[kind] = {entity}
            elif not _add_value(known, fact):
                continue
            trigger = triggers.get(name)
            if trigger is not None:
                table, presence = trigger
                if table is not None:
                    try:
                        group = table.get(fact.value)
                    except TypeError:  # an unhashable value: try every rule indexed by value
                        group = _every(table)
                    if group is not None:
                        for level, scheduled in group[0]:
                            agenda[level].extend(scheduled)
                        if group[1]:
                            _push(group[1], fact, agenda)
                if presence is not None:
                    for level, scheduled in presence[0]:
                        agenda[level].extend(scheduled)
                    if presence[1]:
                        _push(presence[1], fact, agenda)

        fired: list[tuple[_Step, str, list[Fact]]] = []
        origin: dict[int, bool] = {}  # the derived facts in the store (by id)
        for level in range(1, self.levels):
            items = agenda[level]
            if not items:
                continue
            done: set[tuple[_Step, str | None]] = set()
            for item in items:
                if item in done:
                    continue
                done.add(item)
                step, bound = item
                if bound is None:
                    bindings: Iterable[str] = sorted(E.get(step.for_each or "", ()))
                    if not bindings:
                        continue
                else:
                    bindings = (bound,)
                for b in bindings:
                    if bound is None:
                        token = (step, b)
                        if token in done:
                            continue
                        done.add(token)
                    premises = step.match(S, E, b)
                    if premises is None:
                        continue
                    fired.append((step, b, premises))
                    conclusion = step.conclusion
                    if conclusion is None:
                        c = step.rule.conclusion
                        conclusion = Fact(c.fact, c.value, b)
                    name = conclusion.name
                    entity = conclusion.entity
                    key = (name, entity) if entity else name
                    known = S.get(key)
                    if known is None:
                        S[key] = [conclusion]
                        origin[id(conclusion)] = True
                        if entity:
                            E.setdefault(name.split(".", 1)[0], set()).add(entity)
                    elif not _add_derived(known, conclusion, origin):
                        continue
                    trigger = triggers.get(name)
                    if trigger is not None:
                        table, presence = trigger
                        if table is not None:
                            try:
                                group = table.get(conclusion.value)
                            except TypeError:
                                group = _every(table)
                            if group is not None:
                                for later, scheduled in group[0]:
                                    agenda[later].extend(scheduled)
                                if group[1]:
                                    _push(group[1], conclusion, agenda)
                        if presence is not None:
                            for later, scheduled in presence[0]:
                                agenda[later].extend(scheduled)
                            if presence[1]:
                                _push(presence[1], conclusion, agenda)
        return Run(self, facts, S, E, fired)


def _every(table: dict[Any, _Group]) -> _Group:
    """Every entry of a value table, as one group (for a value that cannot be looked up)."""
    entries = [
        (level, item, None, False, None)
        for plain, _ in table.values()
        for level, items in plain
        for item in items
    ]
    special = [entry for _, others in table.values() for entry in others]
    return _group([*entries, *special])


def _push(
    entries: Sequence[_Entry], fact: Fact, agenda: list[list[tuple[_Step, str | None]]]
) -> None:
    entity = fact.entity
    for level, item, pinned, bind, test in entries:
        if pinned is not None and pinned != entity:
            continue
        if test is not None and not test(fact.value):
            continue
        agenda[level].append((item[0], entity) if bind else item)


def _add_value(known: list[Fact], fact: Fact) -> bool:
    """Add an input fact to a key that has values: not if an equal value is there."""
    value = fact.value
    for other in known:
        if other.value is value or other.value == value:
            return False
    known.append(fact)
    known.sort(key=_fact_value_key)
    return True


class Ambiguous(Exception):
    """Two rules concluded equal values of different types for one fact (``1`` and
    ``True``): which one a rule then reads depends on the firing order, and the plan
    gives way to the fixpoint engine, whose order defines the result."""


def _add_derived(known: list[Fact], fact: Fact, origin: dict[int, bool]) -> bool:
    """Add a concluded fact to a key that has values: whether it is new."""
    value = fact.value
    for other in known:
        if other.value is value or other.value == value:
            if id(other) in origin and (
                type(other.value) is not type(value) or repr(other.value) != repr(value)
            ):
                raise Ambiguous(fact.name)
            return False
    known.append(fact)
    origin[id(fact)] = True
    known.sort(key=_fact_value_key)
    return True


def _application(fired: tuple[_Step, str, list[Fact]]) -> tuple[str, str]:
    return (fired[0].rule_id, fired[1])


def _fact_value_key(fact: Fact) -> str:
    return value_sort_key(fact.value)


class Run:
    """What one plan run found: the fact store, the entities, the rule applications."""

    __slots__ = ("_derivations", "entities_by_kind", "fired", "inputs", "plan", "store")

    def __init__(
        self,
        plan: Plan,
        inputs: tuple[Fact, ...],
        store: Store,
        entities: Entities,
        fired: list[tuple[_Step, str, list[Fact]]],
    ) -> None:
        self.plan = plan
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
            for step, entity, premises in sorted(self.fired, key=_application):
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
        return frozenset(step.rule_id for step, _, _ in self.fired)

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


# ----------------------------------------------------------------------------- segments
class Segments:
    """A pack's plans, one per segment of time with the same rules in force."""

    __slots__ = ("bounds", "pack", "plans")

    def __init__(self, pack: CompiledPack) -> None:
        days: set[dt.date] = set()
        for rule in pack.rules:
            if rule.valid_from is not None:
                days.add(rule.valid_from)
            if rule.valid_until is not None and rule.valid_until < dt.date.max:
                days.add(rule.valid_until + dt.timedelta(days=1))
        self.pack = pack
        self.bounds = sorted(days)
        self.plans: dict[int, Plan | None] = {}

    def plan(self, as_of: dt.date) -> Plan | None:
        segment = bisect.bisect_right(self.bounds, as_of)
        try:
            return self.plans[segment]
        except KeyError:
            pass
        rules = self.pack.in_force(as_of)
        plan = None
        if not _creates_entities(rules):
            levels = _levels(rules)
            if levels is not None:
                plan = Plan(rules, levels)
        self.plans[segment] = plan
        return plan


def _creates_entities(rules: Iterable[Rule]) -> bool:
    """Whether a rule concludes a fact about an entity it names (a new entity, maybe)."""
    return any(
        rule.conclusion.entity and kind_of(rule.conclusion.fact) in ENTITY_KINDS for rule in rules
    )


def plan_for(pack: CompiledPack, as_of: dt.date) -> Plan | None:
    """The plan of the rules of ``pack`` in force on ``as_of``, or ``None`` (not stratified)."""
    segments = pack.cache.get("segments")
    if segments is None:
        segments = pack.cache["segments"] = Segments(pack)
    assert isinstance(segments, Segments)
    return segments.plan(as_of)
