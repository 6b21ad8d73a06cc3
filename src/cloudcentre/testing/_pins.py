"""Argument checking for the strategies: pins are values or strategies, checked when drawn."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any, TypeVar

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

T = TypeVar("T")

def _or(value: Any, default: Any) -> Any:
    """``value`` unless it is ``None`` (strategies have no useful truth value)."""
    return default if value is None else value


def _maybe(strategy: st.SearchStrategy[T], unknowns: bool) -> st.SearchStrategy[T | None]:
    return st.none() | strategy if unknowns else strategy


def _tri(unknowns: bool) -> st.SearchStrategy[bool | None]:
    return st.sampled_from([True, False, None]) if unknowns else st.booleans()


def _bool_pin(name: str, value: object) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise InvalidArgument(f"{name}=`{value!r}` is not true, false or None (None: drawn)")


def _choice(name: str, value: Any, cls: type[T]) -> st.SearchStrategy[T] | None:
    """A pinned enum member (a value or a strategy), checked; ``None`` if not pinned."""
    if value is None:
        return None
    strategy = value if isinstance(value, st.SearchStrategy) else st.just(value)
    return strategy.map(functools.partial(_member, name, cls))  # checked when drawn


def _member(name: str, cls: Any, value: Any) -> Any:
    try:
        return cls(value)
    except ValueError:
        choices = ", ".join(f"`{member.value}`" for member in cls)
        raise InvalidArgument(f"{name}=`{value}` is not one of {choices}") from None


def _date_pin(name: str, value: Any) -> st.SearchStrategy[dt.date] | None:
    if value is None:
        return None
    if isinstance(value, st.SearchStrategy):
        return value
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return st.just(value)
    raise InvalidArgument(f"{name}=`{value!r}` is not a date or a strategy of dates")


def _draw_date(draw: st.DrawFn, name: str, strategy: st.SearchStrategy[Any]) -> dt.date:
    day = draw(strategy)
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        raise InvalidArgument(f"{name} drew `{day!r}`, which is not a date")
    return day


def _part(name: str, value: Any, cls: type[T]) -> st.SearchStrategy[T] | None:
    if value is None or isinstance(value, st.SearchStrategy):
        return value

    if not isinstance(value, cls):
        raise InvalidArgument(f"{name}=`{value!r}` is not a {cls.__name__} or a strategy")
    return st.just(value)
