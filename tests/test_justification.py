"""The justification: built on demand, a graph in JSON (each fact and rule application
once, with an id), a tree in Python and in the text output; both say the same."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

import cloudcentre as cc
from cloudcentre.decide.outcome import FORMAT_VERSION
from cloudcentre.report.jsonfmt import decision_json
from cloudcentre.strategies import cases

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(
    p
    for folder in (ROOT / "examples", ROOT / "tests" / "cases")
    for p in folder.glob("*.json")
    if not p.name.endswith(".expected.json")
)


def _params(paths: list[Path]) -> list[Any]:
    return [pytest.param(p, id=f"{p.parent.name}/{p.stem}") for p in paths]


def _node_json(node: cc.FactNode) -> Any:
    """A tree node in the shape the graph unfolds to."""
    return {
        "fact": node.fact,
        "value": list(node.value) if isinstance(node.value, tuple) else node.value,
        "source": node.source,
        "entity": node.entity,
        "derived_by": [(s.rule, [_node_json(p) for p in s.because]) for s in node.derived_by],
    }


def _unfold(graph: dict[str, Any], fid: str, stack: frozenset[str] = frozenset()) -> Any:
    facts = {f["id"]: f for f in graph["facts"]}
    steps = {d["id"]: d for d in graph["derivations"]}
    fact = facts[fid]
    inner = stack | {fid}
    return {
        "fact": fact["fact"],
        "value": fact["value"],
        "source": fact["source"],
        "entity": fact.get("entity", ""),
        "derived_by": [
            (
                steps[d]["rule"],
                [_unfold(graph, p, inner) for p in steps[d]["because"] if p not in inner],
            )
            for d in fact.get("derived_by", [])
        ],
    }


def _check(decision: cc.Decision) -> None:
    data: dict[str, Any] = decision.to_dict()
    assert data["format_version"] == FORMAT_VERSION == 2
    graph = data["justification"]
    facts, steps = graph["facts"], graph["derivations"]
    assert [f["id"] for f in facts] == [f"f{i}" for i in range(1, len(facts) + 1)]
    assert [d["id"] for d in steps] == [f"d{i}" for i in range(1, len(steps) + 1)]
    keys = [(f["fact"], f.get("entity", ""), json.dumps(f["value"])) for f in facts]
    assert len(keys) == len(set(keys)), "a fact appears twice"
    applications = [(d["rule"], d.get("entity", "")) for d in steps]
    assert len(applications) == len(set(applications)), "a rule application appears twice"
    referenced = {p for d in steps for p in d["because"]}
    referenced |= {p for r in graph["requirements"] for p in r["because"]}
    assert referenced <= {f["id"] for f in facts}
    assert {d for f in facts for d in f.get("derived_by", [])} == {d["id"] for d in steps}
    # The graph, unfolded from each requirement, is the tree the Python API and the text show.
    tree = decision.justification
    assert [r["id"] for r in graph["requirements"]] == [r.id for r in tree.because]
    for node, result in zip(graph["requirements"], tree.because, strict=True):
        assert node["status"] == result.status.value
        assert [_unfold(graph, fid) for fid in node["because"]] == [
            _node_json(n) for n in result.because
        ]
    # The rules the graph uses carry the decision's assumptions.
    used = {d["rule"] for d in steps}
    for assumption in decision.assumptions:
        rule = cc.default_pack().index.get(assumption.rule)
        if rule is not None:
            assert assumption.rule in used


@pytest.mark.parametrize("path", _params(FILES))
def test_the_graph_is_the_tree(path: Path) -> None:
    _check(cc.assess(cc.case_from_json(path.read_text(encoding="utf-8"))))


@given(cases())
def test_the_graph_is_the_tree_on_generated_cases(case: cc.Case) -> None:
    _check(cc.assess(case))


@pytest.mark.parametrize("path", _params(FILES))
def test_the_printed_json_is_the_dict(path: Path) -> None:
    decision = cc.assess(cc.case_from_json(path.read_text(encoding="utf-8")))
    text = decision_json(decision.to_dict())
    assert json.loads(text) == decision.to_dict()
    assert text == decision_json(json.loads(text))
    for line in text.splitlines():
        if line.lstrip().startswith('{"id": "f'):
            assert line.rstrip(",").strip().endswith("}")


def test_reasons_are_built_on_demand_and_kept() -> None:
    case = cc.case_from_json((ROOT / "examples" / "health-data-hub.json").read_text())
    decision = cc.assess(case)
    assert decision.explanation.results() is decision.explanation.results()
    assert decision.justification.because is decision.justification.because
    assert decision.requirements == tuple(
        r for r in decision.justification.because if r.status is not cc.Status.NOT_APPLICABLE
    )
    assert decision.statuses == tuple((r.id, r.status) for r in decision.requirements)


def test_decisions_pickle() -> None:
    case = cc.case_from_json((ROOT / "examples" / "health-data-hub.json").read_text())
    decision = cc.assess(case)
    again = pickle.loads(pickle.dumps(decision))
    assert again == decision
    assert again.to_dict() == decision.to_dict()
    assert again.justification == decision.justification
