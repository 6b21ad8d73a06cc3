"""Golden corpus: every tests/cases/*.json and examples/*.json, through the API and the CLI.

Each case ``NAME.json`` has a sibling ``NAME.expected.json``::

    {"verdict": ..., "requirements": {"REQ-ID": "status", ...}, "missing": [fields...]}

``missing`` is given only for ``undetermined`` verdicts (it is ``[]`` otherwise).
Optional keys: ``derogation_until`` (ISO date) and ``assumptions`` (rule or
requirement ids that must be among the decision's assumptions).
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import cloudcentre
from cloudcentre._cli import main

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
EXAMPLES = ROOT / "examples"

EXIT_CODES = {
    "compliant": 0, "compliant_under_derogation": 0, "non_compliant": 3, "undetermined": 4,
}

def _case_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.json") if not p.name.endswith(".expected.json"))


def _expected_path(path: Path) -> Path:
    return path.with_name(path.stem + ".expected.json")


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _params(files: list[Path]) -> list[Any]:
    return [pytest.param(path, id=f"{path.parent.name}/{path.stem}") for path in files]


ALL_FILES = _case_files(CASES) + _case_files(EXAMPLES)


def _summary(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "verdict": data["verdict"],
        "requirements": {r["id"]: r["status"] for r in data["requirements"]},
        "missing": [m["field"] for m in data["missing"]],
    }


def _check(data: dict[str, Any], expected: dict[str, Any]) -> None:
    assert _summary(data) == {
        "verdict": expected["verdict"],
        "requirements": expected["requirements"],
        "missing": expected.get("missing", []),
    }
    if "derogation_until" in expected:
        assert data["derogation_until"] == expected["derogation_until"]
    elif expected["verdict"] != "compliant_under_derogation":
        assert data["derogation_until"] is None
    if "assumptions" in expected:
        rules = {a["rule"] for a in data["assumptions"]}
        assert set(expected["assumptions"]) <= rules


def _cli_json(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, Any]]:
    code = main(["assess", str(path), "--format", "json"])
    out, err = capsys.readouterr()
    assert err == ""
    data: dict[str, Any] = json.loads(out)
    return code, data


# ----------------------------------------------------------------------------- corpus shape
def test_corpus_is_complete() -> None:
    cases = _case_files(CASES)
    assert len(cases) >= 15
    for path in ALL_FILES:
        assert _expected_path(path).is_file(), f"no expectation for {path.name}"
    for path in sorted(CASES.glob("*.expected.json")):
        assert (CASES / (path.name.removesuffix(".expected.json") + ".json")).is_file()


@pytest.mark.parametrize("path", _params(ALL_FILES))
def test_expectation_format(path: Path) -> None:
    expected = _load(_expected_path(path))
    keys = {"verdict", "requirements", "missing", "derogation_until", "assumptions"}
    assert set(expected) <= keys
    assert expected["verdict"] in EXIT_CODES
    statuses = {s.value for s in cloudcentre.Status}
    known = {r.id for r in cloudcentre.REQUIREMENTS}
    for req, status in expected["requirements"].items():
        assert req in known
        assert status in statuses - {"not_applicable"}
    assert ("missing" in expected) == (expected["verdict"] == "undetermined")


def test_example_verdicts() -> None:
    wanted = {
        "health-data-hub": "non_compliant",
        "office-365-ministry": "non_compliant",
        "hospital-secnumcloud-hds": "compliant",
        "open-data-us-hyperscaler": "compliant",
        "undetermined-missing-facts": "undetermined",
        "office-365-messaging-derogation": "compliant_under_derogation",
        "hospital-own-datacentre": "compliant",
    }
    found = {p.stem: _load(_expected_path(p))["verdict"] for p in _case_files(EXAMPLES)}
    assert found == wanted


# ----------------------------------------------------------------------------- API and CLI
@pytest.mark.parametrize("path", _params(ALL_FILES))
def test_api(path: Path) -> None:
    decision = cloudcentre.assess(_load(path))
    _check(decision.to_dict(), _load(_expected_path(path)))
    assert decision.verdict.value == _load(_expected_path(path))["verdict"]


@pytest.mark.parametrize("path", _params(ALL_FILES))
def test_cli(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expected = _load(_expected_path(path))
    code, data = _cli_json(path, capsys)
    _check(data, expected)
    assert code == EXIT_CODES[expected["verdict"]]


@pytest.mark.parametrize("path", _params(ALL_FILES))
def test_api_equals_cli(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, data = _cli_json(path, capsys)
    decision = cloudcentre.assess(cloudcentre.case_from_json(path.read_text(encoding="utf-8")))
    record = data.pop("record")  # the audit-record fields (issue 12): digests, versions
    assert set(record["digests"]) == {"case", "rule_pack"}
    assert decision.to_dict() == data
    assert code == EXIT_CODES[decision.verdict.value]


@pytest.mark.parametrize("path", _params(ALL_FILES))
def test_deterministic(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    first = json.dumps(cloudcentre.assess(cloudcentre.case_from_json(text)).to_dict())
    second = json.dumps(cloudcentre.assess(cloudcentre.case_from_json(text)).to_dict())
    assert first == second


@pytest.mark.parametrize("path", _params(_case_files(EXAMPLES)))
def test_examples_subprocess(path: Path) -> None:
    expected = _load(_expected_path(path))
    proc = subprocess.run(
        [sys.executable, "-m", "cloudcentre", "assess", str(path), "--format", "json"],
        capture_output=True, text=True, check=False, timeout=120,
    )
    assert proc.stderr == ""
    assert proc.returncode == EXIT_CODES[expected["verdict"]]
    _check(json.loads(proc.stdout), expected)


# ----------------------------------------------------------------------------- invariants
@pytest.mark.parametrize("path", _params(ALL_FILES))
def test_undetermined_has_questions(path: Path) -> None:
    """README: an undetermined verdict comes with the questions that would decide it."""
    decision = cloudcentre.assess(_load(path))
    if decision.verdict is cloudcentre.Verdict.UNDETERMINED:
        assert decision.missing
    else:
        assert decision.missing == ()


def _derogation_variant(basis: str, as_of: str, granted_on: str) -> dict[str, Any]:
    data: dict[str, Any] = copy.deepcopy(_load(CASES / "derogation-in-force.json"))
    data["as_of"] = as_of
    data["derogation"]["basis"] = basis
    data["derogation"]["granted_on"] = granted_on
    return data


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(_derogation_variant("dinum-2021-09-15", "2021-08-01", "2021-07-20"),
                     id="dinum-before-note"),
        pytest.param(_derogation_variant("cac-2021-r9-al4", "2022-03-01", "2021-10-19"),
                     id="r9-al4-in-force"),
    ],
)
def test_derogation_never_a_dead_end(case: dict[str, Any]) -> None:
    decision = cloudcentre.assess(case)
    assert decision.verdict is not cloudcentre.Verdict.UNDETERMINED or decision.missing
