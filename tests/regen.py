"""Regenerate the generated files: every golden ``*.expected.json``, ``docs/rules.md``,
the examples' French and English reports in ``docs/reports/``, and the output shown under
each command of the tutorial's ```console blocks.

    python tests/regen.py

The expectations are reviewed data, not snapshots: after running this, read
``git diff`` and keep only the changes the change in the law or the code explains.
An expectation keeps its optional ``assumptions`` list; ``derogation_until`` is kept
when the decision is under derogation.
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import cloudcentre
from cloudcentre.decide.remedies import catalogue_offerings
from cloudcentre.report.markdown import render_markdown
from cloudcentre.report.rules import rules_markdown

ROOT = Path(__file__).resolve().parent.parent


def expectation(decision: cloudcentre.Decision, old: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = decision.to_dict()
    out: dict[str, Any] = {
        "verdict": data["verdict"],
        "requirements": {r["id"]: r["status"] for r in data["requirements"]},
    }
    if data["verdict"] == "undetermined":
        out["missing"] = [m["field"] for m in data["missing"]]
    if data["derogation_until"] is not None:
        out["derogation_until"] = data["derogation_until"]
    if "assumptions" in old:
        out["assumptions"] = old["assumptions"]
    return out


def example_reports() -> dict[Path, str]:
    """``docs/reports/NAME.LANG.md``: each example's Markdown record in French and English."""
    out: dict[Path, str] = {}
    for path in sorted((ROOT / "examples").glob("*.json")):
        if path.name.endswith(".expected.json"):
            continue
        decision = cloudcentre.assess(cloudcentre.case_from_json(path.read_text("utf-8")))
        # as `cloudcentre assess --format markdown`: remedies may choose a catalogue offering
        offerings = catalogue_offerings(cloudcentre.bundled_catalogue(), decision.as_of)
        remedies = decision.remedies(offerings=offerings)
        for lang in ("fr", "en"):
            target = ROOT / "docs" / "reports" / f"{path.stem}.{lang}.md"
            out[target] = render_markdown(decision, lang=lang, remedies=remedies)
    return out


#: Pages whose ```console blocks (``$ cloudcentre ...`` and its output) are regenerated.
CONSOLE_PAGES = ("tutorial.md",)


def console_output(command: str) -> str:
    """What ``command`` (a ``cloudcentre ...`` line) prints, run from the repository root."""
    argv = shlex.split(command)
    result = subprocess.run(
        [sys.executable, "-m", "cloudcentre", *argv[1:]],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        check=False,
    )
    return result.stdout


def console_pages() -> dict[Path, str]:
    """Each console page with the output under every command brought up to date."""

    def block(match: re.Match[str]) -> str:
        command = match["command"]
        return f"```console\n$ {command}\n{console_output(command)}```"

    out: dict[Path, str] = {}
    for name in CONSOLE_PAGES:
        path = ROOT / "docs" / name
        text = path.read_text(encoding="utf-8")
        pattern = r"^```console\n\$ (?P<command>[^\n]*)\n.*?^```$"
        out[path] = re.sub(pattern, block, text, flags=re.MULTILINE | re.DOTALL)
    return out


def main() -> int:
    changed = []
    for folder in (ROOT / "tests" / "cases", ROOT / "examples"):
        for path in sorted(folder.glob("*.json")):
            if path.name.endswith(".expected.json"):
                continue
            target = path.with_name(path.stem + ".expected.json")
            old = json.loads(target.read_text(encoding="utf-8")) if target.exists() else {}
            case = json.loads(path.read_text(encoding="utf-8"))
            new = expectation(cloudcentre.assess(case), old)
            if new != old:
                target.write_text(
                    json.dumps(new, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
                )
                changed.append(target)
    rules = ROOT / "docs" / "rules.md"
    text = rules_markdown()
    if rules.read_text(encoding="utf-8") != text:
        rules.write_text(text, encoding="utf-8")
        changed.append(rules)
    for target, text in {**example_reports(), **console_pages()}.items():
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.parent.mkdir(exist_ok=True)
            target.write_text(text, encoding="utf-8")
            changed.append(target)
    for path in changed:
        print(f"rewrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
