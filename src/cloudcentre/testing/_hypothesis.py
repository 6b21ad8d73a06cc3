"""The Hypothesis plugin: ``st.from_type(cloudcentre.Case)`` draws from our strategies.

Hypothesis calls :func:`_hypothesis_setup_hook` through the ``hypothesis`` entry point
(``pyproject.toml``) when it is imported; importing cloudcentre never imports
Hypothesis. The strategies module itself is imported only when a strategy is drawn.
"""

from __future__ import annotations

from typing import Any

__all__ = ["_hypothesis_setup_hook"]


def _strategy(name: str) -> Any:
    from hypothesis import strategies as st

    def build() -> Any:
        from . import strategies

        return getattr(strategies, name)()

    return st.deferred(build)


def _hypothesis_setup_hook() -> None:
    from hypothesis import strategies as st

    from ..model import case as m

    for cls, name in (
        (m.Case, "cases"),
        (m.Organisation, "organisations"),
        (m.WorkloadData, "workload_data"),
        (m.Workload, "workloads"),
        (m.Provider, "providers"),
        (m.Offering, "offerings"),
        (m.Certification, "certifications"),
        (m.Derogation, "derogations"),
    ):
        st.register_type_strategy(cls, _strategy(name))
