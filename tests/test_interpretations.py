"""Named interpretations: declared as data, read by rules, chosen by the user, recorded."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import cloudcentre as cc
from cloudcentre._cli import main
from cloudcentre.law.language import INTERPRETATION_PREFIX

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
BY_NAME = {i.name: i for i in cc.INTERPRETATIONS}
CASE = ROOT / "tests" / "review-cases" / "hospital-dpi-hds-only-host.json"

#: The contested readings the issue names, at least.
REQUIRED = {
    "sren31_requirement",
    "public_hospitals_in_doctrine",
    "dr_hosting",
    "derogation_clock",
    "hds_v1_transition_end",
    "snc32_attests",
}


def test_the_six_contested_readings_are_declared() -> None:
    assert set(BY_NAME) >= REQUIRED


@pytest.mark.parametrize("item", cc.INTERPRETATIONS, ids=lambda i: i.name)
def test_every_option_has_sources_and_the_default_is_an_option(item: cc.Interpretation) -> None:
    assert item.default in item.values
    assert item.why_default
    for option in item.options:
        assert option.citations, (item.name, option.value)
        for citation in option.citations:
            assert citation.url.startswith("http")


def test_every_interpretation_a_rule_reads_is_declared_with_that_option() -> None:
    for rule in cc.RULES:
        for cond in rule.conditions:
            if cond.fact.startswith(INTERPRETATION_PREFIX):
                name = cond.fact[len(INTERPRETATION_PREFIX):]
                assert name in BY_NAME, (rule.id, name)
                assert isinstance(cond, cc.Test), rule.id
                assert cond.op is cc.Op.EQ, rule.id
                assert cond.value in BY_NAME[name].values, (rule.id, cond.value)
        assert rule.interpretations == tuple(sorted(
            {c.fact[len(INTERPRETATION_PREFIX):] for c in rule.conditions
             if c.fact.startswith(INTERPRETATION_PREFIX)}
        ))


def test_every_option_of_a_wired_interpretation_is_read_by_some_rule() -> None:
    read: dict[str, set[object]] = {}
    for rule in cc.RULES:
        for cond in rule.conditions:
            if cond.fact.startswith(INTERPRETATION_PREFIX) and isinstance(cond, cc.Test):
                read.setdefault(cond.fact[len(INTERPRETATION_PREFIX):], set()).add(cond.value)
    for item in cc.INTERPRETATIONS:
        assert item.name in read, item.name
        # Every option changes something, or is the "left open" option no rule reads.
        # (``unsettled`` leaves the point open; ``facts_required`` is the reading under which
        # the attestation rules simply do not fire.)
        assert set(item.values) - read[item.name] <= {"unsettled", "facts_required"}, item.name


def test_unknown_name_or_value_is_a_clear_error() -> None:
    case = json.loads(CASE.read_text(encoding="utf-8"))
    with pytest.raises(cc.InvalidInterpretation) as info:
        cc.assess(case, interpretations={"nope": "x"})
    assert "`nope`" in str(info.value)
    assert "sren31_requirement" in info.value.hint
    with pytest.raises(cc.InvalidInterpretation) as info:
        cc.assess(case, interpretations={"dr_hosting": "anything"})
    assert "`homologated_system`" in info.value.hint
    assert isinstance(info.value, cc.InvalidCase)
    assert isinstance(info.value, ValueError)


def test_timeline_takes_interpretations_and_reports_them() -> None:
    case = json.loads(CASE.read_text(encoding="utf-8"))
    chosen = {"public_hospitals_in_doctrine": "not_covered"}
    timeline = cc.timeline(case, end=dt.date(2027, 1, 1), interpretations=chosen)
    assert dict(timeline.interpretations)["public_hospitals_in_doctrine"] == "not_covered"
    assert timeline.periods[-1].verdict is cc.Verdict.COMPLIANT
    data = cc.timeline_to_dict(timeline)
    assert data["interpretations"]["public_hospitals_in_doctrine"] == "not_covered"


def test_cli_interpretations_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["interpretations"]) == 0
    text = capsys.readouterr().out
    for name in REQUIRED:
        assert name in text
    assert main(["interpretations", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {d["name"] for d in data} == set(BY_NAME)
    for item in data:
        assert all(option["citations"] for option in item["options"])


def test_cli_bad_interpretation_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", str(CASE), "--interpretation", "dr_hosting"]) == 2
    assert "NAME=VALUE" in capsys.readouterr().err
    assert main(["timeline", str(CASE), "--interpretation", "x=y"]) == 2
    err = capsys.readouterr().err
    assert "unknown interpretation `x`" in err
    assert "Traceback" not in err


def test_cli_text_decision_lists_the_readings(capsys: pytest.CaptureFixture[str]) -> None:
    main(["assess", str(CASE), "--interpretation", "public_hospitals_in_doctrine=not_covered"])
    out = capsys.readouterr().out
    assert "public_hospitals_in_doctrine = not_covered (chosen)" in out


def test_cli_rules_shows_the_interpretation_and_filters_on_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["rules"]) == 0
    assert "depends on interpretation: public_hospitals_in_doctrine" in capsys.readouterr().out
    assert main(["rules", "--format", "json",
                 "--interpretation", "public_hospitals_in_doctrine=not_covered"]) == 0
    ids = {r["id"] for r in json.loads(capsys.readouterr().out)}
    assert "CAC-2021-SCOPE-HOSPITAL-NOT-COVERED" in ids
    assert "CAC-2023-SCOPE-HOSPITAL" not in ids


def test_assumptions_md_is_the_reference_of_interpretations() -> None:
    text = (DOCS / "assumptions.md").read_text(encoding="utf-8")
    for item in cc.INTERPRETATIONS:
        assert f'<a id="interpretation-{item.name}"></a>' in text, item.name
        for value in item.values:
            assert f"`{value}`" in text, (item.name, value)
        for rule in cc.RULES:
            if item.name in rule.interpretations:
                assert f"`{rule.id}`" in text, (item.name, rule.id)


# ----------------------------------------------------------------------------- dates
def test_no_rule_cites_a_later_source_as_its_basis_unless_labelled() -> None:
    """A rule in force from a date cites no source dated after that date, unless it says it
    applies a later text to an earlier period (``applies_later_text``). A rule with no
    start date is a mechanism the tool applies at every date (certificate validity,
    scope exclusions before an instrument existed): its sources are not a start."""
    offenders = []
    for rule in cc.RULES:
        if rule.valid_from is None or rule.applies_later_text:
            continue
        for citation in rule.citations:
            if citation.date is not None and citation.date > rule.valid_from:
                offenders.append((rule.id, rule.valid_from.isoformat(), citation.instrument,
                                  citation.date.isoformat()))
    assert offenders == []


def test_labelled_rules_really_apply_a_later_text() -> None:
    for rule in cc.RULES:
        if rule.applies_later_text:
            assert rule.valid_from is not None
            start = rule.valid_from
            assert any(c.date is not None and c.date > start for c in rule.citations), rule.id
