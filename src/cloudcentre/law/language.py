"""The rule language: rules are plain, frozen, picklable data.

A rule says: when every condition holds over the facts, conclude one fact. Facts are
ground atoms ``name[entity] = value``. Most facts are about the case as a whole
(entity ``""``); facts whose name starts with an *entity kind* (``certificate.``,
``requirement.``) are about one entity. A rule with ``for_each`` is instantiated once
per entity of that kind, and its conditions on that kind refer to the bound entity.

Conditions are positive: a condition on a fact that is not known does not hold, so
an unknown fact never counts as false. ``ForAll`` quantifies over the (closed, known)
set of entities of a kind; it holds only when the fact is known for every entity.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
from collections.abc import Iterable
from typing import Any, TypeAlias

import attrs

from .._errors import InvalidRulePack

__all__ = [
    "ENTITY",
    "ENTITY_KINDS",
    "INTERPRETATION_PREFIX",
    "Citation",
    "Conclusion",
    "Condition",
    "ForAll",
    "Op",
    "Ref",
    "Rule",
    "RulePack",
    "Test",
    "Value",
]

Scalar: TypeAlias = bool | int | float | str
Value: TypeAlias = Scalar | tuple[Scalar, ...]

#: Fact-name prefix of the named interpretations (``interpretation.sren31_requirement``).
INTERPRETATION_PREFIX = "interpretation."

#: Fact-name prefixes that denote entities rather than the case as a whole.
ENTITY_KINDS: frozenset[str] = frozenset({"certificate", "requirement"})


class Op(enum.StrEnum):
    """How a condition compares a fact's value with its operand."""

    EQ = "eq"
    NE = "ne"
    IN = "in"
    NOT_IN = "not_in"
    LT = "lt"
    LE = "le"
    GT = "gt"
    GE = "ge"
    ALL_IN = "all_in"
    """The fact is a list; every element is in the operand set."""
    ANY_NOT_IN = "any_not_in"
    """The fact is a list; some element is outside the operand set."""
    SUPERSET = "superset"
    """The fact is a list containing every element of the operand list."""
    NOT_SUPERSET = "not_superset"
    """The fact is a list missing some element of the operand list."""
    HAS = "has"
    """The fact is a list containing the operand."""


_SYMBOLS = {
    Op.EQ: "=",
    Op.NE: "≠",
    Op.IN: "∈",
    Op.NOT_IN: "∉",
    Op.LT: "<",
    Op.LE: "≤",
    Op.GT: ">",
    Op.GE: "≥",
    Op.ALL_IN: "⊆",
    Op.ANY_NOT_IN: "⊄",
    Op.SUPERSET: "⊇",
    Op.NOT_SUPERSET: "⊉",
    Op.HAS: "∋",
}


def _compare(op: Op, left: Any, right: Any) -> bool:
    try:
        if op is Op.EQ:
            return bool(left == right and type(left) is type(right))
        if op is Op.NE:
            return not (left == right and type(left) is type(right))
        if op is Op.IN:
            return left in right
        if op is Op.NOT_IN:
            return left not in right
        if op is Op.LT:
            return bool(left < right)
        if op is Op.LE:
            return bool(left <= right)
        if op is Op.GT:
            return bool(left > right)
        if op is Op.GE:
            return bool(left >= right)
        if op is Op.ALL_IN:
            return all(item in right for item in left)
        if op is Op.ANY_NOT_IN:
            return any(item not in right for item in left)
        if op is Op.SUPERSET:
            return all(item in left for item in right)
        if op is Op.NOT_SUPERSET:
            return any(item not in left for item in right)
        if op is Op.HAS:
            return right in left
    except TypeError:
        return False
    raise AssertionError(op)  # pragma: no cover


def compare(op: Op, left: Value, right: Value) -> bool:
    """Apply ``op`` to a fact value and an operand. Type mismatches never hold."""
    return _compare(op, left, right)


def freeze(value: Any) -> Value:
    """Canonical, hashable form of an operand: sets and lists become sorted tuples."""
    if isinstance(value, frozenset | set | list | tuple):
        items = list(value)
        return tuple(sorted(items, key=lambda v: (type(v).__name__, v)))
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value  # type: ignore[no-any-return]
    return value  # type: ignore[no-any-return]


@attrs.frozen(slots=True)
class Ref:
    """An operand taken from another fact (``Ref("case.as_of")``), or the bound entity.

    A fact of an entity kind (``certificate.valid_from``) is read on the bound entity.
    ``months`` shifts a date-valued fact (``Ref("certificate.valid_from", months=36)``).
    """

    fact: str
    months: int = 0

    def __str__(self) -> str:
        if self.fact == "@entity":
            return "the bound entity"
        if self.months:
            return f"{self.fact} {'+' if self.months > 0 else '-'} {abs(self.months)} months"
        return self.fact

    def resolve(self, value: Value) -> Value:
        """The operand for a value of the referenced fact."""
        if self.months and isinstance(value, str):
            return shift_months(value, self.months)
        return value


def shift_months(iso_date: str, months: int) -> str:
    """``iso_date`` plus ``months`` calendar months, clamped to the end of the month.

    The result saturates at the ends of the calendar: a date shifted past 9999-12-31
    is 9999-12-31 (and one shifted before 0001-01-01 is 0001-01-01), so "36 months
    after 9998-01-01" is the last day there is, not an error.
    """
    day = dt.date.fromisoformat(iso_date)
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    if year > dt.MAXYEAR:
        return dt.date.max.isoformat()
    if year < dt.MINYEAR:
        return dt.date.min.isoformat()
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last)).isoformat()


#: Operand standing for the entity a ``for_each`` rule is bound to.
ENTITY = Ref("@entity")


def _operand(value: Any) -> Value | Ref:
    return value if isinstance(value, Ref) else freeze(value)


@attrs.frozen(slots=True)
class Test:
    """``fact op value``. ``entity`` pins an entity-scoped fact to one entity."""

    __test__ = False  # not a pytest test class, though its name says so

    fact: str
    op: Op = attrs.field(converter=Op)
    value: Value | Ref = attrs.field(converter=_operand)
    entity: str | None = None

    def describe(self) -> str:
        where = f"[{self.entity}]" if self.entity else ""
        operand = str(self.value) if isinstance(self.value, Ref) else _show(self.value)
        return f"{self.fact}{where} {_SYMBOLS[self.op]} {operand}"


@attrs.frozen(slots=True)
class ForAll:
    """Every entity of ``kind`` has ``fact op value`` (vacuously true when there is none)."""

    kind: str
    fact: str
    op: Op = attrs.field(converter=Op)
    value: Value = attrs.field(converter=freeze)

    def describe(self) -> str:
        return f"every {self.kind}: {self.fact} {_SYMBOLS[self.op]} {_show(self.value)}"


Condition: TypeAlias = Test | ForAll


def _show(value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return "{" + ", ".join(_show(v) for v in value) + "}"
    return str(value)


@attrs.frozen(slots=True)
class Conclusion:
    """The fact a rule derives. ``entity=None``: the bound entity, or the case."""

    fact: str
    value: Value = attrs.field(converter=freeze)
    entity: str | None = None

    def describe(self) -> str:
        where = f"[{self.entity}]" if self.entity else ""
        return f"{self.fact}{where} = {_show(self.value)}"


class Quality(enum.StrEnum):
    PRIMARY = "primary"
    """The official text, or a literal quotation of it."""
    SECONDARY = "secondary"
    """Press, law-firm or vendor text quoting or summarising the source."""
    COMPILATION = "compilation"
    """A third-party compilation; a lead, not an authority."""


@attrs.frozen(slots=True)
class Citation:
    """Where a rule comes from: instrument, article, date, address, a short French quote."""

    instrument: str
    article: str
    date: dt.date | None
    url: str
    quote: str = ""
    quality: Quality = attrs.field(default=Quality.PRIMARY, converter=Quality)


def _as_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(value)


def _date_or_none(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


@attrs.frozen(slots=True)
class Rule:
    """One legal rule: when all ``conditions`` hold, conclude ``conclusion``."""

    id: str
    title: str
    pack: str
    conditions: tuple[Condition, ...] = attrs.field(converter=_as_tuple)
    conclusion: Conclusion
    citations: tuple[Citation, ...] = attrs.field(converter=_as_tuple)
    valid_from: dt.date | None = attrs.field(default=None, converter=_date_or_none)
    valid_until: dt.date | None = attrs.field(default=None, converter=_date_or_none)
    for_each: str | None = None
    assumption: str | None = None
    """Set when the rule encodes an unconfirmed legal point: says what is assumed."""
    applies_later_text: str | None = None
    """Set when the rule cites, as its basis, a text dated after the rule's own start
    (it applies a later text to an earlier period): says which text and why."""

    def __attrs_post_init__(self) -> None:
        if not self.citations:
            raise InvalidRulePack(f"rule `{self.id}` cites no source")
        if not self.conditions:
            raise InvalidRulePack(f"rule `{self.id}` has no condition")
        if self.for_each is not None and self.for_each not in ENTITY_KINDS:
            raise InvalidRulePack(f"rule `{self.id}`: `{self.for_each}` is not an entity kind")
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise InvalidRulePack(f"rule `{self.id}` ends before it starts")

    @property
    def interpretations(self) -> tuple[str, ...]:
        """The named interpretations this rule depends on (``interpretation.NAME`` facts)."""
        names = {
            cond.fact.split(".", 1)[1]
            for cond in self.conditions
            if cond.fact.startswith(INTERPRETATION_PREFIX)
        }
        return tuple(sorted(names))

    def in_force(self, day: dt.date) -> bool:
        """Whether the rule applies to a case judged on ``day`` (both ends inclusive)."""
        if self.valid_from is not None and day < self.valid_from:
            return False
        return not (self.valid_until is not None and day > self.valid_until)

    def entity_of(self, fact: str, entity: str | None) -> str | None:
        """The entity a condition's fact refers to; ``None`` means the bound one."""
        if entity is not None:
            return entity
        kind = fact.split(".", 1)[0]
        if kind in ENTITY_KINDS:
            if kind != self.for_each:
                raise InvalidRulePack(
                    f"rule `{self.id}`: `{fact}` needs an entity or `for_each={kind!r}`"
                )
            return None
        return ""


@attrs.frozen(slots=True)
class RulePack:
    """A named group of rules, e.g. SecNumCloud §19.6 immunity."""

    name: str
    title: str
    rules: tuple[Rule, ...] = attrs.field(converter=_as_tuple)
    description: str = ""

    def __attrs_post_init__(self) -> None:
        for rule in self.rules:
            if rule.pack != self.name:
                raise InvalidRulePack(
                    f"rule `{rule.id}` says pack `{rule.pack}`, not `{self.name}`"
                )


def check_unique(rules: Iterable[Rule]) -> None:
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise InvalidRulePack(f"two rules have the id `{rule.id}`")
        seen.add(rule.id)
