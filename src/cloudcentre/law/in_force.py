"""When each cited instrument takes effect, so a decision cites only the law of its day.

A citation's own ``date`` is the date of the text (signature or publication). For the
instruments whose entry into force is later than that date, the table below gives the
first day a case is judged with them (the dates of ``law/packs/common.py``). An undated
citation (a FAQ, a scheme with no version date) cannot be checked and is kept.
"""

from __future__ import annotations

import datetime as dt

from .language import Citation
from .packs.common import CIRC_2021_IN_FORCE, CIRC_2023_IN_FORCE, SREN_IN_FORCE
from .sources import CIRC_2021, CIRC_2023, SREN

__all__ = ["ENTRY_INTO_FORCE", "cited_in_force", "in_force_from"]

#: Instrument -> first day it is in force, where that is later than the citation's date.
ENTRY_INTO_FORCE: dict[str, dt.date] = {
    CIRC_2021: CIRC_2021_IN_FORCE,
    CIRC_2023: CIRC_2023_IN_FORCE,
    SREN: SREN_IN_FORCE,
}


def in_force_from(citation: Citation) -> dt.date | None:
    """The first day ``citation``'s instrument is in force (``None``: not known)."""
    entry = ENTRY_INTO_FORCE.get(citation.instrument)
    if entry is not None and (citation.date is None or entry > citation.date):
        return entry
    return citation.date


def cited_in_force(citations: tuple[Citation, ...], day: dt.date) -> tuple[Citation, ...]:
    """The citations of ``citations`` whose instrument is in force on ``day``."""
    out = []
    for citation in citations:
        start = in_force_from(citation)
        if start is None or start <= day:
            out.append(citation)
    return tuple(out)
