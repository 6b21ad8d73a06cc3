"""Date-true citations: a requirement cites the rules that decided it on the decision's day.

The engine only runs the rules in force on ``as_of``; a rule may still cite, beside the
text it applies, a later text that restates it (the 2021 circulaire's rules cite the 2023
update). Only the citations of instruments in force on ``as_of`` are shown
(:func:`~cloudcentre.law.in_force.cited_in_force`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..law.in_force import cited_in_force
from ..law.language import Citation
from .outcome import FactNode

__all__ = ["cited_in_force", "requirement_citations"]


def requirement_citations(
    because: Iterable[FactNode], fallback: tuple[Citation, ...], day: dt.date
) -> tuple[Citation, ...]:
    """The citations of the rules that derived a requirement's deciding facts.

    ``because`` are the requirement's top facts (``applies``, ``met``, the derogation);
    ``fallback`` (the requirement's own sources) is used, filtered by date, only when no
    rule decided any of them (e.g. a fact given in the case, or an unknown one).
    """
    seen: dict[Citation, None] = {}
    for node in because:
        for step in node.derived_by:
            for citation in cited_in_force(step.citations, day):
                seen.setdefault(citation, None)
    if not seen:
        return cited_in_force(fallback, day)
    return tuple(seen)
