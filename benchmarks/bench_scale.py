"""Speed, size and memory of decisions at portfolio scale, every figure a ratio against a
baseline measured in the same run. Rates are decisions per CPU second of this process
(``time.process_time``: on a shared machine, wall time also counts the other processes'
turns), each the median of interleaved repeats.

1. Engines on the bundled examples: the engine alone (facts in, derivations out), then
   the whole ``assess``: native (compiled plan) against the old fixpoint engine (kept in
   ``tests/reference_engine.py``) and against durable-rules; decisions per second.
2. Decision JSON size on the examples (the CLI's ``--format json``, and JSON Lines).
3. Rules that cannot apply: the built-in pack, then with 366 and 1,500 and 1,866 added
   rules whose tests never hold (an ``eq`` or ``in`` test on a fact the case has, with
   another value; or any test on a fact no case has).
4. A seeded generated portfolio: workloads (the organisations and workloads of the
   examples and test cases, combined at random) × the examples' offerings;
   ``assess_many`` against an ``assess`` loop, results compared; scaling with cases.
5. 100,000 decisions in one batch: memory (tracemalloc peak, RSS) every 10,000.
6. ``import cloudcentre`` time against starting Python.

Run: ``python benchmarks/bench_scale.py`` (about 100 s of CPU time: 2 to 4 minutes on a
shared 2-core machine; ``--quick`` for a smoke run).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import pathlib
import random
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from typing import Any

import cloudcentre as cc
from cloudcentre.model.facts import case_facts
from cloudcentre.report.jsonfmt import decision_json
from cloudcentre.report.markdown import decision_record

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from reference_engine import ReferenceEngine  # noqa: E402

EXAMPLES = sorted(p for p in (ROOT / "examples").glob("*.json") if ".expected." not in p.name)
CORPUS = sorted(
    p
    for folder in (ROOT / "examples", ROOT / "tests" / "cases")
    for p in folder.glob("*.json")
    if ".expected." not in p.name
)
DAY = dt.date(2025, 6, 1)
#: The clock of every rate: CPU time of this process.
CLOCK = time.process_time
CITE = cc.Citation("Benchmark filler", "none", None, "https://example.invalid/filler")


def rates(funcs: dict[str, Callable[[], int]], seconds: float, repeats: int) -> dict[str, float]:
    """Decisions per CPU second of each function (it returns how many it made): the
    median over ``repeats`` rounds, the functions interleaved in each round."""
    for func in funcs.values():
        func()  # warm up: plans compiled, durable rulesets built
    found: dict[str, list[float]] = {name: [] for name in funcs}
    for _ in range(repeats):
        for name, func in funcs.items():
            count = 0
            start = CLOCK()
            while (elapsed := CLOCK() - start) < seconds / repeats:
                count += func()
            found[name].append(count / elapsed)
    return {name: statistics.median(values) for name, values in found.items()}


def show(label: str, value: float, unit: str = "/s") -> None:
    print(f"  {label:<58} {value:>12,.1f} {unit}")


def ratio(label: str, value: float, target: float | None = None) -> None:
    met = ""
    if target is not None:
        met = f"  (target >= {target:g}: {'met' if value >= target else 'NOT met'})"
    print(f"  {label:<58} {value:>12.1f} x{met}")


# ----------------------------------------------------------------------------- 1. engines
def engines(seconds: float, repeats: int) -> None:
    print("1. Engines on the bundled examples (decisions per CPU second)")
    pack = cc.default_pack()
    cases = [cc.case_from_json(p.read_text(encoding="utf-8")) for p in EXAMPLES]
    inputs = [(case_facts(c, c.as_of), c.as_of) for c in cases if c.as_of]
    backends: dict[str, cc.Engine] = {"native": cc.NativeEngine(), "old": ReferenceEngine()}
    try:
        backends["durable"] = cc.get_engine("durable")
    except cc.UnknownEngine as exc:
        print(f"  (durable unavailable: {exc})")
    n = len(inputs)

    def run(engine: cc.Engine) -> Callable[[], int]:
        def go() -> int:
            for facts, day in inputs:
                engine.run(pack, facts, day)
            return n

        return go

    def decide(engine: cc.Engine) -> Callable[[], int]:
        def go() -> int:
            for case in cases:
                cc.assess(case, engine=engine, pack=pack)
            return n

        return go

    def with_json() -> int:
        for case in cases:
            json.dumps(cc.assess(case).to_dict())
        return n

    found = rates({f"{k} run": run(e) for k, e in backends.items()}, seconds, repeats)
    found |= rates({f"{k} assess": decide(e) for k, e in backends.items()}, seconds, repeats)
    found |= rates({"native assess + JSON": with_json}, seconds / 2, repeats)
    for name, value in found.items():
        show(name, value)
    ratio("engine only: native / old fixpoint engine", found["native run"] / found["old run"])
    ratio("assess: native / old fixpoint engine", found["native assess"] / found["old assess"])
    if "durable" in backends:
        ratio("engine only: native / durable", found["native run"] / found["durable run"], 50)
        ratio("assess: native / durable", found["native assess"] / found["durable assess"], 10)
    print(
        f"  native assess: {found['native assess']:,.0f} decisions/s "
        f"(target >= 3,000: {'met' if found['native assess'] >= 3000 else 'NOT met'})"
    )


# ----------------------------------------------------------------------------- 2. JSON size
def json_sizes() -> None:
    print("\n2. Decision JSON size on the bundled examples (bytes)")
    printed, lines, records = [], [], []
    for path in EXAMPLES:
        decision = cc.assess(cc.case_from_json(path.read_text(encoding="utf-8")))
        data = decision.to_dict()
        printed.append(len(decision_json(data).encode()))
        lines.append(len(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()))
        records.append(len(decision_json(decision_record(decision)).encode()))
    for label, sizes in (
        ("to_dict(), printed as by the CLI", printed),
        ("--format jsonl (to_dict compact)", lines),
        ("--format json (with its record)", records),
    ):
        print(f"  {label:<33}: {sizes}, median {statistics.median(sizes):,.0f}")
    med = statistics.median(printed)
    print(f"  median <= 8 KB (8,000 bytes): {'met' if med <= 8000 else 'NOT met'}")


# ----------------------------------------------------------------------------- 3. rules
def filler(count: int, seed: int = 1) -> list[cc.Rule]:
    """Rules whose tests never hold on the examples: a third ``eq`` on a fact they have,
    with a value none has; a third ``in`` a list of such values; a third any test on a
    fact no case has."""
    rng = random.Random(seed)
    present = [
        "organisation.kind",
        "offering.kind",
        "provider.statutory_seat",
        "offering.service_model",
        "workload.data.personal_data",
        "provider.us_controlled",
        "certificate.scheme",
    ]
    ops = [cc.Op.EQ, cc.Op.GT, cc.Op.IN, cc.Op.LE, cc.Op.NE]
    out = []
    for i in range(count):
        kind = i % 3
        name = rng.choice(present)
        for_each = "certificate" if name.startswith("certificate.") and kind < 2 else None
        if kind == 0:
            cond = cc.Test(name, cc.Op.EQ, f"no-such-value-{i}")
        elif kind == 1:
            cond = cc.Test(name, cc.Op.IN, (f"none-{i}", f"nothing-{i}"))
        else:
            cond = cc.Test(f"absent.fact_{i % 97}", rng.choice(ops), i)
        out.append(
            cc.Rule(
                id=f"FILLER-{i:05d}",
                title="never applies",
                pack="filler",
                conditions=(cond,),
                conclusion=cc.Conclusion(f"filler.f{i % 50}", True, "" if for_each else None),
                citations=(CITE,),
                for_each=for_each,
            )
        )
    return out


def rules_cost(seconds: float, repeats: int) -> None:
    print("\n3. Rules that cannot apply (native assess on the examples)")
    cases = [cc.case_from_json(p.read_text(encoding="utf-8")) for p in EXAMPLES]
    base = cc.default_pack()
    packs = {"built-in": base}
    for extra in (366, 1500, 1866):
        packs[f"+{extra}"] = cc.compile_rules([*base.rules, *filler(extra)])

    def decide(pack: cc.CompiledPack) -> Callable[[], int]:
        def go() -> int:
            for case in cases:
                cc.assess(case, pack=pack)
            return len(cases)

        return go

    found = rates({k: decide(p) for k, p in packs.items()}, seconds, repeats)
    for name, pack in packs.items():
        show(f"{name} ({len(pack.rules)} rules)", found[name])
    slowdown = found["built-in"] / found["+1500"] - 1
    print(
        f"  slowdown with 1,500 rules that cannot apply: {slowdown:+.1%} "
        f"(target < 20 %: {'met' if slowdown < 0.20 else 'NOT met'})"
    )
    for name in ("+366", "+1866"):
        label = f"time per decision, {len(packs[name].rules)} / {len(base.rules)} rules"
        ratio(label, found["built-in"] / found[name])


# ----------------------------------------------------------------------------- 4. portfolio
def parts() -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    data = [json.loads(p.read_text(encoding="utf-8")) for p in CORPUS]
    orgs = [d["organisation"] for d in data]
    loads = [d["workload"] for d in data]
    offers = [
        {
            k: v
            for k, v in json.loads(p.read_text(encoding="utf-8")).items()
            if k in ("provider", "offering", "derogation")
        }
        for p in EXAMPLES
    ]
    return orgs, loads, offers


def portfolio(workloads: int, seed: int = 2026) -> Iterator[cc.Case]:
    """``workloads`` seeded workloads × the examples' offerings, as cases sharing their
    parts (one offering object for all workloads, as a portfolio built in Python does)."""
    rng = random.Random(seed)
    orgs, loads, offers = parts()
    offer_objects = [
        cc.case_from_dict({"organisation": orgs[0], "workload": loads[0], **o}) for o in offers
    ]
    made = 0
    while made < workloads:
        try:
            base = cc.case_from_dict(
                {"organisation": rng.choice(orgs), "workload": rng.choice(loads), **offers[0]}
            )
        except cc.InvalidCase:
            continue
        for j, offer in enumerate(offer_objects):
            try:
                case = cc.Case(
                    organisation=base.organisation,
                    workload=base.workload,
                    provider=offer.provider,
                    offering=offer.offering,
                    derogation=offer.derogation,
                    as_of=DAY,
                    id=f"app-{made}-{j}",
                )
            except (cc.InvalidCase, ValueError):
                continue
            yield case
        made += 1


def batch(quick: bool) -> None:
    workloads = 1_000 if quick else 10_000
    print(f"\n4. Seeded portfolio: {workloads:,} workloads x {len(EXAMPLES)} offerings")
    cases = list(portfolio(workloads))
    loop_n = min(len(cases), 600 if quick else 3_000)
    gc.collect()
    start = CLOCK()
    loop = [cc.assess(c) for c in cases[:loop_n]]
    loop_rate = loop_n / (CLOCK() - start)
    gc.collect()
    start = CLOCK()
    many = list(cc.assess_many(cases))
    many_rate = len(cases) / (CLOCK() - start)
    same = all(a == b and a.to_dict() == b.to_dict() for a, b in zip(loop, many, strict=False))
    show(f"assess loop (first {loop_n:,} cases)", loop_rate)
    show(f"assess_many ({len(cases):,} cases)", many_rate)
    ratio("assess_many / assess loop", many_rate / loop_rate, 10)
    print(f"  identical decisions on the first {loop_n:,}: {same}")
    del loop, many  # a heap of kept decisions would slow the next runs (garbage collection)
    gc.collect()
    print("  scaling with cases (assess_many, decisions per CPU second, a fresh cache each):")
    base_rate = None
    for size in (1_000, 10_000, 100_000) if not quick else (1_000, 10_000):
        stream = _cycle(cases, size)
        start = CLOCK()
        for _ in cc.assess_many(stream):
            pass
        rate = size / (CLOCK() - start)
        base_rate = base_rate or rate
        print(f"    {size:>8,} cases: {rate:>10,.0f}/s  ({rate / base_rate:.2f} x the 1,000 rate)")


def _cycle(cases: list[cc.Case], size: int) -> Iterator[cc.Case]:
    for i in range(size):
        case = cases[i % len(cases)]
        yield case


# ----------------------------------------------------------------------------- 5. memory
def memory(quick: bool) -> None:
    total = 20_000 if quick else 100_000
    print(f"\n5. Memory over {total:,} decisions in one assess_many (tracemalloc on)")
    stream = portfolio(total // len(EXAMPLES) + 1, seed=7)
    gc.collect()
    tracemalloc.start()
    print(f"  {'decisions':>10} {'current MiB':>12} {'peak MiB':>10} {'RSS MiB':>9}")
    for done, _ in enumerate(cc.assess_many(stream), 1):
        if done % (total // 10) == 0:
            current, peak = tracemalloc.get_traced_memory()
            print(f"  {done:>10,} {current / 2**20:>12.1f} {peak / 2**20:>10.1f} {rss_mib():>9.1f}")
        if done >= total:
            break
    tracemalloc.stop()


def rss_mib() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:  # pragma: no cover - not Linux
        pass
    return float("nan")


# ----------------------------------------------------------------------------- 6. import
def import_time(repeats: int) -> None:
    print("\n6. Import time (median of subprocess runs)")

    def once(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - start

    bare = statistics.median(once("pass") for _ in range(repeats))
    full = statistics.median(once("import cloudcentre") for _ in range(repeats))
    show("python -c pass", bare * 1000, "ms")
    show("python -c 'import cloudcentre'", full * 1000, "ms")
    ratio("import cloudcentre / bare interpreter start", full / bare)
    show("import cloudcentre alone", (full - bare) * 1000, "ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=4.0, help="CPU s per rate")
    parser.add_argument("--repeats", type=int, default=5, help="interleaved repeats per rate")
    parser.add_argument("--quick", action="store_true", help="a smaller, faster run")
    args = parser.parse_args()
    seconds = 1.0 if args.quick else args.seconds
    started = time.perf_counter()
    print(f"cloudcentre {cc.__version__}, Python {sys.version.split()[0]}, {dt.date.today()}\n")
    engines(seconds, args.repeats)
    json_sizes()
    rules_cost(seconds, args.repeats)
    batch(args.quick)
    memory(args.quick)
    import_time(3 if args.quick else 7)
    print(f"\ntotal {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
