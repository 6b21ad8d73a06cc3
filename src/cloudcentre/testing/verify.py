"""``cloudcentre verify``: check a rule pack over its whole abstract input space.

The space (see :mod:`cloudcentre.testing.space`) is read from the compiled pack. For
each period of evaluation dates and each requirement, the facts that decide it are
evaluated by *symmetry*: inputs that no rule behind a fact reads are never crossed with
it. A set of facts whose inputs are few is enumerated outright with the engine; a larger
one is split into the facts its rules read, the parts whose inputs do not overlap are
evaluated separately and their outcomes crossed; when every part shares an input, the
evaluation is split on that input's values. The checks:

* no fact is derived with two values on one input, unless the pack declares that
  override (the requirements' facts then decide: a ``false`` wins);
* every rule fires somewhere (no dead rule);
* every requirement can be met, unmet and unknown (so every input gets exactly one
  verdict from the table, and every row is reachable);
* the legal monotonicities: more sensitive data never improves a requirement, an EU
  country instead of a non-EU one and a lower non-EU share never worsen one.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Iterable, Mapping
from typing import Any

from ..decide.decision import _bool_of, _status
from ..decide.outcome import Status
from ..engine.base import CompiledPack, FactStore, compile_rules, holds
from ..engine.compiled import Ambiguous, Run, plan_for
from ..engine.native import NativeEngine
from ..law.language import ENTITY, ForAll, Ref, Rule, Test
from ..law.requirements import REQUIREMENTS, Requirement
from ..model.facts import Fact
from .cases import build_part
from .fields import CERT, LISTED, MODEL, UNKNOWN, Key, key_of
from .monotone import MORE_IS_WORSE, flips
from .results import Failure, OKey, Report, Witness, _change, _covered, _Frame, _known, _Result
from .space import AS_OF, Space

__all__ = ["Failure", "Report", "verify_period"]

#: Sets of facts whose inputs have at most this many combinations are enumerated outright.
LIMIT = 1500

_ENGINE = NativeEngine()
#: Evaluations shared across periods and runs in one process, keyed by what decides them
#: (the facts, the pinned inputs, the rules, the abstract domains).
_SHARED: dict[Any, Any] = {}
_SHARED_SIZE = 20_000
_RANK = {Status.MET: 0, Status.NOT_APPLICABLE: 0, Status.DEROGATED: 1, Status.UNKNOWN: 2,
         Status.UNMET: 3}


class _Evaluator:
    def __init__(self, pack: CompiledPack, as_of: dt.date, report: Report,
                 overrides: Mapping[str, str]) -> None:
        self.space = Space(pack, as_of)
        self.as_of = as_of
        self.report = report
        self.overrides = overrides
        self.rules = pack.in_force(as_of)
        self.concluding: dict[str, list[Rule]] = {}
        for rule in self.rules:
            self.concluding.setdefault(rule.conclusion.fact, []).append(rule)
        self._cones: dict[Key, frozenset[Key]] = {}
        self._memo: dict[tuple[Any, ...], _Result] = {}
        self._packs: dict[frozenset[str], CompiledPack] = {}
        self._valid: dict[tuple[Any, ...], bool] = {}
        self.frames: list[_Frame] = [_Frame()]

    # -- structure ---------------------------------------------------------------
    def reads(self, name: str) -> set[Key]:
        out: set[Key] = set()
        for rule in self.concluding.get(name, ()):
            for cond in rule.conditions:
                out.add(key_of(cond.fact))
                if isinstance(cond, Test) and isinstance(cond.value, Ref) and \
                        cond.value is not ENTITY:
                    out.add(key_of(cond.value.fact))
        out.discard(key_of(AS_OF))
        return out

    def cone(self, key: Key) -> frozenset[Key]:
        found = self._cones.get(key)
        if found is not None:
            return found
        if key in self.space.domains:
            result = frozenset({key})
        else:
            self._cones[key] = frozenset()  # guards against a cycle
            result = frozenset().union(*(self.cone(k) for k in self.reads(key[0])))
        result = frozenset(self.space.closure(result))
        self._cones[key] = result
        return result

    def subpack(self, keys: Iterable[Key]) -> CompiledPack:
        names: set[str] = set()
        todo = [k[0] for k in keys]
        while todo:
            name = todo.pop()
            if name in names:
                continue
            names.add(name)
            todo += [k[0] for k in self.reads(name)]
        ids = frozenset(r.id for n in names for r in self.concluding.get(n, ()))
        pack = self._packs.get(ids)
        if pack is None:
            pack = compile_rules(r for r in self.rules if r.id in ids)
            self._packs[ids] = pack
        return pack

    # -- one run -------------------------------------------------------------------
    def run(self, pack: CompiledPack, facts: list[Fact], goals: tuple[Key, ...],
            witness: Witness) -> OKey:
        self.report.runs += 1
        inputs = [Fact(AS_OF, self.as_of.isoformat()), *facts]
        plan = plan_for(pack, self.as_of)
        if plan is not None:  # the compiled plan's own record: no canonical inference
            try:
                return self.read_run(plan.run(tuple(inputs)), facts, goals, witness)
            except Ambiguous:
                pass
        inference = _ENGINE.run(pack, inputs, self.as_of)
        values: dict[Key, set[Any]] = {}
        for fact in facts:
            values.setdefault(fact.key, set()).add(fact.value)
        frame = self.frames[-1]
        for fact, derivations in inference.derived:
            values.setdefault(fact.key, set()).add(fact.value)
            frame.fired.update(d.rule for d in derivations)
        derived_here = {fact.key for fact, _ in inference.derived}
        for key in derived_here:
            if len(values[key]) > 1:
                rules = tuple(sorted({d.rule for f, ds in inference.derived if f.key == key
                                      for d in ds}))
                frame.contradictions.append((key, rules, witness, self.as_of))
        return tuple(frozenset(values.get(goal, ())) for goal in goals)

    def read_run(self, run: Run, facts: list[Fact], goals: tuple[Key, ...],
                 witness: Witness) -> OKey:
        """What :meth:`run` reads from an inference, read from a compiled plan's run."""
        values: dict[Key, set[Any]] = {}
        for fact in facts:
            values.setdefault(fact.key, set()).add(fact.value)
        by: dict[Key, set[str]] = {}
        frame = self.frames[-1]
        for step, entity, *_ in run.fired:
            c = step.rule.conclusion
            key = (c.fact, c.entity if c.entity is not None else entity)
            values.setdefault(key, set()).add(c.value)
            by.setdefault(key, set()).add(step.rule_id)
        frame.fired.update(rule for rules in by.values() for rule in rules)
        for key in sorted(by):
            if len(values[key]) > 1:
                frame.contradictions.append((key, tuple(sorted(by[key])), witness,
                                             self.as_of))
        return tuple(frozenset(values.get(goal, ())) for goal in goals)

    def replay(self, frame: _Frame) -> None:
        """Report what an evaluation saw (computed now, or earlier and memoised)."""
        self.report.fired |= frame.fired
        for key, rules, witness, day in frame.contradictions:
            if key[0] in self.overrides:
                self.report.overrides.setdefault(key[0], set()).add(rules)
                continue
            self.report.fail(Failure(
                "contradiction",
                f"`{key[0]}` is derived both true and false (rules {', '.join(rules)})",
                day, tuple(sorted(witness.items(), key=repr))))

    @staticmethod
    def facts_of(assignment: Mapping[Key, Any]) -> list[Fact]:
        return [Fact(k[0], v, k[1]) for k, v in assignment.items() if v is not UNKNOWN]

    @staticmethod
    def owners(witnesses: Iterable[Witness]) -> set[str]:
        """The model classes (``workload.data``, ``certificate``...) witnesses set."""
        return {k[0].rpartition(".")[0] for w in witnesses for k in w}

    def crossing_needs_check(self, parts: list[_Result]) -> bool:
        """Whether merged witnesses may break the model: only when parts share a class
        (each part's witnesses are valid on their own, and the model's constraints hold
        within one class)."""
        seen: set[str] = set()
        for part in parts:
            owners = self.owners(part.outcomes.values())
            if owners & seen:
                return True
            seen |= owners
        return False

    def sharing(self, parts: list[_Result]) -> dict[str, list[int]]:
        """Each model class that the witnesses of two parts or more set, with the indices
        of those parts: a crossing is valid when each such class is (each part's own
        witnesses are valid, and the model's constraints hold within one class)."""
        owners = [self.owners(part.outcomes.values()) | self.owners(
            w for pairs in part.flips.values() for ws in pairs.values() for w in ws)
            for part in parts]
        out: dict[str, list[int]] = {}
        for owner in sorted(set().union(*owners)):
            indices = [i for i, mine in enumerate(owners) if owner in mine]
            if len(indices) > 1:
                out[owner] = indices
        return out

    def valid(self, assignment: Mapping[Key, Any]) -> bool:
        by_class: dict[str, list[tuple[str, Any]]] = {}
        for key, value in assignment.items():
            info = MODEL.get(key[0])
            if info is None or value is UNKNOWN or key[0] == LISTED:
                continue
            owner, _, field = key[0].rpartition(".")
            by_class.setdefault(owner, []).append((field, value))
        for owner, items in by_class.items():
            token = (owner, tuple(sorted(items, key=repr)))
            ok = self._valid.get(token)
            if ok is None:
                ok = build_part(owner, dict(items), self.as_of)
                self._valid[token] = ok
            if not ok:
                return False
        return True

    # -- evaluation ------------------------------------------------------------------
    def evaluate(self, goals: tuple[Key, ...], fixed: Mapping[Key, Any]) -> _Result:
        cone = frozenset().union(*(self.cone(g) for g in goals))
        fixed = {k: v for k, v in fixed.items() if k in cone}
        token = (goals, tuple(sorted(fixed.items(), key=repr)))
        found = self._memo.get(token)
        if found is not None:
            return found
        free = [k for k in cone if k not in fixed]
        size = math.prod(len(self.space.domains[k]) for k in free)
        shared = (goals, tuple(sorted(fixed.items(), key=repr)), self.subpack(goals).rules,
                  tuple((k, self.space.domains[k]) for k in sorted(cone)))
        earlier: _Result | None = _SHARED.get(shared)
        if earlier is not None:  # the same evaluation, in an earlier period or run
            self._memo[token] = earlier
            self.replay(earlier.frame)
            self.frames[-1].merge(earlier.frame)
            return earlier
        self.frames.append(_Frame())
        if size <= LIMIT:
            result = self.enumerate(goals, cone, fixed)
        else:
            groups = self.groups(list(goals), fixed)
            if len(groups) > 1:
                result = self.cross(goals, [self.evaluate(g, fixed) for g in groups])
            else:
                result = self.split(goals, cone, fixed)
        result.frame = self.frames.pop()
        self.replay(result.frame)
        self.frames[-1].merge(result.frame)
        self._memo[token] = result
        if len(_SHARED) > _SHARED_SIZE:
            _SHARED.clear()
        _SHARED[shared] = result
        return result

    def cross(self, goals: tuple[Key, ...], parts: list[_Result]) -> _Result:
        """Independent parts: their outcomes combine without running the rules."""
        result = _Result(goals)
        order = [(i, part.goals.index(g)) for g in goals
                 for i, part in enumerate(parts) if g in part.goals]

        def join(keys: list[OKey]) -> OKey:
            return tuple(keys[i][j] for i, j in order)

        choices = [list(part.outcomes.items()) for part in parts]
        check = self.crossing_needs_check(parts)
        for combo in _product(choices):
            witness: Witness = {}
            for _, w in combo:
                witness.update(w)
            if not check or self.valid(witness):
                result.add(join([k for k, _ in combo]), witness)
        for index, part in enumerate(parts):
            others = choices[:index] + choices[index + 1:]
            for name, pairs in part.flips.items():
                for (before, after), (wb, wa) in pairs.items():
                    for combo in _product(others):
                        rest = [k for k, _ in combo]
                        merged: Witness = {}
                        for _, w in combo:
                            merged.update(w)
                        if check and not (self.valid({**merged, **wb})
                                          and self.valid({**merged, **wa})):
                            continue
                        result.add_flip(
                            name,
                            (join([*rest[:index], before, *rest[index:]]),
                             join([*rest[:index], after, *rest[index:]])),
                            ({**merged, **wb}, {**merged, **wa}))
        return result

    def enumerate(self, goals: tuple[Key, ...], cone: frozenset[Key],
                  fixed: Mapping[Key, Any]) -> _Result:
        result = _Result(goals)
        pack = self.subpack(goals)
        seen: dict[tuple[Any, ...], OKey] = {}
        assignments = [a for a in self.space.assignments(cone, fixed) if self.valid(a)]
        for assignment in assignments:
            outcome = self.run(pack, self.facts_of(assignment), goals, assignment)
            seen[tuple(sorted(assignment.items(), key=repr))] = outcome
            result.add(outcome, assignment)
        for assignment in assignments:
            before = seen[tuple(sorted(assignment.items(), key=repr))]
            for fact, value in assignment.items():
                if fact in fixed:
                    continue
                for name, new in flips(self.space, fact, value):
                    changed = {**assignment, fact: new}
                    after = seen.get(tuple(sorted(changed.items(), key=repr)))
                    if after is not None:
                        result.add_flip(name, (before, after), (assignment, changed))
        return result

    def split(self, goals: tuple[Key, ...], cone: frozenset[Key],
              fixed: Mapping[Key, Any]) -> _Result:
        sub: set[Key] = set()
        for goal in goals:
            if goal in self.space.domains:
                sub.add(goal)
            else:
                sub |= self.reads(goal[0])
        sub = self.space.closure(sub)
        groups = self.groups(sorted(sub), fixed)
        if any(set(group) >= set(goals) for group in groups) and all(
            k in self.space.domains for k in sub
        ):
            return self.condition(goals, cone, fixed)
        parts = [self.evaluate(group, fixed) for group in groups]
        return self.combine(goals, parts)

    def groups(self, keys: list[Key], fixed: Mapping[Key, Any]) -> list[tuple[Key, ...]]:
        groups: list[tuple[set[Key], set[Key]]] = []  # (keys, inputs)
        for key in keys:
            inputs = set(self.cone(key)) - set(fixed)
            merged = ({key}, inputs)
            rest = []
            for group in groups:
                if group[1] & merged[1]:
                    merged = (merged[0] | group[0], merged[1] | group[1])
                else:
                    rest.append(group)
            groups = [*rest, merged]
        return sorted(tuple(sorted(g[0])) for g in groups)

    def condition(self, goals: tuple[Key, ...], cone: frozenset[Key],
                  fixed: Mapping[Key, Any]) -> _Result:
        """Split the evaluation on the values of the input the most facts read."""
        counts: dict[Key, int] = {}
        for goal in goals:
            for key in self.cone(goal):
                if key not in fixed:
                    counts[key] = counts.get(key, 0) + 1
        flippable = {k for k in counts if any(
            flips(self.space, k, v) for v in self.space.domains[k])}
        chosen = max(counts, key=lambda k: (k not in flippable, counts[k],
                                            -len(self.space.domains[k]), k))
        result = _Result(goals)
        for value in self.space.domains[chosen]:
            part = self.evaluate(goals, {**fixed, chosen: value})
            for outcome, witness in part.outcomes.items():
                result.add(outcome, witness)
            for name, pairs in part.flips.items():
                for pair, witnesses in pairs.items():
                    result.add_flip(name, pair, witnesses)
        return result

    def classes(self, part: _Result, pack: CompiledPack, goals: tuple[Key, ...]
                ) -> dict[OKey, OKey]:
        """Each outcome of ``part`` mapped to a representative the rules cannot tell from
        it: same truth for every condition that reads only this part's facts, same values
        for the facts read together with another part's (or by ``ForAll``), and for the
        goals themselves."""
        inside = set(part.goals)
        index = {goal: i for i, goal in enumerate(part.goals)}
        probes: list[tuple[Rule, tuple[Any, ...], str] | Key] = []
        for rule in pack.rules:
            binding = CERT if rule.for_each else ""
            local = []
            for cond in rule.conditions:
                read = {key_of(cond.fact)}
                if isinstance(cond, Test) and isinstance(cond.value, Ref) and \
                        cond.value is not ENTITY and cond.value.fact != AS_OF:
                    read.add(key_of(cond.value.fact))
                if not read & inside:
                    continue
                if isinstance(cond, ForAll) or read - inside:
                    probes += sorted(read & inside)
                else:
                    local.append(cond)
            if local:  # whether this part lets the rule fire, as far as it goes
                probes.append((rule, tuple(local), binding))
        probes += [g for g in goals if g in inside]
        reps: dict[OKey, OKey] = {}
        seen: dict[tuple[Any, ...], OKey] = {}
        for key in sorted(part.outcomes, key=lambda k: _known(part.outcomes[k])):
            store = FactStore()
            store.add(Fact(AS_OF, self.as_of.isoformat()))
            for goal, values in zip(part.goals, key, strict=True):
                for value in values:
                    store.add(Fact(goal[0], value, goal[1]))
            signature = tuple(
                key[index[probe]] if not isinstance(probe[0], Rule)
                else all(holds(probe[0], c, probe[2], store) is not None for c in probe[1])
                for probe in probes
            )
            reps[key] = seen.setdefault(signature, key)
        return reps

    def concluding_pack(self, goals: tuple[Key, ...]) -> CompiledPack:
        """The rules that conclude ``goals``: all a combination runs, since the parts
        give every fact they read (the parts' own rules were run, and their firings and
        contradictions recorded, when the parts were evaluated)."""
        ids = frozenset(r.id for g in goals for r in self.concluding.get(g[0], ()))
        pack = self._packs.get(ids)
        if pack is None:
            pack = compile_rules(r for r in self.rules if r.id in ids)
            self._packs[ids] = pack
        return pack

    def combine(self, goals: tuple[Key, ...], parts: list[_Result]) -> _Result:
        result = _Result(goals)
        pack = self.concluding_pack(goals)
        cache: dict[tuple[OKey, ...], OKey] = {}

        # Each goal is derived by its own rules from the parts they read (every part
        # is complete for its goals): one run per goal and choice of those parts only,
        # not per choice of every part.
        per_goal = []
        for goal in goals:
            rules = self.concluding.get(goal[0], [])
            names = {goal[0]} | {n[0] for r in rules for n in _rule_reads(r)}
            entities = any(r.for_each or any(isinstance(c, ForAll) for c in r.conditions)
                           for r in rules)
            used = tuple(i for i, part in enumerate(parts) if any(
                g[0] in names or (entities and g[1]) for g in part.goals))
            per_goal.append((goal, self.concluding_pack((goal,)) if rules else None, used,
                             dict[tuple[OKey, ...], frozenset[Any]]()))

        def outcome(keys: tuple[OKey, ...], witness: Witness) -> OKey:
            found = cache.get(keys)
            if found is None:
                values: list[frozenset[Any]] = []
                for goal, goal_pack, used, memo in per_goal:
                    chosen = tuple(keys[i] for i in used)
                    value = memo.get(chosen)
                    if value is None:
                        facts: list[Fact] = []
                        for i in used:
                            for g, vs in zip(parts[i].goals, keys[i], strict=True):
                                facts += [Fact(g[0], v, g[1]) for v in vs]
                        if goal_pack is None:  # an input: as the parts give it
                            value = frozenset(f.value for f in facts if f.key == goal)
                        else:
                            value = self.run(goal_pack, facts, (goal,), witness)[0]
                        memo[chosen] = value
                    values.append(value)
                found = cache[keys] = tuple(values)
            return found

        reps = [self.classes(part, pack, goals) for part in parts]
        choices = [[(k, part.outcomes[k]) for k in sorted(set(rep.values()), key=repr)]
                   for part, rep in zip(parts, reps, strict=True)]
        check = self.crossing_needs_check(parts)
        # Only the parts that share a model class with another can make a crossing
        # invalid: validity is decided by their witnesses alone, and memoised on them.
        shared = self.sharing(parts) if check else {}
        valid_memo: dict[tuple[Any, ...], bool] = {}

        def valid(ws: list[Witness]) -> bool:
            for owner, indices in shared.items():
                token = (owner, *(id(ws[i]) for i in indices))
                ok = valid_memo.get(token)
                if ok is None:
                    merged: Witness = {}
                    for i in indices:
                        merged.update((k, v) for k, v in ws[i].items()
                                      if k[0].rpartition(".")[0] == owner)
                    ok = self.valid(merged)
                    valid_memo[token] = ok
                if not ok:
                    return False
            return True

        for combo in _product(choices):
            keys = tuple(k for k, _ in combo)
            if check and not valid([w for _, w in combo]):
                continue
            witness: Witness = {}
            for _, w in combo:
                witness.update(w)
            result.add(outcome(keys, witness), witness)
        for index, part in enumerate(parts):
            others = choices[:index] + choices[index + 1:]
            for name, pairs in part.flips.items():
                # A change the rules cannot tell from no change leaves every outcome as it
                # is (no failure is possible); changes between the same two classes give
                # the same crossed outcomes: each is crossed once.
                distinct: dict[tuple[OKey, OKey], tuple[Witness, Witness]] = {}
                for (raw_before, raw_after), (wb, wa) in pairs.items():
                    before, after = reps[index][raw_before], reps[index][raw_after]
                    if before != after:
                        distinct.setdefault((before, after), (wb, wa))
                for (before, after), (wb, wa) in distinct.items():
                    for combo in _product(others):
                        rest = [k for k, _ in combo]
                        ws = [w for _, w in combo]
                        if check and not (valid([*ws[:index], wb, *ws[index:]])
                                          and valid([*ws[:index], wa, *ws[index:]])):
                            continue
                        merged: Witness = {}
                        for w in ws:
                            merged.update(w)
                        kb = (*rest[:index], before, *rest[index:])
                        ka = (*rest[:index], after, *rest[index:])
                        result.add_flip(
                            name, (outcome(kb, {**merged, **wb}), outcome(ka, {**merged, **wa})),
                            ({**merged, **wb}, {**merged, **wa}))
        return result


def _rule_reads(rule: Rule) -> set[Key]:
    out = {key_of(c.fact) for c in rule.conditions}
    for cond in rule.conditions:
        if isinstance(cond, Test) and isinstance(cond.value, Ref) and cond.value is not ENTITY:
            out.add(key_of(cond.value.fact))
    return out


def _product(choices: list[list[tuple[OKey, Witness]]]
             ) -> Iterable[tuple[tuple[OKey, Witness], ...]]:
    return itertools.product(*choices)


# ----------------------------------------------------------------------------- requirements
def _statuses(req: Requirement, goals: tuple[Key, ...], key: OKey, covered: bool) -> Status:
    values = dict(zip(goals, key, strict=True))
    applies = _bool_of(values[key_of(req.applies)], false_wins=False)
    met = _bool_of(values[key_of(req.met)], false_wins=True)
    status = _status(applies, met)
    if covered and status in (Status.UNMET, Status.UNKNOWN):
        derogation = _bool_of(values[key_of("derogation.in_force")], false_wins=True)
        if derogation is True:
            return Status.DEROGATED
        if derogation is None:
            return Status.UNKNOWN
    return status


def verify_period(pack: CompiledPack, as_of: dt.date, report: Report,
                  overrides: Mapping[str, str],
                  requirements: tuple[Requirement, ...] = REQUIREMENTS) -> None:
    """Check every requirement over the abstract space on ``as_of`` (one period)."""
    ev = _Evaluator(pack, as_of, report, overrides)
    report.periods.append(as_of)
    report.space_size += math.prod(len(d) for d in ev.space.domains.values())
    read = {key_of(r.applies)[0] for r in requirements} | {key_of(r.met)[0] for r in requirements}
    for req in requirements:
        goals = [key_of(req.applies), key_of(req.met)]
        marker = ev.space.markers.get("derogation")
        if req.derogable and marker is not None:
            goals += [key_of("derogation.in_force"), marker]
        ordered = tuple(sorted(set(goals)))
        result = ev.evaluate(ordered, {})
        found = report.statuses.setdefault(req.id, set())
        for key in result.outcomes:
            for covered in _covered(ordered, key, req, marker):
                status = _statuses(req, ordered, key, covered)
                found.add(status)
        for name, pairs in result.flips.items():
            for (before, after), (wb, wa) in pairs.items():
                for covered in _covered(ordered, before, req, marker):
                    if covered not in _covered(ordered, after, req, marker):
                        continue
                    report.pairs += 1
                    sb = _statuses(req, ordered, before, covered)
                    sa = _statuses(req, ordered, after, covered)
                    worse = _RANK[sa] > _RANK[sb]
                    better = _RANK[sa] < _RANK[sb]
                    if (better if name in MORE_IS_WORSE else worse):
                        report.fail(Failure(
                            "monotonicity",
                            f"{name}: requirement {req.id} goes from {sb.value} to {sa.value} "
                            f"when {_change(wb, wa)}",
                            as_of, tuple(sorted(wb.items(), key=repr)),
                            (req.id,) if covered else (),
                        ))
    # Derived facts that no rule and no requirement reads: evaluate them for dead rules.
    reads = {c.fact for r in ev.rules for c in r.conditions}
    for name in sorted(pack.derived - reads - read):
        ev.evaluate((key_of(name),), {})
