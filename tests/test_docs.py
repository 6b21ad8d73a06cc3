"""The documentation in ``docs/`` stays in step with the rules, the examples and the CLI."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import cloudcentre
from cloudcentre._cli import EXIT_CODES
from cloudcentre.report.rules import REGENERATE, rules_markdown

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
#: The example cases (their ``*.expected.json`` companions hold expected outcomes).
EXAMPLES = sorted(
    path for path in (ROOT / "examples").glob("*.json")
    if not path.name.endswith(".expected.json")
)
HOW_TO_REGENERATE = f"docs/rules.md is out of date; regenerate it with: {REGENERATE}"


def _read(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


# ----------------------------------------------------------------------------- rules.md
def test_rules_md_is_generated_from_the_rules() -> None:
    assert _read("rules.md") == rules_markdown(), HOW_TO_REGENERATE


def test_docgen_module_prints_the_same() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cloudcentre.report.rules"],
        capture_output=True, text=True, encoding="utf-8", check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == rules_markdown()


def test_rules_markdown_is_deterministic() -> None:
    assert rules_markdown() == rules_markdown()


@pytest.mark.parametrize("rule", cloudcentre.RULES, ids=lambda r: r.id)
def test_every_rule_is_in_rules_md(rule: cloudcentre.Rule) -> None:
    text = _read("rules.md")
    assert f"`{rule.id}`" in text, HOW_TO_REGENERATE
    generated = rules_markdown()
    assert f"### `{rule.id}`: {rule.title}" in generated
    for cond in rule.conditions:
        assert cond.describe() in generated
    assert rule.conclusion.describe() in generated
    for citation in rule.citations:
        assert citation.url in generated
        if citation.quote:
            assert citation.quote in generated
    if rule.assumption:
        assert rule.assumption in generated


def test_rules_markdown_has_packs_requirements_and_verdict_table() -> None:
    generated = rules_markdown()
    for pack in cloudcentre.PACKS:
        assert f"## Pack `{pack.name}`: {pack.title}" in generated
    for req in cloudcentre.REQUIREMENTS:
        assert f"| `{req.id}` |" in generated
    for status, verdict in cloudcentre.VERDICT_TABLE:
        assert f"| `{status.value}` | `{verdict.value}` |" in generated


# ----------------------------------------------------------------------------- examples.md
def _sections(text: str) -> dict[str, str]:
    """Level-2 sections of a Markdown page, by heading."""
    parts = re.split(r"^## (.+)$", text, flags=re.MULTILINE)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def _verdict(path: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "cloudcentre", "assess", str(path), "--format", "json"],
        capture_output=True, text=True, encoding="utf-8", check=False,
    )
    verdict: str = json.loads(result.stdout)["verdict"]
    assert result.returncode == EXIT_CODES[cloudcentre.Verdict(verdict)]
    return verdict


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_is_described(path: Path) -> None:
    sections = _sections(_read("examples.md"))
    heading = f"`examples/{path.name}`"
    assert heading in sections, f"docs/examples.md has no section `## {heading}`"
    body = sections[heading]
    verdict = _verdict(path)
    code = EXIT_CODES[cloudcentre.Verdict(verdict)]
    assert f"**Verdict:** `{verdict}` (exit code {code})" in body, (
        f"docs/examples.md gives the wrong verdict for {path.name}: it is `{verdict}`"
    )


def test_examples_md_cites_only_real_rule_ids() -> None:
    known = {rule.id for rule in cloudcentre.RULES} | {r.id for r in cloudcentre.REQUIREMENTS}
    cited = set(re.findall(r"`([A-Z0-9][A-Z0-9.]*(?:-[A-Z0-9.]+)+)`", _read("examples.md")))
    assert cited
    assert cited <= known, f"unknown rule ids in docs/examples.md: {sorted(cited - known)}"


# ----------------------------------------------------------------------------- assumptions.md
def test_every_assumption_is_in_assumptions_md() -> None:
    text = " ".join(_read("assumptions.md").replace("> ", "").split())
    carriers: list[tuple[str, str]] = [
        (rule.id, rule.assumption) for rule in cloudcentre.RULES if rule.assumption
    ]
    carriers += [(req.id, req.assumption) for req in cloudcentre.REQUIREMENTS if req.assumption]
    assert carriers
    for ident, assumption in carriers:
        assert f"`{ident}`" in text, f"docs/assumptions.md does not mention {ident}"
        assert " ".join(assumption.split()) in text, (
            f"docs/assumptions.md does not quote the assumption of {ident}"
        )


# ----------------------------------------------------------------------------- all pages
PAGES = ("index.md", "case-format.md", "output-format.md", "examples.md", "assumptions.md",
         "rules.md", "law-over-time.md", "engines.md", "catalogue.md")


@pytest.mark.parametrize("page", PAGES)
def test_relative_links_resolve(page: str) -> None:
    text = _read(page)
    for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
        if "://" in target:
            continue
        assert (DOCS / target).resolve().exists(), f"{page}: broken link to {target}"


def test_schemas_named_in_the_docs_exist() -> None:
    for name in ("case", "decision", "rules"):
        assert (ROOT / "src" / "cloudcentre" / "schemas" / f"{name}.schema.json").is_file()
