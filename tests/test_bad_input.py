"""Bad input: every failure is exit code 2 and ONE line naming the field and the bad value.

Each entry is checked through the CLI (``main()`` with capsys) and, for case data,
through the API (``case_from_json``/``case_from_dict`` raise ``InvalidCase`` with the
expected ``.path`` and ``.value``).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import pytest

import cloudcentre
from cloudcentre._cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "hospital-secnumcloud-hds.json"
BASE: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
PREFIX = "cloudcentre: error: "

NO_VALUE: Any = object()
"""The entry has no bad value to show (a missing field, malformed JSON, a missing file)."""

Mutation = Callable[[dict[str, Any]], None]


class Bad(NamedTuple):
    id: str
    path: str
    """The field path (case data) or the option or file named in the message (command line)."""
    value: Any = NO_VALUE
    mutate: Mutation | None = None
    text: str | None = None
    argv: tuple[str, ...] | None = None


def _set(where: str, key: str, value: Any) -> Mutation:
    def mutate(case: dict[str, Any]) -> None:
        node: Any = case
        for part in where.split(".") if where else []:
            node = node[int(part)] if part.isdigit() else node[part]
        node[key] = value

    return mutate


def _drop(where: str, key: str) -> Mutation:
    def mutate(case: dict[str, Any]) -> None:
        node: Any = case
        for part in where.split(".") if where else []:
            node = node[int(part)] if part.isdigit() else node[part]
        del node[key]

    return mutate


def _both(*mutations: Mutation) -> Mutation:
    def mutate(case: dict[str, Any]) -> None:
        for m in mutations:
            m(case)

    return mutate


CASE_DATA: list[Bad] = [
    Bad("malformed-json", "$", text='{"as_of": '),
    Bad("malformed-json-trailing-comma", "$", text='{"as_of": "2025-01-01",}'),
    Bad("not-an-object", "$", [1, 2], text="[1, 2]"),
    Bad("not-an-object-string", "$", "case", text='"case"'),
    Bad("enum-organisation-kind", "organisation.kind", "ministry",
        _set("organisation", "kind", "ministry")),
    Bad("enum-hds-exemption", "workload.hds_exemption", "partial",
        _set("workload", "hds_exemption", "partial")),
    Bad("enum-certificate-status", "offering.certifications[0].status", "qualified",
        _set("offering.certifications.0", "status", "qualified")),
    Bad("enum-not-a-string", "offering.kind", 3, _set("offering", "kind", 3)),
    Bad("bool-yes", "workload.data.personal_data", "yes",
        _set("workload.data", "personal_data", "yes")),
    Bad("bool-one", "workload.data.classified", 1, _set("workload.data", "classified", 1)),
    Bad("string-5", "provider.name", 5, _set("provider", "name", 5)),
    Bad("percentage-abc", "provider.largest_non_eu_share", "abc",
        _set("provider", "largest_non_eu_share", "abc")),
    Bad("percentage-bool", "provider.combined_non_eu_share", True,
        _set("provider", "combined_non_eu_share", True)),
    Bad("list-as-string", "offering.data_locations", "FR",
        _set("offering", "data_locations", "FR")),
    Bad("hds-activity-string", "workload.hds_activities[0]", "1",
        _set("workload", "hds_activities", ["1"])),
    Bad("missing-organisation-kind", "organisation.kind", mutate=_drop("organisation", "kind")),
    Bad("missing-offering-kind", "offering.kind", mutate=_drop("offering", "kind")),
    Bad("missing-organisation", "organisation", mutate=_drop("", "organisation")),
    Bad("missing-certificate-status", "offering.certifications[0].status",
        mutate=_drop("offering.certifications.0", "status")),
    Bad("open-scheme-unknown", "offering.certifications_open[0]", "gdpr",
        _set("offering", "certifications_open", ["gdpr"])),
    Bad("open-scheme-null", "offering.certifications_open", None,
        _set("offering", "certifications_open", None)),
    Bad("unknown-key-top", "foo", "foo", _set("", "foo", 1)),
    Bad("unknown-key-nested", "workload.data.foo", "foo", _set("workload.data", "foo", True)),
    Bad("unknown-key-in-certificate", "offering.certifications[1].foo", "foo",
        _set("offering.certifications.1", "foo", 1)),
    Bad("date-month-13", "as_of", "2024-13-01", _set("", "as_of", "2024-13-01")),
    Bad("date-yesterday", "as_of", "yesterday", _set("", "as_of", "yesterday")),
    Bad("date-integer", "as_of", 20240101, _set("", "as_of", 20240101)),
    Bad("date-short-month", "as_of", "2024-1-01", _set("", "as_of", "2024-1-01")),
    Bad("country-lower-case", "provider.statutory_seat", "fr",
        _set("provider", "statutory_seat", "fr")),
    Bad("country-lower-case-in-list", "offering.data_locations", "fr",
        _set("offering", "data_locations", ["FR", "fr"])),
    Bad("percentage-150", "provider.largest_non_eu_share", 150,
        _set("provider", "largest_non_eu_share", 150)),
    Bad("hds-activity-7", "workload.hds_activities", 7, _set("workload", "hds_activities", [1, 7])),
    Bad("hds-activity-7-in-certificate", "offering.certifications[1].hds_activities", 7,
        _set("offering.certifications.1", "hds_activities", [7])),
    Bad("valid-until-before-valid-from", "offering.certifications[0].valid_until", "2020-01-01",
        _set("offering.certifications.0", "valid_until", "2020-01-01")),
    Bad("medical-secret-not-protected", "workload.data.protected_secret", False,
        _both(_set("workload.data", "medical_secret", True),
              _set("workload.data", "protected_secret", False))),
    Bad("health-data-not-personal", "workload.data.personal_data", False,
        _both(_set("workload.data", "personal_health_data", True),
              _set("workload.data", "personal_data", False))),
    Bad("duplicate-certificate-id", "offering.certifications", "snc-3.2",
        _set("offering.certifications.1", "id", "snc-3.2")),
    Bad("certificate-not-an-object", "offering.certifications[2]", "x",
        lambda c: c["offering"]["certifications"].append("x")),
    Bad("data-not-an-object", "workload.data", [], _set("workload", "data", [])),
    Bad("organisation-null", "organisation", None, _set("", "organisation", None)),
    Bad("derogation-ends-before-granted", "derogation.valid_until", "2023-01-01",
        _set("", "derogation", {"basis": "cac-2021-r9-al4", "covers": ["EU-LOCALISATION"],
                                "granted_on": "2024-01-01", "valid_until": "2023-01-01"})),
]

COMMAND_LINE: list[Bad] = [
    Bad("missing-file", "{tmp}/no-such-case.json", argv=("assess", "{tmp}/no-such-case.json")),
    Bad("directory", "{tmp}", argv=("assess", "{tmp}")),
    Bad("as-of-not-a-date", "--as-of", "yesterday",
        argv=("assess", "{example}", "--as-of", "yesterday")),
    Bad("as-of-month-13", "--as-of", "2024-13-01",
        argv=("assess", "{example}", "--as-of", "2024-13-01")),
    Bad("rules-as-of-not-a-date", "--as-of", "soon", argv=("rules", "--as-of", "soon")),
    Bad("unknown-subcommand", "command", "frobnicate", argv=("frobnicate",)),
    Bad("no-subcommand", "command", argv=()),
    Bad("missing-case-argument", "case", argv=("assess",)),
    Bad("unknown-format", "--format", "xml", argv=("assess", "{example}", "--format", "xml")),
    Bad("unknown-engine", "engine", "quantum", argv=("assess", "{example}", "--engine", "quantum")),
]

ALL = CASE_DATA + COMMAND_LINE


def _params(entries: list[Bad], aspect: str) -> list[Any]:
    del aspect  # every aspect of every entry is expected to hold
    return [pytest.param(bad, id=bad.id) for bad in entries]


def _fill(text: str, tmp_path: Path) -> str:
    return text.replace("{tmp}", str(tmp_path)).replace("{example}", str(EXAMPLE))


def _case_text(bad: Bad) -> str:
    if bad.text is not None:
        return bad.text
    assert bad.mutate is not None
    case = copy.deepcopy(BASE)
    bad.mutate(case)
    return json.dumps(case)


def _run(bad: Bad, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    if bad.argv is not None:
        argv = [_fill(a, tmp_path) for a in bad.argv]
    else:
        path = tmp_path / "case.json"
        path.write_text(_case_text(bad), encoding="utf-8")
        argv = ["assess", str(path), "--format", "json"]
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def _shown(value: Any) -> set[str]:
    """The ways a message may show ``value`` inside backticks."""
    forms = {json.dumps(value), str(value)}
    if isinstance(value, int) and not isinstance(value, bool):
        forms.add(str(float(value)))
    return {f"`{form}`" for form in forms}


def _message(line: str, bad: Bad, tmp_path: Path) -> str:
    text = line.removeprefix(PREFIX)
    where = _fill(bad.path, tmp_path) + ": "
    return text.removeprefix(where) if text.startswith(where) else text


def _lowercase_start(message: str) -> bool:
    return bool(message) and not message[0].isupper()


# ----------------------------------------------------------------------------- CLI
@pytest.mark.parametrize("bad", _params(ALL, "exit"))
def test_cli_exit_2_one_line(bad: Bad, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(bad, tmp_path, capsys)
    assert code == 2
    assert out == ""
    assert err.endswith("\n")
    assert err.count("\n") == 1, err
    assert err.startswith(PREFIX)
    assert "Traceback" not in err
    assert _lowercase_start(_message(err.rstrip("\n"), bad, tmp_path)), err


@pytest.mark.parametrize("bad", _params(ALL, "path"))
def test_cli_names_the_field(bad: Bad, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, _, err = _run(bad, tmp_path, capsys)
    line = err.rstrip("\n")
    path = _fill(bad.path, tmp_path)
    if bad.argv is None or bad.id in ("missing-file", "directory"):
        assert line.startswith(f"{PREFIX}{path}: "), line
    else:
        assert path in line, line


@pytest.mark.parametrize("bad", _params([b for b in ALL if b.value is not NO_VALUE], "value"))
def test_cli_shows_the_value(bad: Bad, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, _, err = _run(bad, tmp_path, capsys)
    assert any(form in err for form in _shown(bad.value)), err


# ----------------------------------------------------------------------------- API
def _check_invalid(exc: cloudcentre.InvalidCase, bad: Bad) -> None:
    assert isinstance(exc, ValueError)
    assert isinstance(exc, cloudcentre.CloudcentreError)
    assert exc.path == bad.path
    if bad.value is NO_VALUE:
        assert exc.value is None
    else:
        assert exc.value == bad.value
        assert type(exc.value) is type(bad.value) or isinstance(bad.value, int | float)
    assert _lowercase_start(exc.message), exc.message
    assert "\n" not in str(exc)
    assert str(exc) == exc.one_line()


@pytest.mark.parametrize("bad", _params(CASE_DATA, "api"))
def test_api_case_from_json(bad: Bad) -> None:
    with pytest.raises(cloudcentre.InvalidCase) as info:
        cloudcentre.case_from_json(_case_text(bad))
    _check_invalid(info.value, bad)


@pytest.mark.parametrize("bad", _params([b for b in CASE_DATA if b.text is None], "api"))
def test_api_case_from_dict(bad: Bad) -> None:
    data = json.loads(_case_text(bad))
    with pytest.raises(cloudcentre.InvalidCase) as info:
        cloudcentre.case_from_dict(data)
    _check_invalid(info.value, bad)
    with pytest.raises(cloudcentre.InvalidCase):
        cloudcentre.assess(data)


@pytest.mark.parametrize("bad", _params([b for b in CASE_DATA if b.text is None], "api"))
def test_api_case_from_json_bytes(bad: Bad) -> None:
    with pytest.raises(cloudcentre.InvalidCase) as info:
        cloudcentre.case_from_json(_case_text(bad).encode("utf-8"))
    _check_invalid(info.value, bad)


@pytest.mark.parametrize("value", [None, [1, 2], "case", 3])
def test_api_non_mapping(value: Any) -> None:
    with pytest.raises(cloudcentre.InvalidCase) as info:
        cloudcentre.case_from_dict(value)
    assert info.value.path == "$"
    with pytest.raises(cloudcentre.InvalidCase):
        cloudcentre.assess(value)


def test_base_case_is_valid() -> None:
    """The corpus mutates a valid case: make sure the base itself loads."""
    assert cloudcentre.case_from_dict(BASE).offering.kind is cloudcentre.OfferingKind.COMMERCIAL


def test_ids_are_unique() -> None:
    assert len({b.id for b in ALL}) == len(ALL)
