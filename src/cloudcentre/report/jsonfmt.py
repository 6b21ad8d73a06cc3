"""The decision JSON as the command line prints it: indented by two spaces, except that
each item of a list of records (a requirement, a question, an assumption, and each node
of the justification graph: a fact, a rule application) takes one line, so that a
decision reads as a set of tables and stays small."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

__all__ = ["decision_json"]

#: Lists whose items are printed one per line, by their path.
_ONE_LINE = frozenset(
    {
        ("requirements",),
        ("missing",),
        ("assumptions",),
        ("justification", "requirements"),
        ("justification", "facts"),
        ("justification", "derivations"),
    }
)


def decision_json(data: Mapping[str, Any]) -> str:
    """``data`` (``Decision.to_dict()``) as text, ending with a newline. Deterministic."""
    return _dump(data, 0, ()) + "\n"


def _dump(value: Any, depth: int, path: tuple[str, ...]) -> str:
    pad = "  " * depth
    inner = "  " * (depth + 1)
    if isinstance(value, Mapping) and value:
        items = [
            f"{inner}{json.dumps(key, ensure_ascii=False)}: {_dump(item, depth + 1, (*path, key))}"
            for key, item in value.items()
        ]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list) and value:
        if path in _ONE_LINE:
            lines = [inner + json.dumps(item, ensure_ascii=False) for item in value]
        else:
            lines = [inner + _dump(item, depth + 1, (*path, "[]")) for item in value]
        return "[\n" + ",\n".join(lines) + "\n" + pad + "]"
    return json.dumps(value, ensure_ascii=False)
