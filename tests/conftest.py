"""Test configuration: Hypothesis profiles.

``HYPOTHESIS_PROFILE`` names the profile to load; otherwise ``ci`` when the ``CI``
environment variable is set (CI runs with ``CI=true``), else ``default``.

* ``default``: 200 examples per property, no deadline (decisions on large cases can
  take a few milliseconds, and timing on shared machines is noisy).
* ``ci``: 300 examples, derandomized (same examples on every run), blobs printed so a
  failure can be replayed with ``@reproduce_failure``, and no ``too_slow`` health check.
* ``dev``: 50 examples, for quick local runs.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("default", max_examples=200, deadline=None)
settings.register_profile(
    "ci",
    max_examples=300,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=50, deadline=None)


def _profile() -> str:
    chosen = os.environ.get("HYPOTHESIS_PROFILE")
    if chosen:
        return chosen
    return "ci" if os.environ.get("CI") else "default"


settings.load_profile(_profile())
