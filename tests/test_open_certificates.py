"""Unknown is not false for certificates: a list open for a scheme, an undated certificate."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import cloudcentre as cc

ROOT = Path(__file__).resolve().parent.parent
D = dt.date.fromisoformat
HOSPITAL = ROOT / "tests" / "cases" / "catalogue-outscale-described.json"
SNC_QUESTION = ("Does the offering hold a SecNumCloud qualification in force, and which "
                "(decision, version, validity dates)?")


def _hospital(**offering: Any) -> dict[str, Any]:
    case: dict[str, Any] = json.loads(HOSPITAL.read_text(encoding="utf-8"))
    case = copy.deepcopy(case)
    case["offering"].pop("certifications_open", None)
    case["offering"].update(offering)
    return case


def _statuses(decision: cc.Decision) -> dict[str, str]:
    return {r.id: r.status.value for r in decision.requirements}


def test_a_list_open_for_secnumcloud_asks_for_the_qualification() -> None:
    case = _hospital(certifications=[], certifications_open=["secnumcloud", "hds"])
    decision = cc.assess(case, as_of=D("2026-06-01"))
    assert decision.verdict is cc.Verdict.UNDETERMINED
    assert _statuses(decision)["SECNUMCLOUD-QUALIFICATION"] == "unknown"
    questions = [(q.field, q.question) for q in decision.missing]
    assert ("offering.certifications", SNC_QUESTION) in questions


def test_a_list_open_for_another_scheme_still_excludes() -> None:
    # Open for ISO 27001 only: the list still says no SecNumCloud, no HDS certificate.
    case = _hospital(certifications=[], certifications_open=["iso27001"])
    decision = cc.assess(case, as_of=D("2026-06-01"))
    assert _statuses(decision)["SECNUMCLOUD-QUALIFICATION"] == "unmet"
    assert _statuses(decision)["HDS-CERTIFICATION"] == "unmet"


@pytest.mark.parametrize(("cert", "day"), [
    # Withdrawn: not in force whatever its dates.
    ({"scheme": "hds", "version": "2", "status": "withdrawn", "hds_activities": [1, 2, 3, 4]},
     "2026-06-01"),
    # HDS v1 after the transition: does not count whatever its dates.
    ({"scheme": "hds", "version": "1", "status": "granted", "hds_activities": [1, 2, 3, 4]},
     "2026-06-01"),
    # Known end before the day: expired, the unknown start does not matter.
    ({"scheme": "hds", "version": "2", "status": "granted", "valid_until": "2025-12-31",
      "hds_activities": [1, 2, 3, 4]}, "2026-06-01"),
])
def test_an_undated_certificate_decided_by_something_else(cert: dict[str, Any], day: str) -> None:
    case = _hospital()
    case["offering"]["certifications"] = [
        c for c in case["offering"]["certifications"] if c["scheme"] != "hds"] + [cert]
    decision = cc.assess(case, as_of=D(day))
    assert _statuses(decision)["HDS-CERTIFICATION"] == "unmet"


def test_an_undated_certificate_in_the_transition_asks_for_its_start() -> None:
    # An HDS v1 certificate counts in the transition only if it started before 16 November 2024.
    case = _hospital()
    case["offering"]["certifications"] = [
        c for c in case["offering"]["certifications"] if c["scheme"] != "hds"] + [
        {"id": "v1", "scheme": "hds", "version": "1", "status": "granted",
         "hds_activities": [1, 2, 3, 4, 5, 6]}]
    decision = cc.assess(case, as_of=D("2025-06-01"))
    assert decision.verdict is cc.Verdict.UNDETERMINED
    fields = [q.field for q in decision.missing]
    assert "offering.certifications[v1].valid_from" in fields


def test_canonical_json_keeps_what_was_said() -> None:
    case = cc.case_from_dict(_hospital(certifications=[
        {"scheme": "hds", "status": "granted", "version": "2"}], certifications_open=["hds"]))
    data = cc.case_to_dict(case)
    assert data["offering"]["certifications_open"] == ["hds"]
    assert data["offering"]["certifications"] == [
        {"scheme": "hds", "status": "granted", "version": "2"}]
    assert case.offering is not None
    assert case.offering.certifications is not None
    assert case.offering.certifications[0].key() == "hds-2-undated"
    closed = cc.case_to_dict(cc.case_from_dict(_hospital(certifications=[])))
    assert "certifications_open" not in closed["offering"]
