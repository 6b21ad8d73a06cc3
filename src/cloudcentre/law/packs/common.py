"""What the rule packs share: the dates each instrument takes effect, and the helpers
that write a rule as data (``t``, ``eq``, ``rule``).

The dates are those of entry into force (the first day a case is judged with the
instrument); their sources are in ``law/sources.py`` and ``docs/law-over-time.md``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..language import Conclusion, Op, Ref, Rule, Test, Value, freeze
from ..sources import SOURCES

AS_OF = Ref("case.as_of")
D = dt.date

#: Entry into force of each instrument (the day a case must be judged with it).
CIRC_2021_IN_FORCE = D(2021, 7, 10)
DINUM_NOTE = D(2021, 9, 15)
CIRC_2023_IN_FORCE = D(2023, 6, 1)
SREN_IN_FORCE = D(2024, 5, 23)
CIRC_2026_IN_FORCE = D(2026, 2, 5)
#: SREN art. 32 II: archiving hosts need HDS from a date set by décret, at the latest this day.
SREN_32_ARCHIVING = D(2025, 7, 1)
HDS_V1_TRANSITION_END_NOVEMBER = D(2026, 11, 16)
SNC_32 = D(2022, 3, 8)
HDS_V2 = D(2024, 11, 16)
HDS_V1_TRANSITION_END = D(2026, 5, 16)
DAY = dt.timedelta(days=1)

ALL_ORG_KINDS = (
    "state_administration", "state_operator", "public_interest_group", "public_hospital",
    "local_authority", "other_public_body", "private_body",
)


def t(fact: str, op: str, value: Value | Ref | frozenset[str], entity: str | None = None) -> Test:
    operand = value if isinstance(value, Ref) else freeze(value)
    return Test(fact, Op(op), operand, entity)


def eq(fact: str, value: Value | Ref) -> Test:
    return Test(fact, Op.EQ, value)


def rule(pack: str, id: str, title: str, when: list[Any], then: tuple[str, Value] | Conclusion,
          cites: list[str], **kw: Any) -> Rule:
    conclusion = then if isinstance(then, Conclusion) else Conclusion(then[0], then[1], "")
    return Rule(
        id=id, title=title, pack=pack, conditions=tuple(when), conclusion=conclusion,
        citations=tuple(SOURCES[c] for c in cites), **kw,
    )

