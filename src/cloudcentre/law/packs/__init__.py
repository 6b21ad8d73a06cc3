"""The rule packs: French law and doctrine on hosting public-sector data, as data.

One module per instrument or theme; each exposes ``NAME``, ``TITLE`` and ``rules()``.
Every rule cites its sources (see ``law/sources.py``) and carries its validity period.
Rules that rest on an unconfirmed legal point say so in ``assumption``. The ids are
stable: tools and audit reports may refer to them.
"""

from __future__ import annotations

from ..language import Rule, RulePack
from . import (
    certificates,
    derogations,
    doctrine,
    extra_eu_law,
    gdpr,
    hds,
    protection_marks,
    secnumcloud,
    sren,
)

__all__ = ["OVERRIDES", "PACKS", "RULES"]

#: The packs in the order they are listed and documented.
_MODULES = (
    doctrine,
    sren,
    certificates,
    secnumcloud,
    extra_eu_law,
    hds,
    gdpr,
    protection_marks,
    derogations,
)
PACKS: tuple[RulePack, ...] = tuple(
    RulePack(module.NAME, module.TITLE, tuple(module.rules())) for module in _MODULES
)

RULES: tuple[Rule, ...] = tuple(rule for pack in PACKS for rule in pack.rules)

#: Facts some rules derive with both values on purpose, and why (a later or stronger
#: rule overrides an earlier one; the decision then fails closed: ``false`` wins).
#: ``cloudcentre verify`` reports these instead of failing on them.
OVERRIDES: dict[str, str] = {
    fact: why for module in _MODULES for fact, why in getattr(module, "OVERRIDES", {}).items()
}
