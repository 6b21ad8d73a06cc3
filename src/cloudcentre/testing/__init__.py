"""A testing kit for users of cloudcentre: properties, strategies and the verifier.

* :mod:`cloudcentre.testing` (this module): property checks to call in your own tests,
  each raising an :class:`AssertionError` that names the property and prints the
  counterexample case as JSON. No Hypothesis needed.
* :mod:`cloudcentre.strategies`: Hypothesis strategies for cases (needs
  ``pip install 'cloudcentre[test]'``).
* ``cloudcentre verify``: the exhaustive check of the rule packs over their abstract
  input space (:mod:`cloudcentre.testing.verify`).

See ``docs/testing.md``.
"""

from __future__ import annotations

from .forget import Path, removable_paths, set_unknown
from .properties import (
    MONOTONICITY_EXCEPTIONS,
    PROPERTIES,
    PropertyFailed,
    check_all,
    check_deterministic,
    check_fail_closed,
    check_json_round_trip,
    check_justification_sound,
    check_monotone,
    check_order_independent,
    verdict_rank,
)

__all__ = [
    "MONOTONICITY_EXCEPTIONS",
    "PROPERTIES",
    "Path",
    "PropertyFailed",
    "check_all",
    "check_deterministic",
    "check_fail_closed",
    "check_json_round_trip",
    "check_justification_sound",
    "check_monotone",
    "check_order_independent",
    "removable_paths",
    "set_unknown",
    "verdict_rank",
]
