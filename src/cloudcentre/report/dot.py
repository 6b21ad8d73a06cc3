"""The justification as a Graphviz graph (``dot``): verdict ← requirements ← facts ← rules.

Each fact and each rule is one node, however many requirements use it, so the graph
shows the shared derivations once. Inputs are labelled by their case-format field.
"""

from __future__ import annotations

import json

from ..decide.outcome import Decision, FactNode, Status
from ..model.facts import LISTED_FACTS
from .explain import field_label, show_value
from .i18n import Lang, message

__all__ = ["render_dot"]

_COLOUR = {
    Status.MET: "palegreen",
    Status.UNMET: "lightpink",
    Status.UNKNOWN: "khaki",
    Status.DEROGATED: "lightblue",
    Status.NOT_APPLICABLE: "lightgrey",
}


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def render_dot(decision: Decision, lang: Lang = "en") -> str:
    """The decision's justification graph in the Graphviz ``dot`` language."""
    nodes: dict[str, str] = {}
    edges: dict[tuple[str, str], None] = {}

    def fact(node: FactNode) -> str:
        where = f"[{node.entity}]" if node.entity else ""
        if node.source == "input" and not node.derived_by:
            field = field_label(node.fact, node.entity)
            key = f"in:{field}={show_value(node.value)}"
            label = f"{field} = {show_value(node.value)}"
            if node.fact in LISTED_FACTS:
                label = f"{field} (listed)"
            nodes.setdefault(key, f"label={_q(label)}, shape=note")
            return key
        key = f"fact:{node.fact}{where}={show_value(node.value)}"
        if key in nodes:
            return key
        style = "dashed" if node.source == "unknown" else "solid"
        nodes[key] = (
            f"label={_q(node.fact + where + ' = ' + show_value(node.value))}, style={style}"
        )
        for step in node.derived_by:
            rule = f"rule:{step.rule}"
            nodes.setdefault(rule, f"label={_q(step.rule)}, shape=box, style=rounded")
            edges[(rule, key)] = None
            for premise in step.because:
                edges[(fact(premise), rule)] = None
        return key

    verdict = "verdict"
    nodes[verdict] = f"label={_q(message(decision.verdict.value, lang))}, shape=doubleoctagon"
    for req in decision.requirements:
        key = f"req:{req.id}"
        nodes[key] = (
            f"label={_q(req.id + ': ' + message(req.status.value, lang))}, shape=box, "
            f"style=filled, fillcolor={_COLOUR[req.status]}"
        )
        edges[(key, verdict)] = None
        for node in req.because:
            edges[(fact(node), key)] = None
    lines = ["digraph justification {", "  rankdir=RL;", "  node [fontname=Helvetica];"]
    lines += [f"  {_q(k)} [{v}];" for k, v in nodes.items()]
    lines += [f"  {_q(a)} -> {_q(b)};" for a, b in edges]
    lines.append("}")
    return "\n".join(lines) + "\n"
