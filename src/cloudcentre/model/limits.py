"""Input limits and the checks that run before a case is structured.

Hostile or mistaken input must give a clear :class:`~cloudcentre.InvalidCase`, never
another exception, a hang, or a silently changed case. Before the loader structures
the data, :func:`parse_json` and :func:`check_tree` reject, each with a field path:

* input larger than :attr:`InputLimits.max_bytes` (JSON text only);
* text that is not UTF-8 (bytes are decoded strictly; a leading UTF-8 BOM is allowed);
* objects nested deeper than :attr:`InputLimits.max_depth`, strings longer than
  :attr:`InputLimits.max_string_length`, lists longer than :attr:`InputLimits.max_list_length`;
* more certificates than :attr:`InputLimits.max_certificates`;
* duplicate keys in a JSON object (the last would silently win), keys that are not
  strings (a dict built in Python), strings holding a lone surrogate (``"\\ud800"``),
  and integers of more than :data:`MAX_INTEGER_DIGITS` digits.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import attrs

from .._errors import InvalidArgument, InvalidCase, join_path
from .fields import SURROGATE_HINT, is_unicode
from .messages import HugeInteger, int_digits, path_key, quoted

__all__ = [
    "DEFAULT_LIMITS",
    "MAX_INTEGER_DIGITS",
    "InputLimits",
    "check_tree",
    "decode_utf8",
    "parse_json",
]

#: Integers with more digits than this are rejected (a case's numbers are percentages
#: and HDS activity numbers; Python refuses to convert more than 4,300 digits anyway).
MAX_INTEGER_DIGITS = 100
#: The deepest nesting :class:`InputLimits` accepts: Python's JSON parser and the loader
#: recurse, and Python's recursion limit is about 1,000 frames.
DEPTH_CEILING = 200
_LIMIT_HINT = "the limits are set with cloudcentre.InputLimits (see docs/case-format.md)"


def _positive(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidArgument(f"{attribute.name}: {quoted(value)} is not a positive integer")


def _depth(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    _positive(instance, attribute, value)
    if value > DEPTH_CEILING:
        raise InvalidArgument(
            f"max_depth: `{value}` is more than {DEPTH_CEILING} "
            "(deeper nesting would exhaust Python's recursion limit)"
        )


@attrs.frozen(slots=True)
class InputLimits:
    """How large an input case may be. Past a limit, the loader raises ``InvalidCase``.

    The defaults are far above any real case (the case format nests 5 levels deep)
    and keep a hostile input from taking much time or memory.
    """

    max_bytes: int = attrs.field(default=10_000_000, validator=_positive)
    """Size of a JSON text, in bytes of UTF-8 (10 MB)."""
    max_depth: int = attrs.field(default=32, validator=_depth)
    """Nesting of objects and lists (at most 200)."""
    max_string_length: int = attrs.field(default=10_000, validator=_positive)
    """Characters in one string (a value or a key)."""
    max_list_length: int = attrs.field(default=10_000, validator=_positive)
    """Items in one list (and keys in one object)."""
    max_certificates: int = attrs.field(default=100, validator=_positive)
    """Certificates of the offering: a timeline evaluates the case on every date of every
    certificate, so its time grows with the square of their number (100 take seconds)."""


#: The limits used when none are given.
DEFAULT_LIMITS = InputLimits()


class _DuplicateKeys(dict[str, Any]):
    """A JSON object in which some key appeared more than once (the last value kept)."""

    __slots__ = ("duplicates",)

    def __init__(self, pairs: list[tuple[str, Any]], duplicates: list[str]) -> None:
        super().__init__(pairs)
        self.duplicates = duplicates


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) == len(pairs):
        return result
    seen: set[str] = set()
    duplicates: list[str] = []
    for key, _ in pairs:
        if key in seen and key not in duplicates:
            duplicates.append(key)
        seen.add(key)
    return _DuplicateKeys(pairs, duplicates)


def _integer(text: str) -> int | HugeInteger:
    if len(text.lstrip("-")) > MAX_INTEGER_DIGITS:
        return HugeInteger(text)
    return int(text)


def _too_large(size: int, limits: InputLimits, where: str) -> InvalidCase:
    return InvalidCase(
        f"the input is over the size limit of {limits.max_bytes:,} bytes (max_bytes)",
        path=where,
        value=size,
        hint=_LIMIT_HINT,
    )


def decode_utf8(data: bytes, limits: InputLimits = DEFAULT_LIMITS, where: str = "$") -> str:
    """``data`` as text: strict UTF-8 (a leading BOM is dropped), within the size limit."""
    if len(data) > limits.max_bytes:
        raise _too_large(len(data), limits, where)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4]:
        raise InvalidCase(
            "the input is not UTF-8 text (it looks like UTF-16)",
            path=where,
            hint="save the case as UTF-8 JSON",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        byte = data[exc.start : exc.start + 1].hex()
        raise InvalidCase(
            f"the input is not UTF-8 text: byte `0x{byte}` at offset {exc.start:,} is invalid",
            path=where,
            hint="save the case as UTF-8 JSON",
        ) from None


def parse_json(text: str | bytes | bytearray, limits: InputLimits = DEFAULT_LIMITS) -> Any:
    """Parse a JSON case text; raise :class:`InvalidCase` for what JSON itself rejects.

    Duplicate keys and overlong integers are only marked here; :func:`check_tree`
    reports them with their path.
    """
    if isinstance(text, bytes | bytearray):
        text = decode_utf8(bytes(text), limits)
    elif not isinstance(text, str):
        raise InvalidArgument(
            f"`{type(text).__name__}` is not JSON text: pass a str or bytes "
            "(or a dict to case_from_dict)"
        )
    else:
        if len(text) > limits.max_bytes // 4:  # only then may the UTF-8 size be over
            size = len(text.encode("utf-8", "surrogatepass"))
            if size > limits.max_bytes:
                raise _too_large(size, limits, "$")
        text = text.removeprefix("\ufeff")
    try:
        return json.loads(text, object_pairs_hook=_object, parse_int=_integer)
    except json.JSONDecodeError as exc:
        raise InvalidCase(
            f"malformed json: {exc.msg.lower()} at line {exc.lineno} column {exc.colno}",
            path="$",
            hint="check the file is valid JSON",
        ) from None
    except RecursionError:
        raise InvalidCase(
            f"the input nests deeper than the limit of {limits.max_depth} levels (max_depth)",
            path="$",
            hint=_LIMIT_HINT,
        ) from None


def _key_error(key: object, path: list[str]) -> InvalidCase | None:
    if not isinstance(key, str):
        return InvalidCase(
            f"key {quoted(key)} is not a string",
            path=join_path(path),
            value=key,
            hint="the keys of a case are field names, such as `organisation`",
        )
    if not is_unicode(key):
        return InvalidCase(
            f"key {quoted(key)} is not valid text",
            path=join_path(path),
            value=key,
            hint=SURROGATE_HINT,
        )
    return None


def _scalar_error(value: object, path: list[str], limits: InputLimits) -> InvalidCase | None:
    where = join_path(path)
    if isinstance(value, str):
        if len(value) > limits.max_string_length:
            return InvalidCase(
                f"{quoted(value)} is over the length limit of {limits.max_string_length:,} "
                "characters (max_string_length)",
                path=where,
                value=value,
                hint=_LIMIT_HINT,
            )
        if not is_unicode(value):
            return InvalidCase(
                f"{quoted(value)} is not valid text", path=where, value=value, hint=SURROGATE_HINT
            )
    huge = isinstance(value, HugeInteger) or (
        isinstance(value, int)
        and not isinstance(value, bool)
        and value.bit_length() > 3 * MAX_INTEGER_DIGITS  # cheap pre-test: 2**300 > 10**90
        and int_digits(value) > MAX_INTEGER_DIGITS
    )
    if huge:
        return InvalidCase(
            f"{quoted(value)} is too long a number",
            path=where,
            value=value,
            hint="the numbers of a case are percentages (0 to 100) and HDS activities (1 to 6)",
        )
    return None


def _certificates(data: object, limits: InputLimits) -> list[InvalidCase]:
    offering = data.get("offering") if isinstance(data, Mapping) else None
    certificates = offering.get("certifications") if isinstance(offering, Mapping) else None
    if isinstance(certificates, list) and len(certificates) > limits.max_certificates:
        return [
            InvalidCase(
                f"{len(certificates):,} certificates are over the limit of "
                f"{limits.max_certificates:,} (max_certificates)",
                path="offering.certifications",
                hint=_LIMIT_HINT,
            )
        ]
    return []


def check_tree(data: object, limits: InputLimits = DEFAULT_LIMITS) -> list[InvalidCase]:
    """Every limit or encoding error in JSON-like ``data``, in document order.

    The walk is iterative: any depth of nesting is safe to check.
    """
    errors: list[InvalidCase] = _certificates(data, limits)
    # (value, path, depth); a stack, with children pushed in reverse to keep the order.
    stack: list[tuple[object, list[str], int]] = [(data, [], 0)]
    while stack:
        value, path, depth = stack.pop()
        is_object = isinstance(value, Mapping)
        if not is_object and not isinstance(value, list | tuple):
            error = _scalar_error(value, path, limits)
            if error is not None:
                errors.append(error)
            continue
        assert isinstance(value, Mapping | list | tuple)
        if depth >= limits.max_depth:
            errors.append(
                InvalidCase(
                    f"nesting deeper than the limit of {limits.max_depth} levels (max_depth)",
                    path=join_path(path),
                    hint=_LIMIT_HINT,
                )
            )
            continue
        if len(value) > limits.max_list_length:
            what = "keys" if is_object else "items"
            errors.append(
                InvalidCase(
                    f"{len(value):,} {what} are over the limit of {limits.max_list_length:,} "
                    "(max_list_length)",
                    path=join_path(path),
                    hint=_LIMIT_HINT,
                )
            )
            continue
        children: list[tuple[object, list[str], int]] = []
        if isinstance(value, Mapping):
            for key in getattr(value, "duplicates", ()):
                errors.append(
                    InvalidCase(
                        f"duplicate key {quoted(key)}",
                        path=join_path([*path, path_key(key)]),
                        value=key,
                        hint="a key may appear once in an object (the last one would win)",
                    )
                )
            for key, item in value.items():
                error = _key_error(key, path)
                if error is None and len(key) > limits.max_string_length:
                    error = _scalar_error(key, path, limits)
                if error is not None:
                    errors.append(error)
                    continue
                children.append((item, [*path, path_key(key)], depth + 1))
        else:
            children = [(item, [*path, f"[{i}]"], depth + 1) for i, item in enumerate(value)]
        stack.extend(reversed(children))
    return errors
