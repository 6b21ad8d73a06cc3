"""The durable-rules backend: rule packs compiled to a Rete network in C.

:class:`DurableEngine` runs the rules of a :class:`~cloudcentre.CompiledPack` on
durable-rules 2.0.28 and returns an :class:`~cloudcentre.Inference` equal to the one the
native engine returns. This is the only module that imports ``durable``; ``cloudcentre``
imports it on first use of ``engine="durable"``. See ``docs/engines.md``.

Compilation, once per compiled pack (cached until the pack is garbage collected):

* Every fact becomes a durable fact made only of small integers: its name and entity
  (ids), its exact Python type (``ty``), its comparison class (``k``: number, string or
  tuple) and a *key* (``v``). Keys preserve equality and order within a class: numbers
  and strings get order-preserving ranks (the constants of the pack fixed at compile
  time, the other values of a decision slotted between them), tuples get interned ids.
  A fact read through a shifted reference (``Ref(name, months=m)``) also carries the
  key of its shifted value (``ty_m``, ``k_m``, ``v_m``). Durable therefore only ever
  compares integers: no string or float parsing, no locale, no cross-type coercion.
* Every condition durable can express exactly becomes a pattern on one fact, joined on
  the bound entity: ``=``, ``≠``, ``∈``, ``∉`` and the orderings against a constant, and
  ``=``, ``≠`` and the orderings against a reference (another fact, shifted or not) or
  the bound entity, through a join on the keys.
* The other conditions (list operators, membership in a reference, ``ForAll``) are
  evaluated by the host with :func:`cloudcentre.engine.base.holds`. They are monotone (they
  only become true as facts are added), so the host asserts an *alpha* fact, which the
  rule's pattern matches, when one becomes true.
* A rule's validity period is a pattern on a clock fact holding the evaluation day; a
  ``for_each`` rule binds its entity through an entity fact.
* Each action records the rule, the bound entity and the matched facts (its premises)
  and queues the conclusion; the host asserts new conclusions after the actions return,
  until nothing new is derived. The result goes through the same
  :func:`~cloudcentre.engine.base.finish` as the native engine's, so it is canonical.

A decision whose facts fall outside what the integer encoding represents exactly (a
NaN, a value of another type, a shifted reference to a string that is not a date...)
runs on a second ruleset of the same pack in which every rule is evaluated by the host.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import sys
import threading
import warnings
import weakref
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final, TypeAlias

import attrs

from .._errors import EngineError, UnknownEngine
from ..law.language import ENTITY, ENTITY_KINDS, ForAll, Op, Ref, Rule, Test, Value, shift_months
from ..model.facts import Fact
from .base import CompiledPack, FactStore, Inference, conclude, finish, holds, match

__all__ = ["DurableEngine", "Trace", "install_line", "missing_message"]

#: The durable-rules release this backend is written and tested against.
DURABLE_VERSION: Final = "2.0.28"


#: What Python 3.13+ needs to build durable-rules 2.0.28's C extension.
CC_FLAG: Final = 'CC="gcc -DPyEval_CallObject=PyObject_CallObject"'


def install_line(version: tuple[int, int] | None = None) -> str:
    """The pip command that installs durable-rules on Python ``version`` (default: this one).

    durable-rules ships only as source: the command needs a C compiler.
    """
    major, minor = version or (sys.version_info[0], sys.version_info[1])
    if (major, minor) >= (3, 13):
        # Python 3.13 removed PyEval_CallObject, which the C extension still calls.
        return f"{CC_FLAG} pip install 'cloudcentre[durable]'"
    return "pip install 'cloudcentre[durable]'"


def missing_message(version: tuple[int, int] | None = None) -> str:
    """Why ``engine="durable"`` is unavailable, with the install line that works."""
    major, minor = version or (sys.version_info[0], sys.version_info[1])
    return (
        f"the `durable` engine needs durable-rules {DURABLE_VERSION}, which is not installed "
        f"or does not import on Python {major}.{minor}; install it (a C compiler is needed) "
        f"with: {install_line((major, minor))}"
    )


try:
    import durable_rules_engine as _core
    from durable.engine import Host as _StockHost
    from durable.engine import Ruleset as _StockRuleset
except ImportError as exc:  # not installed, or built without the 3.13 flag
    raise UnknownEngine(missing_message()) from exc

# ----------------------------------------------------------------------------- encoding
#: Kinds of durable fact (field ``t``).
_FACT, _ENTITY_FACT, _ALPHA, _CLOCK = 1, 2, 3, 4
#: Exact Python type of a value (field ``ty``): ``=`` holds only between equal types.
_BOOL, _INT, _FLOAT, _STR, _TUPLE = 1, 2, 3, 4, 5
#: Comparison class (field ``k``): values of different classes are never equal or ordered.
_NUM, _TEXT, _TUPLES = 1, 2, 3
#: A class no value has, for a test that can never hold (``∈ {}``).
_NEVER = 0
_TYPES: Final = {bool: (_BOOL, _NUM), int: (_INT, _NUM), float: (_FLOAT, _NUM), str: (_STR, _TEXT)}

#: Keys stay below 2**31: durable parses rule constants with ``atol`` (32 bits on Windows).
_KEY_LIMIT: Final = 2**31 - 1
#: durable-rules joins at most 16 facts per rule (``MAX_MESSAGE_FRAMES``).
MAX_PATTERNS: Final = 16

#: Fields of a durable fact (their 32-bit FNV-1 hashes must differ: see the tests).
FIELDS: Final = ("t", "n", "e", "x", "ty", "k", "v", "z")

_ORDER_OPS: Final = {Op.LT: "$lt", Op.LE: "$lte", Op.GT: "$gt", Op.GE: "$gte"}

Json: TypeAlias = dict[str, Any]


def fnv1_32(text: str) -> int:
    """The 32-bit FNV-1 hash durable-rules uses to index messages and properties."""
    value = 0x811C9DC5
    for byte in text.encode("utf-8"):
        signed = byte - 256 if byte > 127 else byte  # the C code hashes signed chars
        value = ((value ^ (signed & 0xFFFFFFFF)) * 16777619) & 0xFFFFFFFF
    return value


def _classify(value: object) -> tuple[int, int] | None:
    """``(ty, k)`` of a value the integer encoding represents exactly, else ``None``."""
    found = _TYPES.get(type(value))
    if found is not None:
        if value != value:  # NaN: equal to nothing, not even itself
            return None
        return found
    if type(value) is tuple and all(_plain_scalar(item) for item in value):
        return _TUPLE, _TUPLES
    return None


def _plain_scalar(value: object) -> bool:
    return type(value) in _TYPES and value == value


def _suffix(months: int) -> str:
    if not months:
        return ""
    return f"_{months}" if months > 0 else f"_m{-months}"


class _Order:
    """Order-preserving integer keys for one class of values (numbers, or strings).

    The values fixed at compile time get keys ``gap, 2 * gap, ...``; the other values of
    a decision get keys inside the gap between their fixed neighbours. Equal values
    (``1``, ``1.0`` and ``True``) share a key.
    """

    def __init__(self, fixed: Iterable[Any]) -> None:
        self.fixed: list[Any] = sorted(set(fixed))
        self.gap = _KEY_LIMIT // (len(self.fixed) + 1)
        self.keys: dict[Any, int] = {v: (i + 1) * self.gap for i, v in enumerate(self.fixed)}

    def extend(self, values: Iterable[Any]) -> dict[Any, int] | None:
        """Keys for ``values`` not fixed, or ``None`` if one gap cannot hold them all."""
        out: dict[Any, int] = {}
        gap_index, rank = -1, 0
        for value in sorted({v for v in values if v not in self.keys}):
            where = bisect.bisect_left(self.fixed, value)
            gap_index, rank = where, (rank + 1 if where == gap_index else 1)
            if rank >= self.gap:
                return None
            out[value] = where * self.gap + rank
        return out


class _Keys:
    """The keys of one decision's values and entities."""

    def __init__(
        self,
        program: _Program,
        numbers: dict[Any, int],
        strings: dict[Any, int],
        tuples: dict[Any, int],
    ) -> None:
        self.program = program
        self.numbers = numbers
        self.strings = strings
        self.tuples = tuples

    def string(self, text: str) -> int:
        fixed = self.program.strings.keys.get(text)
        if fixed is not None:
            return fixed
        found = self.strings.get(text)
        if found is None:  # an entity of the all-host ruleset: interned, negative
            found = self.strings[text] = -len(self.strings) - 1
        return found

    def value(self, value: Value) -> tuple[int, int, int]:
        """``(ty, k, v)`` of a value; ``(0, 0, 0)`` if it has no exact encoding."""
        found = _classify(value)
        if found is None:
            return 0, _NEVER, 0
        ty, cls = found
        if cls == _TEXT:
            return ty, cls, self.string(value)  # type: ignore[arg-type]
        table, fixed = (
            (self.numbers, self.program.numbers.keys)
            if cls == _NUM
            else (self.tuples, self.program.tuples)
        )
        key = fixed.get(value)
        if key is None:
            key = table.get(value)
        if key is None:  # pragma: no cover - keys_for gave every value of the decision a key
            raise EngineError(f"no durable key for the value {value!r}")
        return ty, cls, key


# ----------------------------------------------------------------------------- compilation
@attrs.frozen(slots=True)
class _HostItem:
    """Conditions the host evaluates: one condition of a rule, or (``cond=None``) all."""

    id: int
    rule: Rule
    cond: int | None
    bound: bool
    """Whether the conditions depend on the bound entity (else they are read on ``""``)."""
    reads: frozenset[str]

    def premises(self, entity: str, store: FactStore) -> tuple[Fact, ...] | None:
        if self.cond is None:
            return match(self.rule, entity, store)
        found = holds(self.rule, self.rule.conditions[self.cond], entity, store)
        return None if found is None else tuple(found)


@attrs.frozen(slots=True)
class _Plan:
    """How one rule's action turns a match into (entity, premises)."""

    rule: Rule
    entity_alias: str | None
    steps: tuple[tuple[str, ...], ...]
    """Per condition: ``("f", alias)``, ``("r", alias, ref_alias)`` or ``("a", alias)``."""
    whole: str | None
    """Alias of the alpha fact when the host evaluates the whole rule."""


class _Variant:
    """One durable ruleset for a pack: conditions in Rete where possible, or all on the host."""

    def __init__(self, program: _Program, pack: CompiledPack, *, host_only: bool) -> None:
        self.program = program
        self.host_only = host_only
        self.items: list[_HostItem] = []
        self.plans: list[_Plan] = []
        self.reads: set[str] = set()
        """Names of the facts the Rete patterns read (only those are asserted)."""
        self.kinds: set[str] = set()
        self.session: _Session | None = None
        # durable leaves a session's action context uninitialised until an action has
        # run, and delete_state then frees garbage. This rule fires on the clock fact,
        # first thing in every session, so every session has run an action.
        definition: dict[str, Json] = {
            "start": {"all": [{"m": {"$and": [{"t": _CLOCK}]}}], "run": self._opened}
        }
        for index, rule in enumerate(pack.rules):
            spec = self._rule(rule)
            spec["run"] = self._action(len(self.plans) - 1)
            definition[f"r{index}"] = spec
        self.by_name: dict[str, list[_HostItem]] = defaultdict(list)
        self.by_kind: dict[str, list[_HostItem]] = defaultdict(list)
        for item in self.items:
            for name in item.reads:
                self.by_name[name].append(item)
            if item.bound and item.rule.for_each is not None:
                self.by_kind[item.rule.for_each].append(item)
        self.name = f"cloudcentre-{program.serial}-{'host' if host_only else 'rete'}"
        try:
            self.ruleset = _Ruleset(self.name, _host(), definition)
        except _core.error as exc:  # pragma: no cover - a compiler bug
            raise EngineError(f"durable-rules rejected the compiled rules: {exc}") from exc

    # -- rules -------------------------------------------------------------------------
    def _rule(self, rule: Rule) -> Json:
        program = self.program
        patterns: list[tuple[str, list[Json]]] = []
        if rule.valid_from is not None or rule.valid_until is not None:
            clock: list[Json] = [{"t": _CLOCK}]
            if rule.valid_from is not None:
                clock.append({"$gte": {"v": rule.valid_from.toordinal()}})
            if rule.valid_until is not None:
                clock.append({"$lte": {"v": rule.valid_until.toordinal()}})
            patterns.append(("pc", clock))
        entity_alias = None
        if rule.for_each is not None:
            entity_alias = "pe"
            self.kinds.add(rule.for_each)
            kind = program.kinds[rule.for_each]
            patterns.append((entity_alias, [{"t": _ENTITY_FACT}, {"n": kind}]))
        fixed = len(patterns)
        steps: list[tuple[str, ...]] = []
        reads: set[str] = set()
        host: list[int] = []
        if not self.host_only:
            for position, cond in enumerate(rule.conditions):
                native = self._native(rule, cond, len(patterns))
                if native is None:
                    host.append(position)
                    steps.append(("a", f"p{len(patterns)}"))
                    patterns.append((f"p{len(patterns)}", []))  # filled below
                    continue
                step, compiled, names = native
                steps.append(step)
                patterns.extend(compiled)
                reads |= names
        if self.host_only or len(patterns) > MAX_PATTERNS:
            # The host evaluates the whole rule; durable only checks validity and fires.
            del patterns[fixed:]
            item = self._item(rule, None, bound=rule.for_each is not None)
            alias = f"p{len(patterns)}"
            patterns.append((alias, self._alpha(item, entity_alias)))
            self.plans.append(_Plan(rule, None, (), alias))
        else:
            for position in host:
                alias = steps[position][1]
                item = self._item(rule, position, bound=_bound(rule, rule.conditions[position]))
                index = next(i for i, (a, _) in enumerate(patterns) if a == alias)
                patterns[index] = (alias, self._alpha(item, entity_alias))
            self.reads |= reads
            self.plans.append(_Plan(rule, entity_alias, tuple(steps), None))
        first = patterns[0][0]
        return {
            "all": [
                {alias: {"$and": [*spec, _always_true(first)] if _joins(spec) else spec}}
                for alias, spec in patterns
            ],
            "dist": 0,
        }

    def _item(self, rule: Rule, cond: int | None, *, bound: bool) -> _HostItem:
        conditions = rule.conditions if cond is None else (rule.conditions[cond],)
        names: set[str] = set()
        for one in conditions:
            names.add(one.fact)
            if isinstance(one, Test) and isinstance(one.value, Ref) and not _is_entity(one.value):
                names.add(one.value.fact)
        item = _HostItem(len(self.items) + 1, rule, cond, bound, frozenset(names))
        self.items.append(item)
        return item

    def _alpha(self, item: _HostItem, entity_alias: str | None) -> list[Json]:
        where: Json = (
            {"e": {entity_alias: "e"}}
            if item.bound and entity_alias is not None
            else {"e": self.program.strings.keys[""]}
        )
        return [{"t": _ALPHA}, {"n": item.id}, where]

    def _native(
        self, rule: Rule, cond: Test | ForAll, first: int
    ) -> tuple[tuple[str, ...], list[tuple[str, list[Json]]], set[str]] | None:
        """The patterns of a condition durable evaluates exactly, or ``None``."""
        program = self.program
        if isinstance(cond, ForAll) or cond.fact in program.host_names:
            return None
        scope = rule.entity_of(cond.fact, cond.entity)
        alias = f"p{first}"
        base = [{"t": _FACT}, {"n": program.names[cond.fact]}, self._where(scope)]
        operand = cond.value
        if not isinstance(operand, Ref):
            test = program.constant_test(cond.op, operand)
            if test is None:
                return None
            return ("f", alias), [(alias, base + test)], {cond.fact}
        if _is_entity(operand):
            if rule.for_each is None:  # the bound entity of a case-level rule is ""
                test = program.constant_test(cond.op, "")
            else:
                test = _join_test(cond.op, "pe", "ty", "k", "e")
            if test is None:
                return None
            return ("f", alias), [(alias, base + test)], {cond.fact}
        if operand.fact in program.host_names or (
            cond.op in _ORDER_OPS
            and cond.fact in program.derived_tuples
            and operand.fact in program.derived_tuples
        ):
            return None  # tuples are ordered lexicographically, not by their keys
        suffix = _suffix(operand.months)
        ref_alias, alias = f"p{first}", f"p{first + 1}"
        ref_scope = None if operand.fact.split(".", 1)[0] in ENTITY_KINDS else ""
        test = _join_test(cond.op, ref_alias, "ty" + suffix, "k" + suffix, "v" + suffix)
        if test is None:
            return None
        ref_pattern = [{"t": _FACT}, {"n": program.names[operand.fact]}, self._where(ref_scope)]
        return (
            ("r", alias, ref_alias),
            [(ref_alias, ref_pattern), (alias, base + test)],
            {cond.fact, operand.fact},
        )

    def _where(self, scope: str | None) -> Json:
        if scope is None:
            return {"e": {"pe": "e"}}
        return {"e": self.program.strings.keys[scope]}

    # -- actions -----------------------------------------------------------------------
    def _opened(self, c: Any) -> None:
        if self.session is not None:
            self.session.opened = True

    def _action(self, plan_index: int) -> Callable[[Any], None]:
        def action(c: Any) -> None:
            session = self.session
            if session is None or session.failure is not None:
                return
            plan = self.plans[plan_index]
            try:
                session.fire(plan, c)
            except BaseException as exc:  # durable would swallow it: keep it for the caller
                session.failure = (plan.rule.id, exc)

        return action

    def close(self) -> None:
        """Free the C ruleset (no session may be running)."""
        _core.delete_ruleset(self.ruleset._handle)


def _always_true(alias: str) -> Json:
    """A join that always holds, to end a pattern that has joins.

    When the last join of a pattern fails, durable 2.0.28 looks for the end of the
    expression sequence from one past it, and so reads beyond the sequence (events.c,
    ``reduceExpressionSequence``). A last join that never fails avoids that read.
    """
    return {"$lte": {"z": {alias: "z"}}}


def _joins(spec: object) -> bool:
    """Whether a pattern compares its fact with another (``{field: {alias: field}}``)."""
    if isinstance(spec, list):
        return any(_joins(item) for item in spec)
    if isinstance(spec, dict):
        for key, value in spec.items():
            if not key.startswith("$") and isinstance(value, dict):
                return True
            if _joins(value):
                return True
    return False


def _is_entity(ref: Ref) -> bool:
    return ref is ENTITY or ref.fact == ENTITY.fact


def _bound(rule: Rule, cond: Test | ForAll) -> bool:
    """Whether a condition reads anything through the rule's bound entity."""
    if rule.for_each is None or isinstance(cond, ForAll):
        return False
    if rule.entity_of(cond.fact, cond.entity) is None:
        return True
    if isinstance(cond.value, Ref):
        return _is_entity(cond.value) or cond.value.fact.split(".", 1)[0] in ENTITY_KINDS
    return False


def _join_test(op: Op, alias: str, ty: str, cls: str, key: str) -> list[Json] | None:
    """A comparison of this fact's value with a field of the fact matched as ``alias``."""
    if op is Op.EQ:
        return [{"ty": {alias: ty}}, {"v": {alias: key}}]
    if op is Op.NE:  # an "or" of joins only: durable mishandles constants mixed with joins
        return [{"$or": [{"$neq": {"ty": {alias: ty}}}, {"$neq": {"v": {alias: key}}}]}]
    if op in _ORDER_OPS:
        return [
            {"$neq": {"k": _TUPLES}},  # tuples have interned keys, not ordered ones
            {"k": {alias: cls}},
            {_ORDER_OPS[op]: {"v": {alias: key}}},
        ]
    return None


class _Program:
    """Everything compiled once for a pack: value keys, ids and the rulesets."""

    _serial = itertools.count(1)

    def __init__(self, pack: CompiledPack) -> None:
        self.pack_ref = weakref.ref(pack)
        self.key = id(pack)
        self.serial = next(self._serial)
        rules = pack.rules
        self.names: dict[str, int] = {}
        self.kinds: dict[str, int] = {}
        for rule in rules:
            for cond in rule.conditions:
                self._name(cond.fact)
                if isinstance(cond, Test) and isinstance(cond.value, Ref):
                    self._name(cond.value.fact)
            self._name(rule.conclusion.fact)
            if rule.for_each is not None:
                self.kinds.setdefault(rule.for_each, len(self.kinds) + 1)
        self.shifts: dict[str, set[int]] = defaultdict(set)
        for rule in rules:
            for cond in rule.conditions:
                if (
                    isinstance(cond, Test)
                    and isinstance(cond.value, Ref)
                    and cond.value.months
                    and not _is_entity(cond.value)
                ):
                    self.shifts[cond.value.fact].add(cond.value.months)
        # Values facts of each name may take without coming from the input.
        derived: dict[str, list[Value]] = defaultdict(list)
        strings: set[str] = {""}
        for rule in rules:
            derived[rule.conclusion.fact].append(rule.conclusion.value)
            if rule.conclusion.entity is not None:
                strings.add(rule.conclusion.entity)
        self.host_names: set[str] = set()
        """Names whose derived values have no exact encoding: read on the host only."""
        numbers: set[Any] = set()
        tuples: set[Any] = set()
        tuple_names: set[str] = set()
        for name, values in derived.items():
            for value in values:
                if not self._collect(value, numbers, strings, tuples):
                    self.host_names.add(name)
                if type(value) is tuple:
                    tuple_names.add(name)
                for months in self.shifts.get(name, ()):
                    shifted = _shifted(value, months)
                    if shifted is None or not self._collect(shifted, numbers, strings, tuples):
                        self.host_names.add(name)
        self.derived_tuples = frozenset(tuple_names)
        for rule in rules:
            for cond in rule.conditions:
                if isinstance(cond, ForAll):
                    continue
                if cond.entity is not None:
                    strings.add(cond.entity)
                operand = cond.value
                if isinstance(operand, Ref):
                    continue
                if type(operand) is tuple and cond.op in (Op.IN, Op.NOT_IN):
                    for item in operand:
                        self._collect(item, numbers, strings, tuples)
                else:
                    self._collect(operand, numbers, strings, tuples)
        self.numbers = _Order(numbers)
        self.strings = _Order(strings)
        self.tuples: dict[Any, int] = {t: i + 1 for i, t in enumerate(sorted(tuples, key=repr))}
        self.tuple_pairs: set[tuple[str, str]] = set()
        for rule in rules:
            for cond in rule.conditions:
                if (
                    isinstance(cond, Test)
                    and isinstance(cond.value, Ref)
                    and cond.op in _ORDER_OPS
                    and not _is_entity(cond.value)
                ):
                    self.tuple_pairs.add((cond.fact, cond.value.fact))
        self.rete = _Variant(self, pack, host_only=False)
        self._host_only: _Variant | None = None

    def _name(self, name: str) -> None:
        self.names.setdefault(name, len(self.names) + 1)

    @staticmethod
    def _collect(value: Any, numbers: set[Any], strings: set[str], tuples: set[Any]) -> bool:
        found = _classify(value)
        if found is None:
            return False
        cls = found[1]
        (numbers if cls == _NUM else strings if cls == _TEXT else tuples).add(value)
        return True

    def host_only(self, pack: CompiledPack) -> _Variant:
        """The ruleset in which the host evaluates every rule (compiled on first use)."""
        if self._host_only is None:
            self._host_only = _Variant(self, pack, host_only=True)
        return self._host_only

    def close(self) -> None:
        for variant in (self.rete, self._host_only):
            if variant is not None:
                variant.close()

    # -- constants ---------------------------------------------------------------------
    def constant_test(self, op: Op, operand: Value) -> list[Json] | None:
        """The tests of ``fact op operand`` on one fact, or ``None`` if not exact in Rete."""
        found = _classify(operand)
        if op in (Op.EQ, Op.NE):
            if found is None:
                return None
            ty, cls = found
            key = self._key(cls, operand)
            if op is Op.EQ:
                return [{"ty": ty}, {"v": key}]
            return [{"$or": [{"$neq": {"ty": ty}}, {"$neq": {"v": key}}]}]
        if op in _ORDER_OPS:
            if found is None or found[1] == _TUPLES:
                return None
            return [{"k": found[1]}, {_ORDER_OPS[op]: {"v": self._key(found[1], operand)}}]
        if op in (Op.IN, Op.NOT_IN):
            if type(operand) is not tuple or not all(_plain_scalar(v) for v in operand):
                return None
            by_class: dict[int, list[int]] = defaultdict(list)
            for item in operand:
                cls = _TYPES[type(item)][1]
                key = self._key(cls, item)
                if key not in by_class[cls]:
                    by_class[cls].append(key)
            if op is Op.IN:
                branches = [_one_of(cls, keys) for cls, keys in sorted(by_class.items())]
                if not branches:
                    return [{"k": _NEVER}]
                if len(branches) == 1:
                    return branches[0]
                return [{"$or": [{"$and": branch} for branch in branches]}]
            return [_none_of(cls, keys) for cls, keys in sorted(by_class.items())]
        return None  # list operators: on the host

    def _key(self, cls: int, value: Any) -> int:
        if cls == _NUM:
            return self.numbers.keys[value]
        if cls == _TEXT:
            return self.strings.keys[value]
        return self.tuples[value]

    # -- decisions ---------------------------------------------------------------------
    def keys_for(self, facts: Iterable[Fact]) -> _Keys | None:
        """Keys for a decision's facts, or ``None`` if Rete cannot compare them exactly."""
        reads = self.rete.reads
        numbers: set[Any] = set()
        strings: set[str] = set()
        tuples: set[Any] = set()
        tuple_names = set(self.derived_tuples)
        for fact in facts:
            if type(fact.entity) is not str:
                return None
            strings.add(fact.entity)
            if fact.name not in reads:
                continue
            if not self._collect(fact.value, numbers, strings, tuples):
                return None
            if type(fact.value) is tuple:
                tuple_names.add(fact.name)
            for months in self.shifts.get(fact.name, ()):
                shifted = _shifted(fact.value, months)
                if shifted is None:
                    return None
                self._collect(shifted, numbers, strings, tuples)
        for name, ref in self.tuple_pairs:
            if name in tuple_names and ref in tuple_names:
                return None  # tuples are ordered lexicographically: not by their keys
        number_keys = self.numbers.extend(numbers)
        string_keys = self.strings.extend(strings)
        if number_keys is None or string_keys is None:
            return None
        extra_tuples = sorted((t for t in tuples if t not in self.tuples), key=repr)
        start = len(self.tuples) + 1
        tuple_keys = {t: start + i for i, t in enumerate(extra_tuples)}
        return _Keys(self, number_keys, string_keys, tuple_keys)


def _one_of(cls: int, keys: list[int]) -> list[Json]:
    if len(keys) == 1:
        return [{"k": cls}, {"v": keys[0]}]
    return [{"k": cls}, {"$or": [{"v": key} for key in keys]}]


def _none_of(cls: int, keys: list[int]) -> Json:
    if len(keys) == 1:
        return {"$or": [{"$neq": {"k": cls}}, {"$neq": {"v": keys[0]}}]}
    return {"$or": [{"$neq": {"k": cls}}, {"$and": [{"$neq": {"v": key}} for key in keys]}]}


def _shifted(value: Value, months: int) -> Value | None:
    """``Ref.resolve`` of a shifted reference, or ``None`` where the native engine raises."""
    if not isinstance(value, str):
        return value
    try:
        return shift_months(value, months)
    except ValueError:
        return None


# ----------------------------------------------------------------------------- durable glue
class _Host(_StockHost):  # type: ignore[misc]
    """A durable host that starts no background thread.

    The stock host starts two daemon timers that poll every ruleset for queued actions
    and timers, forever. This backend runs every action synchronously after its assert.
    """

    def _run(self) -> None:
        return None


class _Ruleset(_StockRuleset):  # type: ignore[misc]
    """A ruleset for which a fact that no rule matches is not an error.

    The stock class raises ``MessageNotHandledException`` when any fact of a batch
    matches no pattern, and then skips the actions the other facts activated. Here the
    assert returns the session's state offset either way, so the actions always run.
    """

    def _handle_result(self, result: tuple[int, int], message: object) -> int:
        if result[0] == 1:  # ERR_EVENT_NOT_HANDLED: harmless, facts may match nothing
            return result[1]
        if result[0] == 2:  # ERR_EVENT_OBSERVED: two facts with one id; never, ids are unique
            raise EngineError("durable-rules saw two facts with the same id")
        return int(super()._handle_result(result, message))


_HOST: _Host | None = None


def _host() -> _Host:
    global _HOST
    if _HOST is None:
        _HOST = _Host()
    return _HOST


#: Message ids whose 32-bit FNV-1 hashes differ: durable indexes messages by that hash,
#: so two facts whose ids collide would be taken for one.
_IDS: list[int] = []
_ID_HASHES: set[int] = set()
_CANDIDATES = itertools.count(1)


def _id(index: int) -> int:
    while len(_IDS) <= index:
        candidate = next(_CANDIDATES)
        digest = fnv1_32(str(candidate))
        if digest not in _ID_HASHES:
            _ID_HASHES.add(digest)
            _IDS.append(candidate)
    return _IDS[index]


_SIDS = itertools.count(1)


# ----------------------------------------------------------------------------- sessions
class _Session:
    """One decision: one durable session (``sid``), deleted when the decision ends."""

    def __init__(self, variant: _Variant, keys: _Keys, as_of: dt.date, in_force: set[str]):
        self.variant = variant
        self.keys = keys
        self.as_of = as_of
        self.in_force = in_force
        self.sid = f"cc{next(_SIDS)}"
        self._state_hash = fnv1_32(f"sid-{self.sid}")
        self._next_id = 0
        self.store = FactStore()
        self.facts: list[Fact] = []
        self.entities: list[str] = []
        self.alphas: list[tuple[str, tuple[Fact, ...]]] = []
        self.asserted: dict[tuple[int, str], set[tuple[Fact, ...]]] = defaultdict(set)
        self.fired: set[tuple[str, str]] = set()
        self.premises: dict[tuple[str, str], set[tuple[Fact, ...]]] = defaultdict(set)
        self.queue: list[Fact] = []
        self.failure: tuple[str, BaseException] | None = None
        self.opened = False
        """Whether durable ran this session's first action (see ``_Variant.__init__``)."""

    def _message(self, fields: Json) -> Json:
        index = self._next_id
        if fnv1_32(str(_id(index))) == self._state_hash:  # the session's own state fact
            index += 1
        self._next_id = index + 1
        fields["sid"] = self.sid
        fields["id"] = _id(index)
        fields["z"] = 0  # see _always_true
        return fields

    # -- facts -------------------------------------------------------------------------
    def add(self, facts: Iterable[Fact], batch: list[Json]) -> tuple[set[str], dict[str, set[str]]]:
        """Add new facts to the store (and to ``batch`` if Rete reads them)."""
        changed: set[str] = set()
        new_entities: dict[str, set[str]] = defaultdict(set)
        variant, keys = self.variant, self.keys
        for fact in facts:
            kind = fact.name.split(".", 1)[0]
            fresh = bool(fact.entity) and fact.entity not in self.store.entities.get(kind, ())
            if not self.store.add(fact):
                continue
            changed.add(fact.name)
            if fresh:
                new_entities[kind].add(fact.entity)
                if kind in variant.kinds:
                    self.entities.append(fact.entity)
                    batch.append(
                        self._message(
                            {
                                "t": _ENTITY_FACT,
                                "n": variant.program.kinds[kind],
                                "e": keys.string(fact.entity),
                                "x": len(self.entities) - 1,
                                "ty": _STR,
                                "k": _TEXT,
                            }
                        )
                    )
            if fact.name in variant.reads:
                batch.append(self._encode(fact))
        return changed, new_entities

    def _encode(self, fact: Fact) -> Json:
        keys = self.keys
        self.facts.append(fact)
        ty, cls, key = keys.value(fact.value)
        fields: Json = {
            "t": _FACT,
            "n": self.variant.program.names[fact.name],
            "e": keys.string(fact.entity),
            "x": len(self.facts) - 1,
            "ty": ty,
            "k": cls,
            "v": key,
        }
        for months in sorted(self.variant.program.shifts.get(fact.name, ())):
            shifted = _shifted(fact.value, months)
            ty, cls, key = (0, _NEVER, 0) if shifted is None else keys.value(shifted)
            suffix = _suffix(months)
            fields["ty" + suffix], fields["k" + suffix], fields["v" + suffix] = ty, cls, key
        return self._message(fields)

    def evaluate(
        self,
        changed: set[str] | None,
        new_entities: Mapping[str, set[str]],
        batch: list[Json],
    ) -> None:
        """Assert an alpha fact for each host-evaluated condition that now holds."""
        variant = self.variant
        todo: dict[int, tuple[_HostItem, set[str] | None]] = {}
        if changed is None:
            todo = {item.id: (item, None) for item in variant.items}
        else:
            for name in changed:
                for item in variant.by_name.get(name, ()):
                    todo[item.id] = (item, None)
            for kind, entities in new_entities.items():
                for item in variant.by_kind.get(kind, ()):
                    if item.id not in todo:
                        todo[item.id] = (item, set(entities))
        for item_id in sorted(todo):
            item, only = todo[item_id]
            if item.rule.id not in self.in_force:
                continue
            if not item.bound:
                bindings: Iterable[str] = ("",)
            elif only is not None:
                bindings = sorted(only)
            else:
                bindings = sorted(self.store.entities.get(item.rule.for_each or "", ()))
            for entity in bindings:
                premises = item.premises(entity, self.store)
                if premises is None or premises in self.asserted[(item.id, entity)]:
                    continue
                self.asserted[(item.id, entity)].add(premises)
                self.alphas.append((entity, premises))
                batch.append(
                    self._message(
                        {
                            "t": _ALPHA,
                            "n": item.id,
                            "e": self.keys.string(entity),
                            "x": len(self.alphas) - 1,
                        }
                    )
                )

    # -- actions -----------------------------------------------------------------------
    def fire(self, plan: _Plan, c: Any) -> None:
        """Record one activation of a rule (called from its durable action)."""
        if plan.whole is not None:
            entity, premises = self.alphas[getattr(c, plan.whole)["x"]]
        else:
            if plan.entity_alias is None:
                entity = ""
            else:
                entity = self.entities[getattr(c, plan.entity_alias)["x"]]
            found: list[Fact] = []
            for step in plan.steps:
                if step[0] == "a":
                    found.extend(self.alphas[getattr(c, step[1])["x"]][1])
                else:
                    found.append(self.facts[getattr(c, step[1])["x"]])
                    if step[0] == "r":
                        found.append(self.facts[getattr(c, step[2])["x"]])
            premises = tuple(dict.fromkeys(found))
        key = (plan.rule.id, entity)
        self.premises[key].add(premises)
        if key not in self.fired:
            self.fired.add(key)
            self.queue.append(conclude(plan.rule, entity))

    def run(self, batch: list[Json]) -> None:
        """Assert ``batch`` and run every action it activates."""
        ruleset = self.variant.ruleset
        outcome: list[object] = []
        try:
            with warnings.catch_warnings():
                # durable calls datetime.utcfromtimestamp (deprecated since Python 3.12)
                # for every action; as an error (-W error) it would abort the actions.
                warnings.filterwarnings("ignore", category=DeprecationWarning, module="durable")
                offset = ruleset.assert_facts(batch)
                ruleset.do_actions(offset, lambda error, state: outcome.append(error))
        except _core.error as exc:
            raise EngineError(f"durable-rules failed: {exc}") from exc
        if self.failure is not None:
            rule_id, error = self.failure
            if not isinstance(error, Exception):
                raise error  # KeyboardInterrupt, SystemExit: not ours to wrap
            raise EngineError(
                f"rule `{rule_id}` failed in the durable engine: {type(error).__name__}: {error}"
            ) from error
        if outcome and outcome[0]:
            problem = outcome[0]
            raise EngineError(f"durable-rules failed: {problem!r}") from (
                problem if isinstance(problem, BaseException) else None
            )
        if not outcome or not self.opened:
            raise EngineError("durable-rules stopped before running every action")

    def close(self) -> None:
        """Delete the durable session, unless deleting it would crash durable.

        A session in which no action ever ran (durable failed on the first assert) is
        left alone: durable would free its uninitialised action context.
        """
        if self.opened:
            self.variant.ruleset.delete_state(self.sid)


# ----------------------------------------------------------------------------- the engine
@attrs.frozen(slots=True)
class Trace:
    """A durable run: its inference, and the premises each rule activation recorded."""

    inference: Inference
    premises: Mapping[tuple[str, str], frozenset[tuple[Fact, ...]]]
    """``(rule id, entity)`` → the premises of each of its activations."""
    ruleset: str
    """``rete`` (conditions in the Rete network) or ``host`` (all on the host)."""


#: durable's C core has no locks: one decision at a time, in any thread.
_LOCK = threading.Lock()
_PROGRAMS: dict[int, _Program] = {}
#: Programs whose pack was garbage collected; their rulesets are freed under the lock.
_RETIRED: list[_Program] = []


def _program(pack: CompiledPack) -> _Program:
    while _RETIRED:
        old = _RETIRED.pop()
        if _PROGRAMS.get(old.key) is old:
            del _PROGRAMS[old.key]
        old.close()
    program = _PROGRAMS.get(id(pack))
    if program is None or program.pack_ref() is not pack:
        program = _Program(pack)
        _PROGRAMS[id(pack)] = program
        weakref.finalize(pack, _RETIRED.append, program)
    return program


class DurableEngine:
    """The rules run by durable-rules' Rete engine; equal results to :class:`NativeEngine`.

    Thread-safe: decisions are serialised (durable's C core is not thread-safe). Starts
    no thread. Each decision uses its own durable session, deleted before returning.
    """

    name = "durable"

    def run(self, pack: CompiledPack, facts: Iterable[Fact], as_of: dt.date) -> Inference:
        """Run the rules of ``pack`` in force on ``as_of`` over ``facts`` to a fixpoint."""
        return self.trace(pack, facts, as_of).inference

    def trace(
        self,
        pack: CompiledPack,
        facts: Iterable[Fact],
        as_of: dt.date,
        *,
        host_only: bool = False,
    ) -> Trace:
        """:meth:`run`, also returning what each activation recorded.

        ``host_only`` forces the ruleset in which the host evaluates every condition.
        """
        inputs = tuple(facts)
        rules = pack.in_force(as_of)
        with _LOCK:
            program = _program(pack)
            keys = None if host_only else program.keys_for(inputs)
            if keys is None:
                variant = program.host_only(pack)
                keys = _Keys(program, {}, {}, {})
            else:
                variant = program.rete
            session = _Session(variant, keys, as_of, {rule.id for rule in rules})
            variant.session = session
            try:
                batch: list[Json] = [session._message({"t": _CLOCK, "v": as_of.toordinal()})]
                changed, new_entities = session.add(inputs, batch)
                session.evaluate(None, new_entities, batch)
                while batch:
                    session.run(batch)
                    derived, session.queue = session.queue, []
                    batch = []
                    changed, new_entities = session.add(derived, batch)
                    if changed or new_entities:
                        session.evaluate(changed, new_entities, batch)
            finally:
                variant.session = None
                session.close()
        fired = session.fired
        return Trace(
            inference=finish(rules, inputs, fired, as_of),
            premises={key: frozenset(found) for key, found in session.premises.items()},
            ruleset="host" if variant.host_only else "rete",
        )
