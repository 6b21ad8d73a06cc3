"""Loi SREN art. 31: statutory scope and protection of sensitive data.

Instruments and sources cited by this pack (see ``law/sources.py``):

- Circulaire n° 6404/SG du 31 mai 2023 (actualisation de la doctrine), règle R9, 1° (secret de la vie privée) (2023-05-31) [circ-2023-r9-privacy]
- Circulaire n° 6519/SG du 5 février 2026 (commande publique numérique de l'État), SecNumCloud et article 31 de la loi SREN (2026-02-05) [circ-2026-snc]
- DINUM, vade-mecum sur la sensibilité des données (article 31 de la loi SREN), champ d'application (undated) [vade-mecum-commercial-cloud]
- DINUM, vade-mecum sur la sensibilité des données au sens de l'article 31 de la loi SREN, offre de confiance (undated) [dinum-vade-mecum]
- Loi n° 2024-449 du 21 mai 2024 (SREN), article 31 (reprise de la doctrine) (2024-05-21) [sren-31-doctrine]
- Loi n° 2024-449 du 21 mai 2024 (SREN), article 31, I (administrations de l'État, opérateurs, GIP) (2024-05-21) [sren-31-scope]
- Loi n° 2024-449 du 21 mai 2024 (SREN), article 31, I (amendement Le Hénanff) (2024-05-21) [sren-31-i]
- Loi n° 2024-449 du 21 mai 2024 (SREN), article 31, I (condition d'atteinte; amendement Le Hénanff) (2024-05-21) [sren-31-harm]
- Loi n° 2024-449 du 21 mai 2024 (SREN), article 31, II (amendement Le Hénanff) (2024-05-21) [sren-31-ii]
- Loi n° 2024-449 du 21 mai 2024 (SREN), article 31, IV (Plateforme des données de santé) (2024-05-21) [sren-31-iv]
"""

from __future__ import annotations

import datetime as dt

from ..language import Rule
from .common import ALL_ORG_KINDS, CIRC_2026_IN_FORCE, SREN_IN_FORCE, eq, rule, t

NAME = "sren"
TITLE = "Loi SREN art. 31: statutory scope and protection of sensitive data"


def rules() -> list[Rule]:
    p = "sren"
    citizens = "interpretation.citizens_personal_data"
    requirement = "interpretation.sren31_requirement"
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
        # Art. 31 II categories and the harm condition of art. 31 I: the statute's own notion.
        rule(p, "SREN-31-II-1-SECRET", "Data under a secret protected by law fall under art. 31 II 1°",
              [eq("workload.data.protected_secret", True)], ("sren31.category", True), ["sren-31-ii"],
              valid_from=SREN_IN_FORCE),
        rule(p, "SREN-31-II-2-MISSION", "Data needed for the State's essential missions fall under art. 31 II 2°",
              [eq("workload.data.essential_state_mission", True)], ("sren31.category", True), ["sren-31-ii"],
              valid_from=SREN_IN_FORCE),
        rule(p, "SREN-31-II-1-CITIZENS-PRESUMED",
              "Citizens' personal data are presumed under the « vie privée » secret, art. 31 II 1° (reading `presumed_private_life_secret`)",
              [eq("workload.data.citizens_personal_data", True), eq(citizens, "presumed_private_life_secret")],
              ("sren31.category", True), ["sren-31-ii", "circ-2023-r9-privacy"], valid_from=SREN_IN_FORCE),
        rule(p, "SREN-31-II-NO-CATEGORY", "Data under neither art. 31 II category",
              [eq("workload.data.protected_secret", False), eq("workload.data.essential_state_mission", False),
               eq(citizens, "as_answered")],
              ("sren31.category", False), ["sren-31-ii"], valid_from=SREN_IN_FORCE),
        rule(p, "SREN-31-II-NO-CATEGORY-PRESUMED",
              "Data under neither art. 31 II category, and no citizens' personal data (reading `presumed_private_life_secret`)",
              [eq("workload.data.protected_secret", False), eq("workload.data.essential_state_mission", False),
               eq("workload.data.citizens_personal_data", False), eq(citizens, "presumed_private_life_secret")],
              ("sren31.category", False), ["sren-31-ii"], valid_from=SREN_IN_FORCE),
        rule(p, "SREN-31-I-SENSITIVE", "Art. 31 II data whose breach would harm public order, security, health, life or IP",
              [eq("sren31.category", True), eq("workload.data.breach_would_harm", True)],
              ("sren31.sensitive", True), ["sren-31-harm", "sren-31-ii"], valid_from=SREN_IN_FORCE),
        rule(p, "SREN-31-I-NO-HARM", "A breach would harm none of the interests art. 31 I names",
              [eq("workload.data.breach_would_harm", False)],
              ("sren31.sensitive", False), ["sren-31-harm"], valid_from=SREN_IN_FORCE),
        rule(p, "SREN-31-II-NOT-SENSITIVE", "Data under neither art. 31 II category are not sensitive for the statute",
              [eq("sren31.category", False)], ("sren31.sensitive", False), ["sren-31-ii"], valid_from=SREN_IN_FORCE),
        rule(p, "SREN-31-I-PROTECTION-REQUIRED",
              "Sensitive data on a private cloud need protection against access by non-EU authorities",
              [eq("sren31.applies", True), eq("sren31.sensitive", True)],
              ("sren31.protection_required", True), ["sren-31-i", "sren-31-harm"], valid_from=SREN_IN_FORCE),
        rule(p, "SREN-31-I-NOT-BOUND", "SREN art. 31 does not bind this hosting",
              [eq("sren31.applies", False)], ("sren31.protection_required", False), ["sren-31-scope"]),
        rule(p, "SREN-31-I-NOT-SENSITIVE", "The data are not sensitive within art. 31: no protection required by the statute",
              [eq("sren31.sensitive", False)], ("sren31.protection_required", False), ["sren-31-i", "sren-31-ii"],
              valid_from=SREN_IN_FORCE),
        rule(p, "SREN-31-I-IMMUNITY", "SREN art. 31 I requires protection from access by non-EU authorities",
              [eq("sren31.protection_required", True)], ("immunity.required", True), ["sren-31-i"],
              valid_from=SREN_IN_FORCE),
        # What the protection means: SecNumCloud, or immunity only (interpretation).
        rule(p, "SREN-31-I-SECNUMCLOUD",
              "SREN art. 31 takes up the doctrine: SecNumCloud is required (reading `secnumcloud`)",
              [eq("sren31.protection_required", True), eq(requirement, "secnumcloud")],
              ("trusted_cloud.required", True), ["sren-31-i", "sren-31-doctrine"],
              valid_from=SREN_IN_FORCE, valid_until=CIRC_2026_IN_FORCE - dt.timedelta(days=1)),
        rule(p, "CIRC-2026-SECNUMCLOUD-ATTESTS-ART-31",
              "SecNumCloud attests the level art. 31 requires (circulaire 6519/SG; reading `secnumcloud`)",
              [eq("sren31.protection_required", True), eq(requirement, "secnumcloud")],
              ("trusted_cloud.required", True), ["circ-2026-snc", "sren-31-i"], valid_from=CIRC_2026_IN_FORCE),
        rule(p, "SREN-31-I-NO-SECNUMCLOUD",
              "SREN art. 31 names no qualification: outside the doctrine, SecNumCloud is not required (reading `non_eu_access_protection`)",
              [eq("doctrine.applies", False), eq(requirement, "non_eu_access_protection")],
              ("trusted_cloud.required", False), ["sren-31-i", "dinum-vade-mecum"], valid_from=SREN_IN_FORCE),
        rule(p, "SREN-31-NOT-TRIGGERED",
              "Outside the doctrine, and no protection required by SREN art. 31: SecNumCloud is not required",
              [eq("doctrine.applies", False), eq("sren31.protection_required", False)],
              ("trusted_cloud.required", False), ["sren-31-i", "sren-31-harm"], valid_from=SREN_IN_FORCE),
    ]
