"""Hébergement de données de santé (CSP L.1111-8, R.1111-9, exemptions).

Instruments and sources cited by this pack (see ``law/sources.py``):

- Agence du numérique en santé, FAQ HDS, archivage électronique (undated) [ans-faq-archiving]
- Agence du numérique en santé, FAQ HDS, champ d'application (externalisation) (undated) [ans-faq-outsourcing]
- Agence du numérique en santé, FAQ HDS, champ d'application (undated) [ans-faq-scope]
- Agence du numérique en santé, FAQ HDS, externalisation de l'hébergement d'un DPI (undated) [ans-faq-dpi]
- Agence du numérique en santé, FAQ HDS, groupements hospitaliers de territoire (undated) [ans-faq-ght]
- Agence du numérique en santé, FAQ HDS, hébergement de ses propres données (undated) [ans-faq-own]
- Arrêté du 26 avril 2024 (référentiel de certification HDS v2), exigences 28 à 31 (2024-04-26) [hds-v2]
- Arrêté du 26 avril 2024 (référentiel de certification HDS v2), transition (2024-05-16) [hds-v2-transition]
- Code de la santé publique, article L.1111-8 (ordonnance n° 2017-27: agrément pour l'archivage électronique) (2017-01-12) [csp-l1111-8-agrement]
- Code de la santé publique, article L.1111-8, I (2017-01-12) [csp-l1111-8]
- Code de la santé publique, article R.1111-9 (six activités d'hébergement) (2018-02-26) [csp-r1111-9]
- Code du patrimoine, article L.212-4 (agrément des tiers archiveurs), agrément SIAF (undated) [francearchives-agrement]
- Loi n° 2024-449 du 21 mai 2024 (SREN), article 32, I, 1°, b) (L.1111-8 II: archivage électronique) (2024-05-21) [sren-32-archiving]
- Loi n° 2024-449 du 21 mai 2024 (SREN), article 32, II (entrée en vigueur) (2024-05-21) [sren-32-ii]
"""

from __future__ import annotations

import datetime as dt

import attrs

from ..countries import EEA
from ..language import Conclusion, ForAll, Op, Ref, Rule
from .common import (
    DAY,
    HDS_V1_TRANSITION_END,
    HDS_V1_TRANSITION_END_NOVEMBER,
    HDS_V2,
    SREN_32_ARCHIVING,
    eq,
    rule,
    t,
)

NAME = "hds"
TITLE = "Hébergement de données de santé (CSP L.1111-8, R.1111-9, exemptions)"


def rules() -> list[Rule]:
    p = "hds"
    c = "certificate"
    all_six = (1, 2, 3, 4, 5, 6)
    archiving_date = ("SREN art. 32 II lets a décret set the date, at the latest 1 July 2025; the "
                      "décret was not found, so the change is taken to apply from 1 July 2025.")
    r = [
        rule(p, "HDS-L1111-8-REQUIRED", "Hosting personal health data collected during care needs an HDS-certified host",
              [eq("workload.data.personal_health_data", True), eq("workload.data.collected_during_care", True),
               eq("workload.hds_exemption", "none")],
              ("hds.required", True), ["csp-l1111-8", "ans-faq-scope"]),
        rule(p, "HDS-NOT-HEALTH-DATA", "No personal health data: no HDS obligation",
              [eq("workload.data.personal_health_data", False)], ("hds.required", False), ["csp-l1111-8"]),
        rule(p, "HDS-NOT-FROM-CARE", "Health data not collected during care or follow-up: no HDS obligation",
              [eq("workload.data.collected_during_care", False)], ("hds.required", False), ["csp-l1111-8", "ans-faq-scope"]),
        rule(p, "HDS-EXEMPT-OWN-HOSTING", "A controller hosting its own data, not on a commercial cloud, needs no HDS certificate",
              [eq("workload.hds_exemption", "own_hosting"), t("offering.kind", "ne", "commercial")],
              ("hds.required", False), ["ans-faq-own"]),
        rule(p, "HDS-OWN-INFRASTRUCTURE-OWN-DATA",
              "A body hosting its own health data on its own infrastructure needs no HDS certificate",
              [eq("offering.kind", "own_infrastructure"), eq("workload.hds_exemption", "own_hosting")],
              ("hds.required", False), ["ans-faq-own", "ans-faq-outsourcing"]),
        rule(p, "HDS-OWN-HOSTING-ON-COMMERCIAL",
              "Running one's own application on a third party's commercial cloud is outsourced hosting: HDS applies",
              [eq("workload.hds_exemption", "own_hosting"), eq("offering.kind", "commercial"),
               eq("workload.data.personal_health_data", True), eq("workload.data.collected_during_care", True)],
              ("hds.required", True), ["ans-faq-dpi", "csp-l1111-8"]),
        rule(p, "HDS-OWN-HOSTING-ON-COMMERCIAL-WARNING", "The own-hosting exemption is claimed on a commercial cloud",
              [eq("workload.hds_exemption", "own_hosting"), eq("offering.kind", "commercial")],
              ("warning.own_hosting_on_commercial_offering", True), ["ans-faq-dpi"]),
        rule(p, "HDS-EXEMPT-ARCHIVING", "Until SREN art. 32 takes effect, electronic archiving is outside HDS certification",
              [eq("workload.hds_exemption", "electronic_archiving")], ("hds.required", False),
              ["ans-faq-archiving", "csp-l1111-8-agrement"], valid_until=SREN_32_ARCHIVING - DAY,
              assumption=archiving_date),
        rule(p, "HDS-ARCHIVING-CERTIFICATION",
              "From SREN art. 32, an electronic-archiving host of health data needs the HDS certificate",
              [eq("workload.hds_exemption", "electronic_archiving"), eq("workload.data.personal_health_data", True),
               eq("workload.data.collected_during_care", True)],
              ("hds.required", True), ["sren-32-archiving", "sren-32-ii"], valid_from=SREN_32_ARCHIVING,
              assumption=archiving_date),
        rule(p, "HDS-ARCHIVING-AGREMENT-REQUIRED",
              "An electronic-archiving host of health data needs the agrément of the minister of culture",
              [eq("workload.hds_exemption", "electronic_archiving"), eq("workload.data.personal_health_data", True)],
              ("archiving.agrement_required", True), ["csp-l1111-8-agrement", "francearchives-agrement"],
              assumption="The current wording of CSP L.1111-8 III was not read: the agrément of the "
                         "minister of culture is taken to remain required for electronic archiving after "
                         "SREN art. 32, as the legal review (§1) reads it."),
        rule(p, "HDS-ARCHIVING-AGREMENT-NOT-ARCHIVING", "Not an electronic-archiving service: no archiving agrément",
              [t("workload.hds_exemption", "in", ("none", "own_hosting", "ght_delegation"))],
              ("archiving.agrement_required", False), ["csp-l1111-8-agrement"]),
        rule(p, "HDS-ARCHIVING-AGREMENT-NOT-HEALTH", "No personal health data: no archiving agrément under the CSP",
              [eq("workload.data.personal_health_data", False)],
              ("archiving.agrement_required", False), ["csp-l1111-8-agrement"]),
        rule(p, "HDS-EXEMPT-GHT", "A GHT member hosting for its group under the ANS conditions needs no HDS certificate",
              [eq("workload.hds_exemption", "ght_delegation")], ("hds.required", False), ["ans-faq-ght"]),
        rule(p, "HDS-CERT-ANY-VERSION-BEFORE-V2", "Before HDS v2, every HDS certificate follows the only referential",
              [eq("certificate.scheme", "hds")], Conclusion("certificate.hds_version_ok", True),
              ["csp-l1111-8"], for_each=c, valid_until=HDS_V2 - DAY),
        rule(p, "HDS-CERT-V2", "An HDS v2 certificate follows the current referential",
              [eq("certificate.scheme", "hds"), eq("certificate.version", "2")],
              Conclusion("certificate.hds_version_ok", True), ["hds-v2"], for_each=c, valid_from=HDS_V2),
        rule(p, "HDS-CERT-V1-IN-TRANSITION", "An HDS v1 certificate granted before 16 November 2024 counts during the 24-month transition",
              [eq("certificate.scheme", "hds"), eq("certificate.version", "1"),
               t("certificate.valid_from", "lt", HDS_V2.isoformat())],
              Conclusion("certificate.hds_version_ok", True), ["hds-v2-transition"], for_each=c,
              valid_from=HDS_V2, valid_until=HDS_V1_TRANSITION_END,
              assumption="The 24 months are counted from the JO publication (16 May 2024), ending on "
                         "16 May 2026; the start of the transition is not stated in the sources."),
        rule(p, "HDS-CERT-V1-NEW", "A new HDS certification from 16 November 2024 must follow v2",
              [eq("certificate.scheme", "hds"), eq("certificate.version", "1"),
               t("certificate.valid_from", "ge", HDS_V2.isoformat())],
              Conclusion("certificate.hds_version_ok", False), ["hds-v2-transition"], for_each=c, valid_from=HDS_V2),
        rule(p, "HDS-CERT-V1-TRANSITION-OVER", "After the 24-month transition an HDS v1 certificate no longer counts",
              [eq("certificate.scheme", "hds"), eq("certificate.version", "1")],
              Conclusion("certificate.hds_version_ok", False), ["hds-v2-transition"], for_each=c,
              valid_from=HDS_V1_TRANSITION_END + DAY,
              assumption="The transition is taken to end on 16 May 2026 (24 months after the JO publication)."),
        rule(p, "HDS-CERT-VERSION-NOT-OK", "An HDS certificate of a referential no longer accepted does not count",
              [eq("certificate.scheme", "hds"), eq("certificate.hds_version_ok", False)],
              Conclusion("certificate.hds_sufficient", False), ["hds-v2-transition"], for_each=c),
        rule(p, "HDS-CERT-COVERS-ACTIVITIES", "An HDS certificate in force covers the activities performed",
              [eq("certificate.scheme", "hds"), eq("certificate.in_force", True), eq("certificate.hds_version_ok", True),
               t("certificate.hds_activities", "superset", Ref("workload.hds_activities"))],
              Conclusion("certificate.hds_sufficient", True), ["csp-l1111-8", "csp-r1111-9"], for_each=c),
        rule(p, "HDS-CERT-COVERS-ALL", "An HDS certificate in force covers all six activities",
              [eq("certificate.scheme", "hds"), eq("certificate.in_force", True), eq("certificate.hds_version_ok", True),
               t("certificate.hds_activities", "superset", all_six)],
              Conclusion("certificate.hds_sufficient", True), ["csp-l1111-8", "csp-r1111-9"], for_each=c),
        rule(p, "HDS-CERT-MISSING-ACTIVITY", "An HDS certificate misses an activity the host performs",
              [eq("certificate.scheme", "hds"),
               t("certificate.hds_activities", "not_superset", Ref("workload.hds_activities"))],
              Conclusion("certificate.hds_sufficient", False), ["csp-r1111-9"], for_each=c),
        rule(p, "HDS-CERT-NOT-IN-FORCE", "An HDS certificate not in force does not count",
              [eq("certificate.scheme", "hds"), eq("certificate.in_force", False)],
              Conclusion("certificate.hds_sufficient", False), ["csp-l1111-8"], for_each=c),
        rule(p, "HDS-CERT-OTHER-SCHEME", "A certificate of another scheme is not an HDS certificate",
              [t("certificate.scheme", "ne", "hds")],
              Conclusion("certificate.hds_sufficient", False), ["csp-l1111-8"], for_each=c),
        rule(p, "HDS-CERTIFIED", "The host holds an HDS certificate in force for the activities performed",
              [eq("certificate.hds_sufficient", True)],
              Conclusion("hds.certified", True, ""), ["csp-l1111-8"], for_each=c),
        rule(p, "HDS-NOT-CERTIFIED", "No listed certificate is a sufficient HDS certificate in force",
              [eq("offering.hds_listed", True), ForAll(c, "certificate.hds_sufficient", Op.EQ, False)],
              ("hds.certified", False), ["csp-l1111-8"]),
        # HDS v2: health data stored only in the EEA.
        rule(p, "HDS-V2-CERT-IS-V2", "An HDS v2 certificate in force binds the host to EEA storage",
              [eq("certificate.scheme", "hds"), eq("certificate.version", "2"), eq("certificate.in_force", True)],
              Conclusion("certificate.hds_v2_in_force", True), ["hds-v2"], for_each=c, valid_from=HDS_V2),
        rule(p, "HDS-V2-CERT-NOT-V2", "A certificate other than HDS v2 in force does not bind the host to EEA storage",
              [t("certificate.scheme", "ne", "hds")],
              Conclusion("certificate.hds_v2_in_force", False), ["hds-v2"], for_each=c, valid_from=HDS_V2),
        rule(p, "HDS-V2-CERT-V1", "An HDS v1 certificate does not bind the host to EEA storage",
              [eq("certificate.scheme", "hds"), eq("certificate.version", "1")],
              Conclusion("certificate.hds_v2_in_force", False), ["hds-v2"], for_each=c, valid_from=HDS_V2),
        rule(p, "HDS-V2-CERT-NOT-IN-FORCE", "An HDS certificate not in force does not bind the host",
              [eq("certificate.scheme", "hds"), eq("certificate.in_force", False)],
              Conclusion("certificate.hds_v2_in_force", False), ["hds-v2"], for_each=c, valid_from=HDS_V2),
        rule(p, "HDS-V2-EEA-BY-CERTIFICATE", "A host certified HDS v2 must store health data in the EEA only",
              [eq("hds.required", True), eq("certificate.hds_v2_in_force", True)],
              Conclusion("hds.eea_storage_required", True, ""), ["hds-v2"], for_each=c, valid_from=HDS_V2),
        rule(p, "HDS-V2-EEA-ALL-HOSTS", "After the transition every HDS host must store health data in the EEA only",
              [eq("hds.required", True)], ("hds.eea_storage_required", True), ["hds-v2", "hds-v2-transition"],
              valid_from=HDS_V1_TRANSITION_END + DAY,
              assumption="The transition is taken to end on 16 May 2026 (24 months after the JO publication)."),
        rule(p, "HDS-V2-EEA-V1-TRANSITION", "During the transition a host without HDS v2 is not yet bound to EEA storage",
              [eq("hds.required", True), eq("offering.hds_listed", True),
               ForAll(c, "certificate.hds_v2_in_force", Op.EQ, False)],
              ("hds.eea_storage_required", False), ["hds-v2-transition"],
              valid_from=HDS_V2, valid_until=HDS_V1_TRANSITION_END),
        rule(p, "HDS-V2-EEA-BEFORE-V2", "Before HDS v2, no EEA storage obligation",
              [eq("hds.required", True)], ("hds.eea_storage_required", False), ["hds-v2"], valid_until=HDS_V2 - DAY),
        rule(p, "HDS-V2-EEA-NOT-HEALTH", "No HDS obligation, no EEA storage obligation",
              [eq("hds.required", False)], ("hds.eea_storage_required", False), ["csp-l1111-8"]),
        rule(p, "HDS-V2-EEA-STORED", "Health data are stored and processed only in the EEA",
              [t("offering.data_locations", "all_in", EEA)], ("hds.eea_storage", True), ["hds-v2"]),
        rule(p, "HDS-V2-EEA-STORED-PHYSICALLY", "Health data are physically hosted only in the EEA",
              [t("offering.storage_locations", "all_in", EEA)], ("hds.eea_storage", True), ["hds-v2"]),
        rule(p, "HDS-V2-NOT-EEA-STORED", "Health data are physically hosted outside the EEA",
              [t("offering.storage_locations", "any_not_in", EEA)], ("hds.eea_storage", False), ["hds-v2"]),
    ]
    return [variant for built in r for variant in _transition_readings(built)]


_TRANSITION = ("HDS-CERT-V1-IN-TRANSITION", "HDS-CERT-V1-TRANSITION-OVER", "HDS-V2-EEA-ALL-HOSTS",
               "HDS-V2-EEA-V1-TRANSITION")
_READING = "interpretation.hds_v1_transition_end"


def _transition_readings(built: Rule) -> list[Rule]:
    """A transition rule in its two readings of the end date (interpretation
    ``hds_v1_transition_end``): 16 May 2026 (same id) or 16 November 2026 (``-NOVEMBER``)."""
    if built.id not in _TRANSITION:
        return [built]
    moved = {HDS_V1_TRANSITION_END: HDS_V1_TRANSITION_END_NOVEMBER,
             HDS_V1_TRANSITION_END + DAY: HDS_V1_TRANSITION_END_NOVEMBER + DAY}

    def move(day: dt.date | None) -> dt.date | None:
        return None if day is None else moved.get(day, day)

    may = attrs.evolve(built, conditions=(*built.conditions, eq(_READING, "may_2026")), assumption=None)
    november = attrs.evolve(
        built, id=built.id + "-NOVEMBER", title=built.title + " (reading `november_2026`)",
        conditions=(*built.conditions, eq(_READING, "november_2026")), assumption=None,
        valid_from=move(built.valid_from), valid_until=move(built.valid_until),
    )
    return [may, november]
