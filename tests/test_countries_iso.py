"""cloudcentre.law.iso3166 holds pycountry's ISO 3166-1 list; the rules use only its codes."""

from __future__ import annotations

import importlib.resources
import json
import textwrap

import pycountry

from cloudcentre.law import countries, iso3166


def _lines(codes: list[str]) -> str:
    return textwrap.fill(" ".join(codes), width=88, initial_indent="    ", subsequent_indent="    ")


def test_alpha_2_is_pycountrys_list() -> None:
    current = sorted(c.alpha_2 for c in pycountry.countries)
    assert sorted(iso3166.ALPHA_2) == current, (
        "ISO 3166-1 changed in pycountry: paste these codes into "
        f"src/cloudcentre/law/iso3166.py (ALPHA_2):\n{_lines(current)}"
    )


def test_alpha_3_is_pycountrys_list() -> None:
    current = sorted((c.alpha_3, c.alpha_2) for c in pycountry.countries)
    assert sorted(iso3166.ALPHA_3.items()) == current, (
        "paste these pairs into src/cloudcentre/law/iso3166.py (ALPHA_3):\n"
        + _lines([f"{a}:{b}" for a, b in current])
    )


def test_eu_pseudo_codes_are_not_iso() -> None:
    assert not set(iso3166.NOT_ISO) & iso3166.ALPHA_2
    assert {"EL", "UK", "EU"} <= set(iso3166.NOT_ISO)


def test_the_rules_country_groups_are_iso_codes() -> None:
    for group in (countries.EU, countries.EEA, countries.ADEQUACY, countries.US):
        assert group <= iso3166.ALPHA_2


def test_the_schema_lists_the_same_codes() -> None:
    resource = importlib.resources.files("cloudcentre").joinpath("schemas/case.schema.json")
    schema = json.loads(resource.read_text(encoding="utf-8"))
    assert schema["$defs"]["country"]["enum"] == sorted(iso3166.ALPHA_2)
