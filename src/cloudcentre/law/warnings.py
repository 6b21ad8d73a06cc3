"""Warnings the rules raise: a rule concluding ``warning.NAME = true`` adds this text to
the decision's ``warnings`` (something in the case the reader should check)."""

from __future__ import annotations

__all__ = ["WARNINGS", "WARNING_PREFIX"]

#: Fact-name prefix of the warnings rules conclude.
WARNING_PREFIX = "warning."

WARNINGS: dict[str, str] = {
    "citizens_privacy_secret": "the workload holds citizens' personal data but the case says "
    "no legal secret applies: most citizen files fall under the « vie privée » secret (CRPA "
    "L.311-6), which makes them sensitive from 1 June 2023; check `protected_secret`, or adopt "
    "the interpretation `citizens_personal_data=presumed_private_life_secret`",
    "own_hosting_on_commercial_offering": "`hds_exemption` is `own_hosting` but the offering is "
    "a commercial cloud: hosting on a third party's infrastructure is outsourced hosting, which "
    "needs an HDS-certified host (ANS FAQ)",
    "private_body_under_tutelle_unsettled": "under the interpretation "
    "`private_bodies_under_tutelle=unsettled`, whether the doctrine binds a private-law body "
    "under State tutelle is left open: the requirements it would impose stay unknown",
    "snc_stated_end_beyond_three_years": "a SecNumCloud qualification states an end date more "
    "than three years after its grant; the stated end date is used: check the certificate",
}
