"""A user's own property tests, as in docs/testing.md (run with: python -m pytest FILE)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

import cloudcentre
from cloudcentre.strategies import cases, offerings
from cloudcentre.testing import check_all, check_monotone

#: Our hospital group's host holds an HDS v1 certificate granted before HDS v2.
HDS_V1 = cloudcentre.Certification(
    scheme="hds", status="granted", version="1", id="hds-v1-2023",
    valid_from=dt.date(2023, 1, 1), valid_until=dt.date(2027, 1, 1),
    hds_activities=(1, 2, 3, 4, 5, 6),
)
#: The 24-month transition of the HDS v2 referential.
TRANSITION = st.dates(dt.date(2024, 11, 16), dt.date(2026, 5, 16))


@settings(max_examples=50, deadline=None)
@given(cases(org_kind="public_hospital", health_data=True, as_of=TRANSITION,
             offering=offerings(certifications=[HDS_V1])))
def test_every_property_holds_for_our_hospitals(case: cloudcentre.Case) -> None:
    check_all(case)


@settings(max_examples=50, deadline=None)
@given(cases(org_kind="public_hospital", health_data=True, as_of=TRANSITION,
             offering=offerings(certifications=[HDS_V1])))
def test_adding_a_certificate_never_hurts(case: cloudcentre.Case) -> None:
    check_monotone(case, only=("certificate-in-force",))
