"""Diffusion Restreinte and classified information (assumptions).

Instruments and sources cited by this pack (see ``law/sources.py``):

- Instruction générale interministérielle n° 1300, Diffusion Restreinte (undated) [dr-mention]
- Instruction ministérielle n° 2300/SG/SHFDS du 12 avril 2022, §3.5.2 (2022-04-12) [ii-2300]
"""

from __future__ import annotations

from ..language import Rule
from .common import eq, rule

NAME = "protection-marks"
TITLE = "Diffusion Restreinte and classified information (assumptions)"


def rules() -> list[Rule]:
    p = "protection-marks"
    return [
        rule(p, "ASSUME-DR-HOMOLOGATION", "Diffusion Restreinte information needs a system homologated for DR",
              [eq("workload.data.diffusion_restreinte", True)], ("dr.homologation_required", True),
              ["dr-mention", "ii-2300"],
              assumption="No passage of either circulaire covers DR; assumed to need a DR-homologated system "
                         "(such as cloud Pi's DR offer). SecNumCloud alone is not shown to suffice."),
        rule(p, "ASSUME-DR-NOT-MARKED", "No Diffusion Restreinte information: no DR homologation needed",
              [eq("workload.data.diffusion_restreinte", False)], ("dr.homologation_required", False), ["dr-mention"],
              assumption="Follows the DR assumption above."),
        rule(p, "ASSUME-CLASSIFIED-IGI1300", "Classified information needs an information system homologated under IGI 1300",
              [eq("workload.data.classified", True)], ("classified.homologation_required", True), ["ii-2300"],
              assumption="Classified information is treated as outside the commercial-cloud rules: it needs a "
                         "homologated classified system; no cloud offering counts unless homologated as such."),
        rule(p, "ASSUME-NOT-CLASSIFIED", "No classified information: no classified homologation needed",
              [eq("workload.data.classified", False)], ("classified.homologation_required", False), ["ii-2300"],
              assumption="Follows the classified-information assumption above."),
    ]
