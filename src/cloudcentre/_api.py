"""The public entry points: :func:`assess`, the default rule pack, engines."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from typing import Any

from ._convert import case_from_dict
from ._decision import Decision, decide
from ._engine import CompiledPack, Engine, NativeEngine, compile_rules
from ._errors import InvalidCase, UnknownEngine
from ._facts import case_facts
from ._model import Case
from ._packs import PACKS, RULES

__all__ = ["assess", "default_pack", "get_engine", "rules_in_force"]

_ENGINES: dict[str, Engine] = {"native": NativeEngine()}


def get_engine(engine: str | Engine) -> Engine:
    """The backend called ``engine`` (``"native"``), or ``engine`` itself if it is one."""
    if not isinstance(engine, str):
        return engine
    try:
        return _ENGINES[engine]
    except KeyError:
        known = ", ".join(f"`{name}`" for name in sorted(_ENGINES))
        raise UnknownEngine(f"unknown engine `{engine}`; known engines: {known}") from None


@functools.cache
def default_pack() -> CompiledPack:
    """Every built-in rule pack, compiled once and shared."""
    return compile_rules(RULES)


def assess(
    case: Case | Mapping[str, Any],
    *,
    as_of: dt.date | None = None,
    engine: str | Engine = "native",
    pack: CompiledPack | None = None,
) -> Decision:
    """Decide whether ``case``'s workload may be hosted on its offering.

    ``as_of`` overrides the case's own date; with neither, today is used. The
    decision is a pure function of the case, the date, and the rule pack.
    """
    if not isinstance(case, Case):
        if not isinstance(case, Mapping):
            raise InvalidCase(
                f"`{type(case).__name__}` is not a case",
                path="$",
                hint="pass a Case or a dict in the case format",
            )
        case = case_from_dict(case)
    day = as_of or case.as_of or dt.date.today()
    backend = get_engine(engine)
    compiled = pack or default_pack()
    inference = backend.run(compiled, case_facts(case, day), day)
    return decide(compiled, inference, backend.name, case.id)


def rules_in_force(as_of: dt.date | None = None) -> tuple[Any, ...]:
    """The built-in rules (all of them, or those in force on ``as_of``), by pack order."""
    if as_of is None:
        return RULES
    return tuple(rule for rule in RULES if rule.in_force(as_of))


PACK_NAMES = tuple(pack.name for pack in PACKS)
