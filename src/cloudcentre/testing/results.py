"""What a verification records: failures, the report summed over periods, and each
evaluation's outcomes (the witnesses that reach them, the monotonicity pairs, the rules
fired and contradictions seen)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from ..decide.outcome import Status
from ..law.requirements import Requirement
from .fields import UNKNOWN, Key

__all__ = ["Failure", "OKey", "Report", "Witness"]

OKey = tuple[frozenset[Any], ...]
Witness = dict[Key, Any]

@attrs.frozen(slots=True)
class Failure:
    kind: str
    """``contradiction``, ``dead-rule``, ``unreachable`` or ``monotonicity``."""
    message: str
    as_of: dt.date | None = None
    witness: tuple[tuple[Key, Any], ...] = ()
    covers: tuple[str, ...] = ()
    """The requirements the counterexample's derogation names."""


@attrs.define
class Report:
    """What a verification found, summed over periods."""

    periods: list[dt.date] = attrs.field(factory=list)
    space_size: int = 0
    """Combinations of the abstract values of every input, summed over the periods."""
    runs: int = 0
    """Engine runs actually made (the symmetry's saving is ``space_size / runs``)."""
    fired: set[str] = attrs.field(factory=set)
    statuses: dict[str, set[Status]] = attrs.field(factory=dict)
    overrides: dict[str, set[tuple[str, ...]]] = attrs.field(factory=dict)
    pairs: int = 0
    """Monotonicity pairs checked."""
    failures: list[Failure] = attrs.field(factory=list)
    seen_failures: set[tuple[str, str]] = attrs.field(factory=set)

    def fail(self, failure: Failure) -> None:
        """Record a failure, once per fact (contradictions) or per change (monotonicity)."""
        token = (failure.kind, failure.message.split(" (rules ")[0].split(" when ")[0])
        if token not in self.seen_failures:
            self.seen_failures.add(token)
            self.failures.append(failure)


@attrs.define
class _Frame:
    """What one evaluation saw: rules fired and contradictions, replayed on a memo hit."""

    fired: set[str] = attrs.field(factory=set)
    contradictions: list[tuple[Key, tuple[str, ...], Witness, dt.date]] = attrs.field(
        factory=list)

    def merge(self, other: _Frame) -> None:
        self.fired |= other.fired
        self.contradictions += other.contradictions


@attrs.define
class _Result:
    goals: tuple[Key, ...]
    outcomes: dict[OKey, Witness] = attrs.field(factory=dict)
    flips: dict[str, dict[tuple[OKey, OKey], tuple[Witness, Witness]]] = attrs.field(
        factory=dict)
    frame: _Frame = attrs.field(factory=_Frame)

    def add(self, key: OKey, witness: Witness) -> None:
        old = self.outcomes.get(key)
        if old is None or _known(witness) < _known(old):
            self.outcomes[key] = witness

    def add_flip(self, name: str, pair: tuple[OKey, OKey], witnesses: tuple[Witness, Witness]
                 ) -> None:
        bucket = self.flips.setdefault(name, {})
        if pair not in bucket:
            bucket[pair] = witnesses


def _known(witness: Witness) -> int:
    return sum(value is not UNKNOWN for value in witness.values())


# ----------------------------------------------------------------------------- evaluation


def _change(before: Witness, after: Witness) -> str:
    changed = [f"`{k[0]}` goes from {_show(before.get(k, UNKNOWN))} to {_show(v)}"
               for k, v in sorted(after.items()) if before.get(k, UNKNOWN) != v]
    return ", ".join(changed) or "nothing changes"


def _show(value: Any) -> str:
    if value is UNKNOWN:
        return "unknown"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)


def _covered(goals: tuple[Key, ...], key: OKey, req: Requirement, marker: Key | None
             ) -> list[bool]:
    if not req.derogable or marker is None or marker not in goals:
        return [False]
    exists = bool(dict(zip(goals, key, strict=True))[marker])
    return [False, True] if exists else [False]

