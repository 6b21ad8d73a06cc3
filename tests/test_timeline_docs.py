"""docs/law-over-time.md shows the real output of ``cloudcentre timeline``, and stays so.

Every output block of the page sits between two HTML comments::

    <!-- timeline: examples/health-data-hub.json -->
    ```text
    ...the output of `cloudcentre timeline examples/health-data-hub.json`...
    ```
    <!-- /timeline -->

``timeline-json:`` marks the output of ``--format json``. Extra arguments may follow the
path (``<!-- timeline: examples/x.json --from 2024-01-01 -->``). The tests re-run each
command and compare. To refresh every block after a change of rules or examples, run::

    python tests/test_timeline_docs.py
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import sys
from contextlib import redirect_stdout
from pathlib import Path

import pytest

import cloudcentre
from cloudcentre._cli import main

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "law-over-time.md"
REFRESH = "python tests/test_timeline_docs.py"

#: ``<!-- timeline: ARGS -->`` or ``<!-- timeline-json: ARGS -->``, a fenced block, the end.
BLOCK = re.compile(
    r"^<!-- (?P<marker>timeline|timeline-json): (?P<args>[^>]*?) -->\n"
    r"```(?P<lang>[a-z]*)\n(?P<body>.*?)^```\n"
    r"<!-- /timeline -->$",
    re.MULTILINE | re.DOTALL,
)
#: The outputs the page must show (issue 3: the Health Data Hub and Office 365 examples).
REQUIRED = {
    ("timeline", "examples/health-data-hub.json"),
    ("timeline", "examples/office-365-ministry.json"),
    ("timeline", "examples/office-365-messaging-derogation.json"),
    ("timeline-json", "examples/office-365-messaging-derogation.json"),
}


def _argv(marker: str, args: str) -> list[str]:
    argv = ["timeline", *args.split()]
    if marker == "timeline-json":
        argv += ["--format", "json"]
    return argv


def _command(marker: str, args: str) -> str:
    return "cloudcentre " + " ".join(_argv(marker, args))


def _blocks(text: str) -> list[tuple[str, str, str, str]]:
    """``(marker, args, lang, body)`` for every marked block of the page."""
    return [(m["marker"], m["args"], m["lang"], m["body"]) for m in BLOCK.finditer(text)]


def _page() -> str:
    return PAGE.read_text(encoding="utf-8")


def _output(marker: str, args: str) -> tuple[int, str]:
    """Run the CLI in-process from the repository root; return (exit code, stdout)."""
    buffer = io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        with redirect_stdout(buffer):
            code = main(_argv(marker, args))
    return code, buffer.getvalue()


def refresh() -> int:
    """Rewrite every marked block of docs/law-over-time.md with the current output."""

    def replace(match: re.Match[str]) -> str:
        marker, args = match["marker"], match["args"]
        code, out = _output(marker, args)
        if code != 0:
            raise SystemExit(f"`{_command(marker, args)}` exited with {code}")
        return f"<!-- {marker}: {args} -->\n```{match['lang']}\n{out}```\n<!-- /timeline -->"

    text = _page()
    new = BLOCK.sub(replace, text)
    if new != text:
        PAGE.write_text(new, encoding="utf-8")
        print(f"refreshed {PAGE.relative_to(ROOT)}")
    else:
        print(f"{PAGE.relative_to(ROOT)} is up to date")
    return 0


# ----------------------------------------------------------------------------- the blocks
def test_the_page_shows_the_required_outputs() -> None:
    shown = {(marker, args) for marker, args, _, _ in _blocks(_page())}
    assert shown >= REQUIRED, f"docs/law-over-time.md lacks the blocks {sorted(REQUIRED - shown)}"


def test_every_marker_opens_a_well_formed_block() -> None:
    text = _page()
    openings = re.findall(r"^<!-- timeline(?:-json)?: ", text, flags=re.MULTILINE)
    closings = re.findall(r"^<!-- /timeline -->$", text, flags=re.MULTILINE)
    blocks = _blocks(text)
    assert len(openings) == len(closings) == len(blocks), (
        "docs/law-over-time.md: each `<!-- timeline: ARGS -->` line must be followed by a "
        "fenced block and a `<!-- /timeline -->` line"
    )
    for marker, args, lang, _ in blocks:
        expected = "json" if marker == "timeline-json" else "text"
        assert lang == expected, f"the block of `{_command(marker, args)}` must be ```{expected}"


@pytest.mark.parametrize(
    ("marker", "args"),
    sorted({(marker, args) for marker, args, _, _ in _blocks(_page())}),
    ids=lambda value: str(value),
)
def test_block_is_the_current_output(
    marker: str, args: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    code = main(_argv(marker, args))
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.err == ""
    bodies = [body for m, a, _, body in _blocks(_page()) if (m, a) == (marker, args)]
    for body in bodies:
        assert body == captured.out, (
            f"docs/law-over-time.md is out of date: the block marked `{marker}: {args}` is not "
            f"the output of `{_command(marker, args)}`. Refresh every block with: {REFRESH}"
        )


# ----------------------------------------------------------------------------- the page
def test_every_dated_rule_is_in_the_instrument_table() -> None:
    text = _page()
    for rule in cloudcentre.RULES:
        if rule.valid_from is None and rule.valid_until is None:
            continue
        assert f"`{rule.id}`" in text, (
            f"docs/law-over-time.md does not name the dated rule {rule.id} "
            f"({rule.valid_from} → {rule.valid_until})"
        )
        days = [rule.valid_from] if rule.valid_from else []
        if rule.valid_until:
            days.append(rule.valid_until + dt.timedelta(days=1))
        for day in days:
            assert day.isoformat() in text, f"docs/law-over-time.md lacks the date {day}"


def test_cited_rule_ids_are_real() -> None:
    known = {rule.id for rule in cloudcentre.RULES} | {r.id for r in cloudcentre.REQUIREMENTS}
    prose = BLOCK.sub("", _page())
    cited = set(re.findall(r"`([A-Z0-9][A-Z0-9.]*(?:-[A-Z0-9.]+)+)`", prose))
    assert cited
    assert cited <= known, f"unknown ids in docs/law-over-time.md: {sorted(cited - known)}"


def test_relative_links_resolve() -> None:
    for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", _page()):
        if "://" not in target:
            assert (PAGE.parent / target).resolve().exists(), f"broken link to {target}"


def test_the_other_pages_link_here_and_list_every_requirement() -> None:
    index = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    assert "(law-over-time.md)" in index
    assert "cloudcentre timeline" in index
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "cloudcentre timeline CASE.json" in readme
    output = (ROOT / "docs" / "output-format.md").read_text(encoding="utf-8")
    for req in cloudcentre.REQUIREMENTS:
        assert f"| `{req.id}` |" in index, f"docs/index.md: the requirement table lacks {req.id}"
        assert f"`{req.id}`" in output, f"docs/output-format.md does not name {req.id}"


def test_output_format_timeline_excerpt_is_a_real_period(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (ROOT / "docs" / "output-format.md").read_text(encoding="utf-8")
    section = text.split("## Timeline JSON", 1)[1].split("\n## ", 1)[0]
    excerpt = json.loads(section.split("```json\n", 1)[1].split("```", 1)[0])
    monkeypatch.chdir(ROOT)
    assert (
        main(["timeline", "examples/office-365-messaging-derogation.json", "--format", "json"]) == 0
    )
    periods = json.loads(capsys.readouterr().out)["periods"]
    assert excerpt in periods, (
        "docs/output-format.md: the timeline excerpt is no longer a period of "
        "`cloudcentre timeline examples/office-365-messaging-derogation.json --format json`"
    )


if __name__ == "__main__":
    sys.exit(refresh())
