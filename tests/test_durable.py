"""The durable-rules backend: equal to the native engine, and safe to embed.

Most tests need durable-rules and skip without it (on Python 3.13 CI installs the
package without it); the tests of the missing-dependency error run everywhere.
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, note, settings
from hypothesis import strategies as st

import cloudcentre as cc
import handmade_packs
from cloudcentre._cli import main
from cloudcentre.decide import api as _api
from cloudcentre.decide.decision import decide
from cloudcentre.engine.base import FactStore, match
from cloudcentre.model.facts import Fact, case_facts
from cloudcentre.strategies import cases, interpretations
from handmade_packs import CITE, DAY, NAN

try:
    from cloudcentre.engine import durable as _durable

    MISSING = ""
except cc.UnknownEngine as exc:  # durable-rules not installed, or not built for this Python
    MISSING = str(exc)

needs_durable = pytest.mark.skipif(bool(MISSING), reason=f"durable-rules unavailable: {MISSING}")

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(
    p
    for folder in (ROOT / "examples", ROOT / "tests" / "cases")
    for p in folder.glob("*.json")
    if not p.name.endswith(".expected.json")
)
EXAMPLES = [p for p in FILES if p.parent.name == "examples"]
PACK = cc.default_pack()
NATIVE = cc.NativeEngine()

#: The differential property runs at least 2,000 examples, whatever the profile.
DIFFERENTIAL = settings(
    max_examples=max(2000, settings().max_examples),
    suppress_health_check=[HealthCheck.too_slow],
)


def _params(paths: list[Path]) -> list[Any]:
    return [pytest.param(p, id=f"{p.parent.name}/{p.stem}") for p in paths]


def _case(path: Path) -> cc.Case:
    return cc.case_from_json(path.read_text(encoding="utf-8"))


def _without_engine(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key != "engine"}


def _durable_engine() -> _durable.DurableEngine:
    engine = cc.get_engine("durable")
    assert isinstance(engine, _durable.DurableEngine)
    return engine


def _check_trace(trace: _durable.Trace, reference: cc.Inference, pack: cc.CompiledPack) -> None:
    """The durable run equals the native one, and its actions recorded true premises.

    Every canonical derivation's premises are among those its durable activations
    recorded, and each recorded set of premises alone satisfies the rule. A Rete
    engine fires once per matching combination of facts, so when some fact has several
    values a rule may have several; when every fact has one value, each rule
    application was matched exactly once, by its canonical premises.

    Comparisons go through ``repr``: stricter than ``==`` (``1``, ``1.0`` and ``True``
    differ) and true for NaN, which is not equal to itself.
    """
    assert repr(trace.inference) == repr(reference)
    canonical = {(d.rule, d.entity): repr(d.premises) for _, ds in reference.derived for d in ds}
    assert set(trace.premises) == set(canonical)
    facts = {repr(f) for f in reference.facts()}
    keys = [f.key for f in reference.facts()]
    single_valued = len(keys) == len(set(keys))
    for (rule_id, entity), premises in canonical.items():
        recorded = {repr(one) for one in trace.premises[(rule_id, entity)]}
        assert premises in recorded, (rule_id, entity, premises, recorded)
        for one in trace.premises[(rule_id, entity)]:
            assert {repr(f) for f in one} <= facts
            witnesses = FactStore()
            for fact in one:
                witnesses.add(fact)
            assert match(pack.rule(rule_id), entity, witnesses) is not None, (rule_id, one)
        if single_valued:
            assert recorded == {premises}, (rule_id, entity, recorded)


# ----------------------------------------------------------------------------- installation
def test_import_cloudcentre_does_not_import_durable() -> None:
    code = (
        "import sys, cloudcentre; cloudcentre.assess; "
        "assert not any(m == 'durable' or m.startswith(('durable.', 'durable_rules')) "
        "or m == 'cloudcentre.engine.durable' for m in sys.modules), sorted(sys.modules)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr


def _hide_durable(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("durable", "durable.engine", "durable_rules_engine"):
        monkeypatch.setitem(sys.modules, name, None)  # makes `import name` fail
    monkeypatch.delitem(sys.modules, "cloudcentre.engine.durable", raising=False)
    monkeypatch.setattr(_api, "_ENGINES", {"native": cc.NativeEngine()})


def _durable_cc() -> str:
    return 'CC="gcc -DPyEval_CallObject=PyObject_CallObject"'


def _expected_install_line() -> str:
    if sys.version_info >= (3, 13):
        return _durable_cc() + " pip install 'cloudcentre[durable]'"
    return "pip install 'cloudcentre[durable]'"


def test_missing_durable_is_an_unknown_engine_with_the_install_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _hide_durable(monkeypatch)
    with pytest.raises(cc.UnknownEngine) as info:
        cc.get_engine("durable")
    assert isinstance(info.value, LookupError)
    assert isinstance(info.value, cc.CloudcentreError)
    assert _expected_install_line() in str(info.value)
    with pytest.raises(cc.UnknownEngine, match="durable-rules"):
        cc.assess(_case(EXAMPLES[0]), engine="durable")
    # The native engine is unaffected.
    assert cc.assess(_case(EXAMPLES[0])).engine == "native"


def test_missing_durable_on_the_command_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _hide_durable(monkeypatch)
    code = main(["assess", str(EXAMPLES[0]), "--engine", "durable"])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert _expected_install_line() in err


@needs_durable
def test_install_line_per_python_version() -> None:
    assert _durable.install_line((3, 11)) == "pip install 'cloudcentre[durable]'"
    assert _durable.install_line((3, 13)) == (
        "CC=\"gcc -DPyEval_CallObject=PyObject_CallObject\" pip install 'cloudcentre[durable]'"
    )
    assert "Python 3.13" in _durable.missing_message((3, 13))
    assert _durable.install_line((3, 14)) in _durable.missing_message((3, 14))


def test_unknown_engine_lists_durable() -> None:
    with pytest.raises(cc.UnknownEngine, match="`durable`, `native`"):
        cc.get_engine("rete")


# ------------------------------------------------------------------------ examples, golden cases
@needs_durable
@pytest.mark.parametrize("path", _params(FILES))
def test_api_gives_the_native_decision(path: Path) -> None:
    case = _case(path)
    native = cc.assess(case)
    durable = cc.assess(case, engine="durable")
    assert durable.engine == "durable"
    assert _without_engine(durable.to_dict()) == _without_engine(native.to_dict())
    assert durable.inference == native.inference
    expected = json.loads(path.with_name(path.stem + ".expected.json").read_text("utf-8"))
    assert durable.verdict.value == expected["verdict"]


@needs_durable
@pytest.mark.parametrize("path", _params(EXAMPLES))
def test_console_output_is_the_native_one(path: Path) -> None:
    """``cloudcentre assess X --engine durable --format json``, as a separate process."""
    outputs = []
    for engine in ("native", "durable"):
        proc = subprocess.run(
            [sys.executable, "-m", "cloudcentre", "assess", str(path), "--format", "json",
             "--engine", engine],
            capture_output=True, text=True, encoding="utf-8", check=False, timeout=120,
        )
        assert proc.stderr == ""
        outputs.append((proc.returncode, proc.stdout))
    (native_code, native_out), (durable_code, durable_out) = outputs
    assert durable_code == native_code
    assert durable_out == native_out.replace('"engine": "native"', '"engine": "durable"')


@needs_durable
@pytest.mark.parametrize("fmt", ["json", "text"])
@pytest.mark.parametrize("path", _params(FILES))
def test_cli_prints_what_the_native_engine_prints(
    path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    native_code = main(["assess", str(path), "--format", fmt])
    native_out, native_err = capsys.readouterr()
    durable_code = main(["assess", str(path), "--format", fmt, "--engine", "durable"])
    durable_out, durable_err = capsys.readouterr()
    assert durable_code == native_code
    assert native_err == durable_err == ""
    if fmt == "json":
        native_data, durable_data = json.loads(native_out), json.loads(durable_out)
        assert durable_data["engine"] == "durable"
        assert _without_engine(durable_data) == _without_engine(native_data)
        native_out = native_out.replace('"engine": "native"', '"engine": "durable"')
    else:
        native_out = native_out.replace("(native engine)", "(durable engine)")
    assert durable_out == native_out


@needs_durable
@pytest.mark.parametrize("path", _params(EXAMPLES))
def test_timeline_is_the_same(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = _case(path)
    native = cc.timeline(case)
    durable = cc.timeline(case, engine="durable")
    assert durable.engine == "durable"
    assert durable.periods == native.periods
    native_code = main(["timeline", str(path), "--format", "json"])
    native_out, _ = capsys.readouterr()
    durable_code = main(["timeline", str(path), "--format", "json", "--engine", "durable"])
    durable_out, _ = capsys.readouterr()
    assert durable_code == native_code
    assert _without_engine(json.loads(durable_out)) == _without_engine(json.loads(native_out))


@needs_durable
@pytest.mark.parametrize("path", _params(FILES))
def test_recorded_premises_are_the_canonical_ones(path: Path) -> None:
    case = _case(path)
    assert case.as_of is not None
    facts = case_facts(case, case.as_of)
    reference = NATIVE.run(PACK, facts, case.as_of)
    _check_trace(_durable_engine().trace(PACK, facts, case.as_of), reference, PACK)


# ----------------------------------------------------------------------------- differential
@needs_durable
@DIFFERENTIAL
@given(cases())
def test_differential_generated_cases(case: cc.Case) -> None:
    """Both engines: same inference (facts, derivations), same decision JSON."""
    assert case.as_of is not None
    day = case.as_of
    facts = case_facts(case, day)
    reference = NATIVE.run(PACK, facts, day)
    trace = _durable_engine().trace(PACK, facts, day)
    note(f"ruleset: {trace.ruleset}")
    _check_trace(trace, reference, PACK)
    # What assess() does with each engine's inference (the API runs on the golden corpus).
    native = decide(PACK, reference, "native", case.id)
    durable = decide(PACK, trace.inference, "durable", case.id)
    assert _without_engine(durable.to_dict()) == _without_engine(native.to_dict())


@needs_durable
@given(cases(), interpretations())
def test_differential_under_drawn_interpretations(case: cc.Case, chosen: dict[str, str]) -> None:
    """Both engines agree whatever the readings of the contested points."""
    assert case.as_of is not None
    facts = case_facts(case, case.as_of, chosen)
    reference = NATIVE.run(PACK, facts, case.as_of)
    trace = _durable_engine().trace(PACK, facts, case.as_of)
    _check_trace(trace, reference, PACK)
    native = decide(PACK, reference, "native", case.id)
    durable = decide(PACK, trace.inference, "durable", case.id)
    assert _without_engine(durable.to_dict()) == _without_engine(native.to_dict())


@needs_durable
@given(cases())
def test_differential_host_only_ruleset(case: cc.Case) -> None:
    """The fallback ruleset (every condition on the host) gives the same inference."""
    assert case.as_of is not None
    facts = case_facts(case, case.as_of)
    trace = _durable_engine().trace(PACK, facts, case.as_of, host_only=True)
    assert trace.ruleset == "host"
    _check_trace(trace, NATIVE.run(PACK, facts, case.as_of), PACK)


# Hand-made packs over values of every type (tests/handmade_packs.py).
@needs_durable
@settings(
    max_examples=max(300, settings().max_examples),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(st.data())
def test_differential_hand_made_packs_and_values(data: st.DataObject) -> None:
    count = data.draw(st.integers(1, 6), label="rules")
    rules = [data.draw(handmade_packs.rule(i), label=f"R{i}") for i in range(count)]
    try:
        pack = cc.compile_rules(rules)
    except cc.InvalidRulePack:
        assume(False)
        raise  # pragma: no cover - assume(False) raises
    facts = data.draw(handmade_packs.facts(), label="facts")
    reference = NATIVE.run(pack, facts, DAY)
    trace = _durable_engine().trace(pack, facts, DAY)
    note(f"ruleset: {trace.ruleset}")
    _check_trace(trace, reference, pack)
    _check_trace(_durable_engine().trace(pack, facts, DAY, host_only=True), reference, pack)


# ----------------------------------------------------------------------------- safety
def _mk(rule_id: str, conditions: Iterable[cc.Test | cc.ForAll], fact: str, value: Any = True,
        **kw: Any) -> cc.Rule:
    return cc.Rule(id=rule_id, title=rule_id, pack="test", conditions=tuple(conditions),
                   conclusion=cc.Conclusion(fact, value), citations=(CITE,), **kw)


SMALL = cc.compile_rules([
    _mk("A", [cc.Test("a", cc.Op.EQ, True)], "b"),
    _mk("BOOM", [cc.Test("b", cc.Op.EQ, True)], "c"),
    _mk("C", [cc.Test("c", cc.Op.EQ, True)], "d"),
])


@needs_durable
def test_facts_no_rule_matches_are_harmless() -> None:
    """durable raises MessageNotHandledException for such facts; it must not escape."""
    engine = _durable_engine()
    for facts in ([Fact("a", False)], [Fact("zzz", 1)], [Fact("a", True), Fact("zzz", 1)], []):
        facts = [Fact("case.as_of", DAY.isoformat()), *facts]
        assert engine.run(SMALL, facts, DAY) == NATIVE.run(SMALL, facts, DAY)
    derived = engine.run(SMALL, [Fact("a", True), Fact("zzz", 1)], DAY).derivations()
    assert set(derived) == {Fact("b", True), Fact("c", True), Fact("d", True)}


@needs_durable
def test_an_exception_in_an_action_names_the_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    fire = _durable._Session.fire

    def failing(self: Any, plan: Any, c: Any) -> None:
        if plan.rule.id == "BOOM":
            raise ZeroDivisionError("boom")
        fire(self, plan, c)

    monkeypatch.setattr(_durable._Session, "fire", failing)
    engine = _durable_engine()
    with pytest.raises(cc.EngineError, match=r"rule `BOOM`.*ZeroDivisionError: boom") as info:
        engine.run(SMALL, [Fact("a", True)], DAY)
    assert isinstance(info.value, cc.CloudcentreError)
    assert isinstance(info.value.__cause__, ZeroDivisionError)
    # Rules before the failing one are fine, and the engine still works afterwards.
    assert engine.run(SMALL, [Fact("c", True)], DAY) == NATIVE.run(SMALL, [Fact("c", True)], DAY)
    monkeypatch.setattr(_durable._Session, "fire", fire)
    assert engine.run(SMALL, [Fact("a", True)], DAY) == NATIVE.run(SMALL, [Fact("a", True)], DAY)


@needs_durable
def test_engine_error_from_the_cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def failing(self: Any, plan: Any, c: Any) -> None:
        raise RuntimeError("broken action")

    monkeypatch.setattr(_durable._Session, "fire", failing)
    code = main(["assess", str(EXAMPLES[0]), "--engine", "durable"])
    _, err = capsys.readouterr()
    assert code == 1
    assert "rule `" in err
    assert "broken action" in err


@needs_durable
def test_no_thread_is_started() -> None:
    before = set(threading.enumerate())
    host = _durable._Host()  # the stock host would start two timer threads here
    pack = cc.compile_rules([_mk("T", [cc.Test("t", cc.Op.GE, 1)], "u")])
    engine = _durable_engine()
    engine.run(pack, [Fact("t", 2)], DAY)
    for path in EXAMPLES:
        cc.assess(_case(path), engine="durable")
    assert set(threading.enumerate()) == before
    del host


@needs_durable
def test_eight_threads_deciding_at_once() -> None:
    cases = [_case(path) for path in FILES[:8]]
    expected = [_without_engine(cc.assess(case).to_dict()) for case in cases]
    barrier = threading.Barrier(len(cases))
    results: dict[int, list[dict[str, Any]]] = {}
    errors: list[BaseException] = []

    def decide(index: int) -> None:
        try:
            barrier.wait()
            results[index] = [
                _without_engine(cc.assess(cases[index], engine="durable").to_dict())
                for _ in range(10)
            ]
        except BaseException as exc:  # report it in the main thread
            errors.append(exc)

    threads = [threading.Thread(target=decide, args=(i,)) for i in range(len(cases))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors
    for index, decided in results.items():
        assert decided == [expected[index]] * 10
    assert len(results) == len(cases)


@needs_durable
def test_sessions_are_deleted_and_rulesets_compiled_once() -> None:
    engine = _durable_engine()
    pack = cc.compile_rules([_mk("S", [cc.Test("s", cc.Op.EQ, 1)], "t")])
    for _ in range(1100):  # durable holds at most 1024 live sessions per ruleset
        engine.run(pack, [Fact("s", 1)], DAY)
    program = _durable._PROGRAMS[id(pack)]
    assert program.pack_ref() is pack
    state = program.rete.ruleset
    with pytest.raises(Exception, match="309"):  # ERR_SID_NOT_FOUND: the session is gone
        state.get_state(f"cc{next(_durable._SIDS) - 1}")
    other = cc.compile_rules([_mk("S", [cc.Test("s", cc.Op.EQ, 1)], "t")])
    engine.run(other, [Fact("s", 1)], DAY)
    assert _durable._PROGRAMS[id(other)].rete.name != program.rete.name
    del pack, state
    gc.collect()
    engine.run(other, [Fact("s", 1)], DAY)  # frees the rulesets of the collected pack
    assert program not in _durable._PROGRAMS.values()


@needs_durable
def test_a_rule_with_more_conditions_than_durable_joins() -> None:
    """Beyond 16 patterns per rule, the host evaluates the whole rule."""
    many = [cc.Test(f"f{i}", cc.Op.LE, cc.Ref("limit")) for i in range(12)]
    pack = cc.compile_rules([_mk("MANY", many, "all_below", for_each=None)])
    facts = [Fact("limit", 5), *(Fact(f"f{i}", i % 6) for i in range(12))]
    _check_trace(_durable_engine().trace(pack, facts, DAY), NATIVE.run(pack, facts, DAY), pack)
    assert Fact("all_below", True) in NATIVE.run(pack, facts, DAY).derivations()
    plan = _durable._PROGRAMS[id(pack)].rete.plans[0]
    assert plan.whole is not None


@needs_durable
@pytest.mark.parametrize("odd", [NAN, cc.Op.EQ, 10**400], ids=["nan", "str-enum", "huge-int"])
def test_values_without_an_exact_encoding_run_on_the_host(odd: Any) -> None:
    pack = cc.compile_rules([
        _mk("IN", [cc.Test("x", cc.Op.IN, ("eq", 1))], "hit"),
        _mk("NE", [cc.Test("x", cc.Op.NE, 1)], "differs"),
        _mk("GT", [cc.Test("x", cc.Op.GT, 10**300)], "huge"),
    ])
    facts = [Fact("x", odd)]
    trace = _durable_engine().trace(pack, facts, DAY)
    _check_trace(trace, NATIVE.run(pack, facts, DAY), pack)
    assert trace.ruleset == ("rete" if isinstance(odd, int) else "host")


@needs_durable
def test_property_and_message_hashes_do_not_collide() -> None:
    """durable identifies properties and messages by 32-bit FNV-1 hashes."""
    assert _durable.fnv1_32("id") == 926444256  # HASH_ID in durable's state.h
    assert _durable.fnv1_32("sid") == 3593476751  # HASH_SID
    names = {*_durable.FIELDS, "id", "sid", "$s"}
    for suffix in ("_1", "_m1", "_12", "_36", "_24"):
        names |= {"ty" + suffix, "k" + suffix, "v" + suffix}
    assert len({_durable.fnv1_32(name) for name in names}) == len(names)
    ids = [_durable._id(i) for i in range(20000)]
    assert len({_durable.fnv1_32(str(i)) for i in ids}) == len(ids)
