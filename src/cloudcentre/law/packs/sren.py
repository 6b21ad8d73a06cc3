"""Loi SREN art. 31: statutory scope and protection of sensitive data.

Instruments and sources cited by this pack (see ``law/sources.py``):

- Loi n° 2024-449 du 21 mai 2024 (SREN), article 31, I (amendement Le Hénanff) (2024-05-21) [sren-31-i]
- Loi n° 2024-449 du 21 mai 2024 (SREN), article 31, II (amendement Le Hénanff) (2024-05-21) [sren-31-ii]
- Loi n° 2024-449 du 21 mai 2024 (SREN), article 31, IV (Plateforme des données de santé) (2024-05-21) [sren-31-iv]
- Loi n° 2024-449 du 21 mai 2024 (SREN), article 31, I (administrations de l'État, opérateurs, GIP) (2024-05-21) [sren-31-scope]
- DINUM, vade-mecum sur la sensibilité des données (article 31 de la loi SREN), champ d'application (undated) [vade-mecum-commercial-cloud]
"""

from __future__ import annotations

import datetime as dt

from ..language import Rule
from .common import ALL_ORG_KINDS, SREN_IN_FORCE, eq, rule, t

NAME = "sren"
TITLE = "Loi SREN art. 31: statutory scope and protection of sensitive data"


def rules() -> list[Rule]:
    p = "sren"
    before = SREN_IN_FORCE - dt.timedelta(days=1)
    return [
        rule(p, "SREN-31-SCOPE-STATE", "SREN art. 31 binds State administrations and operators using a private cloud",
              [t("organisation.kind", "in", ("state_administration", "state_operator")), eq("offering.kind", "commercial")],
              ("sren31.applies", True), ["sren-31-scope"], valid_from=SREN_IN_FORCE),
        rule(p, "SREN-31-SCOPE-GIP", "SREN art. 31 binds GIPs that include State bodies",
              [eq("organisation.kind", "public_interest_group"), eq("organisation.includes_state_bodies", True),
               eq("offering.kind", "commercial")],
              ("sren31.applies", True), ["sren-31-scope"], valid_from=SREN_IN_FORCE),
        rule(p, "SREN-31-IV-HEALTH-DATA-HUB", "SREN art. 31 IV binds the Plateforme des données de santé",
              [eq("organisation.health_data_platform", True), eq("offering.kind", "commercial")],
              ("sren31.applies", True), ["sren-31-iv"], valid_from=SREN_IN_FORCE,
              assumption="The wording of §IV comes from a compilation; the enacted text was not read."),
        rule(p, "SREN-31-NOT-PRIVATE-CLOUD", "SREN art. 31 applies only to clouds of private providers",
              [eq("offering.kind", "state_internal")],
              ("sren31.applies", False), ["sren-31-scope"], valid_from=SREN_IN_FORCE),
        rule(p, "SREN-31-NOT-CLOUD-SERVICE", "SREN art. 31 does not bind hosting on the body's own infrastructure",
              [eq("offering.kind", "own_infrastructure")],
              ("sren31.applies", False), ["sren-31-scope", "vade-mecum-commercial-cloud"], valid_from=SREN_IN_FORCE),
        rule(p, "SREN-31-NOT-IN-SCOPE", "SREN art. 31 does not bind this kind of body",
              [t("organisation.kind", "in", ("public_hospital", "local_authority", "other_public_body", "private_body"))],
              ("sren31.applies", False), ["sren-31-scope"], valid_from=SREN_IN_FORCE),
        rule(p, "SREN-31-GIP-NOT-IN-SCOPE", "SREN art. 31 does not bind a GIP without State members that is not the PDS",
              [eq("organisation.kind", "public_interest_group"), eq("organisation.includes_state_bodies", False),
               eq("organisation.health_data_platform", False)],
              ("sren31.applies", False), ["sren-31-scope", "sren-31-iv"], valid_from=SREN_IN_FORCE),
        rule(p, "SREN-31-NOT-YET-IN-FORCE", "Before 23 May 2024 the SREN law did not exist",
              [t("organisation.kind", "in", ALL_ORG_KINDS)],
              ("sren31.applies", False), ["sren-31-scope"], valid_until=before),
        rule(p, "SREN-31-I-TRUSTED-CLOUD",
              "Sensitive data on a private cloud need protection against access by non-EU authorities",
              [eq("sren31.applies", True), eq("data.sensitive", True)],
              ("trusted_cloud.required", True), ["sren-31-i", "sren-31-ii"], valid_from=SREN_IN_FORCE),
    ]
