"""JSON (de)structuring with cattrs: strict input, canonical output.

Input is strict: no unknown keys, no coercion (``"yes"`` is not a boolean, ``5`` is
not a string), dates as ``YYYY-MM-DD``. Every failure becomes one
:class:`~cloudcentre.InvalidCase` naming the field path and the bad value.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
from collections.abc import Mapping
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from .._errors import InvalidCase
from ..law.language import Citation, Op, Quality
from .case import (
    Case,
    CertStatus,
    DerogationBasis,
    FieldError,
    HdsExemption,
    Milestone,
    OfferingKind,
    OrgKind,
    Scheme,
    Service,
    ServiceModel,
)

__all__ = [
    "case_from_dict",
    "case_from_json",
    "case_to_dict",
    "explicit_converter",
    "output_converter",
]

T = TypeVar("T")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class _Bad(ValueError):
    def __init__(self, value: object, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.value = value
        self.message = message
        self.hint = hint


def _show(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _strict(kind: type, label: str) -> Any:
    def hook(value: Any, _: Any) -> Any:
        if isinstance(value, bool) and kind is not bool:
            raise _Bad(value, f"`{_show(value)}` is not {label}")
        if kind is float and isinstance(value, int):
            return value
        if not isinstance(value, kind):
            raise _Bad(value, f"`{_show(value)}` is not {label}")
        return value

    return hook


def _date(value: Any, _: Any) -> dt.date:
    if not isinstance(value, str) or not _DATE.match(value):
        raise _Bad(value, f"`{_show(value)}` is not a date", "write dates as YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _Bad(value, f"`{_show(value)}` is not a date", "write dates as YYYY-MM-DD") from None


def _enum(value: Any, cls: type[enum.Enum]) -> enum.Enum:
    allowed = ", ".join(f"`{m.value}`" for m in cls)
    if not isinstance(value, str):
        raise _Bad(value, f"`{_show(value)}` is not a string", f"one of {allowed}")
    try:
        return cls(value)
    except ValueError:
        raise _Bad(value, f"`{_show(value)}` is not a valid value", f"one of {allowed}") from None


def _tuple(value: Any, type_: Any) -> tuple[Any, ...]:
    if not isinstance(value, list):
        raise _Bad(value, f"`{_show(value)}` is not a list")
    item_type = type_.__args__[0]
    out = []
    for i, item in enumerate(value):
        try:
            out.append(_input.structure(item, item_type))
        except (_Bad, FieldError) as exc:
            raise _Located([f"[{i}]"], exc) from None
        except (ClassValidationError, IterableValidationError, _Located) as exc:
            path, leaf = _locate(exc, [f"[{i}]"])
            raise _Located(path, leaf) from None
    return tuple(out)


class _Located(Exception):
    def __init__(self, path: list[str], error: BaseException) -> None:
        super().__init__(str(error))
        self.path = path
        self.error = error


_input = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
_input.register_structure_hook(bool, _strict(bool, "true or false"))
_input.register_structure_hook(str, _strict(str, "a string"))
_input.register_structure_hook(int, _strict(int, "an integer"))
_input.register_structure_hook(float, _strict(float, "a number"))
_input.register_structure_hook(dt.date, _date)
#: The input model's enums. StrEnums are str subclasses, so each must be registered
#: by name, or the str hook would win over any enum predicate hook.
_MODEL_ENUMS: tuple[type[enum.Enum], ...] = (
    OrgKind,
    OfferingKind,
    ServiceModel,
    Scheme,
    CertStatus,
    HdsExemption,
    DerogationBasis,
    Milestone,
    Service,
)
for _enum_cls in _MODEL_ENUMS:
    _input.register_structure_hook(_enum_cls, _enum)


def _object_hook(cls: type[Any]) -> Any:
    inner = make_dict_structure_fn(
        cls, _input, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
    )

    def hook(value: Any, _: Any) -> Any:
        if not isinstance(value, Mapping):
            raise _Bad(
                value,
                f"`{_show(value)}` is not an object",
                "this field holds a JSON object with named fields",
            )
        return inner(value, cls)

    return hook


_input.register_structure_hook_factory(attrs.has, _object_hook)
_input.register_structure_hook_func(
    lambda t: (
        getattr(t, "__origin__", None) is tuple
        and len(t.__args__) == 2
        and t.__args__[1] is Ellipsis
    ),
    _tuple,
)


def _locate(exc: BaseException, path: list[str]) -> tuple[list[str], BaseException]:
    """Follow cattrs' exception groups down to the first leaf, collecting the path."""
    if isinstance(exc, _Located):
        return [*path, *exc.path], exc.error
    if isinstance(exc, ForbiddenExtraKeysError):
        return path, exc
    if isinstance(exc, ClassValidationError | IterableValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            step = getattr(note, "name", None)
            if step is not None:
                return _locate(sub, [*path, str(step)])
            index = getattr(note, "index", None)
            if index is not None:
                return _locate(sub, [*path, f"[{index}]"])
            return _locate(sub, path)
        for sub in without:
            return _locate(sub, path)
    return path, exc


def _join(parts: list[str]) -> str:
    out = ""
    for part in parts:
        if part.startswith("["):
            out += part
        elif part:
            out += ("." if out else "") + part
    return out or "$"


def _to_invalid(exc: BaseException) -> InvalidCase:
    path, leaf = _locate(exc, [])
    if isinstance(leaf, ForbiddenExtraKeysError):
        key = sorted(leaf.extra_fields)[0]
        fields = ", ".join(f"`{f.name}`" for f in attrs.fields(leaf.cl))
        return InvalidCase(
            f"unknown key `{key}`",
            path=_join([*path, key]),
            value=key,
            hint=f"known keys here: {fields}",
        )
    if isinstance(leaf, FieldError):
        return InvalidCase(
            leaf.message, path=_join([*path, leaf.field]), value=leaf.value, hint=leaf.hint
        )
    if isinstance(leaf, _Bad):
        return InvalidCase(leaf.message, path=_join(path), value=leaf.value, hint=leaf.hint)
    if isinstance(leaf, KeyError):
        key = str(leaf.args[0])
        return InvalidCase(
            "required field is missing",
            path=_join(path if path and path[-1] == key else [*path, key]),
            hint="see the case format in docs/case-format.md",
        )
    if isinstance(leaf, TypeError) and "missing" in str(leaf) and "required" in str(leaf):
        name = re.findall(r"'([^']+)'", str(leaf))
        return InvalidCase(
            "required field is missing",
            path=_join([*path, *(name[:1])]),
            hint="see the case format in docs/case-format.md",
        )
    if isinstance(leaf, AttributeError | TypeError) and "is not" not in str(leaf):
        return InvalidCase(
            "expected an object",
            path=_join(path),
            hint="this field holds a JSON object with named fields",
        )
    return InvalidCase(str(leaf).split("\n")[0].lower(), path=_join(path))


def case_from_dict(data: Mapping[str, Any]) -> Case:
    """Build a :class:`Case` from plain JSON-like data; raise :class:`InvalidCase` if bad."""
    if not isinstance(data, Mapping):
        raise InvalidCase(
            f"`{_show(data)[:40]}` is not an object",
            path="$",
            value=data,
            hint="a case is a JSON object; see docs/case-format.md",
        )
    try:
        return _input.structure(dict(data), Case)
    except (ClassValidationError, IterableValidationError, _Located, _Bad, FieldError) as exc:
        raise _to_invalid(exc) from None


def case_from_json(text: str | bytes) -> Case:
    """Parse a JSON case; raise :class:`InvalidCase` on malformed JSON or bad fields."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidCase(
            f"malformed json: {exc.msg.lower()} at line {exc.lineno} column {exc.colno}",
            path="$",
            hint="check the file is valid JSON",
        ) from None
    return case_from_dict(data)


# --------------------------------------------------------------------------- output
def _json_converter(
    *, omit_if_default: bool, enums: tuple[type[enum.Enum], ...]
) -> cattrs.Converter:
    """A converter whose output is plain JSON data: ISO dates, enum values.

    StrEnums are str subclasses, so the str hook would pass them through as enum
    objects: each one is registered by name (the model's, the rule language's, and
    those the caller adds, such as a decision's statuses and verdicts).
    """
    converter = cattrs.Converter(omit_if_default=omit_if_default)
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    for cls in (*_MODEL_ENUMS, Quality, Op, *enums):
        converter.register_unstructure_hook(cls, lambda v: v.value)
    return converter


def output_converter(*enums: type[enum.Enum]) -> cattrs.Converter:
    """Output: defaults (empty entity, no derivation, no assumption, empty quote) are omitted.

    A citation always shows its quality and date; only an empty quote is left out.
    """
    converter = _json_converter(omit_if_default=True, enums=enums)
    converter.register_unstructure_hook(
        Citation,
        make_dict_unstructure_fn(
            Citation, converter, _cattrs_omit_if_default=False, quote=override(omit_if_default=True)
        ),
    )
    return converter


def explicit_converter(*enums: type[enum.Enum]) -> cattrs.Converter:
    """Rules output: every field explicit, so tools can rely on the keys being there."""
    return _json_converter(omit_if_default=False, enums=enums)


_output = output_converter()


def case_to_dict(case: Case) -> dict[str, Any]:
    """The JSON form of a case, without unknown (null) fields."""
    return _output.unstructure(case)  # type: ignore[no-any-return]
