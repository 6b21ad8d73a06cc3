"""The native and durable engines on the bundled examples: speed, then memory under load.

1. Decisions per second of each engine, measured in the same process: the whole
   ``assess`` (facts, engine, decision), and the engine alone (``Engine.run``); with the
   ratio durable / native.
2. A stress run: N sequential ``assess(..., engine="durable")`` decisions (30,000 by
   default) over the examples, with tracemalloc (Python allocations: current and peak)
   and the resident set size (which also counts durable's C allocations) at the start,
   at every tenth and at the end. Flat figures mean no session or fact leaks.

Run: ``python benchmarks/bench_engines.py [--seconds S] [--stress N]`` (``--stress 0``
skips the stress run). Not run by the tests or CI: it takes a few minutes.
"""

from __future__ import annotations

import argparse
import gc
import pathlib
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable

import cloudcentre
from cloudcentre.model.facts import case_facts

EXAMPLES = sorted(
    p
    for p in (pathlib.Path(__file__).parent.parent / "examples").glob("*.json")
    if not p.name.endswith(".expected.json")
)


def _rate(label: str, func: Callable[[], object], seconds: float, per_call: int) -> float:
    func()  # warm up (compiles the durable rulesets on first use)
    count = 0
    start = time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        func()
        count += 1
    rate = count * per_call / elapsed
    print(f"{label:<44} {rate:10.1f} decisions/s")
    return rate


def rss_mib() -> float:
    """The resident set size of this process, in MiB (Linux), else its peak."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:  # pragma: no cover - not Linux
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def speed(cases: list[cloudcentre.Case], seconds: float) -> None:
    pack = cloudcentre.default_pack()
    native, durable = cloudcentre.get_engine("native"), cloudcentre.get_engine("durable")
    inputs = [(case_facts(case, case.as_of), case.as_of) for case in cases if case.as_of]
    n = len(cases)
    print(f"Decisions per second on the {n} examples (Python {sys.version.split()[0]})")
    rates: dict[str, float] = {}
    for engine in (native, durable):

        def decide(engine: cloudcentre.Engine = engine) -> None:
            for case in cases:
                cloudcentre.assess(case, engine=engine, pack=pack)

        def run(engine: cloudcentre.Engine = engine) -> None:
            for facts, day in inputs:
                engine.run(pack, facts, day)

        rates[f"{engine.name} assess"] = _rate(f"{engine.name}: assess", decide, seconds, n)
        rates[f"{engine.name} run"] = _rate(f"{engine.name}: engine run only", run, seconds, n)
    print(
        f"ratio durable / native: assess {rates['durable assess'] / rates['native assess']:.2f}, "
        f"engine run {rates['durable run'] / rates['native run']:.2f}"
    )


def stress(cases: list[cloudcentre.Case], total: int) -> None:
    print(f"\nStress: {total} sequential durable decisions (tracemalloc on)")
    cloudcentre.assess(cases[0], engine="durable")  # compile before measuring
    gc.collect()
    tracemalloc.start()
    checkpoints = {0, total // 2, total, *range(0, total + 1, max(1, total // 10))}
    header = f"{'decisions':>10} {'current KiB':>12} {'peak KiB':>10} {'RSS MiB':>9} {'per s':>7}"
    print(header)
    start = time.perf_counter()
    for done in range(total + 1):
        if done in checkpoints:
            current, peak = tracemalloc.get_traced_memory()
            elapsed = time.perf_counter() - start
            rate = done / elapsed if elapsed else 0.0
            label = {0: " start", total // 2: " middle", total: " end"}.get(done, "")
            print(
                f"{done:>10} {current / 1024:>12.0f} {peak / 1024:>10.0f} {rss_mib():>9.1f} "
                f"{rate:>7.0f}{label}"
            )
        if done < total:
            cloudcentre.assess(cases[done % len(cases)], engine="durable")
    tracemalloc.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=3.0, help="time per speed measurement")
    parser.add_argument("--stress", type=int, default=30_000, help="decisions in the stress run")
    args = parser.parse_args()
    cases = [cloudcentre.case_from_json(p.read_text(encoding="utf-8")) for p in EXAMPLES]
    speed(cases, args.seconds)
    if args.stress > 0:
        stress(cases, args.stress)


if __name__ == "__main__":
    main()
