"""Explanations a DPO can sign (issue 12): summary first, date-true citations, remedies,
reports in French and English with digests, and the Graphviz graph."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cloudcentre
from cloudcentre._cli import main
from cloudcentre.decide.outcome import Decision, FactNode
from cloudcentre.decide.remedies import apply_remedy, catalogue_offerings
from cloudcentre.law.in_force import in_force_from
from cloudcentre.law.language import Citation
from cloudcentre.report.dot import render_dot
from cloudcentre.report.i18n import Lang, message, missing_translations
from cloudcentre.report.markdown import decision_record, digests, render_markdown
from cloudcentre.report.text import EXPLAIN_MODES, render_decision
from cloudcentre.strategies import cases

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(
    p for p in (ROOT / "examples").glob("*.json") if not p.name.endswith(".expected.json")
)
IDS = [p.stem for p in EXAMPLES]


def _decide(path: Path) -> Decision:
    return cloudcentre.assess(cloudcentre.case_from_json(path.read_text(encoding="utf-8")))


# ----------------------------------------------------------------------------- summary first
@pytest.mark.parametrize("path", EXAMPLES, ids=IDS)
def test_default_text_is_short_and_starts_with_the_verdict(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["assess", str(path)])
    out = capsys.readouterr().out
    lines = out.splitlines()
    decision = _decide(path)
    assert len(lines) <= 40, out
    assert lines[0].startswith(message(decision.verdict.value, "en"))
    assert "certifications_listed" not in out
    for req in decision.requirements:
        assert any(line.strip().split(" ")[1:2] == [req.id] for line in lines), req.id


@pytest.mark.parametrize("path", EXAMPLES, ids=IDS)
def test_explain_modes_filter_one_structure(path: Path) -> None:
    decision = _decide(path)
    texts = {mode: render_decision(decision, mode) for mode in EXPLAIN_MODES}
    assert texts["off"].splitlines()[0] == texts["summary"].splitlines()[0]
    assert len(texts["off"].splitlines()) <= 2
    for mode in ("fails", "full", "remedies"):
        assert texts[mode].startswith(texts["summary"].rstrip("\n").split("\n\nassumptions")[0])
    assert len(texts["full"]) >= len(texts["fails"])
    if decision.requirements:
        assert "←" in texts["full"]
    assert "certifications_listed" not in texts["full"]


def test_full_tree_prints_each_derivation_once() -> None:
    decision = _decide(ROOT / "examples" / "health-data-hub.json")
    full = render_decision(decision, "full")
    assert full.count("← CAC-2021-SCOPE-SUPERVISED") == 1
    assert "(see above)" in full


def test_decisive_reason_of_a_us_provider() -> None:
    text = render_decision(_decide(ROOT / "examples" / "health-data-hub.json"))
    line = next(x for x in text.splitlines() if "EXTRA-EU-IMMUNITY" in x)
    assert "unmet" in line
    assert "EXT-US-CONTROLLED" in line
    assert "provider.us_controlled = true" in line


def test_inputs_are_labelled_by_case_field() -> None:
    text = render_decision(_decide(ROOT / "examples" / "health-data-hub.json"), "full")
    assert "offering.certifications[azure-hds-2024].version" in text
    assert "certificate.version[" not in text
    assert re.search(r"^\s*certificate\.\w+\[[^]]+\] = .* \(input\)$", text, re.M) is None


def _resolve(case: dict[str, Any], field: str) -> bool:
    match = re.fullmatch(r"offering\.certifications\[([^]]+)\]\.(\w+)", field)
    if match:
        certs = cloudcentre.case_from_dict(case).offering.certifications or ()
        return match[1] in {c.key() for c in certs}
    node: Any = case
    for part in field.split("."):
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    return True


@pytest.mark.parametrize("path", EXAMPLES, ids=IDS)
def test_json_inputs_name_their_case_field(path: Path) -> None:
    case = json.loads(path.read_text(encoding="utf-8"))
    data: dict[str, Any] = _decide(path).to_dict()
    seen = 0

    # Format 2: the justification lists each fact once; an input names its case field
    # when its own name is not that field.
    for node in data["justification"]["facts"]:
        if node["source"] == "input":
            seen += 1
            field = node.get("field", node["fact"])
            if field.startswith("interpretations."):  # a reading, not a case field
                names = {i.name for i in cloudcentre.INTERPRETATIONS}
                assert field.split(".", 1)[1] in names
            else:
                assert _resolve(case, field), node
        else:
            assert "field" not in node
    assert seen or not data["requirements"]


# ----------------------------------------------------------------------------- date-true
def _shown_citations(decision: Decision) -> list[Citation]:
    out: list[Citation] = []

    def walk(node: FactNode) -> None:
        for step in node.derived_by:
            out.extend(step.citations)
            for premise in step.because:
                walk(premise)

    for req in decision.justification.because:
        out.extend(req.citations)
        for node in req.because:
            walk(node)
    return out


def _assert_date_true(decision: Decision) -> None:
    for citation in _shown_citations(decision):
        start = in_force_from(citation)
        assert start is None or start <= decision.as_of, (
            f"{citation.instrument} ({start}) cited on {decision.as_of}"
        )


@settings(max_examples=60)
@given(cases())
def test_judged_on_2020_06_01_nothing_cites_a_later_instrument(case: cloudcentre.Case) -> None:
    _assert_date_true(cloudcentre.assess(case, as_of=dt.date(2020, 6, 1)))


CORPUS = EXAMPLES + sorted(
    p for p in (ROOT / "tests" / "cases").glob("*.json") if not p.name.endswith(".expected.json")
)


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
@pytest.mark.parametrize("day", ["2020-06-01", "2021-10-01", "2023-01-01", "2024-06-01"])
def test_the_corpus_cites_only_instruments_in_force(path: Path, day: str) -> None:
    case = cloudcentre.case_from_json(path.read_text(encoding="utf-8"))
    _assert_date_true(cloudcentre.assess(case, as_of=dt.date.fromisoformat(day)))


@settings(max_examples=60)
@given(cases(), st.dates(dt.date(2019, 1, 1), dt.date(2027, 12, 31)))
def test_no_decision_cites_an_instrument_not_yet_in_force(
    case: cloudcentre.Case, day: dt.date
) -> None:
    _assert_date_true(cloudcentre.assess(case, as_of=day))


def test_a_requirement_cites_the_rules_that_decided_it_that_day() -> None:
    path = ROOT / "examples" / "office-365-ministry.json"
    before = cloudcentre.assess(json.loads(path.read_text()), as_of=dt.date(2021, 10, 1))
    later = cloudcentre.assess(json.loads(path.read_text()), as_of=dt.date(2025, 1, 1))
    instruments = {c.instrument for r in before.requirements for c in r.citations}
    assert not any("2024" in i or "2023" in i for i in instruments)
    assert any("SREN" in c.instrument for r in later.requirements for c in r.citations)


# ----------------------------------------------------------------------------- remedies
@pytest.mark.parametrize("path", EXAMPLES, ids=IDS)
def test_every_remedy_flips_the_verdict(path: Path) -> None:
    decision = _decide(path)
    remedies = decision.remedies()
    if decision.compliant:
        assert remedies == ()
    for remedy in remedies:
        for change in remedy.changes:
            assert not change.field.startswith(("organisation", "workload.data"))
        changed = cloudcentre.assess(apply_remedy(decision.subject, remedy))
        assert changed.compliant, remedy
        assert changed.verdict is remedy.verdict


@pytest.mark.parametrize("name", ["health-data-hub", "office-365-ministry"])
def test_real_remedies(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    decision = _decide(ROOT / "examples" / f"{name}.json")
    remedies = decision.remedies()
    assert any(r.verdict is cloudcentre.Verdict.COMPLIANT for r in remedies)
    # minimal: no remedy contains another
    sets = [frozenset((c.kind, c.field) for c in r.changes) for r in remedies]
    assert not any(a < b for a in sets for b in sets)
    main(["assess", str(ROOT / "examples" / f"{name}.json"), "--explain", "remedies"])
    out = capsys.readouterr().out
    assert "remedies" in out
    assert "provider.us_controlled = false" in out


def test_catalogue_remedies_flip_the_verdict() -> None:
    decision = _decide(ROOT / "examples" / "office-365-ministry.json")
    offerings = catalogue_offerings(cloudcentre.bundled_catalogue(), decision.as_of)
    remedies = decision.remedies(offerings=offerings)
    chosen = [r for r in remedies if "offering" in r.kinds]
    assert chosen
    for remedy in remedies:
        assert cloudcentre.assess(apply_remedy(decision.subject, remedy)).compliant


# ----------------------------------------------------------------------------- reports
@pytest.mark.parametrize("path", EXAMPLES, ids=IDS)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_markdown_record(path: Path, lang: Lang) -> None:
    decision = _decide(path)
    remedies = decision.remedies()
    first = render_markdown(decision, lang=lang, remedies=remedies)
    assert render_markdown(_decide(path), lang=lang, remedies=remedies) == first
    found = digests(decision)
    assert found["case"]
    assert found["case"] in first
    assert found["rule_pack"]
    assert found["rule_pack"] in first
    assert decision.as_of.isoformat() in first
    assert cloudcentre.__version__ in first
    # every rule step cites its sources in force that day, or says it has none
    lines = first.splitlines()
    for i, line in enumerate(lines):
        if re.search(r"- (déduit par|derived by) \*\*", line):
            assert "§" in lines[i + 1] or "⚠" in lines[i + 1], line
            if "⚠" in lines[i + 1]:
                rule = line.split("**")[1]
                assert rule in UNCITED_BEFORE_THEIR_SOURCE, rule


def test_cli_markdown_is_reproducible(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(ROOT / "examples" / "office-365-ministry.json")
    main(["assess", path, "--format", "markdown", "--lang", "en"])
    first = capsys.readouterr().out
    main(["assess", path, "--format", "markdown", "--lang", "en"])
    assert capsys.readouterr().out == first
    assert "choose one of these offerings" in first  # from the bundled catalogue


#: Rules in force before every instrument they cite (found by the date-true citations);
#: their reports say so. A law-data point for the rule packs: each needs the source of
#: its earlier days (e.g. the 2021 circulaire) or a ``valid_from``.
UNCITED_BEFORE_THEIR_SOURCE = {
    "ASSUME-NOT-CLASSIFIED",  # cites II 2300 (2022-04-12), used in 2021
    "HDS-V2-EEA-STORED",  # cites the HDS v2 arrêté (2024), used in 2021
    "SNC-19.2C-ADMIN-OUTSIDE-EU",  # cites SecNumCloud 3.2 (2022-03-08), used in 2021
    "SNC-19.2D-TECHNICAL-OUTSIDE-EU",
    "SNC-19.2E-SUPPORT-UNCONTROLLED",
}


def test_french_is_the_default_for_reports(capsys: pytest.CaptureFixture[str]) -> None:
    main(["assess", str(ROOT / "examples" / "health-data-hub.json"), "--format", "markdown"])
    out = capsys.readouterr().out
    assert "NON CONFORME" in out
    assert "Procès-verbal" in out


def test_same_inputs_same_digests() -> None:
    path = ROOT / "examples" / "health-data-hub.json"
    assert digests(_decide(path)) == digests(_decide(path))
    changed = json.loads(path.read_text())
    changed["offering"]["support_controlled_from_eu"] = True
    assert digests(cloudcentre.assess(changed))["case"] != digests(_decide(path))["case"]


@pytest.mark.parametrize("path", EXAMPLES, ids=IDS)
def test_json_record_fields(path: Path) -> None:
    record = decision_record(_decide(path), remedies=True)["record"]
    assert set(record) == {
        "cloudcentre_version", "rule_pack_version", "digests", "summary", "remedies",
    }
    assert [s["requirement"] for s in record["summary"]] == [
        r.id for r in _decide(path).requirements
    ]


@pytest.mark.parametrize("path", EXAMPLES, ids=IDS)
def test_dot_graph(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["assess", str(path), "--format", "dot"])
    out = capsys.readouterr().out
    assert out.startswith("digraph justification {")
    assert out.rstrip().endswith("}")
    assert out == render_dot(_decide(path))
    assert "certifications_listed" not in out


def test_every_rule_and_requirement_has_a_french_title() -> None:
    missing = missing_translations("fr")
    assert missing == {"rules": [], "requirements": [], "assumptions": [], "questions": []}, (
        "add these ids to src/cloudcentre/report/catalogue/fr.json: " + json.dumps(missing)
    )


def test_french_questions(capsys: pytest.CaptureFixture[str]) -> None:
    main(["assess", str(ROOT / "examples" / "undetermined-missing-facts.json"), "--lang", "fr"])
    out = capsys.readouterr().out
    assert out.startswith("INDÉTERMINÉ")
    assert "Le prestataire est-il une société américaine" in out


def test_french_text_output(capsys: pytest.CaptureFixture[str]) -> None:
    main(["assess", str(ROOT / "examples" / "health-data-hub.json"), "--lang", "fr"])
    out = capsys.readouterr().out
    assert out.startswith("NON CONFORME")
    assert "Un prestataire américain" in out


def test_remedies_may_choose_another_offering() -> None:
    hospital = json.loads((ROOT / "examples" / "hospital-secnumcloud-hds.json").read_text())
    office = json.loads((ROOT / "examples" / "office-365-ministry.json").read_text())
    alternatives = [
        {"offering": hospital["offering"], "provider": hospital["provider"]},
        {"offering": office["offering"], "provider": office["provider"]},
    ]
    decision = _decide(ROOT / "examples" / "health-data-hub.json")
    remedies = decision.remedies(offerings=alternatives)
    chosen = [r for r in remedies if r.kinds == ("offering",)]
    assert len(chosen) == 1  # the qualified, HDS-certified offering; not Microsoft 365
    assert chosen[0].changes[0].value["name"] == hospital["offering"]["name"]
    for remedy in remedies:
        assert cloudcentre.assess(apply_remedy(decision.subject, remedy)).compliant
    text = render_decision(decision, "remedies", remedies=remedies)
    assert "choose one of these offerings" in text
    assert f"- {hospital['offering']['name']}" in text
