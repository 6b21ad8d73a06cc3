"""Hypothesis strategies for cloudcentre cases: ``from cloudcentre.strategies import cases``.

The same as :mod:`cloudcentre.testing.strategies` (see there, and ``docs/testing.md``).
Needs Hypothesis: ``pip install 'cloudcentre[test]'``.
"""

from __future__ import annotations

from .testing.strategies import *  # noqa: F403
from .testing.strategies import __all__ as __all__
