"""Validity of certificates and qualifications.

Instruments and sources cited by this pack (see ``law/sources.py``):

- Code de la santé publique, article L.1111-8, I (2017-01-12) [csp-l1111-8]
- Référentiel SecNumCloud v3.2 (ANSSI), durée de validité de la qualification (undated) [snc-validity]
- Référentiel SecNumCloud v3.2 (ANSSI), processus de qualification (jalons J0 à J3) (undated) [snc-milestones]
"""

from __future__ import annotations

from ..language import Conclusion, Ref, Rule
from .common import AS_OF, eq, rule, t

NAME = "certificates"
TITLE = "Validity of certificates and qualifications"


def rules() -> list[Rule]:
    p = "certificates"
    c = "certificate"
    return [
        rule(p, "CERT-IN-FORCE", "A granted certificate counts between its validity dates",
              [t("certificate.scheme", "ne", "secnumcloud"), eq("certificate.status", "granted"),
               t("certificate.valid_from", "le", AS_OF), t("certificate.valid_until", "ge", AS_OF)],
              Conclusion("certificate.in_force", True), ["csp-l1111-8", "snc-validity"], for_each=c),
        rule(p, "SNC-CERT-IN-FORCE", "A granted SecNumCloud qualification counts between the dates it states",
              [eq("certificate.scheme", "secnumcloud"), eq("certificate.status", "granted"),
               t("certificate.valid_from", "le", AS_OF), t("certificate.valid_until", "ge", AS_OF)],
              Conclusion("certificate.in_force", True), ["snc-validity"], for_each=c),
        rule(p, "SNC-CERT-STATED-END-BEYOND-THREE-YEARS",
              "A SecNumCloud qualification states an end more than three years after its grant: the decision warns",
              [eq("certificate.scheme", "secnumcloud"),
               t("certificate.valid_until", "ge", Ref("certificate.valid_from", months=36))],
              Conclusion("warning.snc_stated_end_beyond_three_years", True, ""), ["snc-validity"], for_each=c),
        rule(p, "CERT-NOT-YET-VALID", "A certificate does not count before its start date",
              [t("certificate.valid_from", "gt", AS_OF)],
              Conclusion("certificate.in_force", False), ["csp-l1111-8", "snc-validity"], for_each=c),
        rule(p, "CERT-EXPIRED", "A certificate does not count after its end date",
              [t("certificate.valid_until", "lt", AS_OF)],
              Conclusion("certificate.in_force", False), ["csp-l1111-8", "snc-validity"], for_each=c),
        rule(p, "CERT-NOT-GRANTED", "A suspended, withdrawn or pending certificate (milestones J0 to J3) does not count",
              [t("certificate.status", "in", ("in_process", "suspended", "withdrawn"))],
              Conclusion("certificate.in_force", False), ["snc-milestones"], for_each=c),
    ]
