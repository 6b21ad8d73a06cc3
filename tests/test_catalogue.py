"""The bundled catalogue, user catalogues, catalogue offerings in cases, and shortlists."""

from __future__ import annotations

import copy
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import cloudcentre as cc
from cloudcentre._cli import main
from cloudcentre.catalogue import bundled_catalogue, offering_sections
from cloudcentre.decide.shortlist import RANK

ROOT = Path(__file__).resolve().parent.parent
WORKLOAD = ROOT / "examples" / "workloads" / "hospital-dpi.json"
D = dt.date.fromisoformat

#: The offerings the issue asks for, at least.
REQUIRED = {
    "outscale-iaas", "ovh-hpc-snc", "ovh-bare-metal-pod", "ovh-snc-cloud-platform",
    "ovh-public-cloud", "oodrive-saas", "cloud-temple-iaas", "cloud-temple-paas",
    "worldline-secured-iaas", "numspot-platform", "cegedim-cegnumcloud",
    "orange-cloud-avenue-secnum", "s3ns-premi3ns", "bleu", "scaleway", "azure", "microsoft-365",
    "aws", "google-cloud", "google-workspace", "pi", "nubo",
}
US_HYPERSCALERS = {"azure", "microsoft-365", "aws", "google-cloud", "google-workspace"}
#: The question asked when the sources leave an offering's HDS certificate open.
HDS_QUESTION = ("offering.certifications", "Does the offering hold an HDS certificate in force, "
                "and which (version, validity dates, activities covered)?")


def _workload() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(WORKLOAD.read_text(encoding="utf-8"))
    return data


# ----------------------------------------------------------------------------- provenance
def test_every_attribute_has_a_source_a_quality_and_a_check_date() -> None:
    catalogue = bundled_catalogue()
    assert {o.id for o in catalogue.offerings} >= REQUIRED
    sources: list[cc.catalogue.Source] = []
    entries: list[cc.catalogue.ProviderEntry | cc.catalogue.OfferingEntry] = [
        *catalogue.providers, *catalogue.offerings]
    for entry in entries:
        for _, values in entry.attributes:
            assert values
            sources.extend(v.source for v in values)
    for offering in catalogue.offerings:
        for cert in offering.certifications or ():
            sources.append(cert.source)
        if offering.certifications == ():
            assert offering.certifications_source is not None
    assert sources
    for source in sources:
        assert source.url.startswith("https://")
        assert source.quality in (cc.catalogue.SourceQuality.PRIMARY,
                                  cc.catalogue.SourceQuality.SECONDARY)
        assert isinstance(source.checked, dt.date)


@pytest.mark.parametrize("offering", sorted(REQUIRED))
def test_every_offering_loads_under_the_strict_case_schema(offering: str) -> None:
    for day in (D("2021-09-28"), D("2025-06-01"), D("2026-06-01")):
        section, provider = offering_sections(bundled_catalogue(), offering, day)
        case = cc.case_from_dict({"organisation": {"kind": "state_administration"},
                                  "offering": section, "provider": provider})
        assert case.offering.kind in tuple(cc.OfferingKind)


# ----------------------------------------------------------------------------- loader errors
def _write(tmp_path: Path, text: str, name: str = "mine.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("text", "field", "message"), [
    ('[[offerings]]\nid = "outscale-iaas"\ncolour = "blue"\n', "colour", "unknown key `colour`"),
    ('[[offerings]]\nid = "outscale-iaas"\nsupport_locations = [{ value = ["FR"] }]\n',
     "support_locations[0].source", "no source"),
    ('[[offerings]]\nid = "outscale-iaas"\n'
     'support_locations = [{ value = ["France"], source = "anssi-catalogue" }]\n',
     "support_locations[0].value", "`\"France\"` is not an ISO 3166-1 country code"),
    ('[[providers]]\nid = "outscale"\n'
     'us_controlled = [{ value = "no", source = "anssi-catalogue" }]\n',
     "us_controlled[0].value", "is not true or false"),
    ('[[offerings]]\nid = "new-one"\nprovider = "nobody"\n'
     'kind = [{ value = "commercial", source = "anssi-catalogue" }]\n',
     "provider", "`nobody` is not a provider of the catalogue"),
    ('[[offerings]]\nid = "outscale-iaas"\nprovider = "ovhcloud"\n', "provider", "conflicts"),
    ('[sources.x]\nurl = "https://example.org"\nquality = "tertiary"\nchecked = 2026-01-01\n',
     "quality", "is not a source quality"),
])
def test_bad_catalogue_entries_are_named_errors(
    tmp_path: Path, text: str, field: str, message: str
) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(cc.InvalidCatalogue) as info:
        cc.load_catalogue(path)
    error = info.value
    assert error.file == str(path)
    assert field in error.field
    assert message in error.message
    assert isinstance(error, ValueError)


def test_an_id_defined_twice_by_the_user_is_an_error(tmp_path: Path) -> None:
    text = ('[[providers]]\nid = "acme"\n'
            'statutory_seat = [{ value = "FR", source = "anssi-catalogue" }]\n')
    first, second = _write(tmp_path, text, "a.toml"), _write(tmp_path, text, "b.toml")
    with pytest.raises(cc.InvalidCatalogue, match="defined twice"):
        cc.load_catalogue(first, second)


def test_a_user_correction_replaces_the_attribute_and_keeps_its_own_source(
    tmp_path: Path,
) -> None:
    path = _write(tmp_path, (
        '[sources.mine]\nurl = "https://example.org/cap-table"\nquality = "primary"\n'
        'checked = 2026-11-30\n\n'
        '[[providers]]\nid = "s3ns"\nlargest_non_eu_share = [{ value = 30, source = "mine" }]\n'
    ))
    catalogue = cc.load_catalogue(path)
    values = catalogue.provider("s3ns").attribute("largest_non_eu_share")  # type: ignore[union-attr]
    assert [v.value for v in values] == [30]
    assert values[0].source.url == "https://example.org/cap-table"
    assert catalogue.provider("s3ns").attribute("us_controlled")  # type: ignore[union-attr]
    row = next(r for r in cc.shortlist(_workload(), catalogue, D("2026-01-15")).rows
               if r.offering == "s3ns-premi3ns")
    assert "EXTRA-EU-IMMUNITY unmet: provider.largest_non_eu_share = 30 " \
           "(SNC-32-19.6B-SINGLE-SHARE)" in row.reasons
    assert any("contradict" in w for w in row.warnings)


def test_a_user_catalogue_in_json_adds_an_offering(tmp_path: Path) -> None:
    src = {"url": "https://example.org/our-dc", "quality": "primary", "checked": "2026-11-30"}
    path = _write(tmp_path, json.dumps({"offerings": [{
        "id": "our-hds-iaas", "provider": "outscale", "name": "Our own HDS IaaS",
        "kind": [{"value": "commercial", "source": src}],
    }]}), "mine.json")
    catalogue = cc.load_catalogue(path)
    assert catalogue.offering("our-hds-iaas") is not None
    assert len(catalogue.offerings) == len(bundled_catalogue().offerings) + 1


# ----------------------------------------------------------------------------- named offerings
def test_a_case_naming_a_catalogue_offering_decides_as_the_full_description() -> None:
    workload = _workload()
    named = {**workload, "offering": {"catalogue": "outscale-iaas"}}
    full = json.loads((ROOT / "tests" / "cases" / "catalogue-outscale-described.json")
                      .read_text(encoding="utf-8"))
    for day in (D("2022-06-01"), D("2025-06-01"), D("2026-09-01")):
        described = copy.deepcopy(full)
        if day >= D("2026-08-27"):  # the catalogue's HDS list is complete from then on
            del described["offering"]["certifications_open"]
        one = cc.assess(named, as_of=day).to_dict()
        two = cc.assess({**described, "id": workload["id"]}, as_of=day).to_dict()
        assert one == two


def test_case_fields_override_the_catalogue() -> None:
    named = {**_workload(), "offering": {"catalogue": "s3ns-premi3ns",
                                          "support_locations": ["IN"],
                                          "transfer_safeguards": False}}
    decision = cc.assess(named, as_of=D("2026-01-15"))
    statuses = {r.id: r.status.value for r in decision.requirements}
    assert statuses["GDPR-TRANSFERS"] == "unmet"


def test_an_unknown_catalogue_id_is_a_case_error() -> None:
    with pytest.raises(cc.InvalidCase) as info:
        cc.assess({**_workload(), "offering": {"catalogue": "outscale-iass"}})
    assert info.value.path == "offering.catalogue"
    assert "outscale-iaas" in info.value.hint


# ----------------------------------------------------------------------------- shortlist
def _rows(day: str) -> dict[str, cc.ShortlistRow]:
    return {r.offering: r for r in cc.shortlist(_workload(), as_of=D(day)).rows}


def _qualified_and_certified(offering: str, day: dt.date) -> bool:
    entry = bundled_catalogue().offering(offering)
    assert entry is not None
    certs = [c.to_case() for c in entry.certifications or ()]
    def in_force(scheme: str) -> bool:
        return any(c["scheme"] == scheme and c["status"] == "granted"
                   and "valid_from" in c and "valid_until" in c
                   and D(str(c["valid_from"])) <= day <= D(str(c["valid_until"])) for c in certs)
    return in_force("secnumcloud") and in_force("hds")


def test_hospital_shortlist_2026_06_01() -> None:
    day = D("2026-06-01")
    result = cc.shortlist(_workload(), as_of=day)
    ranks = [RANK[r.verdict] for r in result.rows]
    assert ranks == sorted(ranks)
    for row in result.eligible:
        assert _qualified_and_certified(row.offering, day), row.offering
    rows = {r.offering: r for r in result.rows}
    for offering in US_HYPERSCALERS:
        assert rows[offering].verdict is cc.Verdict.NON_COMPLIANT
        assert "EXTRA-EU-IMMUNITY unmet: provider.us_controlled = true (EXT-US-CONTROLLED)" \
            in rows[offering].reasons
    for offering in ("pi", "nubo"):
        statuses = dict(rows[offering].requirements)
        assert "SECNUMCLOUD-QUALIFICATION" not in statuses  # not applicable to internal clouds
    # Unknown is not false: where the sources leave HDS open, the row asks, it does not exclude.
    verdicts = {r.offering: r.verdict for r in result.rows}
    assert {o for o, v in verdicts.items() if v is cc.Verdict.UNDETERMINED} == {
        "cegedim-cegnumcloud", "nubo", "oodrive-saas", "orange-cloud-avenue-secnum",
        "outscale-iaas", "ovh-bare-metal-pod", "ovh-hpc-snc", "pi", "s3ns-premi3ns",
        "worldline-secured-iaas",
    }
    for offering in ("cegedim-cegnumcloud", "nubo", "outscale-iaas", "ovh-bare-metal-pod", "pi",
                     "s3ns-premi3ns"):
        # Every other requirement is met or does not apply: HDS is the one question.
        assert dict(rows[offering].requirements)["HDS-CERTIFICATION"] == "unknown"
        assert [(q.field, q.question) for q in rows[offering].questions] == [HDS_QUESTION]
    # Known facts still exclude: no SecNumCloud qualification in force (the ANSSI catalogue
    # lists them all), or an HDS certificate that lacks activity 1 (Cloud Temple's own page).
    for offering in ("bleu", "numspot-platform", "ovh-snc-cloud-platform", "scaleway",
                     "cloud-temple-iaas"):
        assert any(r.startswith("SECNUMCLOUD-QUALIFICATION unmet") for r in rows[offering].reasons)
    assert rows["cloud-temple-paas"].reasons == (
        "HDS-CERTIFICATION unmet: no listed certificate is a sufficient HDS certificate in "
        "force (HDS-NOT-CERTIFIED)",)
    for row in result.rows:
        if row.verdict is cc.Verdict.UNDETERMINED:
            assert row.questions
        if row.verdict is cc.Verdict.NON_COMPLIANT:
            assert row.reasons
            assert all(" unmet" in reason and "(" in reason for reason in row.reasons)


def test_s3ns_before_and_after_its_qualification() -> None:
    before = _rows("2025-06-01")["s3ns-premi3ns"]
    assert before.verdict is not cc.Verdict.COMPLIANT
    assert any(r.startswith("SECNUMCLOUD-QUALIFICATION unmet") for r in before.reasons)
    after = _rows("2026-01-15")["s3ns-premi3ns"]
    statuses = dict(after.requirements)
    assert statuses["SECNUMCLOUD-QUALIFICATION"] == "met"
    assert statuses["EXTRA-EU-IMMUNITY"] == "met"
    assert statuses["EU-LOCALISATION"] == "met"
    # Its only open point is the HDS certificate, on which the sources are silent: it is
    # asked, not taken as absent.
    assert after.verdict is cc.Verdict.UNDETERMINED
    assert after.reasons == ()
    assert statuses["HDS-CERTIFICATION"] == "unknown"
    assert [(q.field, q.question) for q in after.questions] == [HDS_QUESTION]


def _hds_open(offering: str, day: dt.date) -> bool:
    entry = bundled_catalogue().offering(offering)
    assert entry is not None
    value = next((v for v in entry.attribute("certifications_open") if v.holds_on(day)), None)
    return value is not None and "hds" in value.value  # type: ignore[operator]


@pytest.mark.parametrize("day", ["2022-06-01", "2025-06-01", "2026-01-15", "2026-06-01"])
def test_no_row_is_excluded_for_an_hds_certificate_the_sources_leave_open(day: str) -> None:
    for row in cc.shortlist(_workload(), as_of=D(day)).rows:
        if _hds_open(row.offering, D(day)):
            assert not any(r.startswith("HDS-CERTIFICATION") for r in row.reasons), row.offering
            if row.verdict is cc.Verdict.UNDETERMINED:
                assert HDS_QUESTION in [(q.field, q.question) for q in row.questions]


def test_a_correction_closing_the_list_excludes_again(tmp_path: Path) -> None:
    # A user who knows S3NS holds no HDS certificate says the list is complete.
    path = _write(tmp_path, (
        '[sources.mine]\nurl = "https://example.org/s3ns-answer"\nquality = "primary"\n'
        'checked = 2026-11-30\n\n'
        '[[offerings]]\nid = "s3ns-premi3ns"\n'
        'certifications_open = [{ value = [], source = "mine" }]\n'
    ))
    catalogue = cc.load_catalogue(path)
    row = next(r for r in cc.shortlist(_workload(), catalogue, D("2026-01-15")).rows
               if r.offering == "s3ns-premi3ns")
    assert row.verdict is cc.Verdict.NON_COMPLIANT
    assert row.reasons == ("HDS-CERTIFICATION unmet: no listed certificate is a sufficient HDS "
                           "certificate in force (HDS-NOT-CERTIFIED)",)


def test_providers_shows_undated_certificates_and_open_schemes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["providers", "--as-of", "2026-06-01"]) == 0
    out = capsys.readouterr().out
    assert "certificate hds-v2-cloud-temple: hds 2 granted undated" in out
    assert 'certifications_open = ["hds"]' in out


def test_an_undated_certificate_asks_for_its_dates() -> None:
    # Cloud Temple states an HDS v2 certificate for activities 2, 3, 4 and 6, undated: for a
    # workload within those activities, the row asks for the dates instead of excluding.
    workload = _workload()
    workload["workload"]["hds_activities"] = [2, 3, 4]
    row = next(r for r in cc.shortlist(workload, as_of=D("2026-06-01")).rows
               if r.offering == "cloud-temple-paas")
    assert row.verdict is cc.Verdict.UNDETERMINED
    assert [q.field for q in row.questions] == [
        "offering.certifications[hds-v2-cloud-temple].valid_from",
        "offering.certifications[hds-v2-cloud-temple].valid_until",
    ]


def test_with_an_hds_certificate_s3ns_is_compliant_on_2026_01_15(tmp_path: Path) -> None:
    path = _write(tmp_path, (
        '[sources.mine]\nurl = "https://example.org/s3ns-hds"\nquality = "primary"\n'
        'checked = 2026-11-30\n\n'
        '[[offerings]]\nid = "s3ns-premi3ns"\n'
        '[[offerings.certifications]]\nid = "hds"\nscheme = "hds"\nversion = "2"\n'
        'status = "granted"\nvalid_from = 2025-01-01\nvalid_until = 2027-12-31\n'
        'hds_activities = [1, 2, 3, 4, 5, 6]\nsource = "mine"\n'
    ))
    catalogue = cc.load_catalogue(path)
    rows = {r.offering: r for r in cc.shortlist(_workload(), catalogue, D("2026-01-15")).rows}
    assert rows["s3ns-premi3ns"].verdict is cc.Verdict.COMPLIANT
    assert cc.shortlist(_workload(), catalogue, D("2026-01-15")).rows[0].offering == \
        "s3ns-premi3ns"
    before = {r.offering: r for r in cc.shortlist(_workload(), catalogue, D("2025-06-01")).rows}
    assert before["s3ns-premi3ns"].verdict is cc.Verdict.NON_COMPLIANT


def test_shortlist_refuses_a_workload_with_an_offering() -> None:
    with pytest.raises(cc.InvalidCase, match="a workload has no `offering`"):
        cc.shortlist({**_workload(), "offering": {"kind": "commercial"}})


def test_shortlist_over_time_names_the_causes() -> None:
    history = cc.shortlist_over_time(_workload(), D("2025-01-01"), D("2026-03-01"))
    s3ns = next(r for r in history.rows if r.offering == "s3ns-premi3ns")
    assert [(p.start, p.verdict) for p in s3ns.periods] == [
        (D("2025-01-01"), cc.Verdict.NON_COMPLIANT), (D("2025-12-17"), cc.Verdict.UNDETERMINED)]
    assert any("anssi-2057" in cause for cause in s3ns.periods[1].cause)
    ovh = next(r for r in history.rows if r.offering == "ovh-hpc-snc")
    assert ovh.periods[0].start == D("2025-01-01")


def test_shortlist_under_another_reading() -> None:
    """Under `public_hospitals_in_doctrine=not_covered`, the hospital's data need no
    SecNumCloud qualification: AWS is no longer excluded for it, only asked about."""
    default = cc.shortlist(_workload(), as_of=D("2026-06-01"))
    other = cc.shortlist(
        _workload(),
        as_of=D("2026-06-01"),
        interpretations={"public_hospitals_in_doctrine": "not_covered"},
    )
    verdict = {r.offering: r.verdict for r in default.rows}
    changed = {r.offering: r.verdict for r in other.rows}
    assert verdict["aws"] is cc.Verdict.NON_COMPLIANT
    assert changed["aws"] is cc.Verdict.UNDETERMINED
    assert default.interpretations == ()
    assert other.interpretations == (("public_hospitals_in_doctrine", "not_covered"),)
    history = cc.shortlist_over_time(
        _workload(),
        D("2026-06-01"),
        D("2026-06-30"),
        interpretations={"public_hospitals_in_doctrine": "not_covered"},
    )
    aws = next(r for r in history.rows if r.offering == "aws")
    assert [p.verdict for p in aws.periods] == [cc.Verdict.UNDETERMINED]
    with pytest.raises(cc.InvalidInterpretation, match="public_hospitals_in_doctrine"):
        cc.shortlist(_workload(), interpretations={"public_hospitals_in_doctrine": "maybe"})


def test_cli_shortlist_interpretation(capsys: pytest.CaptureFixture[str]) -> None:
    reading = ["--interpretation", "public_hospitals_in_doctrine=not_covered"]
    assert main(["shortlist", str(WORKLOAD), "--as-of", "2026-06-01", *reading]) == 3
    out = capsys.readouterr().out
    assert "readings chosen: public_hospitals_in_doctrine=not_covered" in out
    args = ["shortlist", str(WORKLOAD), "--as-of", "2026-06-01", "--format", "json", *reading]
    assert main(args) == 3
    data = json.loads(capsys.readouterr().out)
    assert data["interpretations"] == {"public_hospitals_in_doctrine": "not_covered"}
    assert next(r for r in data["rows"] if r["offering"] == "aws")["verdict"] == "undetermined"
    bad = ["--interpretation", "public_hospitals_in_doctrine=maybe"]
    assert main(["shortlist", str(WORKLOAD), *bad]) == 2
    assert "maybe" in capsys.readouterr().err


# ----------------------------------------------------------------------------- CLI
def test_cli_shortlist_exit_codes_and_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["shortlist", str(WORKLOAD), "--as-of", "2026-06-01", "--format", "json"]) == 3
    data = json.loads(capsys.readouterr().out)
    assert data["as_of"] == "2026-06-01"
    row = next(r for r in data["rows"] if r["offering"] == "aws")
    assert set(row) >= {"offering", "provider", "verdict", "requirements", "reasons"}
    open_data = {**_workload(), "organisation": {"kind": "state_administration"},
                 "workload": {"data": {
                     "protected_secret": False, "medical_secret": False,
                     "essential_state_mission": False, "agents_collaboration_suite": False,
                     "personal_data": False, "personal_health_data": False,
                     "diffusion_restreinte": False, "classified": False}}}
    path = tmp_path / "open.json"
    path.write_text(json.dumps(open_data), encoding="utf-8")
    assert main(["shortlist", str(path), "--as-of", "2026-06-01"]) == 0
    assert "COMPLIANT" in capsys.readouterr().out


def test_cli_shortlist_over_time_and_providers(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["shortlist", str(WORKLOAD), "--from", "2025-01-01", "--to", "2025-12-31"]) == 3
    assert "s3ns-premi3ns" in capsys.readouterr().out
    assert main(["providers", "--as-of", "2026-06-01", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    ids = {o["id"] for p in data["providers"] for o in p["offerings"]}
    assert ids >= REQUIRED
    assert main(["providers"]) == 0
    assert "checked" in capsys.readouterr().out


def test_cli_bad_catalogue_is_a_usage_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "[[offerings]]\nid = 5\n")
    result = subprocess.run(
        [sys.executable, "-m", "cloudcentre", "providers", "--catalogue", str(path)],
        capture_output=True, text=True, encoding="utf-8", check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert str(path) in result.stderr


def test_cli_assess_a_named_offering(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "named.json"
    path.write_text(json.dumps({**_workload(), "offering": {"catalogue": "aws"}}),
                    encoding="utf-8")
    assert main(["assess", str(path)]) == 3
    assert "EXT-US-CONTROLLED" in capsys.readouterr().out


def test_the_shortlist_in_catalogue_md_is_the_real_output(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = (ROOT / "docs" / "catalogue.md").read_text(encoding="utf-8")
    block = text.split("```text\n", 1)[1].split("```", 1)[0]
    assert main(["shortlist", str(WORKLOAD), "--as-of", "2026-06-01"]) == 3
    output = capsys.readouterr().out.splitlines()
    for line in block.splitlines():
        if line.strip() and line.strip() != "...":
            assert line in output, line


def test_over_time_s3ns_becomes_eligible_when_qualified() -> None:
    workload = json.loads((ROOT / "examples" / "workloads" / "ministry-secret.json")
                          .read_text(encoding="utf-8"))
    history = cc.shortlist_over_time(workload, D("2025-01-01"), D("2026-06-30"))
    s3ns = next(r for r in history.rows if r.offering == "s3ns-premi3ns")
    assert [(p.start, p.eligible) for p in s3ns.periods] == [
        (D("2025-01-01"), False), (D("2025-12-17"), True)]
    assert any("anssi-2057" in cause for cause in s3ns.periods[1].cause)
    assert history.to_dict()["rows"][0]["periods"][0]["from"] == "2025-01-01"


def test_the_same_shortlist_twice_is_the_same_bytes(capsys: pytest.CaptureFixture[str]) -> None:
    outputs = []
    for _ in range(2):
        main(["shortlist", str(WORKLOAD), "--as-of", "2026-01-15", "--format", "json"])
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
