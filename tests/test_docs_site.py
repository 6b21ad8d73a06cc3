"""The docs site (issue 12): every page is in the navigation, the tutorial's commands and
Python code run and print what the page shows, the example reports are up to date, and
the site builds with no warning (when MkDocs is installed: ``pip install -e '.[docs]'``)."""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from regen import example_reports

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
#: Pages whose code examples are run: ```console blocks (commands and their exact output)
#: and ```python blocks (executed in order, in one namespace per page).
RUN_PAGES = ("tutorial.md",)


def _blocks(page: str, lang: str) -> list[str]:
    text = (DOCS / page).read_text(encoding="utf-8")
    return re.findall(rf"^```{lang}\n(.*?)^```$", text, flags=re.MULTILINE | re.DOTALL)


def _console_cases() -> list[Any]:
    out: list[Any] = []
    for page in RUN_PAGES:
        for block in _blocks(page, "console"):
            command, _, expected = block.partition("\n")
            out.append(pytest.param(command.removeprefix("$ "), expected, id=command[:60]))
    return out


@pytest.mark.parametrize(("command", "expected"), _console_cases())
def test_console_examples_print_what_the_docs_show(command: str, expected: str) -> None:
    argv = shlex.split(command)
    assert argv[0] == "cloudcentre"
    result = subprocess.run(
        [sys.executable, "-m", "cloudcentre", *argv[1:]],
        capture_output=True, text=True, encoding="utf-8", cwd=ROOT, check=False,
    )
    assert result.stderr == ""
    assert result.stdout == expected, "regenerate the page's output"


@pytest.mark.parametrize("page", RUN_PAGES)
def test_python_examples_run(page: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {"__name__": "__docs__"}
    blocks = _blocks(page, "python")
    assert blocks
    for block in blocks:
        exec(compile(block, f"{page}:python", "exec"), namespace)


def test_example_reports_are_up_to_date() -> None:
    for path, text in example_reports().items():
        assert path.is_file(), f"{path.name} is missing: run python tests/regen.py"
        assert path.read_text(encoding="utf-8") == text, (
            f"{path.name} is out of date: run python tests/regen.py"
        )


def test_every_page_is_in_the_navigation() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for page in sorted(DOCS.rglob("*.md")):
        name = page.relative_to(DOCS).as_posix()
        assert f" {name}" in config, f"{name} is not in mkdocs.yml's nav"


@pytest.mark.skipif(
    importlib.util.find_spec("mkdocs") is None,
    reason="MkDocs is not installed (pip install -e '.[docs]'); CI builds the site",
)
def test_site_builds_without_warnings(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path)],
        capture_output=True, text=True, encoding="utf-8", cwd=ROOT, check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "api" / "index.html").is_file()
    assert (tmp_path / "reports" / "health-data-hub.fr" / "index.html").is_file()
