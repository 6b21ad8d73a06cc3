"""Hostile and mistaken input (issue 8): each reproducer gives a clear error or a right decision.

Every bad input below is an :class:`~cloudcentre.InvalidCase` (a ``ValueError``) naming
the field path, the bad value (shortened) and a hint, and exit code 2 on the command
line, with one line per error on standard error and nothing on standard output.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

import cloudcentre as cc
from cli_io import run_cli
from cloudcentre.law.language import shift_months

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
PREFIX = "cloudcentre: error: "


def _example(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    return data


HOSPITAL = _example("hospital-secnumcloud-hds")
DEROGATION = _example("office-365-messaging-derogation")
LEAKS = ("recursion", "set_int_max_str_digits", "Traceback", "codec", "object has no attribute")


def _cli(data: bytes, tmp_path: Path, *args: str) -> tuple[int, bytes, str]:
    path = tmp_path / "case.json"
    path.write_bytes(data)
    return run_cli(["assess", str(path), "--format", "json", *args])


def _invalid(data: Any) -> cc.InvalidCase:
    """The error for ``data`` (JSON text or bytes, or a dict), through the API."""
    load = cc.case_from_json if isinstance(data, str | bytes) else cc.assess
    with pytest.raises(cc.InvalidCase) as info:
        load(data)
    error = info.value
    assert isinstance(error, ValueError)
    for line in str(error).splitlines():
        assert not any(leak in line for leak in LEAKS), line
    return error


def _exit_2(data: bytes, tmp_path: Path, *expected: str) -> str:
    code, out, err = _cli(data, tmp_path)
    assert (code, out) == (2, b""), err
    assert err.startswith(PREFIX)
    assert all(line.startswith(PREFIX) for line in err.splitlines())
    assert not any(leak in err for leak in LEAKS), err
    for text in expected:
        assert text in err
    return err


def _mutated(base: dict[str, Any], where: str, key: str, value: Any) -> dict[str, Any]:
    case = copy.deepcopy(base)
    node: Any = case
    for part in where.split(".") if where else []:
        node = node[int(part)] if part.isdigit() else node[part]
    node[key] = value
    return case


# ----------------------------------------------------------------------------- 1. dates
@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        ("9998-01-01", 36, "9999-12-31"),
        ("9999-12-31", 1, "9999-12-31"),
        ("9999-12-15", 0, "9999-12-15"),
        ("9999-11-30", 1, "9999-12-30"),
        ("9999-01-31", 1, "9999-02-28"),
        ("0001-01-15", -1, "0001-01-01"),
        ("2024-01-31", 1, "2024-02-29"),
        ("2021-10-19", 12, "2022-10-19"),
    ],
)
def test_month_shifts_saturate_at_the_ends_of_the_calendar(
    day: str, months: int, expected: str
) -> None:
    assert shift_months(day, months) == expected


def _far_certificates() -> dict[str, Any]:
    case = copy.deepcopy(HOSPITAL)
    for cert in case["offering"]["certifications"]:
        cert["valid_until"] = "9999-12-31"
    case["offering"]["certifications"][0]["valid_from"] = "9998-01-01"
    return case


def test_secnumcloud_granted_near_the_end_of_the_calendar() -> None:
    case = _far_certificates()
    assert cc.assess(case).verdict is cc.Verdict.NON_COMPLIANT  # not yet qualified in 2025
    assert cc.assess(case, as_of="9998-06-01").verdict is cc.Verdict.COMPLIANT
    # The stated end governs (legal review §12): it counts to the calendar's last day, and
    # 36 months after 9998-01-01, past the calendar, saturates: the decision warns.
    assert cc.assess(case, as_of="9999-12-30").verdict is cc.Verdict.COMPLIANT
    last = cc.assess(case, as_of=dt.date.max)
    assert last.verdict is cc.Verdict.COMPLIANT
    assert any("more than three years" in w for w in last.warnings)


def test_timeline_of_certificates_ending_9999_12_31(tmp_path: Path) -> None:
    case = _far_certificates()
    periods = cc.timeline(case).periods
    # The stated end (the calendar's last day) governs: compliant from the grant on.
    assert (periods[-1].start, periods[-1].end) == (dt.date(9998, 1, 1), None)
    assert periods[-1].verdict is cc.Verdict.COMPLIANT
    code, out, err = run_cli(["timeline", "-", "--format", "json"], json.dumps(case).encode())
    assert code == 0, err
    assert json.loads(out)["periods"][-1]["from"] == "9998-01-01"


def test_derogation_without_end_marker_9999_12_31() -> None:
    case = _mutated(DEROGATION, "derogation", "valid_until", "9999-12-31")
    del case["derogation"]["open_ended"]
    case["derogation"]["offer_available"] = False
    del case["derogation"]["offer_available_since"]
    # Data SREN art. 31 protects (a legal secret whose breach would harm): SREN ends it.
    case["workload"]["data"]["protected_secret"] = True
    case["workload"]["data"]["breach_would_harm"] = True
    decision = cc.assess(case)
    assert decision.verdict is cc.Verdict.COMPLIANT_UNDER_DEROGATION
    assert decision.derogation_until == dt.date(2024, 5, 22)  # SREN ends it, not the calendar
    case["organisation"]["kind"] = "public_hospital"  # not bound by SREN art. 31
    decision = cc.assess(case)
    assert decision.verdict is cc.Verdict.COMPLIANT_UNDER_DEROGATION
    assert decision.derogation_until is None  # in force to the end of the calendar
    cc.timeline(case)


def test_the_last_day_of_the_calendar_as_a_date() -> None:
    assert cc.assess(HOSPITAL, as_of="9999-12-31").verdict is cc.Verdict.NON_COMPLIANT
    assert cc.timeline(HOSPITAL, start=dt.date.max).periods[0].start == dt.date.max
    assert cc.timeline(HOSPITAL, start=dt.date.min, end="2021-01-02").periods


# ----------------------------------------------------------------------------- 2. nesting
@pytest.mark.parametrize(
    "text",
    [
        "[" * 10_000 + "]" * 10_000,
        '{"a": ' * 10_000 + "1" + "}" * 10_000,
        '{"title": ' + "[" * 100 + "]" * 100 + "}",
    ],
    ids=["deep-lists", "deep-objects", "lists-over-the-limit"],
)
def test_deep_nesting(text: str, tmp_path: Path) -> None:
    error = _invalid(text)
    assert "max_depth" in error.message
    _exit_2(text.encode(), tmp_path, "max_depth")


def test_deep_python_value_in_a_field() -> None:
    value: list[Any] = []
    for _ in range(100_000):
        value = [value]
    error = _invalid(_mutated(HOSPITAL, "provider", "name", value))
    assert error.path.startswith("provider.name[0]")
    assert "max_depth" in error.message


# ----------------------------------------------------------------------------- 3. huge integers
def test_huge_integer_in_json(tmp_path: Path) -> None:
    text = '{"id": ' + "9" * 5000 + "}"
    error = _invalid(text)
    assert error.path == "id"
    assert "(5,000 digits)" in error.message
    _exit_2(text.encode(), tmp_path, "id: `999999…999999` (5,000 digits) is too long a number")


def test_huge_integer_in_a_dict_names_the_field() -> None:
    error = _invalid(_mutated(HOSPITAL, "provider", "largest_non_eu_share", 10**5000))
    assert error.path == "provider.largest_non_eu_share"
    assert "(5,001 digits)" in error.message


def test_large_but_harmless_numbers_are_plain_errors() -> None:
    error = _invalid(_mutated(HOSPITAL, "provider", "largest_non_eu_share", 10**50))
    assert error.message.endswith("is not a percentage")


# ----------------------------------------------------------------------------- 4. UTF-8
def test_invalid_utf8_bytes(tmp_path: Path) -> None:
    error = _invalid(b'{"id": "\xff"}')
    assert error.message == "the input is not UTF-8 text: byte `0xff` at offset 8 is invalid"
    _exit_2(b'{"id": "\xff"}', tmp_path, "byte `0xff` at offset 8")


@pytest.mark.parametrize("encoding", ["latin-1", "utf-8", "ascii"])
def test_invalid_utf8_on_stdin(encoding: str) -> None:
    data = json.dumps(HOSPITAL).encode()[:-1] + b', "id": "\xff"}'
    code, out, err = run_cli(["assess", "-"], data, encoding=encoding)
    assert (code, out) == (2, b"")
    assert err.startswith(f"{PREFIX}<stdin>: the input is not UTF-8 text")


def test_utf16_is_named() -> None:
    error = _invalid(json.dumps(HOSPITAL).encode("utf-16"))
    assert "UTF-16" in error.message


def test_utf8_bom_is_accepted() -> None:
    text = json.dumps(HOSPITAL)
    assert cc.case_from_json(b"\xef\xbb\xbf" + text.encode()) == cc.case_from_json(text)
    assert cc.case_from_json("\ufeff" + text) == cc.case_from_json(text)


@pytest.mark.parametrize("encoding", ["latin-1", "ascii", "utf-8"])
def test_stdout_is_utf8_whatever_the_locale(encoding: str, tmp_path: Path) -> None:
    data = (EXAMPLES / "health-data-hub.json").read_bytes()
    for fmt in ("json", "text"):
        code, out, err = run_cli(["assess", "-", "--format", fmt], data, encoding=encoding)
        assert code == 3, err
        text = out.decode("utf-8")
        assert any(ord(char) > 127 for char in text)  # written as UTF-8, not the locale's


# ----------------------------------------------------------------------------- 5. surrogates
@pytest.mark.parametrize("escape", ["\\ud800", "\\udc80", "\\udfff", "x\\ud83dy"])
def test_lone_surrogates_are_invalid(escape: str, tmp_path: Path) -> None:
    text = json.dumps(HOSPITAL).replace('"title": "', f'"title": "{escape}', 1)
    error = _invalid(text)
    assert error.path == "title"
    assert "lone surrogate" in error.hint
    err = _exit_2(text.encode(), tmp_path, "title: ")
    err.encode("utf-8")  # printable


def test_surrogate_pairs_are_text() -> None:
    text = json.dumps(_mutated(HOSPITAL, "", "title", "\ud83d\ude00"))
    assert "\\ud83d\\ude00" in text
    assert cc.case_from_json(text).title == "\U0001f600"


def test_surrogates_in_keys_and_python_strings() -> None:
    error = _invalid(_mutated(HOSPITAL, "provider", "\udc80", 1))
    assert error.path == "provider"
    assert error.message.startswith("key ")
    with pytest.raises(cc.InvalidCase):
        cc.Organisation(kind="public_hospital", name="\ud800")


# ----------------------------------------------------------------------------- 6. keys
@pytest.mark.parametrize("key", [1, None, 2.5, ("a",)])
def test_keys_that_are_not_strings(key: Any) -> None:
    case = _mutated(HOSPITAL, "", key, "x")
    error = _invalid(case)
    assert (error.path, error.value) == ("$", key)
    case["colour"] = "blue"  # next to an unknown key
    _invalid(case)
    _invalid(_mutated(HOSPITAL, "workload.data", key, True))


# ----------------------------------------------------------------------------- 7. countries
@pytest.mark.parametrize(
    ("code", "hint"),
    [
        ("EU", "member states"),
        ("UK", "`GB`"),
        ("EL", "`GR`"),
        ("XX", "ISO 3166-1"),
        ("fr", "did you mean `FR`?"),
        ("FRA", "did you mean `FR`?"),
        ("XK", "ISO 3166-1"),
    ],
)
def test_country_codes_are_iso_3166(code: str, hint: str, tmp_path: Path) -> None:
    case = _mutated(HOSPITAL, "offering", "data_locations", [code])
    error = _invalid(case)
    assert (error.path, error.value) == ("offering.data_locations", code)
    assert hint in error.hint
    _exit_2(json.dumps(case).encode(), tmp_path, f'`"{code}"`', hint)
    error = _invalid(_mutated(HOSPITAL, "provider", "statutory_seat", code))
    assert (error.path, error.value) == ("provider.statutory_seat", code)


def test_every_bad_country_of_a_list_is_reported() -> None:
    error = _invalid(_mutated(HOSPITAL, "offering", "data_locations", ["FR", "EU", "UK", "EL"]))
    assert [e.value for e in error.errors] == ["EL", "EU", "UK"]


# ----------------------------------------------------------------------------- 8. duplicates
def test_duplicate_keys(tmp_path: Path) -> None:
    text = json.dumps(HOSPITAL)[:-1] + ', "organisation": {"kind": "private_body"}}'
    error = _invalid(text)
    assert (error.path, error.value) == ("organisation", "organisation")
    assert error.message == 'duplicate key `"organisation"`'
    _exit_2(text.encode(), tmp_path, "organisation: duplicate key")


def test_duplicate_keys_deep_inside() -> None:
    text = json.dumps(HOSPITAL).replace('"status": "granted"', '"status": "granted", "status": "x"')
    paths = [e.path for e in _invalid(text).errors]
    assert paths[:2] == ["offering.certifications[0].status", "offering.certifications[1].status"]


# ----------------------------------------------------------------------------- 9. model classes
@pytest.mark.parametrize(
    ("build", "path"),
    [
        (lambda: cc.Organisation(kind="ministry"), "kind"),
        (lambda: cc.Provider(statutory_seat="fr"), "statutory_seat"),
        (lambda: cc.Provider(largest_non_eu_share="10"), "largest_non_eu_share"),  # type: ignore[arg-type]
        (lambda: cc.Workload(services=["nope"]), "services"),
        (lambda: cc.Workload(hds_activities=[None, 1]), "hds_activities"),  # type: ignore[list-item]
        (lambda: cc.Workload(hds_activities="1"), "hds_activities"),  # type: ignore[arg-type]
        (lambda: cc.Offering(kind="commercial", data_locations="FR"), "data_locations"),  # type: ignore[arg-type]
        (lambda: cc.Offering(kind="commercial", data_locations=[1, "FR"]), "data_locations"),  # type: ignore[arg-type]
        (lambda: cc.Offering(kind="commercial", certifications=["x"]), "certifications"),
        (lambda: cc.Offering(kind="cloud"), "kind"),
        (
            lambda: cc.Derogation(basis="sren-31-iii", covers="EU", granted_on=dt.date(2024, 1, 1)),
            "covers",
        ),
        (
            lambda: cc.Certification(
                scheme="hds",
                status="granted",
                valid_from=dt.datetime(2024, 1, 1),
                valid_until=dt.date(2025, 1, 1),
            ),
            "valid_from",
        ),
        (
            lambda: cc.Case(organisation="x", offering=cc.Offering(kind="commercial")),  # type: ignore[arg-type]
            "organisation",
        ),
    ],
)
def test_model_classes_raise_invalid_case(build: Any, path: str) -> None:
    with pytest.raises(cc.InvalidCase) as info:
        build()
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, cc.CloudcentreError)
    assert info.value.path == path
    assert "\n" not in str(info.value)


def test_enum_values_get_a_did_you_mean() -> None:
    with pytest.raises(cc.InvalidCase, match="did you mean `state_administration`"):
        cc.Organisation(kind="state-administration")
    error = _invalid(_mutated(HOSPITAL, "organisation", "kind", "Public_Hospital"))
    assert "did you mean `public_hospital`?" in error.hint


# ----------------------------------------------------------------------------- 10. arguments
def test_as_of_accepts_a_date_or_an_iso_string() -> None:
    assert cc.assess(HOSPITAL, as_of="2025-01-01") == cc.assess(HOSPITAL, as_of=dt.date(2025, 1, 1))
    assert cc.timeline(HOSPITAL, "2024-01-01", "2025-01-01") == cc.timeline(
        HOSPITAL, dt.date(2024, 1, 1), dt.date(2025, 1, 1)
    )
    assert cc.rules_in_force("2022-01-01") == cc.rules_in_force(dt.date(2022, 1, 1))


@pytest.mark.parametrize(
    ("call", "text"),
    [
        (lambda: cc.assess(HOSPITAL, as_of=dt.datetime(2025, 1, 1)), "is a datetime"),
        (lambda: cc.assess(HOSPITAL, as_of="2025-1-1"), "is not a date"),
        (lambda: cc.assess(HOSPITAL, as_of="soon"), "is not a date"),
        (lambda: cc.assess(HOSPITAL, as_of=20250101), "is not a date"),  # type: ignore[arg-type]
        (lambda: cc.assess(HOSPITAL, engine=3), "engine"),  # type: ignore[arg-type]
        (lambda: cc.assess(HOSPITAL, pack="x"), "CompiledPack"),  # type: ignore[arg-type]
        (lambda: cc.assess(HOSPITAL, limits=5), "InputLimits"),  # type: ignore[arg-type]
        (lambda: cc.timeline(HOSPITAL, start="x"), "start"),
        (lambda: cc.rules_in_force(dt.datetime(2025, 1, 1)), "datetime"),
        (lambda: cc.case_from_json(None), "is not JSON text"),  # type: ignore[arg-type]
        (lambda: cc.case_from_json(5), "is not JSON text"),  # type: ignore[arg-type]
        (lambda: cc.case_to_dict(HOSPITAL), "is not a Case"),  # type: ignore[arg-type]
        (lambda: cc.InputLimits(max_depth=0), "max_depth"),
        (lambda: cc.InputLimits(max_depth=10_000), "max_depth"),
        (lambda: cc.InputLimits(max_bytes="1"), "max_bytes"),  # type: ignore[arg-type]
    ],
)
def test_argument_mistakes(call: Any, text: str) -> None:
    with pytest.raises(cc.InvalidArgument) as info:
        call()
    assert isinstance(info.value, TypeError)
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, cc.CloudcentreError)
    assert text in str(info.value)


# ----------------------------------------------------------------------------- 11. all errors
def test_every_error_of_an_input_is_reported(tmp_path: Path) -> None:
    case = _mutated(HOSPITAL, "", "organisaton", {})
    case["provider"]["statutory_seat"] = "UK"
    case["workload"]["data"]["personal_data"] = "yes"
    case["offering"]["certifications"][1]["valid_from"] = "2024-13-01"
    error = _invalid(case)
    assert sorted(e.path for e in error.errors) == [
        "offering.certifications[1].valid_from",
        "organisaton",
        "provider.statutory_seat",
        "workload.data.personal_data",
    ]
    unknown = next(e for e in error.errors if e.path == "organisaton")
    assert unknown.hint.startswith("did you mean `organisation`?")
    assert str(error).splitlines() == [e.one_line() for e in error.errors]
    err = _exit_2(json.dumps(case).encode(), tmp_path)
    assert len(err.splitlines()) == 4


def test_many_errors_are_capped_in_the_message() -> None:
    case = _mutated(
        HOSPITAL, "offering", "data_locations", [f"X{c}" for c in "ABCDEFGHIJKLMNOPQRSTUVXY"]
    )
    error = _invalid(case)
    lines = str(error).splitlines()
    assert len(error.errors) == 24
    assert len(lines) == 21
    assert lines[-1] == "and 4 more errors (see InvalidCase.errors)"


def test_errors_pickle() -> None:
    import pickle

    case = _mutated(HOSPITAL, "offering", "data_locations", ["EU", "UK"])
    error = _invalid(case)
    again = pickle.loads(pickle.dumps(error))
    assert str(again) == str(error)
    assert [e.path for e in again.errors] == [e.path for e in error.errors]


def test_long_values_are_shortened() -> None:
    error = _invalid(_mutated(HOSPITAL, "provider", "statutory_seat", "F" * 5000))
    assert len(str(error)) < 400
    assert "(5,000 characters)" in error.message


# ----------------------------------------------------------------------------- 12. limits
@pytest.mark.parametrize(
    ("limits", "mutate", "name"),
    [
        (
            cc.InputLimits(max_list_length=3),
            ("offering", "data_locations", ["FR"] * 4),
            "max_list_length",
        ),
        (cc.InputLimits(max_string_length=5), ("", "title", "abcdef"), "max_string_length"),
        (cc.InputLimits(max_depth=2), ("", "title", [[1]]), "max_depth"),
        (
            cc.InputLimits(max_certificates=1),
            ("offering", "certifications", [{}, {}]),
            "max_certificates",
        ),
    ],
)
def test_limits_are_configurable(
    limits: cc.InputLimits, mutate: tuple[str, str, Any], name: str
) -> None:
    case = _mutated(HOSPITAL, *mutate)
    with pytest.raises(cc.InvalidCase) as info:
        cc.case_from_dict(case, limits=limits)
    assert name in info.value.message
    with pytest.raises(cc.InvalidCase, match=name):
        cc.case_from_json(json.dumps(case), limits=limits)
    with pytest.raises(cc.InvalidCase, match=name):
        cc.assess(case, limits=limits)


def test_size_limit(tmp_path: Path) -> None:
    text = json.dumps(HOSPITAL)
    with pytest.raises(cc.InvalidCase, match="max_bytes"):
        cc.case_from_json(text, limits=cc.InputLimits(max_bytes=len(text) - 1))
    with pytest.raises(cc.InvalidCase, match="max_bytes"):
        cc.case_from_json(text.encode(), limits=cc.InputLimits(max_bytes=len(text) - 1))
    assert cc.case_from_json(text, limits=cc.InputLimits(max_bytes=len(text)))
    big = _mutated(HOSPITAL, "offering", "data_locations", ["FR"] * 2_000_000)
    data = json.dumps(big).encode()
    assert len(data) > 10_000_000
    error = _invalid(data)
    assert error.message == "the input is over the size limit of 10,000,000 bytes (max_bytes)"
    _exit_2(data, tmp_path, "case.json: the input is over the size limit")
    code, out, err = run_cli(["assess", "-"], data)
    assert (code, out) == (2, b"")
    assert err.startswith(f"{PREFIX}<stdin>: the input is over the size limit")


def test_default_limits_accept_real_cases() -> None:
    for path in sorted(EXAMPLES.glob("*.json")):
        if not path.name.endswith(".expected.json"):
            cc.case_from_json(path.read_bytes())


# ----------------------------------------------------------------------------- 13. install
def test_durable_rules_is_an_extra() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert not any("durable" in dep for dep in project["dependencies"])
    extras = project["optional-dependencies"]
    assert extras["durable"] == ["durable-rules==2.0.28"]
    assert "durable-rules==2.0.28; python_version < '3.13'" in extras["test"]


# ----------------------------------------------------------------------------- subprocess
@pytest.mark.parametrize(
    ("data", "env", "code"),
    [
        (b'{"id": "\xff"}', {"PYTHONIOENCODING": "latin-1"}, 2),
        (
            b'{"organisation": {"kind": "public_hospital"}, "offering": {"kind": "commercial"}, '
            b'"id": "\\udc80"}',
            {"LC_ALL": "C", "PYTHONUTF8": "0"},
            2,
        ),
        (b"[" * 50_000, {}, 2),
        ((EXAMPLES / "health-data-hub.json").read_bytes(), {"PYTHONIOENCODING": "ascii"}, 3),
    ],
    ids=["bad-utf8", "surrogate", "deep", "ascii-locale"],
)
def test_command_line_in_a_subprocess(data: bytes, env: dict[str, str], code: int) -> None:
    import os

    result = subprocess.run(
        [sys.executable, "-m", "cloudcentre", "assess", "-", "--format", "json"],
        input=data,
        capture_output=True,
        env={**os.environ, **env},
        check=False,
        timeout=120,
    )
    assert result.returncode == code, result.stderr
    result.stdout.decode("utf-8")
    assert b"Traceback" not in result.stderr
    if code == 2:
        assert result.stdout == b""
        assert result.stderr.startswith(PREFIX.encode())


def test_certificates_are_limited_by_default() -> None:
    certificate = HOSPITAL["offering"]["certifications"][1]
    many = [{**certificate, "id": f"c{i}"} for i in range(101)]
    error = _invalid(_mutated(HOSPITAL, "offering", "certifications", many))
    assert (error.path, error.message) == (
        "offering.certifications",
        "101 certificates are over the limit of 100 (max_certificates)",
    )
    assert cc.assess(_mutated(HOSPITAL, "offering", "certifications", many[:100]))
