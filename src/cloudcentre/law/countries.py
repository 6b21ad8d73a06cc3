"""Country groups used by the rules (ISO 3166-1 alpha-2 codes).

These sets are reference data, cited by the rules that use them; they are
dated in the rules' validity periods, not here.
"""

from __future__ import annotations

import datetime as dt

__all__ = ["ADEQUACY", "ADEQUACY_SINCE", "EEA", "EU", "US", "adequacy_on"]

#: The 27 member states of the European Union (since 1 February 2020).
EU: frozenset[str] = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "ES",
        "FI",
        "FR",
        "GR",
        "HR",
        "HU",
        "IE",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
    ]
)

#: The European Economic Area: the EU plus Iceland, Liechtenstein and Norway.
EEA: frozenset[str] = EU | frozenset({"IS", "LI", "NO"})

#: Countries with a general EU adequacy decision (RGPD art. 45), the United States
#: excepted: its adequacy covers only organisations certified under the EU-US Data
#: Privacy Framework and is handled by its own rule. Canada's covers commercial
#: organisations only. Source: brief §5.4 (European Commission list).
ADEQUACY: frozenset[str] = frozenset(
    ["AD", "AR", "CA", "FO", "GG", "IL", "IM", "JP", "JE", "NZ", "KR", "CH", "GB", "UY"]
)

US: frozenset[str] = frozenset({"US"})

#: Adequacy decisions adopted since the RGPD entered into force, with the day each applies
#: from; the other countries of :data:`ADEQUACY` were covered before 2018. The United
#: Kingdom is covered throughout: an EU member state, then the Brexit transition period
#: (to 31 December 2020), the TCA bridge, and from 28 June 2021 its adequacy decision,
#: renewed on 19 December 2025 until 27 December 2031 (``adequacy-gb``).
ADEQUACY_SINCE: dict[str, dt.date] = {
    "JP": dt.date(2019, 1, 23),
    "KR": dt.date(2021, 12, 17),
}


def adequacy_on(day: dt.date) -> frozenset[str]:
    """The countries with an adequacy decision applying on ``day``."""
    return frozenset(c for c in ADEQUACY if c not in ADEQUACY_SINCE or ADEQUACY_SINCE[c] <= day)
