"""Forgetting facts: every known optional field of a case, and the case with one unknown.

Plain Python (no Hypothesis): the fail-closed property and the strategies both use it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeAlias

import attrs

from ..model.case import Case

__all__ = ["Path", "removable_paths", "set_unknown"]

Path: TypeAlias = tuple[str | int, ...]
"""Where a field sits in a case: attribute names, and an index into ``certifications``."""

#: Fields that carry no legal fact (see ``model/facts.py``), and ``as_of`` (``None``
#: means today, not unknown).
_NOT_REMOVABLE = frozenset({"name", "id", "title", "reference", "granted_by", "as_of"})


def _get(obj: Any, step: str | int) -> Any:
    return obj[step] if isinstance(step, int) else getattr(obj, step)


def _optional(field: attrs.Attribute[Any]) -> bool:
    return field.default is None and field.name not in _NOT_REMOVABLE


def _paths(obj: Any, prefix: Path) -> list[Path]:
    out: list[Path] = []
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        if value is None:
            continue
        here: Path = (*prefix, field.name)
        if _optional(field):
            out.append(here)
        if attrs.has(type(value)):
            out.extend(_paths(value, here))
        elif field.name == "certifications":
            for index, cert in enumerate(value):
                out.extend(_paths(cert, (*here, index)))
    return out


def removable_paths(case: Case) -> list[Path]:
    """Every optional field of ``case`` that is known and carries a fact.

    Includes whole optional sections (``derogation``, ``offering.certifications``) and
    the optional fields of each certificate, but not ``as_of`` (``None`` means today).
    """
    return _paths(case, ())


def _replace(obj: Any, path: Path) -> Any:
    step, rest = path[0], path[1:]
    if isinstance(step, int):
        items = list(obj)
        items[step] = _replace(items[step], rest)
        return tuple(items)
    if not rest:
        return attrs.evolve(obj, **{step: None})
    return attrs.evolve(obj, **{step: _replace(getattr(obj, step), rest)})


def get_path(obj: Any, path: Sequence[str | int]) -> Any:
    """The value at ``path`` in ``obj``."""
    for step in path:
        obj = _get(obj, step)
    return obj


def set_unknown(case: Case, path: Path) -> Case:
    """``case`` with the field at ``path`` set to ``None`` (unknown)."""
    if get_path(case, path) is None:
        raise ValueError(f"{path} is already unknown")
    return _replace(case, path)  # type: ignore[no-any-return]
