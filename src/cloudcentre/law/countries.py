"""Country groups used by the rules (ISO 3166-1 alpha-2 codes).

These sets are reference data, cited by the rules that use them; they are
dated in the rules' validity periods, not here.
"""

from __future__ import annotations

__all__ = ["ADEQUACY", "EEA", "EU", "US"]

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
