"""Where the time of one decision goes, on the bundled examples (microseconds per case).

    python benchmarks/profile_assess.py            # about 30 s

Each stage is timed alone, in CPU time, over many rounds (the median of 7), in the order
``assess`` runs them: reading the case JSON, building its facts, the engine, making
the decision (statuses, verdict, questions), the derogation look-ahead (only the
derogation example), then the decision's JSON (``to_dict`` and ``json.dumps``). The
engine is then split: loading the input facts into the store and scheduling the rules
they may satisfy, against matching and firing the rules. Shares are of the sum.
"""

from __future__ import annotations

import datetime as dt
import json
import pathlib
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

import cloudcentre as cc
from cloudcentre.decide.api import _derogation_end
from cloudcentre.decide.decision import decide
from cloudcentre.engine.compiled import plan_for
from cloudcentre.model.facts import case_facts

ROOT = pathlib.Path(__file__).resolve().parent.parent
EXAMPLES = sorted(p for p in (ROOT / "examples").glob("*.json") if ".expected." not in p.name)
CLOCK = time.process_time


def per_case(func: Callable[[], Any], cases: int, rounds: int = 7, seconds: float = 0.5) -> float:
    """Median CPU microseconds per case of ``func`` (which handles ``cases`` cases)."""
    func()
    found = []
    for _ in range(rounds):
        count = 0
        start = CLOCK()
        while (elapsed := CLOCK() - start) < seconds:
            func()
            count += 1
        found.append(elapsed / count / cases * 1e6)
    return statistics.median(found)


def main() -> None:
    pack = cc.default_pack()
    engine = cc.NativeEngine()
    texts = [p.read_text(encoding="utf-8") for p in EXAMPLES]
    cases = [cc.case_from_json(t) for t in texts]
    days = [c.as_of or dt.date.today() for c in cases]
    facts = [case_facts(c, d) for c, d in zip(cases, days, strict=True)]
    runs = [engine.run(pack, f, d) for f, d in zip(facts, days, strict=True)]
    decisions = [cc.assess(c) for c in cases]
    n = len(cases)
    derogation = [
        (c, d, [f for f in fs if f.name != "case.as_of"])
        for c, d, fs, dec in zip(cases, days, facts, decisions, strict=True)
        if dec.verdict is cc.Verdict.COMPLIANT_UNDER_DEROGATION
    ]

    def decide_all() -> None:
        for inference, case in zip(runs, cases, strict=True):
            decide(pack, engine.run(pack, inference.inputs, inference.as_of), "native", case.id)

    stages: dict[str, float] = {
        "read the case JSON (case_from_json)": per_case(
            lambda: [cc.case_from_json(t) for t in texts], n
        ),
        "build its facts (case_facts)": per_case(
            lambda: [case_facts(c, d) for c, d in zip(cases, days, strict=True)], n
        ),
        "engine (NativeEngine.run)": per_case(
            lambda: [engine.run(pack, f, d) for f, d in zip(facts, days, strict=True)], n
        ),
    }
    stages["decide (statuses, verdict, questions)"] = (
        per_case(decide_all, n) - stages["engine (NativeEngine.run)"]
    )
    stages["derogation look-ahead (per case, 1 of 7 has one)"] = per_case(
        lambda: [_derogation_end(c, d, engine, pack, dated) for c, d, dated in derogation], n
    )
    stages["to_dict (reasons built on demand, the graph)"] = per_case(
        lambda: [d.to_dict() for d in (cc.assess(c) for c in cases)], n
    ) - per_case(lambda: [cc.assess(c) for c in cases], n)
    data = [d.to_dict() for d in decisions]
    stages["json.dumps"] = per_case(lambda: [json.dumps(x) for x in data], n)
    total = sum(stages.values())
    print(f"cloudcentre {cc.__version__}, Python {sys.version.split()[0]}, {dt.date.today()}")
    print(f"\nOne decision, bundled examples ({n}): microseconds per case (CPU)")
    for label, value in stages.items():
        print(f"  {label:<52} {value:>8.1f}  {value / total:>5.0%}")
    print(f"  {'sum (stages timed alone overlap a little)':<52} {total:>8.1f}")
    whole = per_case(lambda: [json.dumps(cc.assess(c).to_dict()) for c in cases], n)
    print(f"  {'measured whole (assess, to_dict, json.dumps)':<52} {whole:>8.1f}")

    plans = [(plan_for(pack, d), tuple(f)) for f, d in zip(facts, days, strict=True)]
    whole_run = per_case(lambda: [p.run(f) for p, f in plans if p is not None], n)
    saved = {}
    for plan, _ in plans:
        assert plan is not None
        for step in plan.steps:
            if step not in saved:  # examples on the same segment share a plan
                saved[step] = step.fire
                step.fire = _nothing
    try:
        loading = per_case(lambda: [p.run(f) for p, f in plans if p is not None], n)
    finally:
        for step, fire in saved.items():
            step.fire = fire
    fired = statistics.mean(len(p.run(f).fired) for p, f in plans if p is not None)
    print("\nThe engine, split (microseconds per case)")
    print(f"  {'input facts stored, rules they may satisfy scheduled':<52} {loading:>8.1f}")
    label = f"rules matched and fired ({fired:.0f} firings per case)"
    print(f"  {label:<52} {whole_run - loading:>8.1f}")
    print(f"  {'the plan run':<52} {whole_run:>8.1f}")


def _nothing(*args: Any) -> None:
    return None


if __name__ == "__main__":
    main()
