"""JSON (de)structuring with cattrs: strict input, canonical output.

Input is strict: no unknown keys, no coercion (``"yes"`` is not a boolean, ``5`` is
not a string), dates as ``YYYY-MM-DD``. Every failure becomes one
:class:`~cloudcentre.InvalidCase` naming the field path and the bad value.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Mapping
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from .._errors import InvalidArgument, InvalidCase, join_path
from ..law.language import Citation, Op, Quality
from .case import (
    Case,
    CertStatus,
    DerogationBasis,
    HdsExemption,
    Milestone,
    OfferingKind,
    OrgKind,
    Scheme,
    Service,
    ServiceModel,
)
from .limits import DEFAULT_LIMITS, InputLimits, check_tree, parse_json
from .messages import did_you_mean, path_key, quoted, show

__all__ = [
    "case_from_dict",
    "case_from_json",
    "case_to_dict",
    "check_case_data",
    "explicit_converter",
    "output_converter",
]

T = TypeVar("T")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATE_HINT = "write dates as YYYY-MM-DD"


def _strict(kind: type, label: str) -> Any:
    def hook(value: Any, _: Any) -> Any:
        if isinstance(value, bool) and kind is not bool:
            raise InvalidCase(f"{quoted(value)} is not {label}", value=value)
        if kind is float and isinstance(value, int):
            return value
        if not isinstance(value, kind):
            raise InvalidCase(f"{quoted(value)} is not {label}", value=value)
        return value

    return hook


def _date(value: Any, _: Any) -> dt.date:
    if not isinstance(value, str) or not _DATE.match(value):
        raise InvalidCase(f"{quoted(value)} is not a date", value=value, hint=_DATE_HINT)
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidCase(f"{quoted(value)} is not a date", value=value, hint=_DATE_HINT) from None


def _enum(value: Any, cls: type[enum.Enum]) -> enum.Enum:
    allowed = [str(m.value) for m in cls]
    choices = "one of " + ", ".join(f"`{a}`" for a in allowed)
    if not isinstance(value, str):
        raise InvalidCase(f"{quoted(value)} is not a string", value=value, hint=choices)
    try:
        return cls(value)
    except ValueError:
        close = did_you_mean(value, allowed)
        hint = f"did you mean `{close}`? {choices}" if close else choices
        raise InvalidCase(f"{quoted(value)} is not a valid value", value=value, hint=hint) from None


def _tuple(value: Any, type_: Any) -> tuple[Any, ...]:
    if not isinstance(value, list):
        raise InvalidCase(f"{quoted(value)} is not a list", value=value)
    item_type = type_.__args__[0]
    out = []
    errors: list[InvalidCase] = []
    for i, item in enumerate(value):
        try:
            out.append(_input.structure(item, item_type))
        except (InvalidCase, ClassValidationError, IterableValidationError) as exc:
            errors.extend(_errors(exc, [f"[{i}]"]))
    if errors:
        raise InvalidCase.group(errors)
    return tuple(out)


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
            raise InvalidCase(
                f"{quoted(value)} is not an object",
                value=value,
                hint="this field holds a JSON object with named fields",
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


def _key(key: str) -> str:
    return key if key.isprintable() and len(key) <= 60 else show(key)


def _unknown_keys(exc: ForbiddenExtraKeysError, path: list[str]) -> list[InvalidCase]:
    names = [f.name for f in attrs.fields(exc.cl)]
    known = "known keys here: " + ", ".join(f"`{name}`" for name in names)
    out = []
    for key in sorted(exc.extra_fields):
        close = did_you_mean(key, names)
        out.append(
            InvalidCase(
                f"unknown key `{_key(key)}`",
                path=join_path([*path, path_key(key)]),
                value=key,
                hint=f"did you mean `{close}`? {known}" if close else known,
            )
        )
    return out


def _errors(exc: BaseException, path: list[str]) -> list[InvalidCase]:
    """Every error in cattrs' exception groups, each with its field path."""
    if isinstance(exc, InvalidCase):
        return list(exc.under(*path).errors)
    if isinstance(exc, ForbiddenExtraKeysError):
        return _unknown_keys(exc, path)
    if isinstance(exc, ClassValidationError | IterableValidationError):
        with_notes, without = exc.group_exceptions()
        out: list[InvalidCase] = []
        for sub, note in with_notes:
            step = getattr(note, "name", None)
            index = getattr(note, "index", None)
            if step is not None:
                out.extend(_errors(sub, [*path, str(step)]))
            elif index is not None:
                out.extend(_errors(sub, [*path, f"[{index}]"]))
            else:
                out.extend(_errors(sub, path))
        for sub in without:
            out.extend(_errors(sub, path))
        return out
    missing = "required field is missing"
    hint = "see the case format in docs/case-format.md"
    if isinstance(exc, KeyError):
        key = str(exc.args[0])
        where = path if path and path[-1] == key else [*path, key]
        return [InvalidCase(missing, path=join_path(where), hint=hint)]
    text = str(exc)
    if isinstance(exc, TypeError) and "missing" in text and "required" in text:
        names = re.findall(r"'([^']+)'", text) or [""]
        return [InvalidCase(missing, path=join_path([*path, name]), hint=hint) for name in names]
    if isinstance(exc, AttributeError | TypeError) and "is not" not in text:
        return [
            InvalidCase(
                "expected an object",
                path=join_path(path),
                hint="this field holds a JSON object with named fields",
            )
        ]
    return [InvalidCase(text.split("\n")[0][:200].lower(), path=join_path(path))]


def _limits(limits: InputLimits | None) -> InputLimits:
    if limits is None:
        return DEFAULT_LIMITS
    if not isinstance(limits, InputLimits):
        raise InvalidArgument(f"limits: {quoted(limits)} is not a cloudcentre.InputLimits")
    return limits


def check_case_data(data: Mapping[str, Any], limits: InputLimits | None = None) -> None:
    """Raise :class:`InvalidCase` with every limit or encoding error of ``data`` (if any)."""
    errors = check_tree(data, _limits(limits))
    if errors:
        raise InvalidCase.group(errors)


def case_from_dict(data: Mapping[str, Any], *, limits: InputLimits | None = None) -> Case:
    """Build a :class:`Case` from plain JSON-like data; raise :class:`InvalidCase` if bad.

    Every error is reported (``InvalidCase.errors``), each with its field path. Limits
    and encoding errors (see :class:`InputLimits`) are checked first, and alone.
    """
    checked = _limits(limits)
    if not isinstance(data, Mapping):
        raise InvalidCase(
            f"{quoted(data)} is not an object",
            path="$",
            value=data,
            hint="a case is a JSON object; see docs/case-format.md",
        )
    check_case_data(data, checked)
    try:
        return _input.structure(dict(data), Case)
    except (ClassValidationError, IterableValidationError, InvalidCase) as exc:
        raise InvalidCase.group(_errors(exc, [])) from None


def case_from_json(text: str | bytes, *, limits: InputLimits | None = None) -> Case:
    """Parse a JSON case; raise :class:`InvalidCase` on malformed JSON or bad fields.

    Bytes must be UTF-8. ``limits`` (default :data:`DEFAULT_LIMITS`) bounds the size
    of the text and of what it holds.
    """
    checked = _limits(limits)
    return case_from_dict(parse_json(text, checked), limits=checked)


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
    if not isinstance(case, Case):
        raise InvalidArgument(f"{quoted(case)} is not a Case (load one with case_from_dict)")
    return _output.unstructure(case)  # type: ignore[no-any-return]
