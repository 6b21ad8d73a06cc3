"""Many decisions at once: :func:`assess_many` streams decisions in input order.

A decision depends only on the date and on the facts the rules and the decision read,
so cases that agree on those get the same decision: it is made once and kept in a
bounded cache (only the case's ``id`` differs). A case's parts (its organisation,
workload, provider, offering, derogation) are turned into facts once per part object,
so a portfolio that reuses the same offering objects for many workloads pays for each
offering once. Memory stays flat whatever the number of cases: the input is read
lazily, the caches are bounded, and at most a few chunks are in flight.

With ``workers=N`` (N > 1), chunks of cases go to N processes; decisions come back
pickled (the built-in rule pack travels as a reference) and are yielded in input order.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import itertools
from collections import OrderedDict, deque
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from .._errors import InvalidCase
from ..engine.base import CompiledPack, Engine
from ..law.interpretations import interpretation_fact, resolve_interpretations
from ..law.language import ENTITY, ForAll, Ref, Test
from ..law.requirements import REQUIREMENTS
from ..model.case import Case
from ..model.facts import SECTIONS, Fact, section_facts, value_sort_key
from .api import (
    DEROGATION_IN_FORCE,
    _as_case,
    _RemedyFinder,
    assess_facts,
    default_pack,
    get_engine,
)
from .outcome import Decision

__all__ = ["DEFAULT_CACHE_SIZE", "DEFAULT_CHUNK_SIZE", "assess_many"]

#: Distinct decisions kept (each holds its inference: a few tens of kilobytes).
DEFAULT_CACHE_SIZE = 4096
#: Cases sent to a worker process at a time.
DEFAULT_CHUNK_SIZE = 256
#: Part objects whose facts are kept (by identity).
_PARTS_KEPT = 4096

_Key = tuple[tuple[str, str, str], ...]


def assess_many(
    cases: Iterable[Case | Mapping[str, Any]],
    *,
    as_of: dt.date | None = None,
    workers: int = 1,
    engine: str | Engine = "native",
    pack: CompiledPack | None = None,
    cache_size: int = DEFAULT_CACHE_SIZE,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    interpretations: Mapping[str, str] | None = None,
) -> Iterator[Decision]:
    """Decide every case, yielding the decisions in input order, each equal to
    ``assess(case, as_of=as_of, engine=engine, pack=pack)``.

    ``cases`` may be any iterable (a generator over a large file): it is read as the
    decisions are consumed. A case that is not valid raises :class:`InvalidCase` when
    its turn comes, with the case's position in ``path`` (``[12].offering...``).
    ``workers=N`` decides chunks of ``chunk_size`` cases in N processes (the engine
    must then be given by name, and the pack, if any, must pickle). ``cache_size=0``
    turns the cache off. ``interpretations`` as for ``assess``, for every case.
    """
    if workers < 1:
        raise ValueError(f"`{workers}` workers: give at least 1")
    chosen = dict(interpretations or {})
    resolve_interpretations(chosen)  # fail fast on an unknown interpretation
    if workers == 1:
        batch = _Batch(as_of, get_engine(engine), pack or default_pack(), cache_size, chosen)
        return batch.run(cases)
    if not isinstance(engine, str):
        raise ValueError("with workers, give the engine by name (`native`, `durable`)")
    get_engine(engine)  # fail fast on an unknown engine
    return _parallel(cases, as_of, workers, engine, pack, cache_size, chunk_size, chosen)


class _Batch:
    """One process's share of a batch: the caches and the loop."""

    def __init__(
        self,
        as_of: dt.date | None,
        backend: Engine,
        pack: CompiledPack,
        cache_size: int,
        interpretations: dict[str, str] | None = None,
    ) -> None:
        self.as_of = as_of
        self.interpretations = interpretations or None
        self.interpreted = [
            Fact(interpretation_fact(name), value)
            for name, value in resolve_interpretations(interpretations).items()
        ]
        self.backend = backend
        self.pack = pack
        self.cache_size = cache_size
        self.read = _names_read(pack)
        self.decisions: OrderedDict[tuple[Any, ...], Decision] = OrderedDict()
        self.parts: OrderedDict[int, tuple[object, list[Fact], _Key]] = OrderedDict()

    def run(self, cases: Iterable[Case | Mapping[str, Any]], start: int = 0) -> Iterator[Decision]:
        for index, item in enumerate(cases, start):
            yield self.one(_located(item, index, self.as_of))

    def one(self, case: Case) -> Decision:
        day = self.as_of or case.as_of or dt.date.today()
        parts = [self._part(name, getattr(case, name)) for name in SECTIONS]
        key = (day, *(p[2] for p in parts))
        decision = self.decisions.get(key) if self.cache_size else None
        if decision is None:
            facts = [Fact("case.as_of", day.isoformat()), *self.interpreted]
            for part in parts:
                facts.extend(part[1])
            decision = assess_facts(
                case, day, tuple(facts), self.backend, self.pack, self.interpretations
            )
            if self.cache_size:
                self.decisions[key] = decision
                if len(self.decisions) > self.cache_size:
                    self.decisions.popitem(last=False)
        elif decision.subject is not case:
            decision = _renamed(decision, case, day, self.backend, self.pack, self.interpretations)
        return decision

    def _part(self, name: str, value: object) -> tuple[object, list[Fact], _Key]:
        """The facts of one part of a case, and the key made of those the rules read."""
        found = self.parts.get(id(value))
        if found is not None and found[0] is value:
            return found
        facts = section_facts(name, value)
        key = tuple(
            (f.name, f.entity, value_sort_key(f.value)) for f in facts if f.name in self.read
        )
        found = (value, facts, key)  # holding `value` keeps its id from being reused
        self.parts[id(value)] = found
        if len(self.parts) > _PARTS_KEPT:
            self.parts.popitem(last=False)
        return found


def _renamed(
    decision: Decision,
    case: Case,
    day: dt.date,
    backend: Engine,
    pack: CompiledPack,
    interpretations: Mapping[str, str] | None,
) -> Decision:
    """``decision`` made for ``case`` (its id, its subject, its remedies): an
    ``attrs.evolve`` that does not validate again what was valid."""
    new = object.__new__(Decision)
    for name in _DECISION_FIELDS:
        object.__setattr__(new, name, getattr(decision, name))
    object.__setattr__(new, "case", case.id)
    object.__setattr__(new, "subject", case)
    chosen = tuple(sorted((interpretations or {}).items()))
    finder = _RemedyFinder(case, decision, day, backend, pack, chosen)
    object.__setattr__(new, "finder", finder)
    return new


_DECISION_FIELDS = tuple(field.name for field in attrs.fields(Decision))


def _names_read(pack: CompiledPack) -> frozenset[str]:
    """The facts a decision can depend on: those the rules read, and those the decision
    reads itself (requirement facts, the derogation's coverage and force)."""
    cache_key = "names_read"
    found = pack.cache.get(cache_key)
    if isinstance(found, frozenset):
        return found
    names: set[str] = {DEROGATION_IN_FORCE, "derogation.covers", "case.as_of"}
    for req in REQUIREMENTS:
        names.update((req.applies, req.met))
    for rule in pack.rules:
        for cond in rule.conditions:
            names.add(cond.fact)
            if isinstance(cond, Test) and isinstance(cond.value, Ref) and cond.value != ENTITY:
                names.add(cond.value.fact)
            if isinstance(cond, ForAll):
                names.add(cond.fact)
    result = frozenset(names)
    pack.cache[cache_key] = result
    return result


def _located(item: Case | Mapping[str, Any], index: int, as_of: dt.date | None) -> Case:
    """``item`` as a case; an invalid one names its position in the input."""
    try:
        return _as_case(item, None, as_of)
    except InvalidCase as exc:
        path = exc.path if exc.path and exc.path != "$" else ""
        sep = "" if not path or path.startswith("[") else "."
        raise InvalidCase(
            exc.message, path=f"[{index}]{sep}{path}", value=exc.value, hint=exc.hint
        ) from None


# ----------------------------------------------------------------------------- processes
def _decide_chunk(
    cases: list[Case | Mapping[str, Any]],
    start: int,
    as_of: dt.date | None,
    engine: str,
    pack: CompiledPack | None,
    cache_size: int,
    interpretations: dict[str, str],
) -> list[Decision]:
    """A worker's job: one chunk, with the worker's own caches (kept between chunks)."""
    key = (as_of, engine, id(pack) if pack else None, tuple(sorted(interpretations.items())))
    batch = _WORKER_BATCHES.get(key)
    if batch is None:
        batch = _Batch(
            as_of, get_engine(engine), pack or default_pack(), cache_size, interpretations
        )
        _WORKER_BATCHES.clear()
        _WORKER_BATCHES[key] = batch
    return list(batch.run(cases, start))


_WORKER_BATCHES: dict[tuple[Any, ...], _Batch] = {}


def _parallel(
    cases: Iterable[Case | Mapping[str, Any]],
    as_of: dt.date | None,
    workers: int,
    engine: str,
    pack: CompiledPack | None,
    cache_size: int,
    chunk_size: int,
    interpretations: dict[str, str],
) -> Iterator[Decision]:
    items = iter(cases)
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers) as pool:
        pending: deque[concurrent.futures.Future[list[Decision]]] = deque()
        start = 0

        def submit() -> bool:
            nonlocal start
            chunk = list(itertools.islice(items, chunk_size))
            if not chunk:
                return False
            pending.append(
                pool.submit(
                    _decide_chunk, chunk, start, as_of, engine, pack, cache_size, interpretations
                )
            )
            start += len(chunk)
            return True

        while len(pending) < 2 * workers and submit():
            pass
        while pending:
            decisions = pending.popleft().result()
            submit()
            yield from decisions
