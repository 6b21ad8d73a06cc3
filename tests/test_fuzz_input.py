"""Fuzzing the loader (issue 8): any input gives a decision or ``InvalidCase``, nothing else.

Inputs are arbitrary JSON, and the bundled examples mutated: a value replaced by an
arbitrary or tricky one (pseudo country codes, dates at the ends of the calendar, lone
surrogates, huge numbers...), a key dropped, added, misspelt or repeated, and bytes of
the JSON text deleted, inserted or replaced. Through the API they must give a decision
(whose JSON form is valid UTF-8) or an ``InvalidCase``; through the command line, exit
code 0, 3 or 4 with valid UTF-8 on standard output, or exit code 2 with one error per
line and nothing on standard output; never another exception, a traceback or a hang.

The JSON test runs 5,000 examples under the ``ci`` profile (CI=true), 300 otherwise;
the Python-dict and command-line tests fewer (each example of those costs more).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import math
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cloudcentre as cc
from cli_io import run_cli

ROOT = Path(__file__).resolve().parent.parent
#: The bundled examples' JSON texts (parsed afresh for each mutation: faster than a deep copy).
EXAMPLES: list[str] = [
    path.read_text(encoding="utf-8")
    for path in sorted((ROOT / "examples").glob("*.json"))
    if not path.name.endswith(".expected.json")
]
PREFIX = "cloudcentre: error: "
LEAKS = ("Traceback", "recursion", "set_int_max_str_digits", "object has no attribute")

_PROFILE = settings.get_current_profile_name()
API_EXAMPLES = {"ci": 5000, "dev": 50}.get(_PROFILE, 300)
CLI_EXAMPLES = {"ci": 300, "dev": 20}.get(_PROFILE, 60)
_FUZZ = settings(
    deadline=dt.timedelta(seconds=20),  # a hang, not a slow machine
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# ----------------------------------------------------------------------------- strategies
TRICKY: list[Any] = [
    "EU",
    "UK",
    "EL",
    "XX",
    "fr",
    "FRA",
    "GB",
    "GR",
    "",
    " FR",
    "9999-12-31",
    "9998-01-01",
    "9999-12-30",
    "0001-01-01",
    "2024-02-29",
    "2023-02-29",
    "2025-01-01T00:00:00",
    "\ud800",
    "\udc80",
    "x\udfffy",
    "\ud83d\ude00",
    "\x00",
    "é",
    "ﬀ",
    "A" * 20_000,
    0,
    -1,
    7,
    100,
    100.5,
    1e308,
    -0.0,
    10**40,
    math.nan,
    math.inf,
    True,
    False,
    None,
    [],
    {},
    ["EU"],
    ["FR", "fr"],
    [1, 6, 6],
    [None],
    [[[[]]]],
]
scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from(TRICKY).map(copy.deepcopy)  # fresh copies: mutations must not leak
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=8,
)
#: Python values a dict given to ``assess`` may hold that JSON cannot.
python_only = st.sampled_from(
    [10**5000, dt.date(2025, 1, 1), dt.datetime(2025, 1, 1), (1, 2), {"FR"}, b"FR", object()]
)


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            out.extend(_paths(value, (*path, key)))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out.extend(_paths(value, (*path, i)))
    return out


def _parent(case: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        case = case[step]
    return case


@st.composite
def mutated_examples(draw: st.DrawFn, python: bool = False) -> Any:
    """A bundled example with one to three mutations."""
    case = json.loads(EXAMPLES[draw(st.integers(0, len(EXAMPLES) - 1))])
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(case)
        path = paths[draw(st.integers(0, len(paths) - 1))]
        if not path:
            continue
        parent = _parent(case, path)
        action = draw(st.sampled_from(["replace", "tricky", "drop", "add", "misspell", "wrap"]))
        if action == "replace":
            parent[path[-1]] = draw(python_only | json_values if python else json_values)
        elif action == "tricky":
            parent[path[-1]] = copy.deepcopy(draw(st.sampled_from(TRICKY)))
        elif action == "drop":
            del parent[path[-1]]
        elif action == "wrap":
            parent[path[-1]] = [parent[path[-1]]]
        elif isinstance(parent, dict):
            key = path[-1]
            new: Any
            if action == "misspell" and isinstance(key, str) and key:
                i = draw(st.integers(0, len(key) - 1))
                new = key[:i] + key[i + 1 :]
            else:
                keys = st.text(max_size=8) | st.integers() if python else st.text(max_size=8)
                new = draw(keys)
            parent[new] = draw(json_values)
    return case


def _text(case: Any, ensure_ascii: bool) -> str:
    return json.dumps(case, ensure_ascii=ensure_ascii)


@st.composite
def byte_edits(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` with a few bytes deleted, inserted or replaced, or a key repeated."""
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["delete", "insert", "replace", "digits", "duplicate"]))
        if kind == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 8)) :]
        elif kind == "insert":
            data = data[:at] + draw(st.binary(min_size=1, max_size=4)) + data[at:]
        elif kind == "replace" and at < len(data):
            data = data[:at] + draw(st.binary(min_size=1, max_size=1)) + data[at + 1 :]
        elif kind == "digits":
            data = data[:at] + b"9" * draw(st.sampled_from([20, 400, 5000])) + data[at:]
        elif kind == "duplicate" and data.endswith(b"}"):
            data = data[:-1] + b', "organisation": {"kind": "private_body"}}'
    return data


@st.composite
def json_inputs(draw: st.DrawFn) -> str | bytes:
    """JSON text or bytes: arbitrary, a mutated example, or either with bytes edited."""
    source = draw(st.sampled_from(["arbitrary", "example", "example", "example"]))
    case = draw(json_values) if source == "arbitrary" else draw(mutated_examples())
    text = _text(case, draw(st.booleans()))
    if draw(st.integers(0, 3)) == 0:
        return draw(byte_edits(text.encode("utf-8", "surrogatepass")))
    return text if draw(st.booleans()) else text.encode("utf-8", "surrogatepass")


# ----------------------------------------------------------------------------- checks
def _check_error(error: cc.InvalidCase) -> None:
    assert isinstance(error, ValueError)
    text = str(error)
    text.encode("utf-8")  # printable
    assert text.splitlines() == error.lines()
    assert 1 <= len(error.lines()) <= 21
    for line in error.lines():
        assert line, text
        assert not any(leak in line for leak in LEAKS), line
    for one in error.errors:
        assert "\n" not in one.one_line(), one.one_line()
        assert len(one.one_line()) < 2_000


def _check_decision(decision: cc.Decision) -> None:
    assert decision.verdict in cc.Verdict
    json.dumps(decision.to_dict(), ensure_ascii=False).encode("utf-8")


# ----------------------------------------------------------------------------- API
@settings(_FUZZ, max_examples=API_EXAMPLES)
@given(json_inputs())
def test_json_gives_a_decision_or_invalid_case(data: str | bytes) -> None:
    try:
        case = cc.case_from_json(data)
    except cc.InvalidCase as error:
        _check_error(error)
        return
    _check_decision(cc.assess(case))


@settings(_FUZZ, max_examples=max(API_EXAMPLES // 12, 20))
@given(mutated_examples(python=True))
def test_python_dicts_give_a_decision_or_invalid_case(case: Any) -> None:
    try:
        decision = cc.assess(case)
    except cc.InvalidCase as error:
        _check_error(error)
        return
    _check_decision(decision)


# ----------------------------------------------------------------------------- CLI
@settings(_FUZZ, max_examples=CLI_EXAMPLES)
@given(
    json_inputs(),
    st.sampled_from(["assess", "assess", "assess", "timeline"]),
    st.sampled_from(["json", "text"]),
    st.sampled_from(["latin-1", "ascii", "utf-8"]),
)
def test_command_line_exit_codes_and_utf8(
    data: str | bytes, command: str, fmt: str, encoding: str
) -> None:
    raw = data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")
    code, out, err = run_cli([command, "-", "--format", fmt], raw, encoding=encoding)
    assert "Traceback" not in err
    if code == 2:
        assert out == b""
        lines = err.splitlines()
        assert lines, err
        assert all(line.startswith(PREFIX) for line in lines), err
        return
    assert code in ((0, 3, 4) if command == "assess" else (0,)), err
    assert err == ""
    assert out.decode("utf-8")  # valid UTF-8, whatever the locale's encoding
