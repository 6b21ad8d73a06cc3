"""The rule packs: French law and doctrine on hosting public-sector data, as data.

Every rule cites its sources (see ``_sources.py``) and carries its validity period.
Rules that rest on an unconfirmed legal point say so in ``assumption``. The ids are
stable: tools and audit reports may refer to them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ._countries import ADEQUACY, EEA, EU, US
from ._rules import Conclusion, ForAll, Op, Ref, Rule, RulePack, Test, Value, freeze
from ._sources import SOURCES

__all__ = ["PACKS", "RULES"]

AS_OF = Ref("case.as_of")
D = dt.date

#: Entry into force of each instrument (the day a case must be judged with it).
CIRC_2021_IN_FORCE = D(2021, 7, 10)
DINUM_NOTE = D(2021, 9, 15)
CIRC_2023_IN_FORCE = D(2023, 6, 1)
SREN_IN_FORCE = D(2024, 5, 23)
SNC_32 = D(2022, 3, 8)
HDS_V2 = D(2024, 11, 16)
HDS_V1_TRANSITION_END = D(2026, 5, 16)
DAY = dt.timedelta(days=1)

ALL_ORG_KINDS = (
    "state_administration", "state_operator", "public_interest_group", "public_hospital",
    "local_authority", "other_public_body", "private_body",
)


def t(fact: str, op: str, value: Value | Ref | frozenset[str], entity: str | None = None) -> Test:
    operand = value if isinstance(value, Ref) else freeze(value)
    return Test(fact, Op(op), operand, entity)


def eq(fact: str, value: Value | Ref) -> Test:
    return Test(fact, Op.EQ, value)


def _rule(pack: str, id: str, title: str, when: list[Any], then: tuple[str, Value] | Conclusion,
          cites: list[str], **kw: Any) -> Rule:
    conclusion = then if isinstance(then, Conclusion) else Conclusion(then[0], then[1], "")
    return Rule(
        id=id, title=title, pack=pack, conditions=tuple(when), conclusion=conclusion,
        citations=tuple(SOURCES[c] for c in cites), **kw,
    )


# --------------------------------------------------------------------------- doctrine
def _doctrine() -> list[Rule]:
    p = "doctrine"
    r = []
    r.append(_rule(p, "CAC-2021-SCOPE-STATE", "The doctrine applies to State administrations and operators",
                   [t("organisation.kind", "in", ("state_administration", "state_operator"))],
                   ("doctrine.applies", True), ["circ-2021-scope", "circ-2023-scope"],
                   valid_from=CIRC_2021_IN_FORCE))
    r.append(_rule(p, "CAC-2021-SCOPE-HOSPITAL", "The doctrine applies to public hospitals, attached to the State",
                   [eq("organisation.kind", "public_hospital")],
                   ("doctrine.applies", True), ["circ-2023-scope"], valid_from=CIRC_2021_IN_FORCE))
    r.append(_rule(p, "CAC-2021-SCOPE-SUPERVISED", "The doctrine applies to bodies under State supervision",
                   [t("organisation.kind", "in", ("public_interest_group", "other_public_body")),
                    eq("organisation.state_supervised", True)],
                   ("doctrine.applies", True), ["circ-2021-scope"], valid_from=CIRC_2021_IN_FORCE))
    r.append(_rule(p, "CAC-2021-SCOPE-NOT-SUPERVISED",
                   "The doctrine does not apply to a public body outside State supervision",
                   [t("organisation.kind", "in", ("public_interest_group", "other_public_body")),
                    eq("organisation.state_supervised", False)],
                   ("doctrine.applies", False), ["circ-2021-scope"], valid_from=CIRC_2021_IN_FORCE))
    r.append(_rule(p, "CAC-2021-SCOPE-LOCAL-AUTHORITY", "The doctrine does not apply to local authorities",
                   [eq("organisation.kind", "local_authority")],
                   ("doctrine.applies", False), ["circ-2021-scope"], valid_from=CIRC_2021_IN_FORCE,
                   assumption="No source says so explicitly: inferred from the doctrine's scope (the State "
                              "and bodies under its supervision, décret 2019-1088)."))
    r.append(_rule(p, "CAC-2021-SCOPE-PRIVATE", "The doctrine does not apply to private bodies",
                   [eq("organisation.kind", "private_body")],
                   ("doctrine.applies", False), ["circ-2021-scope"], valid_from=CIRC_2021_IN_FORCE))
    r.append(_rule(p, "CAC-2021-NOT-YET-IN-FORCE", "Before 10 July 2021 the doctrine did not exist",
                   [t("organisation.kind", "in", ALL_ORG_KINDS)],
                   ("doctrine.applies", False), ["circ-2021-scope"], valid_until=CIRC_2021_IN_FORCE - dt.timedelta(days=1)))

    # Sensitivity, 2021 wording (examples), in force until the 2023 update.
    until_2023 = CIRC_2023_IN_FORCE - dt.timedelta(days=1)
    for rid, fact, title in [
        ("CAC-2021-R9-SENS-CITIZENS", "workload.data.citizens_personal_data", "Personal data of French citizens are sensitive (2021)"),
        ("CAC-2021-R9-SENS-COMPANIES", "workload.data.companies_economic_data", "Economic data on French companies are sensitive (2021)"),
        ("CAC-2021-R9-SENS-AGENTS", "workload.data.agents_business_application", "Business applications about State agents are sensitive (2021)"),
    ]:
        r.append(_rule(p, rid, title, [eq(fact, True)], ("data.sensitive", True), ["circ-2021-r9"],
                       valid_from=CIRC_2021_IN_FORCE, valid_until=until_2023))
    assumed = ("The 2021 text defines sensitive data by examples only; the 2023 categories are applied "
               "to 2021-2023 because the 2023 update was presented as « à droit constant ».")
    r.append(_rule(p, "CAC-2021-R9-SENS-SECRET", "Data under a secret protected by law are sensitive (2021, assumed)",
                   [eq("workload.data.protected_secret", True)], ("data.sensitive", True),
                   ["circ-2021-r9", "circ-2023-droit-constant"], valid_from=CIRC_2021_IN_FORCE,
                   valid_until=until_2023, assumption=assumed))
    r.append(_rule(p, "CAC-2021-R9-SENS-MEDICAL", "Data under medical secrecy are sensitive (2021, assumed)",
                   [eq("workload.data.medical_secret", True)], ("data.sensitive", True),
                   ["circ-2021-r9", "circ-2023-droit-constant"], valid_from=CIRC_2021_IN_FORCE,
                   valid_until=until_2023, assumption=assumed))
    r.append(_rule(p, "CAC-2021-R9-SENS-MISSION", "Data needed for essential State missions are sensitive (2021, assumed)",
                   [eq("workload.data.essential_state_mission", True)], ("data.sensitive", True),
                   ["circ-2021-r9", "circ-2023-droit-constant"], valid_from=CIRC_2021_IN_FORCE,
                   valid_until=until_2023, assumption=assumed))
    not_2021 = [eq("workload.data.protected_secret", False),
                eq("workload.data.essential_state_mission", False),
                eq("workload.data.citizens_personal_data", False),
                eq("workload.data.companies_economic_data", False),
                eq("workload.data.agents_business_application", False)]
    r.append(_rule(p, "CAC-2021-R9-NOT-SENSITIVE-BEFORE-NOTE",
                   "Data outside every 2021 category are not sensitive (before the DINUM note)",
                   not_2021, ("data.sensitive", False), ["circ-2021-r9"],
                   valid_from=CIRC_2021_IN_FORCE, valid_until=DINUM_NOTE - dt.timedelta(days=1)))
    r.append(_rule(p, "CAC-2021-R9-NOT-SENSITIVE", "Data outside every 2021 category, and not an agents' suite, are not sensitive",
                   [*not_2021, eq("workload.data.agents_collaboration_suite", False)],
                   ("data.sensitive", False), ["circ-2021-r9", "dinum-2021-office"],
                   valid_from=DINUM_NOTE, valid_until=until_2023))
    r.append(_rule(p, "DINUM-2021-SENS-OFFICE",
                   "Agents' office, collaboration and messaging suites handle sensitive data",
                   [eq("workload.data.agents_collaboration_suite", True)], ("data.sensitive", True),
                   ["dinum-2021-office"], valid_from=DINUM_NOTE))

    # Sensitivity, 2023 definition (also SREN art. 31 II from 2024).
    r.append(_rule(p, "CAC-2023-R9-SENS-SECRET", "Data under a secret protected by law are sensitive",
                   [eq("workload.data.protected_secret", True)], ("data.sensitive", True),
                   ["circ-2023-r9-secrets", "sren-31-ii"], valid_from=CIRC_2023_IN_FORCE))
    r.append(_rule(p, "CAC-2023-R9-SENS-MEDICAL", "Data under medical secrecy are sensitive and need SecNumCloud",
                   [eq("workload.data.medical_secret", True)], ("data.sensitive", True),
                   ["circ-2023-r9-medical", "circ-2023-r9-secrets"], valid_from=CIRC_2023_IN_FORCE))
    r.append(_rule(p, "CAC-2023-R9-SENS-MISSION", "Data needed for the State's essential missions are sensitive",
                   [eq("workload.data.essential_state_mission", True)], ("data.sensitive", True),
                   ["circ-2023-r9-missions", "sren-31-ii"], valid_from=CIRC_2023_IN_FORCE))
    r.append(_rule(p, "CAC-2023-R9-NOT-SENSITIVE", "Data outside both 2023 categories are not sensitive",
                   [eq("workload.data.protected_secret", False),
                    eq("workload.data.essential_state_mission", False),
                    eq("workload.data.agents_collaboration_suite", False)],
                   ("data.sensitive", False), ["circ-2023-r9-secrets", "circ-2023-r9-missions", "dinum-2021-office"],
                   valid_from=CIRC_2023_IN_FORCE))

    # Hosting of sensitive data.
    r.append(_rule(p, "CAC-R9-TRUSTED-CLOUD",
                   "Sensitive data on a commercial cloud need SecNumCloud and immunity from extra-EU law",
                   [eq("doctrine.applies", True), eq("data.sensitive", True), eq("offering.kind", "commercial")],
                   ("trusted_cloud.required", True), ["circ-2021-r9-snc", "circ-2023-r9-secrets"],
                   valid_from=CIRC_2021_IN_FORCE))
    r.append(_rule(p, "CAC-R9-INTERNAL-CLOUD", "The State's internal clouds (Pi, Nubo) are not subject to the commercial-cloud conditions",
                   [eq("offering.kind", "state_internal")],
                   ("trusted_cloud.required", False), ["circ-2021-internal", "sren-31-scope"]))
    r.append(_rule(p, "CAC-R9-NOT-SENSITIVE", "Without sensitive data, SecNumCloud is not required",
                   [eq("data.sensitive", False)],
                   ("trusted_cloud.required", False), ["circ-2023-r9-not-required"]))
    r.append(_rule(p, "CAC-R9-OUT-OF-SCOPE", "Neither the doctrine nor SREN art. 31 applies to this body",
                   [eq("doctrine.applies", False), eq("sren31.applies", False)],
                   ("trusted_cloud.required", False), ["circ-2021-scope", "sren-31-scope"]))
    return r


# --------------------------------------------------------------------------- SREN
def _sren() -> list[Rule]:
    p = "sren"
    before = SREN_IN_FORCE - dt.timedelta(days=1)
    return [
        _rule(p, "SREN-31-SCOPE-STATE", "SREN art. 31 binds State administrations and operators using a private cloud",
              [t("organisation.kind", "in", ("state_administration", "state_operator")), eq("offering.kind", "commercial")],
              ("sren31.applies", True), ["sren-31-scope"], valid_from=SREN_IN_FORCE),
        _rule(p, "SREN-31-SCOPE-GIP", "SREN art. 31 binds GIPs that include State bodies",
              [eq("organisation.kind", "public_interest_group"), eq("organisation.includes_state_bodies", True),
               eq("offering.kind", "commercial")],
              ("sren31.applies", True), ["sren-31-scope"], valid_from=SREN_IN_FORCE),
        _rule(p, "SREN-31-IV-HEALTH-DATA-HUB", "SREN art. 31 IV binds the Plateforme des données de santé",
              [eq("organisation.health_data_platform", True), eq("offering.kind", "commercial")],
              ("sren31.applies", True), ["sren-31-iv"], valid_from=SREN_IN_FORCE,
              assumption="The wording of §IV comes from a compilation; the enacted text was not read."),
        _rule(p, "SREN-31-NOT-PRIVATE-CLOUD", "SREN art. 31 applies only to clouds of private providers",
              [eq("offering.kind", "state_internal")],
              ("sren31.applies", False), ["sren-31-scope"], valid_from=SREN_IN_FORCE),
        _rule(p, "SREN-31-NOT-IN-SCOPE", "SREN art. 31 does not bind this kind of body",
              [t("organisation.kind", "in", ("public_hospital", "local_authority", "other_public_body", "private_body"))],
              ("sren31.applies", False), ["sren-31-scope"], valid_from=SREN_IN_FORCE),
        _rule(p, "SREN-31-GIP-NOT-IN-SCOPE", "SREN art. 31 does not bind a GIP without State members that is not the PDS",
              [eq("organisation.kind", "public_interest_group"), eq("organisation.includes_state_bodies", False),
               eq("organisation.health_data_platform", False)],
              ("sren31.applies", False), ["sren-31-scope", "sren-31-iv"], valid_from=SREN_IN_FORCE),
        _rule(p, "SREN-31-NOT-YET-IN-FORCE", "Before 23 May 2024 the SREN law did not exist",
              [t("organisation.kind", "in", ALL_ORG_KINDS)],
              ("sren31.applies", False), ["sren-31-scope"], valid_until=before),
        _rule(p, "SREN-31-I-TRUSTED-CLOUD",
              "Sensitive data on a private cloud need protection against access by non-EU authorities",
              [eq("sren31.applies", True), eq("data.sensitive", True)],
              ("trusted_cloud.required", True), ["sren-31-i", "sren-31-ii"], valid_from=SREN_IN_FORCE),
    ]


# --------------------------------------------------------------------------- certificates
def _certificates() -> list[Rule]:
    p = "certificates"
    c = "certificate"
    return [
        _rule(p, "CERT-IN-FORCE", "A granted certificate counts between its validity dates",
              [t("certificate.scheme", "ne", "secnumcloud"), eq("certificate.status", "granted"),
               t("certificate.valid_from", "le", AS_OF), t("certificate.valid_until", "ge", AS_OF)],
              Conclusion("certificate.in_force", True), ["csp-l1111-8", "snc-validity"], for_each=c),
        _rule(p, "SNC-CERT-IN-FORCE", "A granted SecNumCloud qualification counts between its dates, for three years at most",
              [eq("certificate.scheme", "secnumcloud"), eq("certificate.status", "granted"),
               t("certificate.valid_from", "le", AS_OF), t("certificate.valid_until", "ge", AS_OF),
               t("case.as_of", "lt", Ref("certificate.valid_from", months=36))],
              Conclusion("certificate.in_force", True), ["snc-validity"], for_each=c),
        _rule(p, "SNC-CERT-THREE-YEARS", "A SecNumCloud qualification lapses three years after it was granted",
              [eq("certificate.scheme", "secnumcloud"), t("case.as_of", "ge", Ref("certificate.valid_from", months=36))],
              Conclusion("certificate.in_force", False), ["snc-validity"], for_each=c),
        _rule(p, "CERT-NOT-YET-VALID", "A certificate does not count before its start date",
              [t("certificate.valid_from", "gt", AS_OF)],
              Conclusion("certificate.in_force", False), ["csp-l1111-8", "snc-validity"], for_each=c),
        _rule(p, "CERT-EXPIRED", "A certificate does not count after its end date",
              [t("certificate.valid_until", "lt", AS_OF)],
              Conclusion("certificate.in_force", False), ["csp-l1111-8", "snc-validity"], for_each=c),
        _rule(p, "CERT-NOT-GRANTED", "A suspended, withdrawn or pending certificate (milestones J0 to J3) does not count",
              [t("certificate.status", "in", ("in_process", "suspended", "withdrawn"))],
              Conclusion("certificate.in_force", False), ["snc-milestones"], for_each=c),
    ]


# --------------------------------------------------------------------------- SecNumCloud
def _secnumcloud() -> list[Rule]:
    p = "secnumcloud"
    c = "certificate"
    return [
        _rule(p, "SNC-CERT-QUALIFIES", "A SecNumCloud qualification in force qualifies the offering",
              [eq("certificate.scheme", "secnumcloud"), eq("certificate.in_force", True)],
              Conclusion("certificate.secnumcloud_qualifies", True), ["circ-2021-r9-snc", "snc-validity"], for_each=c),
        _rule(p, "SNC-CERT-NOT-IN-FORCE", "A SecNumCloud certificate not in force does not qualify the offering",
              [eq("certificate.scheme", "secnumcloud"), eq("certificate.in_force", False)],
              Conclusion("certificate.secnumcloud_qualifies", False), ["snc-validity", "snc-milestones"], for_each=c),
        _rule(p, "SNC-CERT-EUCS-NOT-EQUIVALENT", "An EUCS certificate is not a qualification equivalent to SecNumCloud",
              [eq("certificate.scheme", "eucs")],
              Conclusion("certificate.secnumcloud_qualifies", False), ["eucs", "circ-2021-r9-snc"], for_each=c,
              assumption="R9 accepts « une qualification européenne d'un niveau au moins équivalent »; no EU "
                         "scheme is known to carry SecNumCloud's immunity criteria, so EUCS does not count."),
        _rule(p, "SNC-CERT-OTHER-SCHEME", "A certificate of another scheme is not a SecNumCloud qualification",
              [t("certificate.scheme", "not_in", ("secnumcloud", "eucs"))],
              Conclusion("certificate.secnumcloud_qualifies", False), ["circ-2021-r9-snc"], for_each=c),
        _rule(p, "SNC-QUALIFIED", "The offering holds a SecNumCloud qualification in force",
              [eq("certificate.secnumcloud_qualifies", True)],
              Conclusion("secnumcloud.qualified", True, ""), ["circ-2021-r9-snc"], for_each=c),
        _rule(p, "SNC-NOT-QUALIFIED", "No listed certificate is a SecNumCloud qualification in force",
              [eq("offering.certifications_listed", True),
               ForAll(c, "certificate.secnumcloud_qualifies", Op.EQ, False)],
              ("secnumcloud.qualified", False), ["circ-2021-r9-snc"]),
        # §19.6 immunity from extra-EU law.
        _rule(p, "SNC-32-19.6-CRITERIA-MET", "Seat, capital, control and subcontractors meet §19.6, and no US control",
              [t("provider.statutory_seat", "in", EU), t("provider.central_administration", "in", EU),
               t("provider.principal_establishment", "in", EU), t("provider.largest_non_eu_share", "le", 24),
               t("provider.combined_non_eu_share", "le", 39), eq("provider.non_eu_control", False),
               eq("provider.non_eu_subcontractor_access", False), eq("provider.us_controlled", False)],
              ("immunity.protected", True), ["snc-19-6-a", "snc-19-6-b", "snc-19-6-b-control", "snc-19-6-c"],
              valid_from=SNC_32),
        _rule(p, "CAC-2021-R9-IMMUNITY-BEFORE-SNC-32",
              "Before SecNumCloud 3.2, immunity means an EU provider under no non-EU or US control",
              [t("provider.statutory_seat", "in", EU), t("provider.central_administration", "in", EU),
               t("provider.principal_establishment", "in", EU), eq("provider.non_eu_control", False),
               eq("provider.us_controlled", False)],
              ("immunity.protected", True), ["circ-2021-r9-snc"], valid_until=SNC_32 - DAY,
              assumption="Before SecNumCloud 3.2 (8 March 2022) no text set immunity criteria; R9's "
                         "« immunisé contre toute réglementation extracommunautaire » is read as an EU "
                         "seat with no non-EU control, without the 24 %/39 % thresholds."),
        _rule(p, "CAC-2021-R9-NON-EU-CONTROL-BEFORE-SNC-32", "Before SecNumCloud 3.2, non-EU control defeats immunity",
              [eq("provider.non_eu_control", True)], ("immunity.protected", False), ["circ-2021-r9-snc"],
              valid_until=SNC_32 - DAY, assumption="Same reading of R9 before SecNumCloud 3.2."),
        _rule(p, "SNC-32-19.6A-SEAT", "The provider's statutory seat is outside the EU",
              [t("provider.statutory_seat", "not_in", EU)], ("immunity.protected", False), ["snc-19-6-a"]),
        _rule(p, "SNC-32-19.6A-ADMINISTRATION", "The provider's central administration is outside the EU",
              [t("provider.central_administration", "not_in", EU)], ("immunity.protected", False), ["snc-19-6-a"]),
        _rule(p, "SNC-32-19.6A-ESTABLISHMENT", "The provider's principal establishment is outside the EU",
              [t("provider.principal_establishment", "not_in", EU)], ("immunity.protected", False), ["snc-19-6-a"]),
        _rule(p, "SNC-32-19.6B-SINGLE-SHARE", "A single non-EU entity holds more than 24 % of capital or votes",
              [t("provider.largest_non_eu_share", "gt", 24)], ("immunity.protected", False), ["snc-19-6-b"], valid_from=SNC_32),
        _rule(p, "SNC-32-19.6B-COMBINED-SHARE", "Non-EU entities together hold more than 39 % of capital or votes",
              [t("provider.combined_non_eu_share", "gt", 39)], ("immunity.protected", False), ["snc-19-6-b"], valid_from=SNC_32),
        _rule(p, "SNC-32-19.6B-CONTROL", "A non-EU entity has a veto or appoints the majority of a board",
              [eq("provider.non_eu_control", True)], ("immunity.protected", False), ["snc-19-6-b-control"], valid_from=SNC_32),
        _rule(p, "SNC-32-19.6C-SUBCONTRACTOR", "A non-EU subcontractor can technically obtain customer data",
              [eq("provider.non_eu_subcontractor_access", True)], ("immunity.protected", False), ["snc-19-6-c"], valid_from=SNC_32),
        # §19.2 localisation.
        _rule(p, "SNC-19.2-IN-EU", "Data, technical data, administration and support are all in the EU",
              [t("offering.data_locations", "all_in", EU), t("offering.technical_data_locations", "all_in", EU),
               t("offering.administration_locations", "all_in", EU), t("offering.support_locations", "all_in", EU)],
              ("localisation.in_eu", True), ["snc-19-2-b", "snc-19-2-c", "snc-19-2-d"]),
        _rule(p, "SNC-19.2E-SUPPORT-CONTROLLED", "Data and administration in the EU; support abroad controlled from the EU",
              [t("offering.data_locations", "all_in", EU), t("offering.technical_data_locations", "all_in", EU),
               t("offering.administration_locations", "all_in", EU), eq("offering.support_controlled_from_eu", True)],
              ("localisation.in_eu", True), ["snc-19-2-b", "snc-19-2-c", "snc-19-2-d", "snc-19-2-e"]),
        _rule(p, "SNC-19.2B-DATA-OUTSIDE-EU", "Customer data are stored or processed outside the EU",
              [t("offering.data_locations", "any_not_in", EU)], ("localisation.in_eu", False), ["snc-19-2-b"]),
        _rule(p, "SNC-19.2C-ADMIN-OUTSIDE-EU", "The service is administered or supervised from outside the EU",
              [t("offering.administration_locations", "any_not_in", EU)], ("localisation.in_eu", False), ["snc-19-2-c"]),
        _rule(p, "SNC-19.2D-TECHNICAL-OUTSIDE-EU", "Technical data are stored or processed outside the EU",
              [t("offering.technical_data_locations", "any_not_in", EU)], ("localisation.in_eu", False), ["snc-19-2-d"]),
        _rule(p, "SNC-19.2E-SUPPORT-UNCONTROLLED", "Support is done outside the EU without control from the EU",
              [t("offering.support_locations", "any_not_in", EU), eq("offering.support_controlled_from_eu", False)],
              ("localisation.in_eu", False), ["snc-19-2-e"]),
    ]


# --------------------------------------------------------------------------- extra-EU law
def _extra_eu() -> list[Rule]:
    p = "extra-eu-law"
    return [
        _rule(p, "EXT-US-CONTROLLED", "A US provider, or one controlled by a US company, is exposed to the CLOUD Act and FISA 702",
              [eq("provider.us_controlled", True)], ("extra_eu_law.exposed", True), ["cloud-act", "fisa-702"]),
        _rule(p, "EXT-US-SEAT", "A provider seated in the United States is exposed to the CLOUD Act and FISA 702",
              [t("provider.statutory_seat", "in", US)], ("extra_eu_law.exposed", True), ["cloud-act", "fisa-702"]),
        _rule(p, "EXT-EXPOSED-NOT-IMMUNE", "Exposure to extra-EU law defeats immunity, wherever the data are",
              [eq("extra_eu_law.exposed", True)], ("immunity.protected", False), ["sren-31-i", "cloud-act"]),
    ]


# --------------------------------------------------------------------------- HDS
def _hds() -> list[Rule]:
    p = "hds"
    c = "certificate"
    all_six = (1, 2, 3, 4, 5, 6)
    return [
        _rule(p, "HDS-L1111-8-REQUIRED", "Hosting personal health data collected during care needs an HDS-certified host",
              [eq("workload.data.personal_health_data", True), eq("workload.data.collected_during_care", True),
               eq("workload.hds_exemption", "none")],
              ("hds.required", True), ["csp-l1111-8", "ans-faq-scope"]),
        _rule(p, "HDS-NOT-HEALTH-DATA", "No personal health data: no HDS obligation",
              [eq("workload.data.personal_health_data", False)], ("hds.required", False), ["csp-l1111-8"]),
        _rule(p, "HDS-NOT-FROM-CARE", "Health data not collected during care or follow-up: no HDS obligation",
              [eq("workload.data.collected_during_care", False)], ("hds.required", False), ["csp-l1111-8", "ans-faq-scope"]),
        _rule(p, "HDS-EXEMPT-OWN-HOSTING", "A controller hosting its own data needs no HDS certificate",
              [eq("workload.hds_exemption", "own_hosting")], ("hds.required", False), ["ans-faq-own"]),
        _rule(p, "HDS-EXEMPT-ARCHIVING", "Electronic archiving services are outside the HDS obligation",
              [eq("workload.hds_exemption", "electronic_archiving")], ("hds.required", False), ["ans-faq-archiving"]),
        _rule(p, "HDS-EXEMPT-GHT", "A GHT member hosting for its group under the ANS conditions needs no HDS certificate",
              [eq("workload.hds_exemption", "ght_delegation")], ("hds.required", False), ["ans-faq-ght"]),
        _rule(p, "HDS-CERT-ANY-VERSION-BEFORE-V2", "Before HDS v2, every HDS certificate follows the only referential",
              [eq("certificate.scheme", "hds")], Conclusion("certificate.hds_version_ok", True),
              ["csp-l1111-8"], for_each=c, valid_until=HDS_V2 - DAY),
        _rule(p, "HDS-CERT-V2", "An HDS v2 certificate follows the current referential",
              [eq("certificate.scheme", "hds"), eq("certificate.version", "2")],
              Conclusion("certificate.hds_version_ok", True), ["hds-v2"], for_each=c, valid_from=HDS_V2),
        _rule(p, "HDS-CERT-V1-IN-TRANSITION", "An HDS v1 certificate granted before 16 November 2024 counts during the 24-month transition",
              [eq("certificate.scheme", "hds"), eq("certificate.version", "1"),
               t("certificate.valid_from", "lt", HDS_V2.isoformat())],
              Conclusion("certificate.hds_version_ok", True), ["hds-v2-transition"], for_each=c,
              valid_from=HDS_V2, valid_until=HDS_V1_TRANSITION_END,
              assumption="The 24 months are counted from the JO publication (16 May 2024), ending on "
                         "16 May 2026; the start of the transition is not stated in the sources."),
        _rule(p, "HDS-CERT-V1-NEW", "A new HDS certification from 16 November 2024 must follow v2",
              [eq("certificate.scheme", "hds"), eq("certificate.version", "1"),
               t("certificate.valid_from", "ge", HDS_V2.isoformat())],
              Conclusion("certificate.hds_version_ok", False), ["hds-v2-transition"], for_each=c, valid_from=HDS_V2),
        _rule(p, "HDS-CERT-V1-TRANSITION-OVER", "After the 24-month transition an HDS v1 certificate no longer counts",
              [eq("certificate.scheme", "hds"), eq("certificate.version", "1")],
              Conclusion("certificate.hds_version_ok", False), ["hds-v2-transition"], for_each=c,
              valid_from=HDS_V1_TRANSITION_END + DAY,
              assumption="The transition is taken to end on 16 May 2026 (24 months after the JO publication)."),
        _rule(p, "HDS-CERT-VERSION-NOT-OK", "An HDS certificate of a referential no longer accepted does not count",
              [eq("certificate.scheme", "hds"), eq("certificate.hds_version_ok", False)],
              Conclusion("certificate.hds_sufficient", False), ["hds-v2-transition"], for_each=c),
        _rule(p, "HDS-CERT-COVERS-ACTIVITIES", "An HDS certificate in force covers the activities performed",
              [eq("certificate.scheme", "hds"), eq("certificate.in_force", True), eq("certificate.hds_version_ok", True),
               t("certificate.hds_activities", "superset", Ref("workload.hds_activities"))],
              Conclusion("certificate.hds_sufficient", True), ["csp-l1111-8", "csp-r1111-9"], for_each=c),
        _rule(p, "HDS-CERT-COVERS-ALL", "An HDS certificate in force covers all six activities",
              [eq("certificate.scheme", "hds"), eq("certificate.in_force", True), eq("certificate.hds_version_ok", True),
               t("certificate.hds_activities", "superset", all_six)],
              Conclusion("certificate.hds_sufficient", True), ["csp-l1111-8", "csp-r1111-9"], for_each=c),
        _rule(p, "HDS-CERT-MISSING-ACTIVITY", "An HDS certificate misses an activity the host performs",
              [eq("certificate.scheme", "hds"),
               t("certificate.hds_activities", "not_superset", Ref("workload.hds_activities"))],
              Conclusion("certificate.hds_sufficient", False), ["csp-r1111-9"], for_each=c),
        _rule(p, "HDS-CERT-NOT-IN-FORCE", "An HDS certificate not in force does not count",
              [eq("certificate.scheme", "hds"), eq("certificate.in_force", False)],
              Conclusion("certificate.hds_sufficient", False), ["csp-l1111-8"], for_each=c),
        _rule(p, "HDS-CERT-OTHER-SCHEME", "A certificate of another scheme is not an HDS certificate",
              [t("certificate.scheme", "ne", "hds")],
              Conclusion("certificate.hds_sufficient", False), ["csp-l1111-8"], for_each=c),
        _rule(p, "HDS-CERTIFIED", "The host holds an HDS certificate in force for the activities performed",
              [eq("certificate.hds_sufficient", True)],
              Conclusion("hds.certified", True, ""), ["csp-l1111-8"], for_each=c),
        _rule(p, "HDS-NOT-CERTIFIED", "No listed certificate is a sufficient HDS certificate in force",
              [eq("offering.certifications_listed", True), ForAll(c, "certificate.hds_sufficient", Op.EQ, False)],
              ("hds.certified", False), ["csp-l1111-8"]),
        # HDS v2: health data stored only in the EEA.
        _rule(p, "HDS-V2-CERT-IS-V2", "An HDS v2 certificate in force binds the host to EEA storage",
              [eq("certificate.scheme", "hds"), eq("certificate.version", "2"), eq("certificate.in_force", True)],
              Conclusion("certificate.hds_v2_in_force", True), ["hds-v2"], for_each=c, valid_from=HDS_V2),
        _rule(p, "HDS-V2-CERT-NOT-V2", "A certificate other than HDS v2 in force does not bind the host to EEA storage",
              [t("certificate.scheme", "ne", "hds")],
              Conclusion("certificate.hds_v2_in_force", False), ["hds-v2"], for_each=c, valid_from=HDS_V2),
        _rule(p, "HDS-V2-CERT-V1", "An HDS v1 certificate does not bind the host to EEA storage",
              [eq("certificate.scheme", "hds"), eq("certificate.version", "1")],
              Conclusion("certificate.hds_v2_in_force", False), ["hds-v2"], for_each=c, valid_from=HDS_V2),
        _rule(p, "HDS-V2-CERT-NOT-IN-FORCE", "An HDS certificate not in force does not bind the host",
              [eq("certificate.scheme", "hds"), eq("certificate.in_force", False)],
              Conclusion("certificate.hds_v2_in_force", False), ["hds-v2"], for_each=c, valid_from=HDS_V2),
        _rule(p, "HDS-V2-EEA-BY-CERTIFICATE", "A host certified HDS v2 must store health data in the EEA only",
              [eq("hds.required", True), eq("certificate.hds_v2_in_force", True)],
              Conclusion("hds.eea_storage_required", True, ""), ["hds-v2"], for_each=c, valid_from=HDS_V2),
        _rule(p, "HDS-V2-EEA-ALL-HOSTS", "After the transition every HDS host must store health data in the EEA only",
              [eq("hds.required", True)], ("hds.eea_storage_required", True), ["hds-v2", "hds-v2-transition"],
              valid_from=HDS_V1_TRANSITION_END + DAY,
              assumption="The transition is taken to end on 16 May 2026 (24 months after the JO publication)."),
        _rule(p, "HDS-V2-EEA-V1-TRANSITION", "During the transition a host without HDS v2 is not yet bound to EEA storage",
              [eq("hds.required", True), eq("offering.certifications_listed", True),
               ForAll(c, "certificate.hds_v2_in_force", Op.EQ, False)],
              ("hds.eea_storage_required", False), ["hds-v2-transition"],
              valid_from=HDS_V2, valid_until=HDS_V1_TRANSITION_END),
        _rule(p, "HDS-V2-EEA-BEFORE-V2", "Before HDS v2, no EEA storage obligation",
              [eq("hds.required", True)], ("hds.eea_storage_required", False), ["hds-v2"], valid_until=HDS_V2 - DAY),
        _rule(p, "HDS-V2-EEA-NOT-HEALTH", "No HDS obligation, no EEA storage obligation",
              [eq("hds.required", False)], ("hds.eea_storage_required", False), ["csp-l1111-8"]),
        _rule(p, "HDS-V2-EEA-STORED", "Health data are stored only in the EEA",
              [t("offering.data_locations", "all_in", EEA)], ("hds.eea_storage", True), ["hds-v2"]),
        _rule(p, "HDS-V2-NOT-EEA-STORED", "Health data are stored outside the EEA",
              [t("offering.data_locations", "any_not_in", EEA)], ("hds.eea_storage", False), ["hds-v2"]),
    ]


# --------------------------------------------------------------------------- RGPD
LOCATION_FACTS = {
    "DATA": "offering.data_locations",
    "TECHNICAL": "offering.technical_data_locations",
    "ADMIN": "offering.administration_locations",
    "SUPPORT": "offering.support_locations",
}


def _gdpr() -> list[Rule]:
    p = "gdpr"
    locs = list(LOCATION_FACTS.values())
    adequate = EEA | ADEQUACY
    r = [
        _rule(p, "RGPD-APPLIES", "Processing personal data: the RGPD transfer rules apply",
              [eq("workload.data.personal_data", True)], ("gdpr.applies", True), ["rgpd-2-4", "rgpd-44"]),
        _rule(p, "RGPD-APPLIES-HEALTH", "Processing personal health data: the RGPD transfer rules apply",
              [eq("workload.data.personal_health_data", True)], ("gdpr.applies", True), ["rgpd-2-4", "rgpd-44"]),
        _rule(p, "RGPD-NO-PERSONAL-DATA", "No personal data: no RGPD transfer question",
              [eq("workload.data.personal_data", False), eq("workload.data.personal_health_data", False)],
              ("gdpr.applies", False), ["rgpd-2-4"]),
        _rule(p, "RGPD-44-NO-TRANSFER", "Data stay in the EEA and are reached only from the EEA: no transfer",
              [t(f, "all_in", EEA) for f in locs], ("gdpr.transfers_lawful", True), ["rgpd-44"]),
        _rule(p, "RGPD-45-ADEQUACY", "Every access from outside the EEA is from a country with an adequacy decision",
              [t(f, "all_in", adequate) for f in locs], ("gdpr.transfers_lawful", True), ["rgpd-45"]),
        _rule(p, "RGPD-45-DPF", "US access is covered by the Data Privacy Framework certification of the provider",
              [*(t(f, "all_in", adequate | US) for f in locs), eq("provider.dpf_certified", True)],
              ("gdpr.transfers_lawful", True), ["rgpd-45", "dpf"], valid_from=D(2023, 7, 10)),
        _rule(p, "RGPD-46-SAFEGUARDS", "Appropriate safeguards (SCC, BCR) with a transfer impact assessment cover every transfer",
              [eq("offering.transfer_safeguards", True)], ("gdpr.transfers_lawful", True), ["rgpd-46"]),
    ]
    for name, fact in LOCATION_FACTS.items():
        r.append(_rule(p, f"RGPD-44-UNCOVERED-{name}",
                       f"{fact.split('.')[1].replace('_', ' ').capitalize()} include a country without adequacy, and no safeguards",
                       [t(fact, "any_not_in", adequate | US), eq("offering.transfer_safeguards", False)],
                       ("gdpr.transfers_lawful", False), ["rgpd-44", "rgpd-46"]))
        r.append(_rule(p, f"RGPD-44-UNCOVERED-US-{name}-BEFORE-DPF",
                       f"{fact.split('.')[1].replace('_', ' ').capitalize()} include the US before the DPF adequacy decision, and no safeguards",
                       [t(fact, "any_not_in", adequate), eq("offering.transfer_safeguards", False)],
                       ("gdpr.transfers_lawful", False), ["rgpd-44", "rgpd-46"],
                       valid_until=D(2023, 7, 9),
                       assumption="The Privacy Shield period (2016-08-01 to 2020-07-16) is not modelled: "
                                  "before the DPF decision, US access needs art. 46 safeguards."))
        r.append(_rule(p, f"RGPD-44-UNCOVERED-US-{name}",
                       f"{fact.split('.')[1].replace('_', ' ').capitalize()} include the US, with neither DPF certification nor safeguards",
                       [t(fact, "any_not_in", adequate), eq("provider.dpf_certified", False),
                        eq("offering.transfer_safeguards", False)],
                       ("gdpr.transfers_lawful", False), ["rgpd-44", "rgpd-46", "dpf"],
                       valid_from=D(2023, 7, 10)))
    return r


# --------------------------------------------------------------------------- protection marks
def _marks() -> list[Rule]:
    p = "protection-marks"
    return [
        _rule(p, "ASSUME-DR-HOMOLOGATION", "Diffusion Restreinte information needs a system homologated for DR",
              [eq("workload.data.diffusion_restreinte", True)], ("dr.homologation_required", True),
              ["dr-mention", "ii-2300"],
              assumption="No passage of either circulaire covers DR; assumed to need a DR-homologated system "
                         "(such as cloud Pi's DR offer). SecNumCloud alone is not shown to suffice."),
        _rule(p, "ASSUME-DR-NOT-MARKED", "No Diffusion Restreinte information: no DR homologation needed",
              [eq("workload.data.diffusion_restreinte", False)], ("dr.homologation_required", False), ["dr-mention"],
              assumption="Follows the DR assumption above."),
        _rule(p, "ASSUME-CLASSIFIED-IGI1300", "Classified information needs an information system homologated under IGI 1300",
              [eq("workload.data.classified", True)], ("classified.homologation_required", True), ["ii-2300"],
              assumption="Classified information is treated as outside the commercial-cloud rules: it needs a "
                         "homologated classified system; no cloud offering counts unless homologated as such."),
        _rule(p, "ASSUME-NOT-CLASSIFIED", "No classified information: no classified homologation needed",
              [eq("workload.data.classified", False)], ("classified.homologation_required", False), ["ii-2300"],
              assumption="Follows the classified-information assumption above."),
    ]


# --------------------------------------------------------------------------- derogations
def _derogations() -> list[Rule]:
    p = "derogations"
    twelve = Ref("derogation.offer_available_since", months=12)
    clock = ("The wording of R9 al. 4 was not retrieved: the derogation is taken to end at the latest "
             "12 months after an acceptable trusted offer is available in France.")
    suite = ("messaging", "personal_drive")
    return [
        # The window the grant states.
        _rule(p, "DEROGATION-WINDOW-DATED", "The derogation has been granted and its stated end has not passed",
              [t("derogation.granted_on", "le", AS_OF), t("derogation.valid_until", "ge", AS_OF)],
              ("derogation.window_open", True), ["circ-2021-r9-al4"]),
        _rule(p, "DEROGATION-WINDOW-OPEN-ENDED", "The derogation has been granted and states no end date",
              [t("derogation.granted_on", "le", AS_OF), eq("derogation.open_ended", True)],
              ("derogation.window_open", True), ["circ-2021-r9-al4"]),
        _rule(p, "DEROGATION-NOT-YET", "A derogation does not help before it is granted",
              [t("derogation.granted_on", "gt", AS_OF)], ("derogation.window_open", False), ["circ-2021-r9-al4"]),
        _rule(p, "DEROGATION-ENDED", "A derogation does not help after its stated end date",
              [t("derogation.valid_until", "lt", AS_OF)], ("derogation.window_open", False), ["circ-2021-r9-al4"]),
        # The 12-month clock of R9 al. 4 and of the DINUM note.
        _rule(p, "DEROGATION-CLOCK-NO-OFFER", "No acceptable trusted offer is available in France yet: the 12-month clock has not started",
              [eq("derogation.offer_available", False)], ("derogation.clock_running", True),
              ["circ-2021-r9-al4", "dinum-2021-derogation"], assumption=clock),
        _rule(p, "DEROGATION-CLOCK-WITHIN-12-MONTHS", "Less than 12 months since an acceptable trusted offer became available",
              [t("case.as_of", "le", twelve)], ("derogation.clock_running", True),
              ["circ-2021-r9-al4", "dinum-2021-derogation"], assumption=clock),
        _rule(p, "DEROGATION-CLOCK-EXPIRED", "More than 12 months since an acceptable trusted offer became available",
              [t("case.as_of", "gt", twelve)], ("derogation.clock_running", False),
              ["circ-2021-r9-al4", "dinum-2021-derogation"], assumption=clock),
        # R9 alinéa 4 (2021).
        _rule(p, "CAC-2021-R9-AL4-DEROGATION", "A ministerial derogation under R9 alinéa 4 for a project « très avancé » on 5 July 2021",
              [eq("derogation.basis", "cac-2021-r9-al4"), eq("derogation.project_advanced", True),
               eq("derogation.window_open", True), eq("derogation.clock_running", True)],
              ("derogation.in_force", True), ["circ-2021-r9-al4"], valid_from=CIRC_2021_IN_FORCE, assumption=clock),
        _rule(p, "CAC-2021-R9-AL4-NOT-ADVANCED", "R9 alinéa 4 covers only projects « très avancés » on 5 July 2021",
              [eq("derogation.basis", "cac-2021-r9-al4"), eq("derogation.project_advanced", False)],
              ("derogation.in_force", False), ["circ-2021-r9-al4"]),
        _rule(p, "CAC-2021-R9-AL4-BEFORE-DOCTRINE", "No R9 derogation exists before the 2021 circulaire",
              [eq("derogation.basis", "cac-2021-r9-al4")], ("derogation.in_force", False),
              ["circ-2021-r9-al4"], valid_until=CIRC_2021_IN_FORCE - DAY),
        # DINUM note of 15 September 2021 (Office 365).
        _rule(p, "DINUM-2021-OFFICE-DEROGATION", "The transitional derogation covers messaging and personal drive only",
              [eq("derogation.basis", "dinum-2021-09-15"), t("workload.services", "all_in", suite),
               eq("derogation.window_open", True), eq("derogation.clock_running", True)],
              ("derogation.in_force", True), ["dinum-2021-derogation"], valid_from=DINUM_NOTE),
        _rule(p, "DINUM-2021-OFFICE-OTHER-SERVICES", "No derogation for documents, collaboration, instant messaging, video or webinars",
              [eq("derogation.basis", "dinum-2021-09-15"), t("workload.services", "any_not_in", suite)],
              ("derogation.in_force", False), ["dinum-2021-no-derogation", "dinum-2021-derogation"]),
        _rule(p, "DINUM-2021-OFFICE-BEFORE-NOTE", "No Office 365 derogation exists before the DINUM note",
              [eq("derogation.basis", "dinum-2021-09-15")], ("derogation.in_force", False),
              ["dinum-2021-derogation"], valid_until=DINUM_NOTE - DAY),
        # Loi SREN art. 31 III.
        _rule(p, "SREN-31-III-DEROGATION", "A SREN art. 31 III derogation for projects already engaged runs until its end date",
              [eq("derogation.basis", "sren-31-iii"), eq("derogation.window_open", True)], ("derogation.in_force", True),
              ["sren-31-iii"], valid_from=SREN_IN_FORCE,
              assumption="The enacted wording and duration of art. 31 III were not found; the derogation "
                         "is taken to run between the dates the grant states."),
        _rule(p, "SREN-31-III-BEFORE-LAW", "No SREN art. 31 III derogation exists before the law",
              [eq("derogation.basis", "sren-31-iii")], ("derogation.in_force", False),
              ["sren-31-iii"], valid_until=SREN_IN_FORCE - DAY),
        # Any basis: outside its window, or after the clock, it does not help.
        _rule(p, "DEROGATION-WINDOW-CLOSED", "Outside the dates of its grant a derogation does not help",
              [eq("derogation.window_open", False)], ("derogation.in_force", False), ["circ-2021-r9-al4"]),
        _rule(p, "SREN-31-OVERRIDES-CIRCULAIRE-DEROGATION",
              "Once SREN art. 31 binds the body, a derogation granted under the circulaire no longer helps",
              [t("derogation.basis", "in", ("cac-2021-r9-al4", "dinum-2021-09-15")), eq("sren31.applies", True)],
              ("derogation.in_force", False), ["sren-31-i", "sren-31-iii"], valid_from=SREN_IN_FORCE,
              assumption="A derogation granted under a circulaire cannot set aside the statute: from 23 May "
                         "2024, for a body bound by SREN art. 31, only an art. 31 III derogation (whose terms "
                         "are unconfirmed) can tolerate a non-compliant hosting."),
        _rule(p, "DEROGATION-CLOCK-RUN-OUT", "Twelve months after an acceptable offer, an R9 or DINUM derogation no longer helps",
              [t("derogation.basis", "in", ("cac-2021-r9-al4", "dinum-2021-09-15")),
               eq("derogation.clock_running", False)],
              ("derogation.in_force", False), ["circ-2021-r9-al4", "dinum-2021-derogation"], assumption=clock),
    ]


_PACK_LIST: tuple[tuple[str, str, list[Rule]], ...] = (
    ("doctrine", "Cloud au centre: scope, sensitivity and hosting (2021, 2023, DINUM 2021)", _doctrine()),
    ("sren", "Loi SREN art. 31: statutory scope and protection of sensitive data", _sren()),
    ("certificates", "Validity of certificates and qualifications", _certificates()),
    ("secnumcloud", "SecNumCloud 3.2: qualification, §19.2 localisation, §19.6 immunity", _secnumcloud()),
    ("extra-eu-law", "Exposure to extra-EU law (CLOUD Act, FISA 702)", _extra_eu()),
    ("hds", "Hébergement de données de santé (CSP L.1111-8, R.1111-9, exemptions)", _hds()),
    ("gdpr", "RGPD chapter V: transfers outside the EEA", _gdpr()),
    ("protection-marks", "Diffusion Restreinte and classified information (assumptions)", _marks()),
    ("derogations", "Derogations and their windows", _derogations()),
)
PACKS: tuple[RulePack, ...] = tuple(RulePack(n, title, tuple(rules)) for n, title, rules in _PACK_LIST)

RULES: tuple[Rule, ...] = tuple(rule for pack in PACKS for rule in pack.rules)
