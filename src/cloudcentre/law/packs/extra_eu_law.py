"""Exposure to extra-EU law (CLOUD Act, FISA 702).

Instruments and sources cited by this pack (see ``law/sources.py``):

- CLOUD Act, 18 U.S.C., § 2713 (2018-03-23) [cloud-act]
- FISA section 702, 50 U.S.C., § 1881a (2024-04-20) [fisa-702]
- Loi n° 2024-449 du 21 mai 2024 (SREN), article 31, I (amendement Le Hénanff) (2024-05-21) [sren-31-i]
"""

from __future__ import annotations

from ..countries import US
from ..language import Rule
from .common import eq, rule, t

NAME = "extra-eu-law"
TITLE = "Exposure to extra-EU law (CLOUD Act, FISA 702)"


def rules() -> list[Rule]:
    p = "extra-eu-law"
    return [
        rule(p, "EXT-US-CONTROLLED", "A US provider, or one controlled by a US company, is exposed to the CLOUD Act and FISA 702",
              [eq("provider.us_controlled", True)], ("extra_eu_law.exposed", True), ["cloud-act", "fisa-702"]),
        rule(p, "EXT-US-SEAT", "A provider seated in the United States is exposed to the CLOUD Act and FISA 702",
              [t("provider.statutory_seat", "in", US)], ("extra_eu_law.exposed", True), ["cloud-act", "fisa-702"]),
        rule(p, "EXT-EXPOSED-NOT-IMMUNE", "Exposure to extra-EU law defeats immunity, wherever the data are",
              [eq("extra_eu_law.exposed", True)], ("immunity.protected", False), ["sren-31-i", "cloud-act"]),
    ]
