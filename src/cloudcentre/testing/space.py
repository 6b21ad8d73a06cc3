"""The abstract input space of a compiled rule pack, read from its rules.

Each input fact the rules (or the requirements) read gets a finite *domain*: values
that together cover every way the rules can tell values apart, plus ``UNKNOWN`` (no
fact). Candidates come from the fact's type in the case model and from the operands of
the conditions that read it (enum members, booleans, the constants compared with,
numbers around each threshold, dates around every constant date and around the
evaluation date shifted as the rules shift it); two candidates on which every condition
gives the same answer are one abstract value, and the first is kept. The evaluation
dates are split into periods over which the rules in force and the order of all date
thresholds stay the same.

Certificates and derogations are *sections*: a marker fact (``certificate.scheme``,
``derogation.basis``) is known exactly when the section exists, and the section's other
required fields are then known too. One certificate (entity ``c1``) is enumerated.
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools
import re
import typing
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from ..engine.base import CompiledPack
from ..law.language import ENTITY, ForAll, Op, Ref, Rule, Value, compare, shift_months
from ..law.requirements import REQUIREMENTS, Requirement
from .fields import CERT, LISTED, MODEL, UNKNOWN, Key, key_of

__all__ = [
    "CERT",
    "UNKNOWN",
    "Key",
    "Space",
    "periods",
]


AS_OF = "case.as_of"
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_COUNTRY_FILLERS = ("CN", "IN", "BR", "ZZ")


# ----------------------------------------------------------------------------- conditions
@attrs.frozen(slots=True)
class _Check:
    """One way a condition reads a fact: the fact, an operator, an operand (or a
    reference), and whether the fact is on the right of a reference."""

    op: Op
    operand: Value | Ref
    reversed_months: int | None = None
    """Set when the condition is ``case.as_of op Ref(fact, months)``."""
    flipped: bool = False
    """Set on the referenced fact of ``other op Ref(fact, months)`` (two inputs): the
    operand names ``other`` and the months shift this fact."""


def _checks(rules: Iterable[Rule]) -> dict[str, list[_Check]]:
    out: dict[str, list[_Check]] = {}
    for rule in rules:
        for cond in rule.conditions:
            if isinstance(cond, ForAll):
                out.setdefault(cond.fact, []).append(_Check(cond.op, cond.value))
                continue
            out.setdefault(cond.fact, []).append(_Check(cond.op, cond.value))
            if isinstance(cond.value, Ref) and cond.value is not ENTITY:
                if cond.fact == AS_OF:
                    out.setdefault(cond.value.fact, []).append(
                        _Check(cond.op, Ref(AS_OF), reversed_months=cond.value.months)
                    )
                else:  # compared with another input: told apart against its candidates
                    out.setdefault(cond.value.fact, []).append(
                        _Check(cond.op, Ref(cond.fact, cond.value.months), flipped=True))
    return out


def _signature(value: Value, checks: list[_Check], as_of: str,
               related: Mapping[str, list[Value]] | None = None) -> tuple[bool | None, ...]:
    """How the conditions read ``value``; ``None`` where it cannot be told. A comparison
    with another date input is read against each of that input's candidates
    (``related``), so two values on the same side of every one of them are one."""
    sig: list[bool | None] = []
    for check in checks:
        if check.reversed_months is not None:
            if not isinstance(value, str):
                sig.append(None)
                continue
            sig.append(compare(check.op, as_of, shift_months(value, check.reversed_months)))
        elif isinstance(check.operand, Ref):
            if check.operand.fact == AS_OF:
                sig.append(compare(check.op, value, check.operand.resolve(as_of)))
            elif related is not None and check.operand.fact in related and _is_date(value):
                others = [o for o in related[check.operand.fact] if _is_date(o)]
                months = check.operand.months
                if check.flipped:
                    sig += [compare(check.op, o, shift_months(str(value), months))
                            for o in others]
                else:
                    sig += [compare(check.op, value, shift_months(str(o), months))
                            for o in others]
            else:
                sig.append(None)  # compared with another input: keep the candidates apart
        else:
            sig.append(compare(check.op, value, check.operand))
    return tuple(sig)


def _constants(checks: list[_Check]) -> list[Any]:
    out: list[Any] = []
    for check in checks:
        if isinstance(check.operand, Ref):
            continue
        if isinstance(check.operand, tuple):
            out.extend(check.operand)
        else:
            out.append(check.operand)
    return out


def _is_date(text: object) -> bool:
    if not isinstance(text, str) or len(text) != 10:
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _day(text: str, days: int) -> str:
    return (dt.date.fromisoformat(text) + dt.timedelta(days=days)).isoformat()


# ----------------------------------------------------------------------------- candidates
def _scalars(kind: Any, consts: list[Any]) -> list[Value]:
    if kind is bool:
        return [True, False]
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return [member.value for member in kind]
    if kind is float or kind is int:
        nums = sorted({float(c) for c in consts if isinstance(c, int | float)
                       and not isinstance(c, bool)})
        out: list[Value] = [*nums, 0, 100]
        for n in nums:
            out += [n + 1, n - 1, n + 0.5, n - 0.5]
        return out
    strings = sorted({c for c in consts if isinstance(c, str)})
    if strings and all(_COUNTRY.match(s) for s in strings):
        return [*strings, next(c for c in _COUNTRY_FILLERS if c not in strings)]
    if kind is str or strings:
        return [*strings, "other"]
    return list(dict.fromkeys(consts)) or [True, False]


def _element_type(kind: Any) -> Any:
    args = typing.get_args(kind)
    return args[0] if args else str


class Space:
    """The abstract domains of a pack's input facts, for one evaluation date."""

    def __init__(self, pack: CompiledPack, as_of: dt.date,
                 requirements: tuple[Requirement, ...] = REQUIREMENTS) -> None:
        if not _DATE_ENDS:
            _DATE_ENDS.update(_date_ends() or {"": "first"})
        self.pack = pack
        self.as_of = as_of
        rules = pack.in_force(as_of)
        self.checks = _checks(pack.rules)
        self._raw: dict[str, list[Any]] = {}
        related = {c.operand.fact for cs in self.checks.values() for c in cs
                   if isinstance(c.operand, Ref) and c.operand.fact not in (AS_OF, ENTITY.fact)}
        for name in sorted(related):
            candidates, is_date = self._candidates(name)
            if is_date:
                self._raw[name] = candidates
        names = set(pack.inputs) - {AS_OF}
        for req in requirements:
            for fact in (req.applies, req.met):
                if fact not in pack.derived:
                    names.add(fact)
        self.inputs: tuple[Key, ...] = tuple(sorted(key_of(n) for n in names))
        self.domains: dict[Key, tuple[Any, ...]] = {
            key: self._domain(key[0]) for key in self.inputs
        }
        self.rules = rules
        self.markers = {
            section: next((k for k in self.inputs if MODEL.get(k[0]) is not None
                           and MODEL[k[0]].section == section and MODEL[k[0]].required), None)
            for section in ("certificate", "derogation")
        }

    def section(self, key: Key) -> str:
        info = MODEL.get(key[0])
        return info.section if info is not None else "case"

    def _domain(self, name: str) -> tuple[Any, ...]:
        info = MODEL.get(name)
        candidates, is_date = self._candidates(name)
        end = _DATE_ENDS.get(name, "first") if is_date else "first"
        values = self._dedupe(name, candidates, pick=end)
        required = info is not None and info.required and info.section == "case"
        return tuple(values) if required else (UNKNOWN, *values)

    def _candidates(self, name: str) -> tuple[list[Any], bool]:
        """The candidate values of ``name`` (before deduplication), and whether it is a
        date."""
        checks = self.checks.get(name, [])
        info = MODEL.get(name)
        kind = info.type if info is not None else None
        consts = _constants(checks)
        is_date = kind is dt.date or any(_is_date(c) for c in consts) or any(
            (isinstance(c.operand, Ref) and c.operand.fact == AS_OF) or c.reversed_months
            is not None for c in checks
        )
        if is_date:
            anchors = self._anchors(name)
            candidates: list[Value] = sorted({_day(a, d) for a in anchors for d in range(-3, 4)})
            # A comparison with another date input (``valid_until >= valid_from + 36
            # months``): the other's anchors, shifted by the months, so the relation is
            # realised both ways whatever the other's value.
            for check in checks:
                operand = check.operand
                if not isinstance(operand, Ref) or operand.fact in (AS_OF, ENTITY.fact):
                    continue
                months = -operand.months if check.flipped else operand.months
                candidates += [_day(shift_months(a, months), d)
                               for a in self._anchors(operand.fact) for d in (-1, 0, 1)]
            candidates = sorted(set(candidates))
        elif name == LISTED:
            candidates = [True]  # a case lists its certificates, or says nothing
        elif typing.get_origin(kind) is tuple:
            element = _element_type(kind)
            if element is int:  # numbered items (HDS activities): two of them, or all
                numbers = sorted({
                    n for cs in self.checks.values() for c in cs
                    if isinstance(c.operand, tuple)
                    for n in c.operand if isinstance(n, int) and not isinstance(n, bool)
                })
                elements: list[Any] = numbers[:2]
                everything = [tuple(numbers)] if numbers else []
            else:
                elements = self._dedupe(name, _scalars(element, consts), element=True)
                everything = []
            candidates = [()]
            candidates += [(e,) for e in elements]
            candidates += [tuple(sorted(p)) for p in itertools.combinations(elements, 2)]
            candidates += everything
        else:
            candidates = _scalars(kind, consts)
        return candidates, bool(is_date)

    def _anchors(self, name: str) -> list[str]:
        """The dates a date input is split around: the constants it is compared with,
        and the evaluation date shifted as the rules shift it."""
        checks = self.checks.get(name, [])
        as_of = self.as_of.isoformat()
        anchors = [c for c in _constants(checks) if _is_date(c)] + [as_of]
        anchors += [shift_months(as_of, -c.reversed_months) for c in checks
                    if c.reversed_months]
        anchors += [shift_months(as_of, -c.operand.months) for c in checks
                    if isinstance(c.operand, Ref) and c.operand.months]
        return anchors

    def _dedupe(self, name: str, candidates: list[Any], element: bool = False,
                pick: str = "first") -> list[Any]:
        """One candidate per signature: the first, or (``pick="last"``) the last. The
        model orders some dates (a start before an end): starts take the earliest date
        of each class and ends the latest, so any two classes can be chosen in order."""
        checks = self.checks.get(name, [])
        if not checks:  # read by the requirements only: keep every candidate
            return list(dict.fromkeys(candidates))
        if element:  # a list's elements: tell them apart by membership of the operands
            checks = [_Check(Op.HAS, c.operand) for c in checks
                      if isinstance(c.operand, tuple)]
            seen: dict[tuple[bool, ...], Any] = {}
            for value in candidates:
                member = tuple(value in c.operand for c in checks)  # type: ignore[operator]
                seen.setdefault(member, value)
            return list(seen.values())
        keep: dict[tuple[bool | None, ...], Any] = {}
        last: dict[tuple[bool | None, ...], Any] = {}
        out: list[Any] = []
        for value in candidates:
            sig = _signature(value, checks, self.as_of.isoformat(), self._raw)
            if None in sig:
                out.append(value)
            elif sig not in keep:
                keep[sig] = value
                out.append(value)
            last[sig] = value
        if pick == "last":
            out = [v for v in out if v not in keep.values()]
            out += [v for sig, v in last.items() if None not in sig]
            return sorted(dict.fromkeys(out), key=repr)
        return list(dict.fromkeys(out))

    def represent(self, key: Key, value: Any) -> Any:
        """The domain value of ``key`` the rules cannot tell from ``value``, if any."""
        checks = self.checks.get(key[0], [])
        as_of = self.as_of.isoformat()
        wanted = _signature(value, checks, as_of, self._raw)
        if None in wanted:
            return value if value in self.domains[key] else None
        for candidate in self.domains[key]:
            if candidate is not UNKNOWN and _signature(candidate, checks, as_of,
                                                       self._raw) == wanted:
                return candidate
        return None

    # -- assignments ----------------------------------------------------------------
    def assignments(self, keys: Iterable[Key], fixed: Mapping[Key, Any]
                    ) -> Iterator[dict[Key, Any]]:
        """Every consistent assignment of ``keys`` (``fixed`` ones pinned)."""
        ordered = sorted(keys)
        pools = [(fixed[k],) if k in fixed else self.domains[k] for k in ordered]
        for combo in itertools.product(*pools):
            assignment = dict(zip(ordered, combo, strict=True))
            if self.consistent(assignment):
                yield assignment

    def consistent(self, assignment: Mapping[Key, Any]) -> bool:
        """Sections: a section's facts are known exactly when its marker is."""
        for section, marker in self.markers.items():
            if marker is None or marker not in assignment:
                continue
            present = assignment[marker] is not UNKNOWN
            if section == "certificate" and present and assignment.get(
                key_of(LISTED), True
            ) is UNKNOWN:
                return False
            for key, value in assignment.items():
                info = MODEL.get(key[0])
                if key == marker or info is None or info.section != section:
                    continue
                if not present and value is not UNKNOWN:
                    return False
                if present and info.required and value is UNKNOWN:
                    return False
        return True

    def closure(self, keys: Iterable[Key]) -> set[Key]:
        """``keys`` with the markers their sections need (and the certificate list)."""
        out = set(keys)
        for key in list(out):
            section = self.section(key)
            marker = self.markers.get(section)
            if marker is not None:
                out.add(marker)
                if section == "certificate" and key_of(LISTED) in self.domains:
                    out.add(key_of(LISTED))
        return out


def _date_ends() -> dict[str, str]:
    """``{fact: "last"}`` for the dates the model requires to follow another date."""
    from .cases import build_part

    out: dict[str, str] = {}
    dates = [n for n, info in MODEL.items() if info.type is dt.date]
    for first in dates:
        for second in dates:
            owner, _, a = first.rpartition(".")
            other, _, b = second.rpartition(".")
            if first == second or owner != other:
                continue
            late, early = dt.date(2020, 1, 2), dt.date(2020, 1, 1)
            if build_part(owner, {a: early, b: late}, early) and not build_part(
                owner, {a: late, b: early}, early
            ):
                out[second] = "last"
    return out


_DATE_ENDS: dict[str, str] = {}


def periods(pack: CompiledPack, start: dt.date, end: dt.date) -> list[dt.date]:
    """The first day of each period between ``start`` and ``end`` over which the rules in
    force, and the order of every date threshold relative to the evaluation date, stay
    the same."""
    points: set[dt.date] = {start}
    checks = _checks(pack.rules)
    for rule in pack.rules:
        if rule.valid_from is not None:
            points.add(rule.valid_from)
        if rule.valid_until is not None:
            points.add(rule.valid_until + dt.timedelta(days=1))
    for name, fact_checks in checks.items():
        shifts = {0} | {c.reversed_months for c in fact_checks if c.reversed_months}
        shifts |= {c.operand.months for c in fact_checks if isinstance(c.operand, Ref)
                   and not c.flipped}
        for const in _constants(fact_checks):
            if _is_date(const) and name != AS_OF:
                for months in shifts:
                    day = dt.date.fromisoformat(shift_months(const, months))
                    points.update((day, day + dt.timedelta(days=1)))
    return sorted(p for p in points if start <= p <= end)
