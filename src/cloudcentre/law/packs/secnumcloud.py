"""SecNumCloud 3.2: qualification, §19.2 localisation, §19.6 immunity.

Instruments and sources cited by this pack (see ``law/sources.py``):

- Circulaire n° 6282-SG du 5 juillet 2021 (doctrine « Cloud au centre »), règle R9 (2021-07-05) [circ-2021-r9-snc]
- Référentiel SecNumCloud v3.2 (ANSSI), durée de validité de la qualification (undated) [snc-validity]
- Référentiel SecNumCloud v3.2 (ANSSI), processus de qualification (jalons J0 à J3) (undated) [snc-milestones]
- Référentiel SecNumCloud v3.2 (ANSSI), §19.2 b) (2022-03-08) [snc-19-2-b]
- Référentiel SecNumCloud v3.2 (ANSSI), §19.2 c) (2022-03-08) [snc-19-2-c]
- Référentiel SecNumCloud v3.2 (ANSSI), §19.2 d) (2022-03-08) [snc-19-2-d]
- Référentiel SecNumCloud v3.2 (ANSSI), §19.2 e) (2022-03-08) [snc-19-2-e]
- Référentiel SecNumCloud v3.2 (ANSSI), §19.6 a) (2022-03-08) [snc-19-6-a]
- Référentiel SecNumCloud v3.2 (ANSSI), §19.6 b) (2022-03-08) [snc-19-6-b-control]
- Référentiel SecNumCloud v3.2 (ANSSI), §19.6 b) (2022-03-08) [snc-19-6-b]
- Référentiel SecNumCloud v3.2 (ANSSI), §19.6 c) (2022-03-08) [snc-19-6-c]
- Référentiel SecNumCloud v3.2 (ANSSI), §19.6 et §19.2 : exigences de la qualification (2022-03-08) [snc-32-audit-immunity]
- Schéma européen EUCS (ENISA), niveaux d'assurance (undated) [eucs]
"""

from __future__ import annotations

from ..countries import EU
from ..language import Conclusion, ForAll, Op, Rule
from .common import DAY, SNC_32, eq, rule, t

NAME = "secnumcloud"
TITLE = "SecNumCloud 3.2: qualification, §19.2 localisation, §19.6 immunity"

#: The label of the two rules that read a 3.2 qualification as proof of §19.6 and §19.2.
ATTESTS = ("Rests on the referential: since version 3.2 (8 March 2022) §19.6 and §19.2 are "
           "conditions of the qualification, so a 3.2 qualification in force is taken to establish "
           "them as of its grant. Any known fact to the contrary still makes the requirement unmet "
           "(false wins), with a warning. A 3.1 qualification attests nothing on §19.6.")


def rules() -> list[Rule]:
    p = "secnumcloud"
    c = "certificate"
    return [
        rule(p, "SNC-CERT-QUALIFIES", "A SecNumCloud qualification in force qualifies the offering",
              [eq("certificate.scheme", "secnumcloud"), eq("certificate.in_force", True)],
              Conclusion("certificate.secnumcloud_qualifies", True), ["circ-2021-r9-snc", "snc-validity"], for_each=c),
        rule(p, "SNC-CERT-NOT-IN-FORCE", "A SecNumCloud certificate not in force does not qualify the offering",
              [eq("certificate.scheme", "secnumcloud"), eq("certificate.in_force", False)],
              Conclusion("certificate.secnumcloud_qualifies", False), ["snc-validity", "snc-milestones"], for_each=c),
        rule(p, "SNC-CERT-EUCS-NOT-EQUIVALENT", "An EUCS certificate is not a qualification equivalent to SecNumCloud",
              [eq("certificate.scheme", "eucs")],
              Conclusion("certificate.secnumcloud_qualifies", False), ["eucs", "circ-2021-r9-snc"], for_each=c,
              assumption="R9 accepts « une qualification européenne d'un niveau au moins équivalent »; no EU "
                         "scheme is known to carry SecNumCloud's immunity criteria, so EUCS does not count."),
        rule(p, "SNC-CERT-OTHER-SCHEME", "A certificate of another scheme is not a SecNumCloud qualification",
              [t("certificate.scheme", "not_in", ("secnumcloud", "eucs"))],
              Conclusion("certificate.secnumcloud_qualifies", False), ["circ-2021-r9-snc"], for_each=c),
        rule(p, "SNC-QUALIFIED", "The offering holds a SecNumCloud qualification in force",
              [eq("certificate.secnumcloud_qualifies", True)],
              Conclusion("secnumcloud.qualified", True, ""), ["circ-2021-r9-snc"], for_each=c),
        rule(p, "SNC-NOT-QUALIFIED", "No listed certificate is a SecNumCloud qualification in force",
              [eq("offering.secnumcloud_listed", True),
               ForAll(c, "certificate.secnumcloud_qualifies", Op.EQ, False)],
              ("secnumcloud.qualified", False), ["circ-2021-r9-snc"]),
        # §19.6 immunity from extra-EU law.
        rule(p, "SNC-32-19.6-CRITERIA-MET", "Seat, capital, control and subcontractors meet §19.6, and no US control",
              [t("provider.statutory_seat", "in", EU), t("provider.central_administration", "in", EU),
               t("provider.principal_establishment", "in", EU), t("provider.largest_non_eu_share", "le", 24),
               t("provider.combined_non_eu_share", "le", 39), eq("provider.non_eu_control", False),
               eq("provider.non_eu_subcontractor_access", False), eq("provider.us_controlled", False)],
              ("immunity.protected", True), ["snc-19-6-a", "snc-19-6-b", "snc-19-6-b-control", "snc-19-6-c"],
              valid_from=SNC_32),
        rule(p, "CAC-2021-R9-IMMUNITY-BEFORE-SNC-32",
              "Before SecNumCloud 3.2, immunity means an EU provider under no non-EU or US control",
              [t("provider.statutory_seat", "in", EU), t("provider.central_administration", "in", EU),
               t("provider.principal_establishment", "in", EU), eq("provider.non_eu_control", False),
               eq("provider.us_controlled", False)],
              ("immunity.protected", True), ["circ-2021-r9-snc"], valid_until=SNC_32 - DAY,
              assumption="Before SecNumCloud 3.2 (8 March 2022) no text set immunity criteria; R9's "
                         "« immunisé contre toute réglementation extracommunautaire » is read as an EU "
                         "seat with no non-EU control, without the 24 %/39 % thresholds."),
        rule(p, "CAC-2021-R9-NON-EU-CONTROL-BEFORE-SNC-32", "Before SecNumCloud 3.2, non-EU control defeats immunity",
              [eq("provider.non_eu_control", True)], ("immunity.protected", False), ["circ-2021-r9-snc"],
              valid_until=SNC_32 - DAY, assumption="Same reading of R9 before SecNumCloud 3.2."),
        rule(p, "SNC-32-19.6A-SEAT", "The provider's statutory seat is outside the EU",
              [t("provider.statutory_seat", "not_in", EU)], ("immunity.protected", False), ["snc-19-6-a"]),
        rule(p, "SNC-32-19.6A-ADMINISTRATION", "The provider's central administration is outside the EU",
              [t("provider.central_administration", "not_in", EU)], ("immunity.protected", False), ["snc-19-6-a"]),
        rule(p, "SNC-32-19.6A-ESTABLISHMENT", "The provider's principal establishment is outside the EU",
              [t("provider.principal_establishment", "not_in", EU)], ("immunity.protected", False), ["snc-19-6-a"]),
        rule(p, "SNC-32-19.6B-SINGLE-SHARE", "A single non-EU entity holds more than 24 % of capital or votes",
              [t("provider.largest_non_eu_share", "gt", 24)], ("immunity.protected", False), ["snc-19-6-b"], valid_from=SNC_32),
        rule(p, "SNC-32-19.6B-COMBINED-SHARE", "Non-EU entities together hold more than 39 % of capital or votes",
              [t("provider.combined_non_eu_share", "gt", 39)], ("immunity.protected", False), ["snc-19-6-b"], valid_from=SNC_32),
        rule(p, "SNC-32-19.6B-CONTROL", "A non-EU entity has a veto or appoints the majority of a board",
              [eq("provider.non_eu_control", True)], ("immunity.protected", False), ["snc-19-6-b-control"], valid_from=SNC_32),
        rule(p, "SNC-32-19.6C-SUBCONTRACTOR", "A non-EU subcontractor can technically obtain customer data",
              [eq("provider.non_eu_subcontractor_access", True)], ("immunity.protected", False), ["snc-19-6-c"], valid_from=SNC_32),
        # What a 3.2 qualification attests (§19.6 and §19.2 are conditions of the qualification).
        rule(p, "SNC-32-ATTESTS-19.6", "A SecNumCloud 3.2 qualification in force attests §19.6 immunity",
              [eq("certificate.scheme", "secnumcloud"), eq("certificate.version", "3.2"),
               eq("certificate.in_force", True), eq("interpretation.snc32_attests", "attests")],
              Conclusion("immunity.protected", True, ""), ["snc-32-audit-immunity", "snc-19-6-a", "snc-19-6-b"],
              for_each=c, valid_from=SNC_32, assumption=ATTESTS),
        rule(p, "SNC-32-ATTESTS-19.2", "A SecNumCloud 3.2 qualification in force attests §19.2 localisation in the EU",
              [eq("certificate.scheme", "secnumcloud"), eq("certificate.version", "3.2"),
               eq("certificate.in_force", True), eq("interpretation.snc32_attests", "attests")],
              Conclusion("localisation.in_eu", True, ""), ["snc-32-audit-immunity", "snc-19-2-b", "snc-19-2-c"],
              for_each=c, valid_from=SNC_32, assumption=ATTESTS),
        # §19.2 localisation.
        rule(p, "SNC-19.2-IN-EU", "Data, technical data, administration and support are all in the EU",
              [t("offering.data_locations", "all_in", EU), t("offering.technical_data_locations", "all_in", EU),
               t("offering.administration_locations", "all_in", EU), t("offering.support_locations", "all_in", EU)],
              ("localisation.in_eu", True), ["snc-19-2-b", "snc-19-2-c", "snc-19-2-d"]),
        rule(p, "SNC-19.2E-SUPPORT-CONTROLLED", "Data and administration in the EU; support abroad controlled from the EU",
              [t("offering.data_locations", "all_in", EU), t("offering.technical_data_locations", "all_in", EU),
               t("offering.administration_locations", "all_in", EU), eq("offering.support_controlled_from_eu", True)],
              ("localisation.in_eu", True), ["snc-19-2-b", "snc-19-2-c", "snc-19-2-d", "snc-19-2-e"]),
        rule(p, "SNC-19.2B-DATA-OUTSIDE-EU", "Customer data are stored or processed outside the EU",
              [t("offering.data_locations", "any_not_in", EU)], ("localisation.in_eu", False), ["snc-19-2-b"]),
        rule(p, "SNC-19.2C-ADMIN-OUTSIDE-EU", "The service is administered or supervised from outside the EU",
              [t("offering.administration_locations", "any_not_in", EU)], ("localisation.in_eu", False), ["snc-19-2-c"]),
        rule(p, "SNC-19.2D-TECHNICAL-OUTSIDE-EU", "Technical data are stored or processed outside the EU",
              [t("offering.technical_data_locations", "any_not_in", EU)], ("localisation.in_eu", False), ["snc-19-2-d"]),
        rule(p, "SNC-19.2E-SUPPORT-UNCONTROLLED", "Support is done outside the EU without control from the EU",
              [t("offering.support_locations", "any_not_in", EU), eq("offering.support_controlled_from_eu", False)],
              ("localisation.in_eu", False), ["snc-19-2-e"]),
    ]
