"""Decisions per second on the bundled examples, native engine.

Prints absolute rates and ratios against a baseline measured in the same process:
the same decisions with the rule pack compiled afresh for every decision (what the
compiled-once pack saves). Run: ``python benchmarks/bench_assess.py [--seconds N]``.
"""

from __future__ import annotations

import argparse
import pathlib
import time
from collections.abc import Callable

import cloudcentre
from cloudcentre.law.packs import RULES

EXAMPLES = sorted((pathlib.Path(__file__).parent.parent / "examples").glob("*.json"))
EXAMPLES = [p for p in EXAMPLES if not p.name.endswith(".expected.json")]


def _rate(label: str, func: Callable[[], object], seconds: float) -> float:
    func()  # warm up
    count = 0
    start = time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        func()
        count += 1
    rate = count / elapsed
    print(f"{label:<48} {rate:10.1f} /s")
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=2.0, help="time per measurement")
    args = parser.parse_args()
    cases = [cloudcentre.case_from_json(p.read_text(encoding="utf-8")) for p in EXAMPLES]
    pack = cloudcentre.default_pack()

    def compiled_once() -> None:
        for case in cases:
            cloudcentre.assess(case, pack=pack)

    def compiled_each_time() -> None:
        for case in cases:
            cloudcentre.assess(case, pack=cloudcentre.compile_rules(RULES))

    def with_json() -> None:
        for case in cases:
            cloudcentre.assess(case, pack=pack).to_dict()

    n = len(cases)
    base = _rate("baseline: pack compiled per decision", compiled_each_time, args.seconds) * n
    once = _rate("pack compiled once", compiled_once, args.seconds) * n
    full = _rate("pack compiled once + JSON output", with_json, args.seconds) * n
    print()
    print(f"decisions per second (native, {n} examples): {once:.0f} ({full:.0f} with JSON output)")
    print(f"ratio compiled-once / baseline: {once / base:.2f}x")


if __name__ == "__main__":
    main()
