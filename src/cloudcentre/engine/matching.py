"""Conditions compiled for the plan: each rule's premises found by generated code.

The fact store of a run maps ``name`` (a fact about the case) or ``(name, entity)`` to
the facts with that name, in value order. A rule's *matcher* returns the premises that
make it hold for a bound entity, in condition order, exactly as
:func:`~cloudcentre.engine.base.match` finds them (before removing duplicates), or ``None``.
:func:`match_source` gives its body, which the plan's fire functions inline.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..law.language import ENTITY, ENTITY_KINDS, ForAll, Op, Ref, Rule, Value, compare
from ..model.facts import Fact

__all__ = [
    "Entities",
    "Matcher",
    "Store",
    "key_of",
    "kind_of",
    "match_source",
    "matcher",
    "predicate",
]


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


Matcher = Callable[[Store, Entities, str], "list[Fact] | None"]


def match_source(
    rule: Rule, env: dict[str, Any], fail: str = "return None", *, sets: bool = False
) -> tuple[list[str], str, bool]:
    """The body of a function of ``(S, E, b)`` finding the premises of ``rule``: its
    lines (indented once, running ``fail`` when the rule does not hold), the
    expression of the premises list, and whether the lines may raise ``TypeError``
    on an unhashable value (only with ``sets``: then membership in a constant list is
    tested on a ``frozenset``, and the caller must fall back on :func:`matcher`).
    Tests on constants and on other facts are inlined; ``ForAll`` and the bound
    entity call a finder. Adds the constants the lines use to ``env``."""
    lines: list[str] = []
    parts: list[str] = []
    hashes = False
    for i, cond in enumerate(rule.conditions):
        if isinstance(cond, ForAll):
            lines += _forall_lines(i, cond, env, fail)
            parts.append(f"*r{i}")
            continue
        if isinstance(cond.value, Ref) and cond.value.fact == ENTITY.fact:
            env[f"F{i}"] = _entity_finder(
                cond.fact, rule.entity_of(cond.fact, cond.entity), cond.op
            )
            lines += [f"    r{i} = F{i}(S, E, b)", f"    if r{i} is None:", f"        {fail}"]
            parts.append(f"r{i}")
            continue
        scope = rule.entity_of(cond.fact, cond.entity)
        if scope is None:
            env[f"N{i}"] = cond.fact
            lines.append(f"    L = S.get((N{i}, b))")
        else:
            env[f"K{i}"] = key_of(cond.fact, scope)
            lines.append(f"    L = S.get(K{i})")
        lines += ["    if L is None:", f"        {fail}"]
        if isinstance(cond.value, Ref):
            lines += _ref_lines(i, cond.op, cond.value, env, fail)
            parts += [f"p{i}", f"q{i}"]
            continue
        operand = cond.value
        env[f"C{i}"] = operand
        env[f"T{i}"] = type(operand)
        members = sets and isinstance(operand, tuple) and _hashable(operand)
        if members:
            assert isinstance(operand, tuple)
            env[f"CS{i}"] = frozenset(operand)
        if cond.op is Op.EQ:
            test = f"v == C{i} and type(v) is T{i}"
        elif cond.op is Op.NE:
            test = f"not (v == C{i} and type(v) is T{i})"
        elif cond.op is Op.IN and isinstance(operand, tuple):
            test = f"v in CS{i}" if members else f"v in C{i}"
        elif cond.op is Op.NOT_IN and isinstance(operand, tuple):
            test = f"v not in CS{i}" if members else f"v not in C{i}"
        elif cond.op is Op.ALL_IN and members:
            env[f"P{i}"] = predicate(cond.op, operand)
            test = f"(CS{i}.issuperset(v) if type(v) is tuple else P{i}(v))"
        elif cond.op is Op.ANY_NOT_IN and members:
            env[f"P{i}"] = predicate(cond.op, operand)
            test = f"(not CS{i}.issuperset(v) if type(v) is tuple else P{i}(v))"
        else:
            test = ""
            members = False
        hashes = hashes or members
        lines += [f"    for p{i} in L:", f"        v = p{i}.value"]
        if test:
            lines += [f"        if {test}:", "            break"]
        else:
            lines += [f"        o = C{i}", *test_lines(cond.op, "        ")]
            lines += ["        if ok:", "            break"]
        lines += ["    else:", f"        {fail}"]
        parts.append(f"p{i}")
    return lines, f"[{', '.join(parts)}]", hashes


def _hashable(values: tuple[Any, ...]) -> bool:
    try:
        frozenset(values)
    except TypeError:
        return False
    return True


_ORDER = {Op.LT: "<", Op.LE: "<=", Op.GT: ">", Op.GE: ">="}
#: Set operators as loops: (the loop, the item's test, ``ok`` when the loop finishes).
_LOOPS = {
    Op.ALL_IN: ("for x in v:", "if x not in o:", True),
    Op.ANY_NOT_IN: ("for x in v:", "if x not in o:", False),
    Op.SUPERSET: ("for x in o:", "if x not in v:", True),
    Op.NOT_SUPERSET: ("for x in o:", "if x not in v:", False),
}


def test_lines(op: Op, pad: str) -> list[str]:
    """Lines setting ``ok`` to ``compare(op, v, o)``, inlined, at indentation ``pad``:
    any ``TypeError`` makes the test false, as in :func:`compare`."""
    if op is Op.EQ:
        return [f"{pad}ok = v == o and type(v) is type(o)"]
    if op is Op.NE:
        return [f"{pad}ok = not (v == o and type(v) is type(o))"]
    if op in _ORDER:
        body = [f"{pad}    ok = v {_ORDER[op]} o"]
    elif op is Op.IN:
        body = [f"{pad}    ok = v in o"]
    elif op is Op.NOT_IN:
        body = [f"{pad}    ok = v not in o"]
    elif op is Op.HAS:
        body = [f"{pad}    ok = o in v"]
    else:
        loop, test, finished = _LOOPS[op]
        body = [
            f"{pad}    ok = {finished}",
            f"{pad}    {loop}",
            f"{pad}        {test}",
            f"{pad}            ok = {not finished}",
            f"{pad}            break",
        ]
    return [f"{pad}try:", *body, f"{pad}except TypeError:", f"{pad}    ok = False"]


def _ref_lines(i: int, op: Op, ref: Ref, env: dict[str, Any], fail: str) -> list[str]:
    """``L op ref`` (``L`` the fact's values): the first referenced value, in value
    order, that some value of the fact satisfies; premises ``p{i}`` and ``q{i}``."""
    if kind_of(ref.fact) in ENTITY_KINDS:
        env[f"RN{i}"] = ref.fact
        lines = [f"    R = S.get((RN{i}, b) if b else RN{i})"]
    else:
        env[f"RK{i}"] = ref.fact
        lines = [f"    R = S.get(RK{i})"]
    lines += ["    if R is None:", f"        {fail}", f"    for q{i} in R:"]
    if ref.months:
        env[f"RES{i}"] = _resolver(ref)
        lines.append(f"        o = RES{i}(q{i}.value)")
    else:
        lines.append(f"        o = q{i}.value")
    lines += [f"        for p{i} in L:", f"            v = p{i}.value"]
    lines += [*test_lines(op, "            "), "            if ok:", "                break"]
    lines += ["        else:", "            continue", "        break"]
    return [*lines, "    else:", f"        {fail}"]


def _forall_lines(i: int, cond: ForAll, env: dict[str, Any], fail: str) -> list[str]:
    """Every ``cond.kind`` entity, in order, has a value of ``cond.fact`` passing the
    test: the first such value of each, in ``r{i}``."""
    env |= {f"FK{i}": cond.kind, f"FN{i}": cond.fact, f"C{i}": cond.value}
    return [
        f"    r{i} = []",
        f"    M = E.get(FK{i})",
        "    if M:",
        "        for m in sorted(M):",
        f"            L = S.get((FN{i}, m))",
        "            if L is None:",
        f"                {fail}",
        "            for p in L:",
        "                v = p.value",
        f"                o = C{i}",
        *test_lines(cond.op, "                "),
        "                if ok:",
        f"                    r{i}.append(p)",
        "                    break",
        "            else:",
        f"                {fail}",
    ]


def _resolver(ref: Ref) -> Callable[[Value], Value]:
    """``ref.resolve``, remembering shifted dates (computed once per value)."""
    resolved: dict[Any, Value] = {}

    def resolve(value: Value) -> Value:
        if type(value) is not str:  # 1 == True: cache strings only
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

    return resolve


def matcher(rule: Rule) -> Matcher:
    """The premises of ``rule`` for a bound entity, or ``None``: one generated function.

    Each test on a constant is inlined (a dictionary lookup, a loop over the fact's
    values in value order, the comparison); references and ``ForAll`` call their finder.
    """
    env: dict[str, Any] = {}
    body, premises, _ = match_source(rule, env)
    source = "\n".join(["def match(S, E, b):", *body, f"    return {premises}"])
    exec(compile(source, f"<rule {rule.id}>", "exec"), env)
    match: Matcher = env["match"]
    return match
