"""The public API: ``__all__``, exception hierarchy, pickling, round-trips, ``assess``."""

from __future__ import annotations

import datetime as dt
import inspect
import json
import pickle
from pathlib import Path
from typing import Any

import pytest

import cloudcentre

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(
    p for p in (ROOT / "examples").glob("*.json") if not p.name.endswith(".expected.json")
)
CASES = sorted(
    p for p in (ROOT / "tests" / "cases").glob("*.json") if not p.name.endswith(".expected.json")
)


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _ids(paths: list[Path]) -> list[str]:
    return [p.stem for p in paths]


# ----------------------------------------------------------------------------- __all__
def _isort_key(name: str) -> tuple[int, str]:
    """The order ruff's RUF022 enforces: CONSTANTS, then Classes, then the rest, each A-Z."""
    if name.isupper() and len(name) > 1:
        return (0, name)
    if name[:1].isupper():
        return (1, name)
    return (2, name)


def test_all_is_sorted_and_unique() -> None:
    assert list(cloudcentre.__all__) == sorted(cloudcentre.__all__, key=_isort_key)
    assert len(set(cloudcentre.__all__)) == len(cloudcentre.__all__)


def test_all_names_exist() -> None:
    for name in cloudcentre.__all__:
        assert hasattr(cloudcentre, name), name


def test_public_classes_and_functions_are_in_all() -> None:
    missing = []
    for name, obj in vars(cloudcentre).items():
        if name.startswith("_"):
            continue
        if not (inspect.isclass(obj) or inspect.isfunction(obj)):
            continue
        if getattr(obj, "__module__", "").split(".")[0] != "cloudcentre":
            continue
        if name not in cloudcentre.__all__:
            missing.append(name)
    assert missing == []


def test_star_import() -> None:
    namespace: dict[str, Any] = {}
    exec("from cloudcentre import *", namespace)
    assert set(cloudcentre.__all__) <= set(namespace)


def test_version() -> None:
    assert isinstance(cloudcentre.__version__, str)
    assert cloudcentre.__version__.count(".") >= 1


# ----------------------------------------------------------------------------- errors
@pytest.mark.parametrize(
    ("error", "builtin"),
    [
        (cloudcentre.InvalidCase, ValueError),
        (cloudcentre.InvalidRulePack, ValueError),
        (cloudcentre.UnknownEngine, LookupError),
        (cloudcentre.EngineError, RuntimeError),
    ],
)
def test_error_hierarchy(error: type[Exception], builtin: type[Exception]) -> None:
    assert issubclass(error, cloudcentre.CloudcentreError)
    assert issubclass(error, builtin)


def test_root_error() -> None:
    assert issubclass(cloudcentre.CloudcentreError, Exception)
    assert not issubclass(cloudcentre.CloudcentreError, ValueError)


def test_invalid_case_fields_and_pickle() -> None:
    exc = cloudcentre.InvalidCase("`x` is bad", path="a.b", value="x", hint="do y")
    assert (exc.message, exc.path, exc.value, exc.hint) == ("`x` is bad", "a.b", "x", "do y")
    assert str(exc) == "a.b: `x` is bad (hint: do y)"
    back = pickle.loads(pickle.dumps(exc))
    assert isinstance(back, cloudcentre.InvalidCase)
    assert (back.message, back.path, back.value, back.hint) == ("`x` is bad", "a.b", "x", "do y")
    assert str(back) == str(exc)


# ----------------------------------------------------------------------------- pickling
@pytest.mark.parametrize("path", EXAMPLES + CASES, ids=_ids(EXAMPLES + CASES))
def test_case_pickles(path: Path) -> None:
    case = cloudcentre.case_from_dict(_load(path))
    back = pickle.loads(pickle.dumps(case))
    assert back == case
    assert hash(back) == hash(case)


@pytest.mark.parametrize("path", EXAMPLES, ids=_ids(EXAMPLES))
def test_decision_pickles(path: Path) -> None:
    decision = cloudcentre.assess(_load(path))
    back = pickle.loads(pickle.dumps(decision))
    assert back == decision
    assert back.to_dict() == decision.to_dict()
    assert back.verdict is decision.verdict


# ----------------------------------------------------------------------------- round-trips
@pytest.mark.parametrize("path", EXAMPLES + CASES, ids=_ids(EXAMPLES + CASES))
def test_case_round_trip(path: Path) -> None:
    data = _load(path)
    case = cloudcentre.case_from_dict(data)
    out = cloudcentre.case_to_dict(case)
    assert cloudcentre.case_from_dict(out) == case
    assert cloudcentre.case_to_dict(cloudcentre.case_from_dict(out)) == out
    json.dumps(out)  # plain JSON data


@pytest.mark.parametrize("path", EXAMPLES, ids=_ids(EXAMPLES))
def test_case_from_json_equals_case_from_dict(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert cloudcentre.case_from_json(text) == cloudcentre.case_from_dict(json.loads(text))
    assert cloudcentre.case_from_json(text.encode("utf-8")) == cloudcentre.case_from_json(text)


# ----------------------------------------------------------------------------- assess
@pytest.mark.parametrize("path", EXAMPLES, ids=_ids(EXAMPLES))
def test_assess_accepts_dict_and_case(path: Path) -> None:
    data = _load(path)
    from_dict = cloudcentre.assess(data)
    from_case = cloudcentre.assess(cloudcentre.case_from_dict(data))
    assert isinstance(from_dict, cloudcentre.Decision)
    assert from_dict == from_case
    assert from_dict.to_dict() == from_case.to_dict()


def test_assess_rejects_other_types() -> None:
    with pytest.raises(cloudcentre.InvalidCase):
        cloudcentre.assess([])  # type: ignore[arg-type]


def test_as_of_overrides_the_case_date() -> None:
    data = _load(ROOT / "examples" / "hospital-secnumcloud-hds.json")
    assert data["as_of"] == "2025-03-01"
    own = cloudcentre.assess(data)
    assert own.as_of == dt.date(2025, 3, 1)
    assert own.verdict is cloudcentre.Verdict.COMPLIANT
    # After the SecNumCloud qualification ends (2026-08-31) the same case is non-compliant.
    later = cloudcentre.assess(data, as_of=dt.date(2026, 9, 1))
    assert later.as_of == dt.date(2026, 9, 1)
    assert later.to_dict()["as_of"] == "2026-09-01"
    assert later.verdict is cloudcentre.Verdict.NON_COMPLIANT
    statuses = {r.id: r.status for r in later.requirements}
    assert statuses["SECNUMCLOUD-QUALIFICATION"] is cloudcentre.Status.UNMET


def test_as_of_before_the_doctrine() -> None:
    data = _load(ROOT / "examples" / "office-365-ministry.json")
    assert cloudcentre.assess(data).verdict is cloudcentre.Verdict.NON_COMPLIANT
    before = cloudcentre.assess(data, as_of=dt.date(2021, 7, 9))
    assert before.verdict is cloudcentre.Verdict.COMPLIANT


def test_without_any_date_today_is_used() -> None:
    data = _load(ROOT / "examples" / "open-data-us-hyperscaler.json")
    del data["as_of"]
    assert cloudcentre.assess(data).as_of == dt.date.today()


def test_unknown_engine() -> None:
    data = _load(ROOT / "examples" / "open-data-us-hyperscaler.json")
    with pytest.raises(cloudcentre.UnknownEngine) as info:
        cloudcentre.assess(data, engine="quantum")
    assert isinstance(info.value, LookupError)
    assert "`quantum`" in str(info.value)
    with pytest.raises(LookupError):
        cloudcentre.get_engine("quantum")


def test_named_engine_and_instance() -> None:
    data = _load(ROOT / "examples" / "open-data-us-hyperscaler.json")
    engine = cloudcentre.get_engine("native")
    assert isinstance(engine, cloudcentre.NativeEngine)
    assert cloudcentre.get_engine(engine) is engine
    by_name = cloudcentre.assess(data, engine="native")
    by_instance = cloudcentre.assess(data, engine=engine)
    assert by_name == by_instance
    assert by_name.engine == "native"


def test_decision_compliant_property() -> None:
    ok = cloudcentre.assess(_load(ROOT / "examples" / "hospital-secnumcloud-hds.json"))
    bad = cloudcentre.assess(_load(ROOT / "examples" / "health-data-hub.json"))
    derogated = cloudcentre.assess(_load(ROOT / "tests" / "cases" / "derogation-in-force.json"))
    assert ok.compliant
    assert not bad.compliant
    assert derogated.compliant
    assert derogated.derogation_until == dt.date(2022, 12, 31)


def test_json_forms_are_plain_data() -> None:
    """to_dict() and friends hold only JSON types: no enum objects, tuples or dates."""
    import enum

    def walk(value: object) -> None:
        assert not isinstance(value, enum.Enum | tuple), repr(value)
        if isinstance(value, dict):
            for key, item in value.items():
                assert isinstance(key, str)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        else:
            assert value is None or isinstance(value, bool | int | float | str), repr(value)

    case = json.loads((ROOT / "examples" / "health-data-hub.json").read_text(encoding="utf-8"))
    walk(cloudcentre.assess(case).to_dict())
    walk(cloudcentre.timeline_to_dict(cloudcentre.timeline(case)))
    walk(cloudcentre.case_to_dict(cloudcentre.case_from_dict(case)))
