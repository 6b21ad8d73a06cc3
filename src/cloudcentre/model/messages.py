"""How error messages show a bad value, and suggest the value that was probably meant.

:func:`show` never fails and never grows with its input: long strings and lists are
cut (saying how long they were), huge integers give their first and last digits and
their length, lone surrogates and control characters are escaped.
"""

from __future__ import annotations

import difflib
import json
import math
import re
from collections.abc import Iterable, Mapping

__all__ = ["HugeInteger", "did_you_mean", "int_digits", "path_key", "quoted", "show"]

#: Characters of a string shown before it is cut.
SHOWN_CHARS = 60
#: Items of a list or object shown before it is cut.
SHOWN_ITEMS = 5
#: Nesting shown before a container is abbreviated.
SHOWN_DEPTH = 2
#: Integers with more digits than this are shown as ``first…last (N digits)``.
SHOWN_DIGITS = 30


def int_digits(value: int) -> int:
    """The number of decimal digits of ``value`` (without converting it to text)."""
    if value == 0:
        return 1
    estimate = int(abs(value).bit_length() * math.log10(2)) + 1
    # The estimate may be one too high; compare with a power of ten to be exact.
    return estimate if abs(value) >= 10 ** (estimate - 1) else estimate - 1


def _digits(text: str) -> str:
    sign = "-" if text.startswith("-") else ""
    body = text.lstrip("-")
    if len(body) <= SHOWN_DIGITS:
        return text
    return f"{sign}{body[:6]}…{body[-6:]} ({len(body):,} digits)"


def _int(value: int) -> str:
    digits = int_digits(value)
    if digits <= SHOWN_DIGITS:
        return str(value)
    sign = "-" if value < 0 else ""
    magnitude = abs(value)
    head = magnitude // 10 ** (digits - 6)
    tail = magnitude % 10**6
    return f"{sign}{head}…{tail:06d} ({digits:,} digits)"


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _string(value: str) -> str:
    cut = value if len(value) <= SHOWN_CHARS else value[:SHOWN_CHARS]
    # Non-printable characters (controls, line separators, lone surrogates) are escaped:
    # a message stays one printable line.
    text = "".join(
        c if c.isprintable() else _escape(c) for c in json.dumps(cut, ensure_ascii=False)
    )
    if len(value) > SHOWN_CHARS:
        text = f'{text[:-1]}…" ({len(value):,} characters)'
    return text


def _show(value: object, depth: int) -> str:
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, int):
        return _int(value)
    if isinstance(value, float):
        return json.dumps(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, HugeInteger):
        return _digits(value.text)
    if isinstance(value, Mapping):
        if depth >= SHOWN_DEPTH:
            return "{…}" if value else "{}"
        items = [
            f"{_show(k, depth + 1)}: {_show(v, depth + 1)}"
            for k, v in list(value.items())[:SHOWN_ITEMS]
        ]
        more = ", …" if len(value) > SHOWN_ITEMS else ""
        return "{" + ", ".join(items) + more + "}"
    if isinstance(value, list | tuple):
        if depth >= SHOWN_DEPTH:
            return "[…]" if value else "[]"
        items = [_show(v, depth + 1) for v in value[:SHOWN_ITEMS]]
        more = f", … ({len(value):,} items)" if len(value) > SHOWN_ITEMS else ""
        return "[" + ", ".join(items) + more + "]"
    text = repr(value)
    if len(text) > SHOWN_CHARS:
        text = text[:SHOWN_CHARS] + "…"
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def show(value: object) -> str:
    """``value`` as JSON-like text for a message (without backticks), short and printable."""
    return _show(value, 0)


_NOTE = re.compile(r"^(.*) (\([\d,]+ (?:digits|characters)\))$", re.DOTALL)


def quoted(value: object) -> str:
    """``value`` in backticks for a message; a cut value's length follows the backticks."""
    text = show(value)
    match = _NOTE.match(text)
    if match:
        return f"`{match.group(1)}` {match.group(2)}"
    return f"`{text}`"


class HugeInteger:
    """A JSON integer too long to convert (``text`` holds its digits); never a valid value."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return f"HugeInteger({_digits(self.text)})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, HugeInteger) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)


def path_key(key: str) -> str:
    """A key as a step of a field path: itself, or quoted and escaped if it is not plain."""
    plain = key and key.isprintable() and len(key) <= SHOWN_CHARS and not set(key) & set('.[]"`')
    return key if plain else _string(key)


def did_you_mean(value: object, candidates: Iterable[str]) -> str | None:
    """The candidate closest to ``value`` (ignoring case), if one is close enough."""
    if not isinstance(value, str) or not value or len(value) > 100:
        return None
    options = {c.lower(): c for c in candidates}
    if value.lower() in options:
        return options[value.lower()]
    close = difflib.get_close_matches(value.lower(), list(options), n=1, cutoff=0.75)
    return options[close[0]] if close else None
