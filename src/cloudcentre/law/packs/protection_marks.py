"""Diffusion Restreinte and classified information (assumptions).

Instruments and sources cited by this pack (see ``law/sources.py``):

- ANSSI, FAQ sur les recommandations pour l'hébergement des SI sensibles dans le cloud, caractère obligatoire (undated) [anssi-cloud-faq]
- ANSSI, recommandations pour l'hébergement des SI sensibles dans le cloud (juillet 2024), systèmes d'information Diffusion Restreinte (undated) [anssi-cloud-2024]
- Instruction générale interministérielle n° 1300 (arrêté du 9 août 2021), systèmes d'information classifiés (2021-08-09) [igi-1300]
- Instruction générale interministérielle n° 1300, Diffusion Restreinte (undated) [dr-mention]
- Instruction interministérielle n° 901/SGDSN/ANSSI du 28 janvier 2015, systèmes d'information Diffusion Restreinte (homologation) (2015-01-28) [ii-901]
"""

from __future__ import annotations

from ..language import Rule
from .common import eq, rule

NAME = "protection-marks"
TITLE = "Diffusion Restreinte and classified information (assumptions)"


def rules() -> list[Rule]:
    p = "protection-marks"
    dr = "interpretation.dr_hosting"
    return [
        rule(p, "ASSUME-DR-HOMOLOGATION", "Diffusion Restreinte information needs a system homologated for DR",
              [eq("workload.data.diffusion_restreinte", True)], ("dr.homologation_required", True),
              ["dr-mention", "ii-901"]),
        rule(p, "ASSUME-DR-NOT-MARKED", "No Diffusion Restreinte information: no DR homologation needed",
              [eq("workload.data.diffusion_restreinte", False)], ("dr.homologation_required", False),
              ["dr-mention", "ii-901"]),
        # Where DR information may be hosted (interpretation `dr_hosting`).
        rule(p, "DR-SYSTEM-ON-SECNUMCLOUD",
              "The body's DR-homologated system runs on a SecNumCloud-qualified offering (reading `homologated_system`)",
              [eq("workload.dr_system_homologated", True), eq("secnumcloud.qualified", True), eq(dr, "homologated_system")],
              ("dr.hosting_acceptable", True), ["ii-901", "anssi-cloud-2024"]),
        rule(p, "DR-SYSTEM-ON-INTERNAL-CLOUD",
              "The body's DR-homologated system runs on a State internal cloud (reading `homologated_system`)",
              [eq("workload.dr_system_homologated", True), eq("offering.kind", "state_internal"),
               eq(dr, "homologated_system")],
              ("dr.hosting_acceptable", True), ["ii-901", "anssi-cloud-2024"]),
        rule(p, "DR-SYSTEM-ON-OWN-INFRASTRUCTURE",
              "The body's DR-homologated system runs on its own infrastructure (reading `homologated_system`)",
              [eq("workload.dr_system_homologated", True), eq("offering.kind", "own_infrastructure"),
               eq(dr, "homologated_system")],
              ("dr.hosting_acceptable", True), ["ii-901"]),
        rule(p, "DR-SYSTEM-ON-DR-OFFERING",
              "The body's DR-homologated system runs on an offering homologated for DR (reading `homologated_system`)",
              [eq("workload.dr_system_homologated", True), eq("offering.dr_homologated", True),
               eq(dr, "homologated_system")],
              ("dr.hosting_acceptable", True), ["ii-901"]),
        rule(p, "DR-SYSTEM-NOT-HOMOLOGATED",
              "The body's system is not homologated at DR level (reading `homologated_system`)",
              [eq("workload.dr_system_homologated", False), eq(dr, "homologated_system")],
              ("dr.hosting_acceptable", False), ["ii-901"]),
        rule(p, "DR-ON-UNQUALIFIED-COMMERCIAL-CLOUD",
              "A commercial offering neither SecNumCloud-qualified nor homologated for DR (reading `homologated_system`)",
              [eq("offering.kind", "commercial"), eq("secnumcloud.qualified", False), eq("offering.dr_homologated", False),
               eq(dr, "homologated_system")],
              ("dr.hosting_acceptable", False), ["anssi-cloud-2024", "anssi-cloud-faq"]),
        rule(p, "DR-OFFERING-HOMOLOGATED", "The offering is homologated for DR (reading `dr_homologated_offering`)",
              [eq("offering.dr_homologated", True), eq(dr, "dr_homologated_offering")],
              ("dr.hosting_acceptable", True), ["dr-mention", "ii-901"],
              assumption="No passage of either circulaire covers DR; under this reading DR needs an offering "
                         "homologated for DR (such as cloud Pi's DR offer), SecNumCloud alone not sufficing."),
        rule(p, "DR-OFFERING-NOT-HOMOLOGATED", "The offering is not homologated for DR (reading `dr_homologated_offering`)",
              [eq("offering.dr_homologated", False), eq(dr, "dr_homologated_offering")],
              ("dr.hosting_acceptable", False), ["dr-mention", "ii-901"],
              assumption="No passage of either circulaire covers DR; under this reading DR needs an offering "
                         "homologated for DR (such as cloud Pi's DR offer), SecNumCloud alone not sufficing."),
        rule(p, "ASSUME-CLASSIFIED-IGI1300", "Classified information needs an information system homologated under IGI 1300",
              [eq("workload.data.classified", True)], ("classified.homologation_required", True), ["igi-1300"],
              assumption="Classified information is treated as outside the commercial-cloud rules: it needs a "
                         "homologated classified system; no cloud offering counts unless homologated as such."),
        rule(p, "ASSUME-NOT-CLASSIFIED", "No classified information: no classified homologation needed",
              [eq("workload.data.classified", False)], ("classified.homologation_required", False), ["igi-1300"],
              assumption="Classified information is taken to need a homologated classified system (IGI 1300); "
                         "without it, no classified homologation is required."),
    ]
