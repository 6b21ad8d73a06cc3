"""What a SecNumCloud 3.2 qualification attests (legal review, point 3), and hosting on the
body's own infrastructure (legal review, point 9)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import cloudcentre as cc

ROOT = Path(__file__).resolve().parent.parent
DATA = {
    "protected_secret": True, "medical_secret": False, "essential_state_mission": False,
    "agents_collaboration_suite": False, "personal_data": False, "personal_health_data": False,
    "diffusion_restreinte": False, "classified": False,
}


def _snc_case(version: str, valid_from: str, as_of: str) -> dict[str, Any]:
    return {
        "id": f"snc-{version}", "as_of": as_of,
        "organisation": {"kind": "state_operator"},
        "workload": {"data": dict(DATA)},
        "offering": {"kind": "commercial", "certifications": [
            {"id": "snc", "scheme": "secnumcloud", "version": version, "status": "granted",
             "valid_from": valid_from, "valid_until": "2027-01-14"}]},
    }


def _statuses(decision: cc.Decision) -> dict[str, str]:
    return {r.id: r.status.value for r in decision.requirements}


def test_a_32_qualification_in_force_attests_immunity_and_localisation() -> None:
    decision = cc.assess(_snc_case("3.2", "2024-01-15", "2025-06-01"))
    assert decision.verdict is cc.Verdict.COMPLIANT
    assert _statuses(decision)["EXTRA-EU-IMMUNITY"] == "met"
    assert _statuses(decision)["EU-LOCALISATION"] == "met"
    assert not decision.warnings
    rules = {a.rule for a in decision.assumptions}
    assert {"SNC-32-ATTESTS-19.6", "SNC-32-ATTESTS-19.2"} <= rules


def test_a_contrary_fact_wins_over_the_qualification_with_a_warning() -> None:
    case = _snc_case("3.2", "2024-01-15", "2025-06-01")
    case["provider"] = {"us_controlled": True}
    decision = cc.assess(case)
    assert decision.verdict is cc.Verdict.NON_COMPLIANT
    assert _statuses(decision)["EXTRA-EU-IMMUNITY"] == "unmet"
    assert len(decision.warnings) == 1
    warning = decision.warnings[0]
    assert "contradict" in warning
    assert "SNC-32-ATTESTS-19.6" in warning
    assert "provider.us_controlled = true" in warning


def test_administration_outside_the_eu_defeats_the_attested_localisation() -> None:
    case = _snc_case("3.2", "2024-01-15", "2025-06-01")
    case["offering"]["administration_locations"] = ["US"]
    decision = cc.assess(case)
    assert _statuses(decision)["EU-LOCALISATION"] == "unmet"
    assert any("SNC-32-ATTESTS-19.2" in w for w in decision.warnings)


def test_a_31_qualification_attests_nothing() -> None:
    decision = cc.assess(_snc_case("3.1", "2021-09-01", "2023-06-15"))
    assert decision.verdict is cc.Verdict.UNDETERMINED
    assert _statuses(decision)["EXTRA-EU-IMMUNITY"] == "unknown"


def test_a_32_qualification_not_in_force_attests_nothing() -> None:
    decision = cc.assess(_snc_case("3.2", "2024-01-15", "2027-06-01"))
    assert _statuses(decision)["EXTRA-EU-IMMUNITY"] == "unknown"


def _own_datacentre() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (ROOT / "examples" / "hospital-own-datacentre.json").read_text(encoding="utf-8")
    )
    return data


def test_a_hospital_in_its_own_data_centre_needs_no_hds_certificate_and_says_why() -> None:
    decision = cc.assess(_own_datacentre())
    assert decision.verdict is cc.Verdict.COMPLIANT
    hds = next(r for r in decision.justification.because if r.id == "HDS-CERTIFICATION")
    assert hds.status is cc.Status.NOT_APPLICABLE
    steps = [step for node in hds.because for step in node.derived_by]
    own = next(step for step in steps if step.rule == "HDS-OWN-INFRASTRUCTURE-OWN-DATA")
    quotes = " ".join(c.quote for c in own.citations)
    assert "propre Système d'Information de santé" in quotes
    snc = next(r for r in decision.justification.because if r.id == "SECNUMCLOUD-QUALIFICATION")
    assert snc.status is cc.Status.NOT_APPLICABLE
    assert "CAC-R9-OWN-INFRASTRUCTURE" in {s.rule for n in snc.because for s in n.derived_by}


def test_own_infrastructure_still_answers_to_the_rgpd_and_the_protection_marks() -> None:
    case = _own_datacentre()
    case["offering"]["support_locations"] = ["IN"]
    case["offering"]["transfer_safeguards"] = False
    assert _statuses(cc.assess(case))["GDPR-TRANSFERS"] == "unmet"
    marked = copy.deepcopy(_own_datacentre())
    marked["workload"]["data"]["diffusion_restreinte"] = True
    marked["offering"]["dr_homologated"] = False
    marked["workload"]["dr_system_homologated"] = False  # the body's own system (II 901)
    assert _statuses(cc.assess(marked))["DR-HOMOLOGATION"] == "unmet"


def test_own_infrastructure_hosting_for_others_still_needs_hds() -> None:
    case = _own_datacentre()
    case["workload"]["hds_exemption"] = "none"
    assert _statuses(cc.assess(case))["HDS-CERTIFICATION"] == "unmet"
