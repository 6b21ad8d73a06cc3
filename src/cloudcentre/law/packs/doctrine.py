"""Cloud au centre: scope, sensitivity and hosting (2021, 2023, DINUM 2021).

Instruments and sources cited by this pack (see ``law/sources.py``):

- Circulaire n° 6282-SG du 5 juillet 2021 (doctrine « Cloud au centre »), règle R9 (offres internes Pi et Nubo) (2021-07-05) [circ-2021-internal]
- Circulaire n° 6282-SG du 5 juillet 2021 (doctrine « Cloud au centre »), règle R9 (2021-07-05) [circ-2021-r9]
- Circulaire n° 6282-SG du 5 juillet 2021 (doctrine « Cloud au centre »), règle R9 (2021-07-05) [circ-2021-r9-snc]
- Circulaire n° 6282-SG du 5 juillet 2021 (doctrine « Cloud au centre »), champ d'application (décret n° 2019-1088) (2021-07-05) [circ-2021-scope]
- Note de la DINUM du 15 septembre 2021 (Office 365), note aux secrétaires généraux (2021-09-15) [dinum-2021-office]
- Circulaire n° 6404/SG du 31 mai 2023 (actualisation de la doctrine), présentation par la DINUM (2023-05-31) [circ-2023-droit-constant]
- Circulaire n° 6404/SG du 31 mai 2023 (actualisation de la doctrine), règle R9 (secret médical) (2023-05-31) [circ-2023-r9-medical]
- Circulaire n° 6404/SG du 31 mai 2023 (actualisation de la doctrine), règle R9, 2° (missions essentielles) (2023-05-31) [circ-2023-r9-missions]
- Circulaire n° 6404/SG du 31 mai 2023 (actualisation de la doctrine), règle R9 (2023-05-31) [circ-2023-r9-not-required]
- Circulaire n° 6404/SG du 31 mai 2023 (actualisation de la doctrine), règle R9, 1° (secrets protégés par la loi) (2023-05-31) [circ-2023-r9-secrets]
- Circulaire n° 6404/SG du 31 mai 2023 (actualisation de la doctrine), champ d'application (2023-05-31) [circ-2023-scope]
- Loi n° 2024-449 du 21 mai 2024 (SREN), article 31, II (amendement Le Hénanff) (2024-05-21) [sren-31-ii]
- Loi n° 2024-449 du 21 mai 2024 (SREN), article 31, I (administrations de l'État, opérateurs, GIP) (2024-05-21) [sren-31-scope]
- DINUM, vade-mecum sur la sensibilité des données (article 31 de la loi SREN), champ d'application (undated) [vade-mecum-commercial-cloud]
"""

from __future__ import annotations

import datetime as dt

from ..language import Rule
from .common import ALL_ORG_KINDS, CIRC_2021_IN_FORCE, CIRC_2023_IN_FORCE, DINUM_NOTE, eq, rule, t

NAME = "doctrine"
TITLE = "Cloud au centre: scope, sensitivity and hosting (2021, 2023, DINUM 2021)"


def rules() -> list[Rule]:
    p = "doctrine"
    r = []
    r.append(rule(p, "CAC-2021-SCOPE-STATE", "The doctrine applies to State administrations and operators",
                   [t("organisation.kind", "in", ("state_administration", "state_operator"))],
                   ("doctrine.applies", True), ["circ-2021-scope", "circ-2023-scope"],
                   valid_from=CIRC_2021_IN_FORCE))
    r.append(rule(p, "CAC-2021-SCOPE-HOSPITAL", "The doctrine applies to public hospitals, attached to the State",
                   [eq("organisation.kind", "public_hospital")],
                   ("doctrine.applies", True), ["circ-2023-scope"], valid_from=CIRC_2021_IN_FORCE))
    r.append(rule(p, "CAC-2021-SCOPE-SUPERVISED", "The doctrine applies to bodies under State supervision",
                   [t("organisation.kind", "in", ("public_interest_group", "other_public_body")),
                    eq("organisation.state_supervised", True)],
                   ("doctrine.applies", True), ["circ-2021-scope"], valid_from=CIRC_2021_IN_FORCE))
    r.append(rule(p, "CAC-2021-SCOPE-NOT-SUPERVISED",
                   "The doctrine does not apply to a public body outside State supervision",
                   [t("organisation.kind", "in", ("public_interest_group", "other_public_body")),
                    eq("organisation.state_supervised", False)],
                   ("doctrine.applies", False), ["circ-2021-scope"], valid_from=CIRC_2021_IN_FORCE))
    r.append(rule(p, "CAC-2021-SCOPE-LOCAL-AUTHORITY", "The doctrine does not apply to local authorities",
                   [eq("organisation.kind", "local_authority")],
                   ("doctrine.applies", False), ["circ-2021-scope"], valid_from=CIRC_2021_IN_FORCE,
                   assumption="No source says so explicitly: inferred from the doctrine's scope (the State "
                              "and bodies under its supervision, décret 2019-1088)."))
    r.append(rule(p, "CAC-2021-SCOPE-PRIVATE", "The doctrine does not apply to private bodies",
                   [eq("organisation.kind", "private_body")],
                   ("doctrine.applies", False), ["circ-2021-scope"], valid_from=CIRC_2021_IN_FORCE))
    r.append(rule(p, "CAC-2021-NOT-YET-IN-FORCE", "Before 10 July 2021 the doctrine did not exist",
                   [t("organisation.kind", "in", ALL_ORG_KINDS)],
                   ("doctrine.applies", False), ["circ-2021-scope"], valid_until=CIRC_2021_IN_FORCE - dt.timedelta(days=1)))

    # Sensitivity, 2021 wording (examples), in force until the 2023 update.
    until_2023 = CIRC_2023_IN_FORCE - dt.timedelta(days=1)
    for rid, fact, title in [
        ("CAC-2021-R9-SENS-CITIZENS", "workload.data.citizens_personal_data", "Personal data of French citizens are sensitive (2021)"),
        ("CAC-2021-R9-SENS-COMPANIES", "workload.data.companies_economic_data", "Economic data on French companies are sensitive (2021)"),
        ("CAC-2021-R9-SENS-AGENTS", "workload.data.agents_business_application", "Business applications about State agents are sensitive (2021)"),
    ]:
        r.append(rule(p, rid, title, [eq(fact, True)], ("data.sensitive", True), ["circ-2021-r9"],
                       valid_from=CIRC_2021_IN_FORCE, valid_until=until_2023))
    assumed = ("The 2021 text defines sensitive data by examples only; the 2023 categories are applied "
               "to 2021-2023 because the 2023 update was presented as « à droit constant ».")
    r.append(rule(p, "CAC-2021-R9-SENS-SECRET", "Data under a secret protected by law are sensitive (2021, assumed)",
                   [eq("workload.data.protected_secret", True)], ("data.sensitive", True),
                   ["circ-2021-r9", "circ-2023-droit-constant"], valid_from=CIRC_2021_IN_FORCE,
                   valid_until=until_2023, assumption=assumed))
    r.append(rule(p, "CAC-2021-R9-SENS-MEDICAL", "Data under medical secrecy are sensitive (2021, assumed)",
                   [eq("workload.data.medical_secret", True)], ("data.sensitive", True),
                   ["circ-2021-r9", "circ-2023-droit-constant"], valid_from=CIRC_2021_IN_FORCE,
                   valid_until=until_2023, assumption=assumed))
    r.append(rule(p, "CAC-2021-R9-SENS-MISSION", "Data needed for essential State missions are sensitive (2021, assumed)",
                   [eq("workload.data.essential_state_mission", True)], ("data.sensitive", True),
                   ["circ-2021-r9", "circ-2023-droit-constant"], valid_from=CIRC_2021_IN_FORCE,
                   valid_until=until_2023, assumption=assumed))
    not_2021 = [eq("workload.data.protected_secret", False),
                eq("workload.data.essential_state_mission", False),
                eq("workload.data.citizens_personal_data", False),
                eq("workload.data.companies_economic_data", False),
                eq("workload.data.agents_business_application", False)]
    r.append(rule(p, "CAC-2021-R9-NOT-SENSITIVE-BEFORE-NOTE",
                   "Data outside every 2021 category are not sensitive (before the DINUM note)",
                   not_2021, ("data.sensitive", False), ["circ-2021-r9"],
                   valid_from=CIRC_2021_IN_FORCE, valid_until=DINUM_NOTE - dt.timedelta(days=1)))
    r.append(rule(p, "CAC-2021-R9-NOT-SENSITIVE", "Data outside every 2021 category, and not an agents' suite, are not sensitive",
                   [*not_2021, eq("workload.data.agents_collaboration_suite", False)],
                   ("data.sensitive", False), ["circ-2021-r9", "dinum-2021-office"],
                   valid_from=DINUM_NOTE, valid_until=until_2023))
    r.append(rule(p, "DINUM-2021-SENS-OFFICE",
                   "Agents' office, collaboration and messaging suites handle sensitive data",
                   [eq("workload.data.agents_collaboration_suite", True)], ("data.sensitive", True),
                   ["dinum-2021-office"], valid_from=DINUM_NOTE))

    # Sensitivity, 2023 definition (also SREN art. 31 II from 2024).
    r.append(rule(p, "CAC-2023-R9-SENS-SECRET", "Data under a secret protected by law are sensitive",
                   [eq("workload.data.protected_secret", True)], ("data.sensitive", True),
                   ["circ-2023-r9-secrets", "sren-31-ii"], valid_from=CIRC_2023_IN_FORCE))
    r.append(rule(p, "CAC-2023-R9-SENS-MEDICAL", "Data under medical secrecy are sensitive and need SecNumCloud",
                   [eq("workload.data.medical_secret", True)], ("data.sensitive", True),
                   ["circ-2023-r9-medical", "circ-2023-r9-secrets"], valid_from=CIRC_2023_IN_FORCE))
    r.append(rule(p, "CAC-2023-R9-SENS-MISSION", "Data needed for the State's essential missions are sensitive",
                   [eq("workload.data.essential_state_mission", True)], ("data.sensitive", True),
                   ["circ-2023-r9-missions", "sren-31-ii"], valid_from=CIRC_2023_IN_FORCE))
    r.append(rule(p, "CAC-2023-R9-NOT-SENSITIVE", "Data outside both 2023 categories are not sensitive",
                   [eq("workload.data.protected_secret", False),
                    eq("workload.data.essential_state_mission", False),
                    eq("workload.data.agents_collaboration_suite", False)],
                   ("data.sensitive", False), ["circ-2023-r9-secrets", "circ-2023-r9-missions", "dinum-2021-office"],
                   valid_from=CIRC_2023_IN_FORCE))

    # Hosting of sensitive data.
    r.append(rule(p, "CAC-R9-TRUSTED-CLOUD",
                   "Sensitive data on a commercial cloud need SecNumCloud and immunity from extra-EU law",
                   [eq("doctrine.applies", True), eq("data.sensitive", True), eq("offering.kind", "commercial")],
                   ("trusted_cloud.required", True), ["circ-2021-r9-snc", "circ-2023-r9-secrets"],
                   valid_from=CIRC_2021_IN_FORCE))
    r.append(rule(p, "CAC-R9-INTERNAL-CLOUD", "The State's internal clouds (Pi, Nubo) are not subject to the commercial-cloud conditions",
                   [eq("offering.kind", "state_internal")],
                   ("trusted_cloud.required", False), ["circ-2021-internal", "sren-31-scope"]))
    r.append(rule(p, "CAC-R9-OWN-INFRASTRUCTURE",
                   "Hosting on the body's own infrastructure is not a commercial cloud: R9's conditions do not apply",
                   [eq("offering.kind", "own_infrastructure")],
                   ("trusted_cloud.required", False), ["vade-mecum-commercial-cloud", "circ-2021-r9-snc"]))
    r.append(rule(p, "CAC-R9-NOT-SENSITIVE", "Without sensitive data, SecNumCloud is not required",
                   [eq("data.sensitive", False)],
                   ("trusted_cloud.required", False), ["circ-2023-r9-not-required"]))
    r.append(rule(p, "CAC-R9-OUT-OF-SCOPE", "Neither the doctrine nor SREN art. 31 applies to this body",
                   [eq("doctrine.applies", False), eq("sren31.applies", False)],
                   ("trusted_cloud.required", False), ["circ-2021-scope", "sren-31-scope"]))
    return r
