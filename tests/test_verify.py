"""``cloudcentre verify``: the bundled packs pass; broken house rules fail, each with a
counterexample."""

from __future__ import annotations

import datetime as dt
import sys
import textwrap
from pathlib import Path

import pytest

import cloudcentre as cc
from cloudcentre._cli import main
from cloudcentre.testing import runner
from cloudcentre.testing.fields import UNKNOWN, key_of
from cloudcentre.testing.space import Space

FIXTURES = Path(__file__).parent / "fixtures"


def _module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, body: str) -> str:
    (tmp_path / f"{name}.py").write_text(textwrap.dedent(body), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.syspath_prepend(str(FIXTURES))
    monkeypatch.chdir(tmp_path)
    sys.modules.pop(name, None)
    return name


def test_the_space_is_read_from_the_rules() -> None:
    space = Space(cc.default_pack(), dt.date(2025, 1, 1))
    shares = space.domains[key_of("provider.largest_non_eu_share")]
    assert shares[0] is UNKNOWN
    assert {v <= 24 for v in shares[1:]} == {True, False}
    assert space.domains[key_of("organisation.kind")][0] != UNKNOWN  # required: never unknown
    valid_from = space.domains[key_of("certificate.valid_from")]
    assert "2024-11-16" in valid_from  # the HDS v2 date a rule compares with
    assert any(v > "2025-01-01" for v in valid_from if v is not UNKNOWN)


def test_the_bundled_packs_pass_on_one_date(capsys: pytest.CaptureFixture[str],
                                            tmp_path: Path) -> None:
    code = main(["verify", "--as-of", "2025-01-01",
                 "--counterexample", str(tmp_path / "cx.json")])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "abstract input space:" in out
    assert "engine runs by symmetry" in out
    assert "declared override: `derogation.in_force`" in out
    assert out.rstrip().splitlines()[-1].startswith("OK: 0 failure(s) in ")
    assert not (tmp_path / "cx.json").exists()


@pytest.mark.parametrize(
    ("fixture", "overrides", "kind", "needle"),
    [
        ("DEAD", "{}", "dead-rule", "rule `HOUSE-DEAD` never fires"),
        ("CONTRADICTION", "{}", "contradiction", "`data.sensitive` is derived both"),
        ("MONOTONICITY", "MONOTONICITY_OVERRIDES", "monotonicity",
         "more-sensitive-data: requirement EXTRA-EU-IMMUNITY"),
    ],
)
def test_a_broken_pack_fails_with_a_counterexample(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    fixture: str, overrides: str, kind: str, needle: str,
) -> None:
    name = _module(tmp_path, monkeypatch, f"house_{fixture.lower()}", f"""
        from broken_packs import {fixture} as RULES, MONOTONICITY_OVERRIDES
        OVERRIDES = {overrides}
    """)
    target = tmp_path / "counterexample.json"
    code = main(["verify", "--as-of", "2025-01-01", "--pack", name,
                 "--counterexample", str(target)])
    out = capsys.readouterr().out
    assert code == 1, out
    failures = [line for line in out.splitlines() if line.startswith("FAIL ")]
    assert any(line.startswith(f"FAIL {kind}:") and needle in line for line in failures), out
    if kind == "dead-rule":
        return
    case = cc.case_from_json(target.read_text(encoding="utf-8"))
    assert case.as_of == dt.date(2025, 1, 1)
    if kind == "contradiction":  # the case file replays the contradiction
        pack = cc.compile_rules((*cc.RULES, *runner.load_pack(name).rules))
        decision = cc.assess(case, pack=pack)
        values = {f.value for f, _ in decision.inference.derived if f.name == "data.sensitive"}
        assert values == {True, False}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("X = 1\n", "exposes neither `RULES` nor `rules()`"),
        ("RULES = [1]\n", "which is not a Rule"),
        ("RULES = (\n", "SyntaxError"),
        ("from broken_packs import DEAD as RULES\nRULES = RULES * 2\n",
         "two rules have the id `HOUSE-DEAD`"),
    ],
)
def test_a_bad_pack_module_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    body: str, message: str,
) -> None:
    name = _module(tmp_path, monkeypatch, "house_bad", body)
    assert main(["verify", "--as-of", "2025-01-01", "--pack", name]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


def test_a_missing_pack_module_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", "--pack", "no_such_module_here"]) == 2
    assert "cannot import the pack module `no_such_module_here`" in capsys.readouterr().err


def test_as_of_and_all_dates_exclude_each_other(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", "--as-of", "2025-01-01", "--all-dates"]) == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_before_the_doctrine_its_rules_are_dead_that_day() -> None:
    """Dead rules and reachability are judged on the dates checked: before the 2021
    circulaire, no requirement can apply, which the report says."""
    report, _, _ = runner.run(None, [dt.date(2020, 1, 1)])
    messages = {f.message for f in report.failures}
    assert "rule `CAC-R9-TRUSTED-CLOUD` never fires" not in messages  # not in force
    assert "requirement SECNUMCLOUD-QUALIFICATION is never met" in messages
    assert report.runs < report.space_size


def test_the_documented_example_test_file_runs(tmp_path: Path) -> None:
    import subprocess

    example = Path(__file__).resolve().parent.parent / "docs" / "examples"
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir",
         str(tmp_path), str(example / "test_hds_v2_policy.py")],
        capture_output=True, text=True, check=False, cwd=tmp_path,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "2 passed" in out.stdout


def test_the_documented_house_rule_passes_with_its_overrides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (Path(__file__).resolve().parent.parent / "docs" / "testing.md").read_text(
        encoding="utf-8")
    start = text.index("```python\n# my_house_rules.py") + len("```python\n")
    name = _module(tmp_path, monkeypatch, "my_house_rules", text[start:text.index("```", start)])
    assert main(["verify", "--as-of", "2025-01-01", "--pack", name]) == 0
    out = capsys.readouterr().out
    assert "declared override: `data.sensitive` derived both ways by " \
           "CAC-2023-R9-NOT-SENSITIVE, CAC-2023-R9-NOT-SENSITIVE-PRESUMED, " \
           "HOUSE-AGENTS-DATA-SENSITIVE" in out
