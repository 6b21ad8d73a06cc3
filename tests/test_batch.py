"""Batch decisions: ``assess_many`` equals an ``assess`` loop, streams, and scales out;
``cloudcentre assess --format jsonl``."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import random
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cloudcentre as cc
from cloudcentre._cli import main
from cloudcentre.strategies import cases

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(
    p
    for folder in (ROOT / "examples", ROOT / "tests" / "cases")
    for p in folder.glob("*.json")
    if not p.name.endswith(".expected.json")
)
DATA = [json.loads(p.read_text(encoding="utf-8")) for p in FILES]
CASES = [cc.case_from_dict(d) for d in DATA]


def _same(batch: list[cc.Decision], loop: list[cc.Decision]) -> None:
    assert len(batch) == len(loop)
    for one, other in zip(batch, loop, strict=True):
        assert one == other
        assert one.to_dict() == other.to_dict()


def test_the_corpus_as_a_loop() -> None:
    mixed: list[Any] = [*CASES, *DATA, *CASES]
    _same(list(cc.assess_many(mixed)), [cc.assess(c) for c in mixed])


@pytest.mark.parametrize("day", [dt.date(2021, 6, 1), dt.date(2023, 1, 1), dt.date(2026, 6, 1)])
def test_a_date_for_all(day: dt.date) -> None:
    _same(list(cc.assess_many(CASES, as_of=day)), [cc.assess(c, as_of=day) for c in CASES])


def test_cases_that_differ_only_by_id_share_the_decision_but_keep_their_id() -> None:
    renamed = [dict(d, id=f"copy-{i}") for i, d in enumerate(DATA)]
    both = [*DATA, *renamed]
    decisions = list(cc.assess_many(both))
    _same(decisions, [cc.assess(d) for d in both])
    assert [d.case for d in decisions[len(DATA):]] == [f"copy-{i}" for i in range(len(DATA))]


def test_shared_parts_and_the_cache_off() -> None:
    rng = random.Random(7)
    portfolio = [
        cc.Case(
            organisation=rng.choice(CASES).organisation,
            workload=rng.choice(CASES).workload,
            provider=offer.provider,
            offering=offer.offering,
            derogation=offer.derogation,
            as_of=offer.as_of,
            id=f"w{i}",
        )
        for i in range(60)
        for offer in [rng.choice(CASES)]
    ]
    loop = [cc.assess(c) for c in portfolio]
    _same(list(cc.assess_many(portfolio)), loop)
    _same(list(cc.assess_many(portfolio, cache_size=0)), loop)
    _same(list(cc.assess_many(portfolio, cache_size=3)), loop)


@settings(max_examples=50)
@given(st.lists(cases(), min_size=1, max_size=6), st.randoms(use_true_random=False))
def test_generated_cases_with_repeats(drawn: list[cc.Case], rng: Any) -> None:
    batch = [rng.choice(drawn) for _ in range(12)]
    _same(list(cc.assess_many(batch)), [cc.assess(c) for c in batch])


def test_the_input_is_read_as_the_decisions_are_consumed() -> None:
    read: list[int] = []

    def source() -> Iterator[cc.Case]:
        for i, case in enumerate(CASES):
            read.append(i)
            yield case

    decisions = cc.assess_many(source())
    assert read == []
    next(decisions)
    assert read == [0]
    next(decisions)
    assert read == [0, 1]


def test_an_invalid_case_names_its_position() -> None:
    bad: list[Any] = [DATA[0], DATA[1], {"organisation": {"kind": "nope"}}]
    decisions = cc.assess_many(bad)
    next(decisions)
    next(decisions)
    with pytest.raises(cc.InvalidCase) as raised:
        next(decisions)
    assert raised.value.path.startswith("[2]")
    with pytest.raises(cc.InvalidCase, match=r"^\[0\]"):
        next(cc.assess_many([42]))  # type: ignore[list-item]


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="workers"):
        cc.assess_many(CASES, workers=0)
    with pytest.raises(ValueError, match="by name"):
        cc.assess_many(CASES, workers=2, engine=cc.NativeEngine())
    with pytest.raises(cc.UnknownEngine):
        cc.assess_many(CASES, workers=2, engine="quantum")


def test_worker_processes_give_the_same_decisions_in_order() -> None:
    many: list[Any] = [*CASES, *DATA] * 3
    decisions = list(cc.assess_many(many, workers=2, chunk_size=7))
    _same(decisions, [cc.assess(c) for c in many])
    explanation: Any = decisions[0].explanation
    assert explanation.pack is cc.default_pack()  # pickled as a reference
    assert decisions[0].justification == cc.assess(many[0]).justification


def test_a_dask_map_step() -> None:
    """docs/batch.md: assess_many as the map step of a Dask bag, on a local cluster. In a
    separate process: dask changes how a process pickles exceptions (tblib)."""
    # Looked up, not imported: importing dask here would change this process's pickling.
    for name in ("dask", "distributed"):
        if importlib.util.find_spec(name) is None:
            pytest.skip(f"{name} is not installed")
    script = textwrap.dedent(
        """
        import json, sys
        import dask.bag as db
        import distributed
        import cloudcentre as cc

        def decide(partition):
            return [d.to_dict() for d in cc.assess_many(partition)]

        data = json.loads(sys.stdin.read())
        with distributed.LocalCluster(
            n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster, distributed.Client(cluster):
            out = db.from_sequence(data, npartitions=3).map_partitions(decide).compute()
        print(json.dumps(out))
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], input=json.dumps(DATA * 2), capture_output=True,
        text=True, check=False, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == [cc.assess(d).to_dict() for d in DATA * 2]


# ----------------------------------------------------------------------------- command line
def _lines(tmp_path: Path, data: list[dict[str, Any]]) -> Path:
    path = tmp_path / "cases.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in data), encoding="utf-8")
    return path


def test_jsonl_from_files_and_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = _lines(tmp_path, DATA[:4])
    code = main(["assess", "--format", "jsonl", str(lines), str(FILES[5])])
    out, err = capsys.readouterr()
    assert err == ""
    got = [json.loads(line) for line in out.splitlines()]
    want = [cc.assess(d).to_dict() for d in [*DATA[:4], DATA[5]]]
    assert got == want
    verdicts = {cc.Verdict(str(d["verdict"])) for d in want}
    expected = 3 if cc.Verdict.NON_COMPLIANT in verdicts else 4
    if verdicts <= {cc.Verdict.COMPLIANT, cc.Verdict.COMPLIANT_UNDER_DEROGATION}:
        expected = 0
    assert code == expected


def test_jsonl_from_stdin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = _lines(tmp_path, DATA[:3])
    with lines.open(encoding="utf-8") as handle:
        monkeypatch.setattr("sys.stdin", handle)
        main(["assess", "--format", "jsonl", "-"])
    out, _ = capsys.readouterr()
    assert [json.loads(x)["case"] for x in out.splitlines()] == [d.get("id") for d in DATA[:3]]


def test_jsonl_names_the_bad_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(DATA[0]) + "\n\n{\"organisation\": 1}\n", encoding="utf-8")
    code = main(["assess", "--format", "jsonl", str(path)])
    out, err = capsys.readouterr()
    assert code == 2
    assert len(out.splitlines()) == 1
    assert f"{path}:3 organisation" in err
    assert "Traceback" not in err


def test_several_cases_need_jsonl(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", "--format", "json", str(FILES[0]), str(FILES[1])]) == 2
    assert "--format jsonl" in capsys.readouterr().err
    main(["assess", str(FILES[0]), str(FILES[1])])  # several files: JSON Lines by default
    assert len(capsys.readouterr().out.splitlines()) == 2
    assert main(["assess", "--format", "jsonl", "--workers", "0", str(FILES[0])]) == 2
