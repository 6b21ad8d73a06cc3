"""RGPD chapter V: transfers outside the EEA.

Instruments and sources cited by this pack (see ``law/sources.py``):

- CJUE, 16 juillet 2020, C-311/18 (Schrems II), invalidation de la décision 2016/1250 (2020-07-16) [schrems-ii]
- Décision d'adéquation de la Commission pour la République de Corée, adoption (2021-12-17) [adequacy-kr]
- Décision d'exécution (UE) 2016/1250 (bouclier de protection des données UE-États-Unis), article 1 (2016-07-12) [privacy-shield]
- Décision d'exécution (UE) 2019/419 (adéquation du Japon), adoption (2019-01-23) [adequacy-jp]
- Décision d'exécution (UE) 2023/1795 (EU-US Data Privacy Framework), article 1 (2023-07-10) [dpf]
- Décisions d'adéquation pour le Royaume-Uni (2021, renouvelées le 19 décembre 2025), adoption et renouvellement (2021-06-28) [adequacy-gb]
- Règlement (UE) 2016/679 (RGPD), article 44 (2016-04-27) [rgpd-44]
- Règlement (UE) 2016/679 (RGPD), article 45 (décisions d'adéquation et leurs dates) (undated) [adequacy-list]
- Règlement (UE) 2016/679 (RGPD), article 45, 1 (2016-04-27) [rgpd-45]
- Règlement (UE) 2016/679 (RGPD), article 46, 1 (2016-04-27) [rgpd-46]
- Règlement (UE) 2016/679 (RGPD), articles 2 et 4, 1) (2016-04-27) [rgpd-2-4]
"""

from __future__ import annotations

import datetime as dt

import attrs

from ..countries import ADEQUACY, ADEQUACY_SINCE, EEA, US, adequacy_on
from ..language import Rule, Test, freeze
from ..sources import SOURCES
from .common import DAY, D, eq, rule, t

NAME = "gdpr"
TITLE = "RGPD chapter V: transfers outside the EEA"


LOCATION_FACTS = {
    "DATA": "offering.data_locations",
    "TECHNICAL": "offering.technical_data_locations",
    "ADMIN": "offering.administration_locations",
    "SUPPORT": "offering.support_locations",
}


#: The Privacy Shield (Decision 2016/1250) applied from 1 August 2016 until the Court of
#: Justice invalidated it on 16 July 2020 (Schrems II, C-311/18).
PRIVACY_SHIELD = D(2016, 8, 1)
SCHREMS_II = D(2020, 7, 16)


def rules() -> list[Rule]:
    p = "gdpr"
    locs = list(LOCATION_FACTS.values())
    adequate = EEA | ADEQUACY
    r = [
        rule(p, "RGPD-APPLIES", "Processing personal data: the RGPD transfer rules apply",
              [eq("workload.data.personal_data", True)], ("gdpr.applies", True), ["rgpd-2-4", "rgpd-44"]),
        rule(p, "RGPD-APPLIES-HEALTH", "Processing personal health data: the RGPD transfer rules apply",
              [eq("workload.data.personal_health_data", True)], ("gdpr.applies", True), ["rgpd-2-4", "rgpd-44"]),
        rule(p, "RGPD-NO-PERSONAL-DATA", "No personal data: no RGPD transfer question",
              [eq("workload.data.personal_data", False), eq("workload.data.personal_health_data", False)],
              ("gdpr.applies", False), ["rgpd-2-4"]),
        rule(p, "RGPD-44-NO-TRANSFER", "Data stay in the EEA and are reached only from the EEA: no transfer",
              [t(f, "all_in", EEA) for f in locs], ("gdpr.transfers_lawful", True), ["rgpd-44"]),
        rule(p, "RGPD-45-ADEQUACY", "Every access from outside the EEA is from a country with an adequacy decision",
              [t(f, "all_in", adequate) for f in locs], ("gdpr.transfers_lawful", True), ["rgpd-45"]),
        rule(p, "RGPD-45-DPF", "US access is covered by the Data Privacy Framework certification of the provider",
              [*(t(f, "all_in", adequate | US) for f in locs), eq("provider.dpf_certified", True)],
              ("gdpr.transfers_lawful", True), ["rgpd-45", "dpf"], valid_from=D(2023, 7, 10)),
        rule(p, "RGPD-45-PRIVACY-SHIELD", "US access is covered by the Privacy Shield certification of the provider (until Schrems II)",
              [*(t(f, "all_in", adequate | US) for f in locs), eq("provider.privacy_shield_certified", True)],
              ("gdpr.transfers_lawful", True), ["rgpd-45", "privacy-shield"],
              valid_from=PRIVACY_SHIELD, valid_until=SCHREMS_II - DAY),
        rule(p, "RGPD-46-SAFEGUARDS", "Appropriate safeguards (SCC, BCR) with a transfer impact assessment cover every transfer",
              [eq("offering.transfer_safeguards", True)], ("gdpr.transfers_lawful", True), ["rgpd-46"]),
    ]
    for name, fact in LOCATION_FACTS.items():
        r.append(rule(p, f"RGPD-44-UNCOVERED-{name}",
                       f"{fact.split('.')[1].replace('_', ' ').capitalize()} include a country without adequacy, and no safeguards",
                       [t(fact, "any_not_in", adequate | US), eq("offering.transfer_safeguards", False)],
                       ("gdpr.transfers_lawful", False), ["rgpd-44", "rgpd-46"]))
        label = fact.split('.')[1].replace('_', ' ').capitalize()
        r.append(rule(p, f"RGPD-44-UNCOVERED-US-{name}-BEFORE-PRIVACY-SHIELD",
                       f"{label} include the US before the Privacy Shield, and no safeguards",
                       [t(fact, "any_not_in", adequate), eq("offering.transfer_safeguards", False)],
                       ("gdpr.transfers_lawful", False), ["rgpd-44", "rgpd-46"],
                       valid_until=PRIVACY_SHIELD - DAY))
        r.append(rule(p, f"RGPD-44-UNCOVERED-US-{name}-PRIVACY-SHIELD",
                       f"{label} include the US, with neither Privacy Shield certification nor safeguards",
                       [t(fact, "any_not_in", adequate), eq("provider.privacy_shield_certified", False),
                        eq("offering.transfer_safeguards", False)],
                       ("gdpr.transfers_lawful", False), ["rgpd-44", "rgpd-46", "privacy-shield"],
                       valid_from=PRIVACY_SHIELD, valid_until=SCHREMS_II - DAY))
        r.append(rule(p, f"RGPD-44-UNCOVERED-US-{name}-BEFORE-DPF",
                       f"{label} include the US after Schrems II and before the DPF adequacy decision, and no safeguards",
                       [t(fact, "any_not_in", adequate), eq("offering.transfer_safeguards", False)],
                       ("gdpr.transfers_lawful", False), ["rgpd-44", "rgpd-46", "schrems-ii"],
                       valid_from=SCHREMS_II, valid_until=D(2023, 7, 9)))
        r.append(rule(p, f"RGPD-44-UNCOVERED-US-{name}",
                       f"{fact.split('.')[1].replace('_', ' ').capitalize()} include the US, with neither DPF certification nor safeguards",
                       [t(fact, "any_not_in", adequate), eq("provider.dpf_certified", False),
                        eq("offering.transfer_safeguards", False)],
                       ("gdpr.transfers_lawful", False), ["rgpd-44", "rgpd-46", "dpf"],
                       valid_from=D(2023, 7, 10)))
    return [split for built in r for split in _adequacy_epochs(built, adequate)]


def _adequacy_epochs(built: Rule, adequate: frozenset[str]) -> list[Rule]:
    """A rule reading the adequacy list, split at the dates adequacy decisions apply from.

    The latest period keeps the rule's id; an earlier one is named after the first decision
    it lacks (``-BEFORE-KR``: Japan covered, Korea not yet).
    """
    full = {freeze(adequate), freeze(adequate | US)}
    if not any(isinstance(c, Test) and c.value in full for c in built.conditions):
        return [built]
    starts = sorted(set(ADEQUACY_SINCE.values()))
    bounds: list[tuple[dt.date | None, dt.date | None]] = []
    previous: dt.date | None = None
    for start in starts:
        bounds.append((previous, start - DAY))
        previous = start
    bounds.append((previous, None))
    out: list[Rule] = []
    for first, last in bounds:
        lo = max((d for d in (first, built.valid_from) if d is not None), default=None)
        hi = min((d for d in (last, built.valid_until) if d is not None), default=None)
        if lo is not None and hi is not None and hi < lo:
            continue
        day = lo or dt.date.min
        covered = EEA | adequacy_on(day)
        missing = sorted((c for c in ADEQUACY_SINCE if ADEQUACY_SINCE[c] > day),
                         key=lambda c: ADEQUACY_SINCE[c])
        conditions = tuple(
            attrs.evolve(c, value=freeze(covered if c.value == freeze(adequate) else covered | US))
            if isinstance(c, Test) and c.value in full else c
            for c in built.conditions
        )
        decided = [k for k, v in ADEQUACY_SINCE.items() if first is not None and v == first]
        cites = tuple(SOURCES[f"adequacy-{k.lower()}"] for k in decided) or (SOURCES["adequacy-list"],)
        if not missing:
            cites = (*cites, SOURCES["adequacy-gb"], SOURCES["adequacy-list"])
        out.append(attrs.evolve(
            built,
            id=built.id + (f"-BEFORE-{missing[0]}" if missing else ""),
            title=built.title + (f" (before the {missing[0]} adequacy decision)" if missing else ""),
            conditions=conditions,
            citations=(*built.citations, *cites),
            valid_from=lo,
            valid_until=hi,
        ))
    return out
