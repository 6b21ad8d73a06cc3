"""Hand-made rule packs over values of every type, shared by the differential tests
(``test_durable.py``: native vs durable; ``test_compiled.py``: compiled vs the 0.1 engine).

The values probe the encoding of comparisons: 1 == 1.0 == True, but `=` wants equal types;
strings by code point; tuples; huge integers; infinities; -0.0.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from hypothesis import strategies as st

import cloudcentre as cc
from cloudcentre.model.facts import Fact

NAN = math.nan
SCALARS: tuple[Any, ...] = (
    True, False, 0, 1, 2, -1, 1.0, 2.5, -0.0, 0.0, math.inf, -math.inf, 2**60, 2**60 + 1,
    float(2**60), "", "a", "b", "é", "2024-01-31", "2024-02-29", "2023-12-31",
)
TUPLES: tuple[Any, ...] = ((), ("a",), ("a", "b"), ("b", "a"), (1, 2), (1.0, 2), (True,), (1,))
#: Values of the facts read through shifted references (dates, or values left unshifted).
DATED: tuple[Any, ...] = ("2024-01-31", "2024-02-29", "2023-12-31", "2025-03-31", 3, 2.5, (1, 2))
#: Conclusions: no two of them equal across types, so no derivation order can matter.
CONCLUDED: tuple[Any, ...] = (True, False, "x", "a", 2.5, 7, ("a",))
ODD: tuple[Any, ...] = (NAN, cc.Op.EQ)  # not encodable: the host evaluates these decisions
DAY = dt.date(2024, 6, 1)
CITE = cc.Citation("Test", "art. 1", None, "https://example.org/test")
ENTITIES = ("c1", "c2")
CASE_NAMES = ("a", "b", "c")
DATE_NAMES = ("d1", "d2")


def operand(draw: st.DrawFn, for_each: bool) -> Any:
    kind = draw(st.sampled_from(["scalar", "tuple", "ref", "shifted", "entity"]))
    if kind == "scalar":
        return draw(st.sampled_from(SCALARS + ODD))
    if kind == "tuple":
        return tuple(draw(st.lists(st.sampled_from(SCALARS), max_size=4)))
    if kind == "ref":
        names = CASE_NAMES + DATE_NAMES + (("certificate.p", "certificate.q") if for_each else ())
        return cc.Ref(draw(st.sampled_from(names)))
    if kind == "shifted":
        names = DATE_NAMES + (("certificate.q",) if for_each else ())
        return cc.Ref(draw(st.sampled_from(names)), months=draw(st.sampled_from([1, -1, 12])))
    return cc.Ref("@entity")


@st.composite
def condition(draw: st.DrawFn, for_each: bool) -> cc.Test | cc.ForAll:
    if draw(st.integers(0, 9)) == 0:
        return cc.ForAll(
            "certificate",
            draw(st.sampled_from(["certificate.p", "certificate.q"])),
            draw(st.sampled_from(list(cc.Op))),
            draw(st.sampled_from(SCALARS)),
        )
    names = CASE_NAMES + DATE_NAMES + (("certificate.p", "certificate.q") if for_each else ())
    fact = draw(st.sampled_from((*names, "certificate.p")))
    entity = None
    if fact.startswith("certificate.") and (not for_each or draw(st.booleans())):
        entity = draw(st.sampled_from(ENTITIES))
    return cc.Test(fact, draw(st.sampled_from(list(cc.Op))), operand(draw, for_each), entity)


@st.composite
def rule(
    draw: st.DrawFn,
    index: int,
    concluded: tuple[Any, ...] = CONCLUDED,
    conclusion_names: tuple[str, ...] = CASE_NAMES,
) -> cc.Rule:
    """Rule ``R{index}``; ``concluded`` and ``conclusion_names`` widen what it may conclude."""
    for_each = draw(st.booleans())
    conditions = draw(st.lists(condition(for_each), min_size=1, max_size=4))
    if for_each and draw(st.booleans()):
        conclusion = cc.Conclusion("certificate.p", draw(st.sampled_from(concluded)))
    else:
        conclusion = cc.Conclusion(
            draw(st.sampled_from(conclusion_names)),
            draw(st.sampled_from(concluded)),
            "" if for_each else None,
        )
    start = draw(st.none() | st.sampled_from([DAY, DAY + dt.timedelta(days=1)]))
    return cc.Rule(
        id=f"R{index}",
        title=f"rule {index}",
        pack="test",
        conditions=tuple(conditions),
        conclusion=conclusion,
        citations=(CITE,),
        valid_from=start,
        for_each="certificate" if for_each else None,
    )


@st.composite
def facts(draw: st.DrawFn) -> list[Fact]:
    pool = SCALARS + TUPLES + (ODD if draw(st.integers(0, 9)) == 0 else ())
    out = [Fact("case.as_of", DAY.isoformat())]
    for name in CASE_NAMES:
        out += [Fact(name, v) for v in draw(st.lists(st.sampled_from(pool), max_size=2))]
    for name in DATE_NAMES:
        out += [Fact(name, v) for v in draw(st.lists(st.sampled_from(DATED), max_size=2))]
    for entity in draw(st.lists(st.sampled_from(ENTITIES), unique=True)):
        for value in draw(st.lists(st.sampled_from(pool), max_size=2)):
            out.append(Fact("certificate.p", value, entity))
        for value in draw(st.lists(st.sampled_from(DATED), max_size=1)):
            out.append(Fact("certificate.q", value, entity))
    return out
