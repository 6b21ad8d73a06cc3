"""Field validators and converters of the model classes.

Each raises :class:`~cloudcentre.InvalidCase` with the field's name as its path (the
loader prefixes the path of the object), the bad value, and a hint: did you mean
another enum value or country code, what to write instead of ``EL``, ``UK``, ``EU``.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import attrs

from .._errors import InvalidCase
from ..law.iso3166 import ALPHA_2, ALPHA_3, NOT_ISO
from .messages import did_you_mean, quoted

__all__ = [
    "COUNTRY_HINT",
    "SURROGATE_HINT",
    "activities",
    "check_activities",
    "check_countries",
    "countries_field",
    "country_error",
    "enum_converter",
    "instance_of",
    "invalid",
    "is_country",
    "is_unicode",
    "optional_enum",
    "percent",
    "sorted_tuple",
    "text_field",
    "text_of",
    "tri",
    "tri_field",
]


def invalid(field: str, value: object, message: str, hint: str = "") -> InvalidCase:
    """A field-level validation failure: which field, which value, what to do.

    The path is relative to the class; the loader prefixes the path of the object.
    """
    return InvalidCase(message, path=field, value=value, hint=hint)


COUNTRY_HINT = "use upper-case ISO 3166-1 alpha-2 codes, such as `FR` or `DE`"
_MISSING: Any = attrs.NOTHING
E = TypeVar("E", bound=enum.Enum)


def country_error(field: str, code: object) -> InvalidCase:
    hint = COUNTRY_HINT
    if isinstance(code, str):
        upper = code.strip().upper()
        if code in NOT_ISO:
            hint = NOT_ISO[code]
        elif upper in ALPHA_2:
            hint = f"did you mean `{upper}`? {COUNTRY_HINT}"
        elif upper in ALPHA_3:
            hint = f"did you mean `{ALPHA_3[upper]}`? {COUNTRY_HINT}"
        elif upper in NOT_ISO:
            hint = NOT_ISO[upper]
    return invalid(field, code, f"{quoted(code)} is not an ISO 3166-1 country code", hint)


def is_country(code: object) -> bool:
    return isinstance(code, str) and code in ALPHA_2


def enum_converter(cls: type[E], field: str) -> Callable[[Any], E]:
    """An attrs converter to ``cls`` that raises :class:`InvalidCase` naming ``field``."""

    def convert(value: Any) -> E:
        if isinstance(value, cls):
            return value
        allowed = [str(m.value) for m in cls]
        choices = "one of " + ", ".join(f"`{a}`" for a in allowed)
        if not isinstance(value, str):
            raise invalid(field, value, f"{quoted(value)} is not a string", choices)
        try:
            return cls(value)
        except ValueError:
            close = did_you_mean(value, allowed)
            hint = f"did you mean `{close}`? {choices}" if close else choices
            raise invalid(field, value, f"{quoted(value)} is not a valid value", hint) from None

    return convert


def optional_enum(cls: type[E], field: str) -> Callable[[Any], E | None]:
    convert = enum_converter(cls, field)

    def optional(value: Any) -> E | None:
        return None if value is None else convert(value)

    return optional


def sorted_tuple(field: str, value: Any) -> tuple[Any, ...]:
    """A list's items as a sorted tuple without duplicates; a string is not a list.

    Items that cannot be sorted (mixed or unhashable types) are kept as given, for the
    validator to reject them.
    """
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise invalid(field, value, f"{quoted(value)} is not a list", "write a JSON list: [...]")
    items = tuple(value)
    try:
        return tuple(sorted(set(items)))
    except TypeError:
        return items


def instance_of(cls: type, label: str) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    """A validator: the value is a ``cls`` (a date, not a datetime)."""

    def check(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None and attribute.default is None:
            return
        if not isinstance(value, cls) or (cls is dt.date and isinstance(value, dt.datetime)):
            hint = "pass a date, not a datetime" if isinstance(value, dt.datetime) else ""
            raise invalid(attribute.name, value, f"{quoted(value)} is not {label}", hint)

    return check


def text_of(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A validator for free text: a string (or null) that is valid Unicode."""
    if value is None:
        return
    if not isinstance(value, str):
        raise invalid(attribute.name, value, f"{quoted(value)} is not a string")
    if not is_unicode(value):
        raise invalid(attribute.name, value, f"{quoted(value)} is not valid text", SURROGATE_HINT)


SURROGATE_HINT = "it holds a lone surrogate (\\ud800 to \\udfff are valid only in pairs)"


def is_unicode(text: str) -> bool:
    """``text`` holds no lone surrogate, so that it can be written as UTF-8."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def text_field(**kwargs: Any) -> Any:
    return attrs.field(default=None, validator=text_of, **kwargs)


def tri(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not isinstance(value, bool):
        raise invalid(
            attribute.name,
            value,
            f"{quoted(value)} is not true, false or null",
            "null (or leaving the field out) means unknown",
        )


def check_countries(_: Any, attribute: attrs.Attribute[Any], value: tuple[str, ...] | None) -> None:
    if value is None:
        return
    bad = [code for code in value if not is_country(code)]
    if bad:
        raise InvalidCase.group(country_error(attribute.name, code) for code in bad)


def percent(_: Any, attribute: attrs.Attribute[Any], value: float | None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
        raise invalid(
            attribute.name,
            value,
            f"{quoted(value)} is not a percentage",
            "give a number from 0 to 100",
        )


def tri_field(doc: str) -> Any:
    return attrs.field(default=None, validator=tri, metadata={"doc": doc})


def countries_tuple(field: str) -> Callable[[Any], tuple[str, ...] | None]:
    def convert(value: Any) -> tuple[str, ...] | None:
        return None if value is None else sorted_tuple(field, value)

    return convert


def countries_field(doc: str, field: str) -> Any:
    return attrs.field(
        default=None,
        converter=countries_tuple(field),
        validator=check_countries,
        metadata={"doc": doc},
    )


def activities(value: Iterable[int] | None) -> tuple[int, ...] | None:
    if value is None:
        return None
    return sorted_tuple("hds_activities", value)


def check_activities(
    _: Any, attribute: attrs.Attribute[Any], value: tuple[int, ...] | None
) -> None:
    if value is None:
        return
    for item in value:
        if isinstance(item, bool) or not isinstance(item, int) or not 1 <= item <= 6:
            raise invalid(
                attribute.name,
                item,
                f"{quoted(item)} is not an HDS activity",
                "activities are numbered 1 to 6 (CSP R.1111-9)",
            )
