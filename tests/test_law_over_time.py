"""The law over time: each instrument judged the day before and the day it takes effect,
derogations and certificates past their dates, and the verdict timeline."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import cloudcentre as cc
from cloudcentre._cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
D = dt.date


def _example(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    return data


def _verdict(case: dict[str, Any], day: dt.date) -> cc.Verdict:
    return cc.assess(case, as_of=day).verdict


NOT_SENSITIVE_2023 = {
    "protected_secret": False,
    "medical_secret": False,
    "essential_state_mission": False,
    "agents_collaboration_suite": False,
    "agents_business_application": False,
    "companies_economic_data": False,
    "personal_health_data": False,
    "diffusion_restreinte": False,
    "classified": False,
}

US_CLOUD: dict[str, Any] = {
    "provider": {
        "statutory_seat": "US",
        "central_administration": "US",
        "principal_establishment": "US",
        "largest_non_eu_share": 100,
        "combined_non_eu_share": 100,
        "non_eu_control": True,
        "non_eu_subcontractor_access": True,
        "us_controlled": True,
        "dpf_certified": True,
    },
    "offering": {
        "kind": "commercial",
        "data_locations": ["FR"],
        "technical_data_locations": ["FR"],
        "administration_locations": ["FR"],
        "support_locations": ["FR"],
        "transfer_safeguards": True,
        "certifications": [],
    },
}


def _case(organisation: dict[str, Any], data: dict[str, Any], **rest: Any) -> dict[str, Any]:
    case: dict[str, Any] = copy.deepcopy(US_CLOUD)
    case["organisation"] = organisation
    case["workload"] = {"data": data}
    for key, value in rest.items():
        case[key] = value
    return case


# ----------------------------------------------------------------------------- instruments
def _citizens_service() -> dict[str, Any]:
    """Citizens' personal data, under no secret: sensitive in 2021 only."""
    data = {**NOT_SENSITIVE_2023, "citizens_personal_data": True, "personal_data": True}
    return _case({"kind": "state_administration"}, data)


def _gip_not_supervised() -> dict[str, Any]:
    """A GIP with State members but outside State supervision: bound by SREN only."""
    data = {**NOT_SENSITIVE_2023, "protected_secret": True, "breach_would_harm": True,
            "citizens_personal_data": True,
            "personal_data": False}
    org = {"kind": "public_interest_group", "state_supervised": False,
           "includes_state_bodies": True, "health_data_platform": False}
    return _case(org, data)


def _hds_host(version: str, valid_from: str, data_locations: list[str]) -> dict[str, Any]:
    """A local authority's health data (outside the doctrine) with an HDS host."""
    data = {**NOT_SENSITIVE_2023, "personal_health_data": True, "personal_data": True,
            "collected_during_care": True}
    case = _case({"kind": "local_authority"}, data)
    case["workload"]["hds_exemption"] = "none"
    case["offering"]["data_locations"] = data_locations
    case["offering"]["storage_locations"] = data_locations
    case["offering"]["certifications"] = [{
        "id": "hds", "scheme": "hds", "version": version, "status": "granted",
        "valid_from": valid_from, "valid_until": "2029-12-31", "hds_activities": [1, 2, 3, 4, 5, 6],
    }]
    return case


def _eu_provider_with_minority(share: float) -> dict[str, Any]:
    """A SecNumCloud-qualified EU provider whose largest non-EU shareholder holds ``share``."""
    data = {**NOT_SENSITIVE_2023, "protected_secret": True, "personal_data": False,
            "citizens_personal_data": False}
    case = _case({"kind": "state_operator"}, data)
    case["provider"] = {
        "statutory_seat": "FR", "central_administration": "FR", "principal_establishment": "FR",
        "largest_non_eu_share": share, "combined_non_eu_share": share, "non_eu_control": False,
        "non_eu_subcontractor_access": False, "us_controlled": False,
    }
    case["offering"]["certifications"] = [{
        "id": "snc", "scheme": "secnumcloud", "version": "3.1", "status": "granted",
        "valid_from": "2021-01-01", "valid_until": "2023-12-31",
    }]
    return case


def _us_admin_personal_data(dpf: bool) -> dict[str, Any]:
    data = {**NOT_SENSITIVE_2023, "personal_data": True}
    case = _case({"kind": "private_body"}, data)
    case["offering"]["administration_locations"] = ["US"]
    case["offering"]["transfer_safeguards"] = False
    case["provider"]["dpf_certified"] = dpf
    return case


INSTRUMENTS = [
    # (instrument, case, day it takes effect, verdict the day before, verdict that day)
    ("circulaire 6282-SG", lambda: _example("health-data-hub"), D(2021, 7, 10),
     cc.Verdict.COMPLIANT, cc.Verdict.NON_COMPLIANT),
    ("DINUM note of 15 September 2021", lambda: _example("office-365-ministry"), D(2021, 9, 15),
     cc.Verdict.COMPLIANT, cc.Verdict.NON_COMPLIANT),
    ("SecNumCloud 3.2 §19.6", lambda: _eu_provider_with_minority(30), D(2022, 3, 8),
     cc.Verdict.COMPLIANT, cc.Verdict.NON_COMPLIANT),
    ("circulaire 6404/SG", _citizens_service, D(2023, 6, 1),
     cc.Verdict.NON_COMPLIANT, cc.Verdict.COMPLIANT),
    ("EU-US Data Privacy Framework", lambda: _us_admin_personal_data(True), D(2023, 7, 10),
     cc.Verdict.NON_COMPLIANT, cc.Verdict.COMPLIANT),
    ("loi SREN art. 31", _gip_not_supervised, D(2024, 5, 23),
     cc.Verdict.COMPLIANT, cc.Verdict.NON_COMPLIANT),
    ("HDS v2: EEA storage", lambda: _hds_host("2", "2024-06-01", ["US"]), D(2024, 11, 16),
     cc.Verdict.COMPLIANT, cc.Verdict.NON_COMPLIANT),
    ("HDS v2: end of the v1 transition", lambda: _hds_host("1", "2023-01-01", ["FR"]),
     D(2026, 5, 17), cc.Verdict.COMPLIANT, cc.Verdict.NON_COMPLIANT),
]


@pytest.mark.parametrize(
    ("name", "make", "day", "before", "after"), INSTRUMENTS, ids=[i[0] for i in INSTRUMENTS]
)
def test_instrument_changes_the_verdict_on_its_day(
    name: str, make: Any, day: dt.date, before: cc.Verdict, after: cc.Verdict
) -> None:
    case = make()
    assert _verdict(case, day - dt.timedelta(days=1)) is before, name
    assert _verdict(case, day) is after, name


def test_sren_scope_is_judged_without_the_law_before_it() -> None:
    case = _gip_not_supervised()
    decision = cc.assess(case, as_of=D(2024, 5, 22))
    rules = {d.rule for _, ds in decision.inference.derived for d in ds}
    assert "SREN-31-NOT-YET-IN-FORCE" in rules
    assert not any(r.startswith("SREN-31-SCOPE") for r in rules)


def test_a_v1_hds_certificate_granted_after_v2_started_does_not_count() -> None:
    case = _hds_host("1", "2024-11-16", ["FR"])
    decision = cc.assess(case, as_of=D(2025, 1, 1))
    statuses = {r.id: r.status for r in decision.requirements}
    assert statuses["HDS-CERTIFICATION"] is cc.Status.UNMET
    rules = {d.rule for _, ds in decision.inference.derived for d in ds}
    assert "HDS-CERT-V1-NEW" in rules


def test_rules_in_force_depend_on_the_date(capsys: pytest.CaptureFixture[str]) -> None:
    early = {r.id for r in cc.rules_in_force(D(2021, 1, 1))}
    late = {r.id for r in cc.rules_in_force(D(2025, 1, 1))}
    assert "CAC-2021-NOT-YET-IN-FORCE" in early - late
    assert "SREN-31-I-PROTECTION-REQUIRED" in late - early
    assert main(["rules", "--as-of", "2021-01-01", "--format", "json"]) == 0
    listed = {r["id"] for r in json.loads(capsys.readouterr().out)}
    assert listed == early


# ----------------------------------------------------------------------------- derogations
def _fact_values(decision: cc.Decision, name: str) -> list[Any]:
    return [f.value for f in decision.inference.facts() if f.name == name]


def _justification_text(decision: cc.Decision) -> str:
    return json.dumps(decision.to_dict()["justification"], ensure_ascii=False)


def test_a_derogation_past_its_end_no_longer_helps_and_says_when() -> None:
    case = _example("office-365-messaging-derogation")
    del case["derogation"]["open_ended"]
    case["derogation"]["valid_until"] = "2022-12-31"
    assert _verdict(case, D(2022, 12, 31)) is cc.Verdict.COMPLIANT_UNDER_DEROGATION
    assert cc.assess(case, as_of=D(2022, 12, 31)).derogation_until == D(2022, 12, 31)
    after = cc.assess(case, as_of=D(2023, 1, 1))
    assert after.verdict is cc.Verdict.NON_COMPLIANT
    text = _justification_text(after)
    assert "DEROGATION-ENDED" in text
    assert '"derogation.valid_until", "value": "2022-12-31"' in text


def test_the_twelve_month_clock_ends_a_derogation() -> None:
    case = _example("office-365-messaging-derogation")
    assert _verdict(case, D(2023, 9, 1)) is cc.Verdict.COMPLIANT_UNDER_DEROGATION
    after = cc.assess(case, as_of=D(2023, 9, 2))
    assert after.verdict is cc.Verdict.NON_COMPLIANT
    text = _justification_text(after)
    assert "DEROGATION-CLOCK-EXPIRED" in text
    assert '"derogation.offer_available_since", "value": "2022-09-01"' in text


def test_sren_ends_a_circulaire_derogation_for_the_bodies_it_binds() -> None:
    case = _example("office-365-messaging-derogation")
    case["derogation"]["offer_available"] = False
    del case["derogation"]["offer_available_since"]
    # Mail under a legal secret whose breach would harm: SREN art. 31 requires protection.
    case["workload"]["data"]["protected_secret"] = True
    case["workload"]["data"]["breach_would_harm"] = True
    decision = cc.assess(case, as_of=D(2022, 6, 1))
    assert decision.verdict is cc.Verdict.COMPLIANT_UNDER_DEROGATION
    assert decision.derogation_until == D(2024, 5, 22)
    after = cc.assess(case, as_of=D(2024, 5, 23))
    assert after.verdict is cc.Verdict.NON_COMPLIANT
    assert "SREN-31-OVERRIDES-CIRCULAIRE-DEROGATION" in _justification_text(after)


def test_a_derogation_helps_only_from_its_grant() -> None:
    case = _example("office-365-messaging-derogation")
    assert _verdict(case, D(2021, 10, 18)) is cc.Verdict.NON_COMPLIANT
    assert _verdict(case, D(2021, 10, 19)) is cc.Verdict.COMPLIANT_UNDER_DEROGATION


def test_the_dinum_derogation_does_not_cover_documents() -> None:
    case = _example("office-365-messaging-derogation")
    case["workload"]["services"] = ["messaging", "documents"]
    decision = cc.assess(case)
    assert decision.verdict is cc.Verdict.NON_COMPLIANT
    assert "DINUM-2021-OFFICE-OTHER-SERVICES" in _justification_text(decision)


def test_an_r9_derogation_needs_an_advanced_project() -> None:
    case = _example("office-365-messaging-derogation")
    case["derogation"]["basis"] = "cac-2021-r9-al4"
    del case["derogation"]["project_advanced"]
    assert _verdict(case, D(2022, 6, 1)) is cc.Verdict.UNDETERMINED  # advanced? unknown
    missing = {q.field for q in cc.assess(case, as_of=D(2022, 6, 1)).missing}
    assert "derogation.project_advanced" in missing
    case["derogation"]["project_advanced"] = True
    assert _verdict(case, D(2022, 6, 1)) is cc.Verdict.COMPLIANT_UNDER_DEROGATION
    case["derogation"]["project_advanced"] = False
    assert _verdict(case, D(2022, 6, 1)) is cc.Verdict.NON_COMPLIANT


def test_a_derogation_cannot_waive_a_law_and_the_decision_says_so() -> None:
    case = _hds_host("2", "2024-06-01", ["FR"])
    case["offering"]["certifications"] = []
    case["derogation"] = {"basis": "sren-31-iii", "covers": ["HDS-CERTIFICATION"],
                          "granted_on": "2024-06-01", "open_ended": True}
    decision = cc.assess(case, as_of=D(2025, 1, 1))
    assert decision.verdict is cc.Verdict.NON_COMPLIANT
    assert decision.warnings
    assert "HDS-CERTIFICATION" in decision.warnings[0]


# ----------------------------------------------------------------------------- certificates
def test_a_certificate_past_its_validity_no_longer_counts_and_says_when() -> None:
    case = _example("hospital-secnumcloud-hds")
    assert _verdict(case, D(2026, 8, 31)) is cc.Verdict.COMPLIANT
    after = cc.assess(case, as_of=D(2026, 9, 1))
    assert after.verdict is cc.Verdict.NON_COMPLIANT
    text = _justification_text(after)
    assert "CERT-EXPIRED" in text
    assert '"certificate.valid_until", "value": "2026-08-31"' in text


def test_a_secnumcloud_qualification_counts_until_its_stated_end_with_a_warning() -> None:
    # Legal review §12: the certificate's own end date governs; three years is only what
    # secondary sources give, so a longer stated end is kept and the decision warns.
    case = _example("hospital-secnumcloud-hds")
    snc = case["offering"]["certifications"][0]
    snc["valid_until"] = "2030-12-31"  # a stated end beyond the three years
    after = cc.assess(case, as_of=D(2026, 9, 1))
    assert after.verdict is cc.Verdict.COMPLIANT
    assert any("more than three years" in w for w in after.warnings)
    assert not cc.assess(_example("hospital-secnumcloud-hds"), as_of=D(2026, 8, 1)).warnings


@pytest.mark.parametrize("milestone", ["J0", "J1", "J2", "J3"])
def test_a_milestone_is_not_a_qualification(milestone: str) -> None:
    case = _example("hospital-secnumcloud-hds")
    snc = case["offering"]["certifications"][0]
    snc["status"] = "in_process"
    snc["milestone"] = milestone
    decision = cc.assess(case)
    statuses = {r.id: r.status for r in decision.requirements}
    assert statuses["SECNUMCLOUD-QUALIFICATION"] is cc.Status.UNMET
    assert "CERT-NOT-GRANTED" in _justification_text(decision)


def test_a_milestone_on_a_granted_qualification_is_rejected() -> None:
    case = _example("hospital-secnumcloud-hds")
    case["offering"]["certifications"][0]["milestone"] = "J1"
    with pytest.raises(cc.InvalidCase) as info:
        cc.case_from_dict(case)
    assert info.value.path == "offering.certifications[0].milestone"


# ----------------------------------------------------------------------------- timeline
def test_timeline_of_the_derogation_example() -> None:
    timeline = cc.timeline(_example("office-365-messaging-derogation"))
    got = [(p.start, p.end, p.verdict) for p in timeline.periods]
    assert got == [
        (D(2021, 1, 1), D(2021, 9, 14), cc.Verdict.COMPLIANT),
        (D(2021, 9, 15), D(2021, 10, 18), cc.Verdict.NON_COMPLIANT),
        (D(2021, 10, 19), D(2023, 9, 1), cc.Verdict.COMPLIANT_UNDER_DEROGATION),
        (D(2023, 9, 2), None, cc.Verdict.NON_COMPLIANT),
    ]
    causes = [{(c.kind, c.id) for c in p.cause} for p in timeline.periods]
    assert causes[0] == set()
    assert ("rule", "DINUM-2021-SENS-OFFICE") in causes[1]
    assert ("derogation", "dinum-2021-09-15") in causes[2]
    assert ("derogation", "dinum-2021-09-15") in causes[3]


def test_timeline_periods_agree_with_assess_on_every_day_of_a_sample() -> None:
    case = _example("health-data-hub")
    timeline = cc.timeline(case, D(2021, 1, 1), D(2026, 12, 31))
    for period in timeline.periods:
        end = period.end or D(2026, 12, 31)
        for day in (period.start, period.start + (end - period.start) / 2, end):
            assert _verdict(case, day) is period.verdict, day


def test_timeline_changes_only_on_dates_from_rules_and_facts() -> None:
    case = _example("hospital-secnumcloud-hds")
    timeline = cc.timeline(case)
    rule_days = {r.valid_from for r in cc.RULES} | {
        r.valid_until + dt.timedelta(days=1) for r in cc.RULES if r.valid_until
    }
    fact_days = {D(2024, 12, 1), D(2026, 9, 1), D(2023, 9, 1), D(2027, 12, 1)}
    for period in timeline.periods[1:]:
        assert period.start in rule_days | fact_days
        assert period.cause


def test_timeline_bounds() -> None:
    case = _example("office-365-ministry")
    timeline = cc.timeline(case, D(2022, 1, 1), D(2022, 12, 31))
    assert [(p.start, p.end) for p in timeline.periods] == [(D(2022, 1, 1), D(2022, 12, 31))]
    with pytest.raises(cc.InvalidCase):
        cc.timeline(case, D(2022, 1, 1), D(2021, 1, 1))


def test_timeline_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(EXAMPLES / "office-365-ministry.json")
    assert main(["timeline", path, "--format", "json", "--from", "2021-09-01"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"case", "engine", "interpretations", "periods"}
    assert data["interpretations"]["sren31_requirement"] == "secnumcloud"
    assert [p["verdict"] for p in data["periods"]] == ["compliant", "non_compliant"]
    assert data["periods"][-1]["to"] is None
    assert data["periods"][1]["from"] == "2021-09-15"
    assert data["periods"][1]["cause"]


def test_timeline_cli_rejects_a_bad_date(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(EXAMPLES / "office-365-ministry.json")
    assert main(["timeline", path, "--from", "2021-13-01"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "2021-13-01" in err
