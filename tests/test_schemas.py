"""The JSON Schemas in ``cloudcentre/schemas`` describe the real input and outputs."""

from __future__ import annotations

import copy
import datetime as dt
import enum
import importlib.resources
import itertools
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
from jsonschema import Draft202012Validator

import cloudcentre
from cloudcentre.law.language import Quality
from cloudcentre.model import case as _model

ROOT = Path(__file__).resolve().parent.parent
#: The example cases (their ``*.expected.json`` companions hold expected outcomes).
EXAMPLES = sorted(
    path for path in (ROOT / "examples").glob("*.json")
    if not path.name.endswith(".expected.json")
)
#: Case files of tests/cases (their ``*.expected.json`` companions hold expected outcomes).
CASES = sorted(
    path for path in (ROOT / "tests" / "cases").glob("*.json")
    if not path.name.endswith(".expected.json")
)
SCHEMA_NAMES = ("case", "decision", "rules", "timeline")


def _schema(name: str) -> dict[str, Any]:
    resource = importlib.resources.files("cloudcentre").joinpath(f"schemas/{name}.schema.json")
    data: dict[str, Any] = json.loads(resource.read_text(encoding="utf-8"))
    return data


def _validator(name: str) -> Any:
    return Draft202012Validator(_schema(name), format_checker=Draft202012Validator.FORMAT_CHECKER)


def _errors(name: str, instance: object) -> list[str]:
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '$'}: {error.message}"
        for error in _validator(name).iter_errors(instance)
    ]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cloudcentre", *args],
        capture_output=True, text=True, encoding="utf-8", check=False,
    )


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


# ----------------------------------------------------------------------------- the schemas
@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_schema_is_valid_draft_2020_12(name: str) -> None:
    schema = _schema(name)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"https://cloudcentre.invalid/schemas/{name}.schema.json"
    assert schema["title"]
    assert schema["description"]


def _objects(node: object) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        if node.get("type") == "object":
            found.append(node)
        for value in node.values():
            found.extend(_objects(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(_objects(value))
    return found


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_every_object_forbids_unknown_keys(name: str) -> None:
    objects = _objects(_schema(name))
    assert objects
    for obj in objects:
        assert obj.get("additionalProperties") is False, obj.get("title")


# The case schema mirrors the attrs model: same fields, same enums, same required fields.
_DEFS = {
    "organisation": _model.Organisation,
    "workload": _model.Workload,
    "workload_data": _model.WorkloadData,
    "provider": _model.Provider,
    "offering": _model.Offering,
    "certification": _model.Certification,
    "derogation": _model.Derogation,
}


@pytest.mark.parametrize(("name", "cls"), sorted(_DEFS.items()))
def test_case_schema_fields_match_model(name: str, cls: type) -> None:
    definition = _schema("case")["$defs"][name]
    fields = attrs.fields(cls)
    assert set(definition["properties"]) == {f.name for f in fields}
    required = {f.name for f in fields if f.default is attrs.NOTHING}
    assert set(definition.get("required", [])) == required


def test_case_schema_top_level_matches_model() -> None:
    schema = _schema("case")
    fields = attrs.fields(_model.Case)
    assert set(schema["properties"]) == {f.name for f in fields}
    assert set(schema["required"]) == {f.name for f in fields if f.default is attrs.NOTHING}


_ENUMS: list[tuple[str, str, type[enum.Enum]]] = [
    ("organisation", "kind", _model.OrgKind),
    ("offering", "kind", _model.OfferingKind),
    ("offering", "service_model", _model.ServiceModel),
    ("workload", "hds_exemption", _model.HdsExemption),
    ("certification", "scheme", _model.Scheme),
    ("certification", "status", _model.CertStatus),
    ("derogation", "basis", _model.DerogationBasis),
]


@pytest.mark.parametrize(("definition", "field", "cls"), _ENUMS)
def test_case_schema_enums_match_model(definition: str, field: str, cls: type[enum.Enum]) -> None:
    allowed = _schema("case")["$defs"][definition]["properties"][field]["enum"]
    assert {v for v in allowed if v is not None} == {m.value for m in cls}


def test_output_schema_enums_match_library() -> None:
    decision = _schema("decision")["$defs"]
    assert set(decision["verdict"]["enum"]) == {v.value for v in cloudcentre.Verdict}
    assert set(decision["status"]["enum"]) == {s.value for s in cloudcentre.Status}
    rules = _schema("rules")["$defs"]
    assert set(rules["op"]["enum"]) == {o.value for o in cloudcentre.Op}
    # Decisions name rules by id since format version 2: citations are in the rules JSON.
    assert "citation" not in decision
    assert set(rules["citation"]["properties"]["quality"]["enum"]) == {q.value for q in Quality}
    timeline = _schema("timeline")["$defs"]
    assert set(timeline["verdict"]["enum"]) == {v.value for v in cloudcentre.Verdict}
    assert set(timeline["status"]["enum"]) == {s.value for s in cloudcentre.Status}
    requirements = timeline["period"]["properties"]["requirements"]["properties"]
    assert set(requirements) == {r.id for r in cloudcentre.REQUIREMENTS}


# ----------------------------------------------------------------------------- case input
@pytest.mark.parametrize("path", EXAMPLES + CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_case_files_validate(path: Path) -> None:
    assert _errors("case", _load(path)) == []


def test_there_are_examples() -> None:
    assert len(EXAMPLES) >= 5


def _base() -> dict[str, Any]:
    return {"organisation": {"kind": "state_operator"}, "offering": {"kind": "commercial"}}


def _with(path: str, value: object) -> dict[str, Any]:
    case = _base()
    node: dict[str, Any] = case
    *parents, last = path.split(".")
    for part in parents:
        node = node.setdefault(part, {})
    node[last] = value
    return case


_CERT = {
    "scheme": "hds", "status": "granted", "valid_from": "2024-01-01", "valid_until": "2026-01-01",
}
_DEROGATION = {
    "basis": "cac-2021-r9-al4", "covers": ["SECNUMCLOUD-QUALIFICATION"], "granted_on": "2024-01-01",
}

# (label, case): the schema and ``case_from_dict`` must agree on each.
_EDGE_CASES: list[tuple[str, dict[str, Any]]] = [
    ("minimal", _base()),
    ("unknown top-level key", _with("colour", "blue")),
    ("unknown nested key", _with("workload.data.secret", True)),
    ("missing organisation kind", {"organisation": {}, "offering": {"kind": "commercial"}}),
    ("missing offering", {"organisation": {"kind": "state_operator"}}),
    ("null kind", _with("organisation.kind", None)),
    ("bad enum", _with("organisation.kind", "ministry")),
    ("tri-state null", _with("workload.data.personal_data", None)),
    ("tri-state string", _with("workload.data.personal_data", "yes")),
    ("tri-state number", _with("provider.us_controlled", 1)),
    ("name null", _with("organisation.name", None)),
    ("name number", _with("organisation.name", 5)),
    ("title number", _with("title", 5)),
    ("as_of null", _with("as_of", None)),
    ("as_of date", _with("as_of", "2024-02-29")),
    ("as_of impossible date", _with("as_of", "2023-02-29")),
    ("as_of datetime", _with("as_of", "2024-02-03T00:00:00")),
    ("as_of short", _with("as_of", "2024-2-3")),
    ("country lower case", _with("provider.statutory_seat", "fr")),
    ("country three letters", _with("provider.statutory_seat", "FRA")),
    ("country null", _with("provider.statutory_seat", None)),
    ("country EU", _with("provider.statutory_seat", "EU")),
    ("country UK", _with("provider.statutory_seat", "UK")),
    ("country EL", _with("provider.statutory_seat", "EL")),
    ("country unassigned", _with("provider.statutory_seat", "XX")),
    ("country GB", _with("provider.statutory_seat", "GB")),
    ("locations EU", _with("offering.data_locations", ["FR", "EU"])),
    ("locations", _with("offering.data_locations", ["FR", "DE", "FR"])),
    ("locations empty", _with("offering.data_locations", [])),
    ("locations bad item", _with("offering.data_locations", ["FR", "eu"])),
    ("locations null item", _with("offering.data_locations", [None])),
    ("locations not a list", _with("offering.data_locations", "FR")),
    ("percent integer", _with("provider.largest_non_eu_share", 24)),
    ("percent float", _with("provider.combined_non_eu_share", 39.5)),
    ("percent too big", _with("provider.largest_non_eu_share", 100.5)),
    ("percent negative", _with("provider.largest_non_eu_share", -1)),
    ("percent boolean", _with("provider.largest_non_eu_share", True)),
    ("percent string", _with("provider.largest_non_eu_share", "10")),
    ("hds activities", _with("workload.hds_activities", [1, 6, 6])),
    ("hds activity 0", _with("workload.hds_activities", [0])),
    ("hds activity 7", _with("workload.hds_activities", [7])),
    ("hds activity boolean", _with("workload.hds_activities", [True])),
    ("hds exemption null", _with("workload.hds_exemption", None)),
    ("hds exemption bad", _with("workload.hds_exemption", "exempt")),
    ("workload data null", _with("workload.data", None)),
    ("workload null", _with("workload", None)),
    ("provider null", _with("provider", None)),
    ("certifications empty", _with("offering.certifications", [])),
    ("certifications null", _with("offering.certifications", None)),
    ("certificate", _with("offering.certifications", [_CERT])),
    ("certificate full", _with("offering.certifications", [
        {**_CERT, "version": "2", "id": "hds-2", "hds_activities": [1, 2]}])),
    ("certificate missing status", _with("offering.certifications", [
        {k: v for k, v in _CERT.items() if k != "status"}])),
    ("certificate bad date", _with("offering.certifications", [
        {**_CERT, "valid_from": "2024-13-01"}])),
    ("certificate unknown key", _with("offering.certifications", [{**_CERT, "level": "high"}])),
    ("derogation", _with("derogation", _DEROGATION)),
    ("derogation null", _with("derogation", None)),
    ("derogation full", _with("derogation", {
        **_DEROGATION, "valid_until": "2025-01-01", "granted_by": "minister", "reference": "ref"})),
    ("derogation missing covers", _with("derogation", {
        "basis": "sren-31-iii", "granted_on": "2024-01-01"})),
    ("derogation covers null", _with("derogation", {**_DEROGATION, "covers": None})),
    ("derogation bad basis", _with("derogation", {**_DEROGATION, "basis": "r9"})),
    ("medical secret without protected secret", _with("workload.data", {
        "medical_secret": True, "protected_secret": False})),
    ("medical secret, protected secret unknown", _with("workload.data", {"medical_secret": True})),
    ("health data without personal data", _with("workload.data", {
        "personal_health_data": True, "personal_data": False})),
    ("health data and personal data", _with("workload.data", {
        "personal_health_data": True, "personal_data": True})),
]


@pytest.mark.parametrize(("label", "case"), _EDGE_CASES, ids=[label for label, _ in _EDGE_CASES])
def test_case_schema_agrees_with_loader(label: str, case: dict[str, Any]) -> None:
    try:
        cloudcentre.case_from_dict(copy.deepcopy(case))
    except cloudcentre.InvalidCase as exc:
        accepted, reason = False, str(exc)
    else:
        accepted, reason = True, "accepted"
    errors = _errors("case", case)
    assert (not errors) is accepted, f"{label}: loader says {reason!r}, schema says {errors}"


# ----------------------------------------------------------------------------- outputs
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_decisions_validate(path: Path) -> None:
    result = _run("assess", str(path), "--format", "json")
    assert result.returncode in (0, 3, 4), result.stderr
    decision = json.loads(result.stdout)
    assert _errors("decision", decision) == []


@pytest.mark.parametrize("as_of", ["2020-01-01", "2021-10-01", "2023-01-01", "2030-01-01"])
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_decisions_validate_on_other_dates(path: Path, as_of: str) -> None:
    decision = cloudcentre.assess(_load(path), as_of=dt.date.fromisoformat(as_of)).to_dict()
    assert _errors("decision", json.loads(json.dumps(decision))) == []


def test_derogation_decision_validates() -> None:
    case = _load(ROOT / "examples" / "office-365-ministry.json")
    case["derogation"] = {
        "basis": "dinum-2021-09-15",
        "covers": ["SECNUMCLOUD-QUALIFICATION", "EXTRA-EU-IMMUNITY", "EU-LOCALISATION"],
        "granted_on": "2021-09-20",
        "valid_until": "2022-12-31",
        "offer_available": False,
        "project_advanced": True,
    }
    case["workload"]["services"] = ["messaging", "personal_drive"]
    assert _errors("case", case) == []
    decision = cloudcentre.assess(case).to_dict()
    assert decision["verdict"] == "compliant_under_derogation"
    assert decision["derogation_until"] == "2022-12-31"
    assert _errors("decision", json.loads(json.dumps(decision))) == []


def test_rules_output_validates() -> None:
    result = _run("rules", "--format", "json")
    assert result.returncode == 0, result.stderr
    rules = json.loads(result.stdout)
    assert len(rules) == len(cloudcentre.RULES)
    assert _errors("rules", rules) == []


def test_rules_output_on_a_date_validates() -> None:
    result = _run("rules", "--format", "json", "--as-of", "2022-01-01")
    assert result.returncode == 0, result.stderr
    assert _errors("rules", json.loads(result.stdout)) == []


def test_decision_schema_rejects_a_wrong_verdict() -> None:
    result = _run("assess", str(EXAMPLES[0]), "--format", "json")
    decision = json.loads(result.stdout)
    decision["verdict"] = "maybe"
    assert _errors("decision", decision)
    del decision["verdict"]
    assert _errors("decision", decision)


# ----------------------------------------------------------------------------- timeline
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_timelines_validate(path: Path) -> None:
    result = _run("timeline", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert _errors("timeline", data) == []
    periods = data["periods"]
    assert periods[0]["cause"] == []
    assert all(period["cause"] for period in periods[1:])
    assert periods[-1]["to"] is None
    for before, after in itertools.pairwise(periods):
        assert before["to"] is not None
        end = dt.date.fromisoformat(before["to"])
        assert end + dt.timedelta(days=1) == dt.date.fromisoformat(after["from"])
        assert before["verdict"] != after["verdict"]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_bounded_timelines_validate(path: Path) -> None:
    result = _run("timeline", str(path), "--format", "json", "--from", "2022-01-01",
                  "--to", "2027-12-31")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert _errors("timeline", data) == []
    assert data["periods"][0]["from"] == "2022-01-01"
    assert data["periods"][-1]["to"] == "2027-12-31"


def test_timeline_dict_matches_the_cli() -> None:
    case = _load(ROOT / "examples" / "office-365-messaging-derogation.json")
    data = cloudcentre.timeline_to_dict(cloudcentre.timeline(case))
    assert _errors("timeline", json.loads(json.dumps(data))) == []
    result = _run("timeline", str(ROOT / "examples" / "office-365-messaging-derogation.json"),
                  "--format", "json")
    assert json.loads(result.stdout) == data


def test_timeline_schema_rejects_a_wrong_period() -> None:
    result = _run("timeline", str(EXAMPLES[0]), "--format", "json")
    data = json.loads(result.stdout)
    data["periods"][0]["verdict"] = "maybe"
    assert _errors("timeline", data)
    data = json.loads(result.stdout)
    data["periods"][0]["requirements"]["NOT-A-REQUIREMENT"] = "met"
    assert _errors("timeline", data)
    data = json.loads(result.stdout)
    data["periods"][-1]["cause"] = [{"kind": "moon", "id": "x", "event": "ended",
                                     "description": ""}]
    assert _errors("timeline", data)


def test_interpretation_schemas_match_the_declared_interpretations() -> None:
    for name in ("decision", "timeline"):
        props = _schema(name)["properties"]["interpretations"]["properties"]
        assert {k: v["enum"] for k, v in props.items()} == {
            i.name: list(i.values) for i in cloudcentre.INTERPRETATIONS
        }
