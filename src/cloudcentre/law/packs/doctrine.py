"""Cloud au centre: scope, sensitivity and hosting (2021, 2023, DINUM 2021).

Instruments and sources cited by this pack (see ``law/sources.py``):

- Circulaire n° 6282-SG du 5 juillet 2021 (doctrine « Cloud au centre »), champ d'application (décret n° 2019-1088) (2021-07-05) [circ-2021-scope]
- Circulaire n° 6282-SG du 5 juillet 2021 (doctrine « Cloud au centre »), règle R9 (2021-07-05) [circ-2021-r9-snc]
- Circulaire n° 6282-SG du 5 juillet 2021 (doctrine « Cloud au centre »), règle R9 (2021-07-05) [circ-2021-r9]
- Circulaire n° 6282-SG du 5 juillet 2021 (doctrine « Cloud au centre »), règle R9 (offres internes Pi et Nubo) (2021-07-05) [circ-2021-internal]
- Circulaire n° 6404/SG du 31 mai 2023 (actualisation de la doctrine), champ d'application (2023-05-31) [circ-2023-scope]
- Circulaire n° 6404/SG du 31 mai 2023 (actualisation de la doctrine), présentation par la DINUM (2023-05-31) [circ-2023-droit-constant]
- Circulaire n° 6404/SG du 31 mai 2023 (actualisation de la doctrine), règle R9 (2023-05-31) [circ-2023-r9-not-required]
- Circulaire n° 6404/SG du 31 mai 2023 (actualisation de la doctrine), règle R9 (secret médical) (2023-05-31) [circ-2023-r9-medical]
- Circulaire n° 6404/SG du 31 mai 2023 (actualisation de la doctrine), règle R9, 1° (secret de la vie privée) (2023-05-31) [circ-2023-r9-privacy]
- Circulaire n° 6404/SG du 31 mai 2023 (actualisation de la doctrine), règle R9, 1° (secrets protégés par la loi) (2023-05-31) [circ-2023-r9-secrets]
- Circulaire n° 6404/SG du 31 mai 2023 (actualisation de la doctrine), règle R9, 2° (missions essentielles) (2023-05-31) [circ-2023-r9-missions]
- Circulaire n° 6519/SG du 5 février 2026 (commande publique numérique de l'État), données de santé (2026-02-05) [circ-2026-health]
- DINUM, vade-mecum sur la sensibilité des données (article 31 de la loi SREN), champ d'application (undated) [vade-mecum-commercial-cloud]
- Décret n° 2019-1088 du 25 octobre 2019 (système d'information de l'État), article 1 (2019-10-25) [decret-2019-1088]
- Loi n° 2024-449 du 21 mai 2024 (SREN), article 31, I (administrations de l'État, opérateurs, GIP) (2024-05-21) [sren-31-scope]
- Loi n° 2024-449 du 21 mai 2024 (SREN), article 31, I (amendement Le Hénanff) (2024-05-21) [sren-31-i]
- Note de la DINUM du 15 septembre 2021 (Office 365), note aux secrétaires généraux (2021-09-15) [dinum-2021-office]
"""

from __future__ import annotations

import datetime as dt

from ..language import Rule
from .common import (
    ALL_ORG_KINDS,
    CIRC_2021_IN_FORCE,
    CIRC_2023_IN_FORCE,
    CIRC_2026_IN_FORCE,
    DINUM_NOTE,
    eq,
    rule,
    t,
)

NAME = "doctrine"
TITLE = "Cloud au centre: scope, sensitivity and hosting (2021, 2023, DINUM 2021)"


def rules() -> list[Rule]:
    p = "doctrine"
    r = []
    until_2023 = CIRC_2023_IN_FORCE - dt.timedelta(days=1)
    r.append(rule(p, "CAC-2021-SCOPE-STATE", "The doctrine applies to State administrations and operators",
                   [t("organisation.kind", "in", ("state_administration", "state_operator"))],
                   ("doctrine.applies", True), ["circ-2021-scope", "decret-2019-1088"],
                   valid_from=CIRC_2021_IN_FORCE))
    hospitals = "interpretation.public_hospitals_in_doctrine"
    r.append(rule(p, "CAC-2021-SCOPE-HOSPITAL", "The doctrine applies to public hospitals, attached to the State (reading `covered`)",
                   [eq("organisation.kind", "public_hospital"), eq(hospitals, "covered")],
                   ("doctrine.applies", True), ["decret-2019-1088", "circ-2023-scope"],
                   valid_from=CIRC_2021_IN_FORCE, valid_until=until_2023,
                   applies_later_text="The 2023 reading (desmarais-avocats) that public hospitals are "
                                      "« rattachés à l'État » is applied to 2021-2023: the 2023 circulaire "
                                      "kept the doctrine's scope, presented « à droit constant »."))
    r.append(rule(p, "CAC-2023-SCOPE-HOSPITAL", "The doctrine applies to public hospitals, attached to the State (reading `covered`)",
                   [eq("organisation.kind", "public_hospital"), eq(hospitals, "covered")],
                   ("doctrine.applies", True), ["circ-2023-scope", "decret-2019-1088"],
                   valid_from=CIRC_2023_IN_FORCE))
    r.append(rule(p, "CAC-2021-SCOPE-HOSPITAL-NOT-COVERED",
                   "Public hospitals are not « organismes placés sous [la] tutelle » of the State (reading `not_covered`)",
                   [eq("organisation.kind", "public_hospital"), eq(hospitals, "not_covered")],
                   ("doctrine.applies", False), ["decret-2019-1088"], valid_from=CIRC_2021_IN_FORCE))
    r.append(rule(p, "CAC-2021-SCOPE-SUPERVISED", "The doctrine applies to bodies under State supervision",
                   [t("organisation.kind", "in", ("public_interest_group", "other_public_body")),
                    eq("organisation.state_supervised", True)],
                   ("doctrine.applies", True), ["circ-2021-scope", "decret-2019-1088"], valid_from=CIRC_2021_IN_FORCE))
    r.append(rule(p, "CAC-2021-SCOPE-NOT-SUPERVISED",
                   "The doctrine does not apply to a public body outside State supervision",
                   [t("organisation.kind", "in", ("public_interest_group", "other_public_body")),
                    eq("organisation.state_supervised", False)],
                   ("doctrine.applies", False), ["circ-2021-scope", "decret-2019-1088"], valid_from=CIRC_2021_IN_FORCE))
    r.append(rule(p, "CAC-2021-SCOPE-LOCAL-AUTHORITY", "The doctrine does not apply to local authorities",
                   [eq("organisation.kind", "local_authority")],
                   ("doctrine.applies", False), ["circ-2021-scope", "decret-2019-1088"], valid_from=CIRC_2021_IN_FORCE,
                   assumption="No source says so explicitly: inferred from the doctrine's scope (the State "
                              "and bodies under its supervision, décret 2019-1088)."))
    r.append(rule(p, "CAC-2021-SCOPE-PRIVATE", "The doctrine does not apply to private bodies outside State tutelle",
                   [eq("organisation.kind", "private_body"), eq("organisation.state_supervised", False)],
                   ("doctrine.applies", False), ["circ-2021-scope", "decret-2019-1088"],
                   valid_from=CIRC_2021_IN_FORCE))
    private = "interpretation.private_bodies_under_tutelle"
    r.append(rule(p, "CAC-2021-SCOPE-PRIVATE-SUPERVISED",
                   "The doctrine applies to a private-law body under State tutelle (reading `covered`)",
                   [eq("organisation.kind", "private_body"), eq("organisation.state_supervised", True),
                    eq(private, "covered")],
                   ("doctrine.applies", True), ["decret-2019-1088"], valid_from=CIRC_2021_IN_FORCE))
    r.append(rule(p, "CAC-2021-SCOPE-PRIVATE-SUPERVISED-NOT-COVERED",
                   "The doctrine does not apply to private-law bodies, even under State tutelle (reading `not_covered`)",
                   [eq("organisation.kind", "private_body"), eq("organisation.state_supervised", True),
                    eq(private, "not_covered")],
                   ("doctrine.applies", False), ["circ-2021-scope"], valid_from=CIRC_2021_IN_FORCE))
    r.append(rule(p, "CAC-2021-SCOPE-PRIVATE-SUPERVISED-UNSETTLED",
                   "Whether the doctrine binds a private-law body under State tutelle is left open (reading `unsettled`)",
                   [eq("organisation.kind", "private_body"), eq("organisation.state_supervised", True),
                    eq(private, "unsettled")],
                   ("warning.private_body_under_tutelle_unsettled", True), ["decret-2019-1088"],
                   valid_from=CIRC_2021_IN_FORCE))
    r.append(rule(p, "CAC-2021-NOT-YET-IN-FORCE", "Before 10 July 2021 the doctrine did not exist",
                   [t("organisation.kind", "in", ALL_ORG_KINDS)],
                   ("doctrine.applies", False), ["circ-2021-scope"], valid_until=CIRC_2021_IN_FORCE - dt.timedelta(days=1)))

    # Sensitivity, 2021 wording (examples), in force until the 2023 update.
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
                   valid_until=until_2023, assumption=assumed, applies_later_text=assumed))
    r.append(rule(p, "CAC-2021-R9-SENS-MEDICAL", "Data under medical secrecy are sensitive (2021, assumed)",
                   [eq("workload.data.medical_secret", True)], ("data.sensitive", True),
                   ["circ-2021-r9", "circ-2023-droit-constant"], valid_from=CIRC_2021_IN_FORCE,
                   valid_until=until_2023, assumption=assumed, applies_later_text=assumed))
    r.append(rule(p, "CAC-2021-R9-SENS-MISSION", "Data needed for essential State missions are sensitive (2021, assumed)",
                   [eq("workload.data.essential_state_mission", True)], ("data.sensitive", True),
                   ["circ-2021-r9", "circ-2023-droit-constant"], valid_from=CIRC_2021_IN_FORCE,
                   valid_until=until_2023, assumption=assumed, applies_later_text=assumed))
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
                   ["circ-2023-r9-secrets"], valid_from=CIRC_2023_IN_FORCE))
    r.append(rule(p, "CAC-2023-R9-SENS-MEDICAL", "Data under medical secrecy are sensitive and need SecNumCloud",
                   [eq("workload.data.medical_secret", True)], ("data.sensitive", True),
                   ["circ-2023-r9-medical", "circ-2023-r9-secrets"], valid_from=CIRC_2023_IN_FORCE,
                   assumption="« respecter la qualification SecNumCloud » is read as holding the qualification "
                              "(the prudent reading); desmarais-avocats reads it as complying with the "
                              "referential without having obtained it."))
    r.append(rule(p, "CAC-2023-R9-SENS-MISSION", "Data needed for the State's essential missions are sensitive",
                   [eq("workload.data.essential_state_mission", True)], ("data.sensitive", True),
                   ["circ-2023-r9-missions"], valid_from=CIRC_2023_IN_FORCE))
    # Citizens' personal data after 2023: the « vie privée » secret (interpretation).
    citizens = "interpretation.citizens_personal_data"
    r.append(rule(p, "CAC-2023-R9-CITIZENS-PRIVACY-WARNING",
                   "Citizens' personal data said to be under no secret: the decision warns (reading `as_answered`)",
                   [eq("workload.data.citizens_personal_data", True), eq("workload.data.protected_secret", False),
                    eq(citizens, "as_answered")],
                   ("warning.citizens_privacy_secret", True), ["circ-2023-r9-privacy"],
                   valid_from=CIRC_2023_IN_FORCE))
    r.append(rule(p, "CAC-2023-R9-SENS-CITIZENS-PRESUMED",
                   "Citizens' personal data are presumed under the « vie privée » secret (reading `presumed_private_life_secret`)",
                   [eq("workload.data.citizens_personal_data", True), eq(citizens, "presumed_private_life_secret")],
                   ("data.sensitive", True), ["circ-2023-r9-privacy"], valid_from=CIRC_2023_IN_FORCE))
    # From 5 February 2026 the circulaire 6519/SG names health data among sensitive data.
    r.append(rule(p, "CIRC-2026-SENS-HEALTH", "Health data are data of particular sensitivity (circulaire 6519/SG)",
                   [eq("workload.data.personal_health_data", True)], ("data.sensitive", True),
                   ["circ-2026-health"], valid_from=CIRC_2026_IN_FORCE))
    base = [eq("workload.data.protected_secret", False),
            eq("workload.data.essential_state_mission", False),
            eq("workload.data.agents_collaboration_suite", False)]
    health = [eq("workload.data.personal_health_data", False)]
    presumed = [eq("workload.data.citizens_personal_data", False), eq(citizens, "presumed_private_life_secret")]
    answered = [eq(citizens, "as_answered")]
    cites_2023 = ["circ-2023-r9-secrets", "circ-2023-r9-missions", "dinum-2021-office"]
    until_2026 = CIRC_2026_IN_FORCE - dt.timedelta(days=1)
    for rid, title, extra, cites, start, end in [
        ("CAC-2023-R9-NOT-SENSITIVE", "Data outside both 2023 categories are not sensitive",
         answered, cites_2023, CIRC_2023_IN_FORCE, until_2026),
        ("CAC-2023-R9-NOT-SENSITIVE-PRESUMED", "Data outside both 2023 categories, and no citizens' personal data, are not sensitive",
         presumed, [*cites_2023, "circ-2023-r9-privacy"], CIRC_2023_IN_FORCE, until_2026),
        ("CIRC-2026-NOT-SENSITIVE", "Data outside both categories, and no health data, are not sensitive",
         [*answered, *health], [*cites_2023, "circ-2026-health"], CIRC_2026_IN_FORCE, None),
        ("CIRC-2026-NOT-SENSITIVE-PRESUMED", "Data outside both categories, no health data and no citizens' personal data, are not sensitive",
         [*presumed, *health], [*cites_2023, "circ-2023-r9-privacy", "circ-2026-health"], CIRC_2026_IN_FORCE, None),
    ]:
        r.append(rule(p, rid, title, [*base, *extra], ("data.sensitive", False), cites,
                       valid_from=start, valid_until=end))

    # Hosting of sensitive data.
    r.append(rule(p, "CAC-R9-TRUSTED-CLOUD",
                   "Sensitive data on a commercial cloud need SecNumCloud and immunity from extra-EU law",
                   [eq("doctrine.applies", True), eq("data.sensitive", True), eq("offering.kind", "commercial")],
                   ("trusted_cloud.required", True), ["circ-2021-r9-snc"],
                   valid_from=CIRC_2021_IN_FORCE, valid_until=until_2023))
    r.append(rule(p, "CAC-2023-R9-TRUSTED-CLOUD",
                   "Sensitive data on a commercial cloud need SecNumCloud and immunity from extra-EU law (2023)",
                   [eq("doctrine.applies", True), eq("data.sensitive", True), eq("offering.kind", "commercial")],
                   ("trusted_cloud.required", True), ["circ-2023-r9-secrets", "circ-2021-r9-snc"],
                   valid_from=CIRC_2023_IN_FORCE))
    # The immunity requirement: with SecNumCloud (doctrine), or on its own (SREN art. 31 I).
    r.append(rule(p, "CAC-R9-IMMUNITY-WITH-TRUSTED-CLOUD",
                   "Where SecNumCloud is required, immunity from extra-EU law is required too",
                   [eq("trusted_cloud.required", True)], ("immunity.required", True), ["circ-2021-r9-snc"]))
    r.append(rule(p, "CAC-R9-IMMUNITY-NOT-REQUIRED",
                   "Neither the doctrine nor SREN art. 31 requires protection from extra-EU law",
                   [eq("trusted_cloud.required", False), eq("sren31.protection_required", False)],
                   ("immunity.required", False), ["circ-2023-r9-not-required", "sren-31-i"]))
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
