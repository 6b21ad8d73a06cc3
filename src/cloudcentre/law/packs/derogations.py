"""Derogations and their windows.

Instruments and sources cited by this pack (see ``law/sources.py``):

- Circulaire n° 6282-SG du 5 juillet 2021 (doctrine « Cloud au centre »), règle R9, alinéa 4 (2021-07-05) [circ-2021-r9-al4]
- Circulaire n° 6282-SG du 5 juillet 2021 (doctrine « Cloud au centre »), règle R9, alinéa 4 (résumé « dérogation d'un an ») (2021-07-05) [dsih-2021-one-year]
- Loi n° 2024-449 du 21 mai 2024 (SREN), article 31, I (amendement Le Hénanff) (2024-05-21) [sren-31-i]
- Loi n° 2024-449 du 21 mai 2024 (SREN), article 31, III (projets engagés) (2024-05-21) [sren-31-iii]
- Note de la DINUM du 15 septembre 2021 (Office 365), dérogation transitoire (2021-09-15) [dinum-2021-derogation]
- Note de la DINUM du 15 septembre 2021 (Office 365), projets très avancés au 5 juillet 2021 (2021-09-15) [dinum-2021-advanced]
- Note de la DINUM du 15 septembre 2021 (Office 365), services exclus de la dérogation (2021-09-15) [dinum-2021-no-derogation]
"""

from __future__ import annotations

from ..language import Ref, Rule
from .common import AS_OF, CIRC_2021_IN_FORCE, DAY, DINUM_NOTE, SREN_IN_FORCE, eq, rule, t

NAME = "derogations"
TITLE = "Derogations and their windows"


def rules() -> list[Rule]:
    p = "derogations"
    twelve = Ref("derogation.offer_available_since", months=12)
    year = Ref("derogation.granted_on", months=12)
    clock_reading = "interpretation.derogation_clock"
    dinum = "interpretation.dinum_derogation_condition"
    clock = ("The wording of R9 al. 4 was not retrieved: the derogation is taken to end at the latest "
             "12 months after an acceptable trusted offer is available in France.")
    suite = ("messaging", "personal_drive")
    return [
        # The window the grant states.
        rule(p, "DEROGATION-WINDOW-DATED", "The derogation has been granted and its stated end has not passed",
              [t("derogation.granted_on", "le", AS_OF), t("derogation.valid_until", "ge", AS_OF)],
              ("derogation.window_open", True), ["circ-2021-r9-al4"]),
        rule(p, "DEROGATION-WINDOW-OPEN-ENDED", "The derogation has been granted and states no end date",
              [t("derogation.granted_on", "le", AS_OF), eq("derogation.open_ended", True)],
              ("derogation.window_open", True), ["circ-2021-r9-al4"]),
        rule(p, "DEROGATION-NOT-YET", "A derogation does not help before it is granted",
              [t("derogation.granted_on", "gt", AS_OF)], ("derogation.window_open", False), ["circ-2021-r9-al4"]),
        rule(p, "DEROGATION-ENDED", "A derogation does not help after its stated end date",
              [t("derogation.valid_until", "lt", AS_OF)], ("derogation.window_open", False), ["circ-2021-r9-al4"]),
        # The 12-month clock of R9 al. 4 and of the DINUM note.
        rule(p, "DEROGATION-CLOCK-NO-OFFER", "No acceptable trusted offer is available in France yet: the 12-month clock has not started",
              [eq("derogation.offer_available", False), eq(clock_reading, "after_acceptable_offer")],
              ("derogation.clock_running", True), ["circ-2021-r9-al4", "dinum-2021-derogation"]),
        rule(p, "DEROGATION-CLOCK-WITHIN-12-MONTHS", "Less than 12 months since an acceptable trusted offer became available",
              [t("case.as_of", "le", twelve), eq(clock_reading, "after_acceptable_offer")],
              ("derogation.clock_running", True), ["circ-2021-r9-al4", "dinum-2021-derogation"]),
        rule(p, "DEROGATION-CLOCK-EXPIRED", "More than 12 months since an acceptable trusted offer became available",
              [t("case.as_of", "gt", twelve), eq(clock_reading, "after_acceptable_offer")],
              ("derogation.clock_running", False), ["circ-2021-r9-al4", "dinum-2021-derogation"]),
        rule(p, "DEROGATION-CLOCK-ONE-YEAR-RUNNING",
              "Less than a year since the derogation was granted (reading `one_year_from_grant`)",
              [t("case.as_of", "le", year), eq(clock_reading, "one_year_from_grant")],
              ("derogation.clock_running", True), ["dsih-2021-one-year"]),
        rule(p, "DEROGATION-CLOCK-ONE-YEAR-EXPIRED",
              "More than a year since the derogation was granted (reading `one_year_from_grant`)",
              [t("case.as_of", "gt", year), eq(clock_reading, "one_year_from_grant")],
              ("derogation.clock_running", False), ["dsih-2021-one-year"]),
        # R9 alinéa 4 (2021).
        rule(p, "CAC-2021-R9-AL4-DEROGATION", "A ministerial derogation under R9 alinéa 4 for a project « très avancé » on 5 July 2021",
              [eq("derogation.basis", "cac-2021-r9-al4"), eq("derogation.project_advanced", True),
               eq("derogation.window_open", True), eq("derogation.clock_running", True)],
              ("derogation.in_force", True), ["circ-2021-r9-al4"], valid_from=CIRC_2021_IN_FORCE, assumption=clock),
        rule(p, "CAC-2021-R9-AL4-NOT-ADVANCED", "R9 alinéa 4 covers only projects « très avancés » on 5 July 2021",
              [eq("derogation.basis", "cac-2021-r9-al4"), eq("derogation.project_advanced", False)],
              ("derogation.in_force", False), ["circ-2021-r9-al4"]),
        rule(p, "CAC-2021-R9-AL4-BEFORE-DOCTRINE", "No R9 derogation exists before the 2021 circulaire",
              [eq("derogation.basis", "cac-2021-r9-al4")], ("derogation.in_force", False),
              ["circ-2021-r9-al4"], valid_until=CIRC_2021_IN_FORCE - DAY),
        # DINUM note of 15 September 2021 (Office 365).
        rule(p, "DINUM-2021-OFFICE-DEROGATION",
              "The transitional derogation covers messaging and personal drive of projects « très avancés » on 5 July 2021",
              [eq("derogation.basis", "dinum-2021-09-15"), t("workload.services", "all_in", suite),
               eq("derogation.project_advanced", True), eq(dinum, "project_advanced_required"),
               eq("derogation.window_open", True), eq("derogation.clock_running", True)],
              ("derogation.in_force", True), ["dinum-2021-derogation", "dinum-2021-advanced"], valid_from=DINUM_NOTE),
        rule(p, "DINUM-2021-OFFICE-NOT-ADVANCED",
              "The DINUM derogation narrows R9 al. 4: it needs a project « très avancé » on 5 July 2021",
              [eq("derogation.basis", "dinum-2021-09-15"), eq("derogation.project_advanced", False),
               eq(dinum, "project_advanced_required")],
              ("derogation.in_force", False), ["dinum-2021-advanced", "circ-2021-r9-al4"], valid_from=DINUM_NOTE),
        rule(p, "DINUM-2021-OFFICE-DEROGATION-SERVICES-ONLY",
              "The transitional derogation covers messaging and personal drive only (reading `services_only`)",
              [eq("derogation.basis", "dinum-2021-09-15"), t("workload.services", "all_in", suite),
               eq(dinum, "services_only"),
               eq("derogation.window_open", True), eq("derogation.clock_running", True)],
              ("derogation.in_force", True), ["dinum-2021-derogation"], valid_from=DINUM_NOTE),
        rule(p, "DINUM-2021-OFFICE-OTHER-SERVICES", "No derogation for documents, collaboration, instant messaging, video or webinars",
              [eq("derogation.basis", "dinum-2021-09-15"), t("workload.services", "any_not_in", suite)],
              ("derogation.in_force", False), ["dinum-2021-no-derogation", "dinum-2021-derogation"]),
        rule(p, "DINUM-2021-OFFICE-BEFORE-NOTE", "No Office 365 derogation exists before the DINUM note",
              [eq("derogation.basis", "dinum-2021-09-15")], ("derogation.in_force", False),
              ["dinum-2021-derogation"], valid_until=DINUM_NOTE - DAY),
        # Loi SREN art. 31 III.
        rule(p, "SREN-31-III-DEROGATION", "A SREN art. 31 III derogation for projects already engaged runs until its end date",
              [eq("derogation.basis", "sren-31-iii"), eq("derogation.window_open", True)], ("derogation.in_force", True),
              ["sren-31-iii"], valid_from=SREN_IN_FORCE,
              assumption="The enacted wording and duration of art. 31 III were not found; the derogation "
                         "is taken to run between the dates the grant states."),
        rule(p, "SREN-31-III-BEFORE-LAW", "No SREN art. 31 III derogation exists before the law",
              [eq("derogation.basis", "sren-31-iii")], ("derogation.in_force", False),
              ["sren-31-iii"], valid_until=SREN_IN_FORCE - DAY),
        # Any basis: outside its window, or after the clock, it does not help.
        rule(p, "DEROGATION-WINDOW-CLOSED", "Outside the dates of its grant a derogation does not help",
              [eq("derogation.window_open", False)], ("derogation.in_force", False), ["circ-2021-r9-al4"]),
        rule(p, "SREN-31-OVERRIDES-CIRCULAIRE-DEROGATION",
              "Once SREN art. 31 binds the body, a derogation granted under the circulaire no longer helps",
              [t("derogation.basis", "in", ("cac-2021-r9-al4", "dinum-2021-09-15")),
               eq("sren31.protection_required", True)],
              ("derogation.in_force", False), ["sren-31-i", "sren-31-iii"], valid_from=SREN_IN_FORCE,
              assumption="A derogation granted under a circulaire cannot set aside the statute: from 23 May "
                         "2024, for a body bound by SREN art. 31, only an art. 31 III derogation (whose terms "
                         "are unconfirmed) can tolerate a non-compliant hosting."),
        rule(p, "DEROGATION-CLOCK-RUN-OUT", "Twelve months after an acceptable offer, an R9 or DINUM derogation no longer helps",
              [t("derogation.basis", "in", ("cac-2021-r9-al4", "dinum-2021-09-15")),
               eq("derogation.clock_running", False)],
              ("derogation.in_force", False), ["circ-2021-r9-al4", "dinum-2021-derogation"]),
    ]
