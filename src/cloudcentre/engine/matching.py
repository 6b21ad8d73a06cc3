"""Conditions compiled for the plan: each rule's premises found by one generated function.

The fact store of a run maps ``name`` (a fact about the case) or ``(name, entity)`` to
the facts with that name, in value order. A rule's *matcher* returns the premises that
make it hold for a bound entity, in condition order, exactly as
:func:`~cloudcentre.engine.base.match` finds them (before removing duplicates), or ``None``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..law.language import ENTITY, ENTITY_KINDS, ForAll, Op, Ref, Rule, Test, Value, compare
from ..model.facts import Fact

__all__ = ["Entities", "Matcher", "Store", "key_of", "kind_of", "matcher", "predicate"]


#: The fact store of a run: ``name`` (case facts) or ``(name, entity)`` -> facts, in value order.
Store = dict[Any, list[Fact]]
#: The entities of a run, by kind.
Entities = dict[str, set[str]]
#: A premise finder: ``(store, entities, bound entity)`` -> the premise(s), or ``None``.
Finder = Callable[[Store, Entities, str], "Fact | list[Fact] | None"]


def key_of(name: str, entity: str) -> Any:
    return name if not entity else (name, entity)


def kind_of(name: str) -> str:
    return name.split(".", 1)[0]


# ----------------------------------------------------------------------------- conditions
def predicate(op: Op, operand: Value) -> Callable[[Any], bool]:
    """``compare(op, value, operand)`` as a one-argument function, exact and as fast as
    the operator allows: the common operators on a constant operand are inlined."""
    if op is Op.EQ:
        operand_type = type(operand)
        return lambda value: value == operand and type(value) is operand_type
    if op is Op.NE:
        operand_type = type(operand)
        return lambda value: not (value == operand and type(value) is operand_type)
    if isinstance(operand, tuple):
        contains = operand.__contains__  # `x in tuple` never raises
        if op is Op.IN:
            return contains
        if op is Op.NOT_IN:
            return lambda value: not contains(value)
        if op is Op.ALL_IN:

            def all_in(value: Any) -> bool:
                try:
                    return all(map(contains, value))
                except TypeError:
                    return False

            return all_in
        if op is Op.ANY_NOT_IN:

            def any_not_in(value: Any) -> bool:
                try:
                    return not all(map(contains, value))
                except TypeError:
                    return False

            return any_not_in
    return lambda value: compare(op, value, operand)


def _first_finder(name: str, scope: str | None, op: Op, operand: Value) -> Finder:
    """``name[scope] op operand`` with a constant operand (``scope`` None: the bound entity)."""
    holds = predicate(op, operand)
    if scope is None:

        def first_bound(S: Store, E: Entities, b: str) -> Fact | None:
            facts = S.get((name, b))
            if facts is not None:
                for fact in facts:
                    if holds(fact.value):
                        return fact
            return None

        return first_bound
    key = key_of(name, scope)

    def first(S: Store, E: Entities, b: str) -> Fact | None:
        facts = S.get(key)
        if facts is not None:
            for fact in facts:
                if holds(fact.value):
                    return fact
        return None

    return first


def _entity_finder(name: str, scope: str | None, op: Op) -> Finder:
    """``name[scope] op <the bound entity>``."""
    fixed = None if scope is None else key_of(name, scope)

    def first(S: Store, E: Entities, b: str) -> Fact | None:
        facts = S.get(fixed if fixed is not None else (name, b))
        if facts is not None:
            for fact in facts:
                if compare(op, fact.value, b):
                    return fact
        return None

    return first


def _ref_finder(name: str, scope: str | None, op: Op, ref: Ref) -> Finder:
    """``name[scope] op ref``: the first referenced value some value of the fact satisfies."""
    fixed = None if scope is None else key_of(name, scope)
    ref_bound = kind_of(ref.fact) in ENTITY_KINDS
    resolved: dict[Any, Value] = {}  # shifted dates, computed once per value

    def resolve(value: Value) -> Value:
        if not ref.months or type(value) is not str:  # 1 == True: cache strings only
            return ref.resolve(value)
        try:
            return resolved[value]
        except KeyError:
            pass
        operand = ref.resolve(value)
        if len(resolved) > 4096:
            resolved.clear()
        resolved[value] = operand
        return operand

    def first(S: Store, E: Entities, b: str) -> list[Fact] | None:
        refs = S.get(key_of(ref.fact, b) if ref_bound else ref.fact)
        if refs is None:
            return None
        facts = S.get(fixed if fixed is not None else (name, b))
        if facts is None:
            return None
        for ref_fact in refs:
            operand = resolve(ref_fact.value)
            for fact in facts:
                if compare(op, fact.value, operand):
                    return [fact, ref_fact]
        return None

    return first


def _forall_finder(cond: ForAll) -> Finder:
    name, op, operand, kind = cond.fact, cond.op, cond.value, cond.kind

    def every(S: Store, E: Entities, b: str) -> list[Fact] | None:
        found: list[Fact] = []
        for member in sorted(E.get(kind, ())):
            facts = S.get((name, member))
            if facts is None:
                return None
            for fact in facts:
                if compare(op, fact.value, operand):
                    found.append(fact)
                    break
            else:
                return None
        return found

    return every


def _finder(rule: Rule, cond: Test | ForAll) -> Finder:
    if isinstance(cond, ForAll):
        return _forall_finder(cond)
    scope = rule.entity_of(cond.fact, cond.entity)
    if isinstance(cond.value, Ref):
        if cond.value is ENTITY or cond.value.fact == ENTITY.fact:
            return _entity_finder(cond.fact, scope, cond.op)
        return _ref_finder(cond.fact, scope, cond.op, cond.value)
    return _first_finder(cond.fact, scope, cond.op, cond.value)


Matcher = Callable[[Store, Entities, str], "list[Fact] | None"]


def matcher(rule: Rule) -> Matcher:
    """The premises of ``rule`` for a bound entity, or ``None``: one generated function.

    Each test on a constant is inlined (a dictionary lookup, a loop over the fact's
    values in value order, the comparison); references and ``ForAll`` call their finder.
    """
    env: dict[str, Any] = {}
    lines = ["def match(S, E, b):"]
    parts: list[str] = []
    for i, cond in enumerate(rule.conditions):
        inline = isinstance(cond, Test) and not isinstance(cond.value, Ref)
        if not inline:
            env[f"F{i}"] = _finder(rule, cond)
            lines += [f"    r{i} = F{i}(S, E, b)", f"    if r{i} is None:", "        return None"]
            is_list = isinstance(cond, ForAll) or (
                isinstance(cond.value, Ref) and cond.value.fact != ENTITY.fact
            )
            parts.append(f"*r{i}" if is_list else f"r{i}")
            continue
        assert isinstance(cond, Test)
        assert not isinstance(cond.value, Ref)
        scope = rule.entity_of(cond.fact, cond.entity)
        if scope is None:
            env[f"N{i}"] = cond.fact
            lines.append(f"    L = S.get((N{i}, b))")
        else:
            env[f"K{i}"] = key_of(cond.fact, scope)
            lines.append(f"    L = S.get(K{i})")
        operand = cond.value
        env[f"C{i}"] = operand
        env[f"T{i}"] = type(operand)
        if cond.op is Op.EQ:
            test = f"v == C{i} and type(v) is T{i}"
        elif cond.op is Op.NE:
            test = f"not (v == C{i} and type(v) is T{i})"
        elif cond.op is Op.IN and isinstance(operand, tuple):
            test = f"v in C{i}"
        elif cond.op is Op.NOT_IN and isinstance(operand, tuple):
            test = f"v not in C{i}"
        else:
            env[f"P{i}"] = predicate(cond.op, operand)
            test = f"P{i}(v)"
        lines += [
            "    if L is None:",
            "        return None",
            f"    for p{i} in L:",
            f"        v = p{i}.value",
            f"        if {test}:",
            "            break",
            "    else:",
            "        return None",
        ]
        parts.append(f"p{i}")
    lines.append(f"    return [{', '.join(parts)}]")
    code = compile("\n".join(lines), f"<rule {rule.id}>", "exec")
    exec(code, env)
    match: Matcher = env["match"]
    return match
