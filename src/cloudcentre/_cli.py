"""The ``cloudcentre`` command line.

Exit codes of ``assess``: 0 compliant (or under derogation), 3 non_compliant,
4 undetermined; of ``verify``: 0 the packs pass, 1 a check fails; of every command:
2 usage or invalid input (a bad pack module too), 1 internal error (``timeline``,
``rules`` and ``providers`` otherwise exit 0). ``shortlist`` exits 0 when at least one
offering is compliant (or under derogation), 3 when none is.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
import traceback
from collections.abc import Iterator, Mapping, Sequence
from typing import NoReturn, TextIO

from . import __version__
from ._errors import (
    CloudcentreError,
    InvalidCase,
    InvalidCatalogue,
    InvalidRulePack,
    UnknownEngine,
)
from .catalogue import Catalogue, case_from_catalogue_json, load_catalogue
from .decide.api import assess, get_engine, rules_in_force, timeline
from .decide.batch import assess_many
from .decide.outcome import Verdict, combine_verdicts
from .decide.remedies import catalogue_offerings
from .decide.shortlist import shortlist, shortlist_over_time
from .decide.timeline import timeline_to_dict
from .law.interpretations import INTERPRETATIONS, resolve_interpretations
from .law.language import INTERPRETATION_PREFIX, Test
from .model.case import Case
from .model.convert import check_case_data
from .model.limits import DEFAULT_LIMITS, decode_utf8, parse_json
from .report.dot import render_dot
from .report.i18n import LANGS
from .report.jsonfmt import decision_json
from .report.markdown import decision_record, render_markdown
from .report.rules import rule_to_dict
from .report.shortlist import (
    catalogue_to_dict,
    render_catalogue,
    render_shortlist,
    render_shortlist_history,
)
from .report.text import (
    EXPLAIN_MODES,
    interpretation_to_dict,
    render_decision,
    render_interpretations,
    render_rules,
    render_timeline,
)

__all__ = ["EXIT_CODES", "main"]

EXIT_CODES: dict[Verdict, int] = {
    Verdict.COMPLIANT: 0,
    Verdict.COMPLIANT_UNDER_DEROGATION: 0,
    Verdict.NON_COMPLIANT: 3,
    Verdict.UNDETERMINED: 4,
}
EXIT_USAGE = 2
EXIT_INTERNAL = 1


class _Usage(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _Usage(re.sub(r"'([^']*)'", r"`\1`", message))


def _date(text: str) -> dt.date:
    try:
        if len(text) != 10:
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"`{text}` is not a date (write YYYY-MM-DD)") from None


def _parser() -> _Parser:
    parser = _Parser(
        prog="cloudcentre",
        description="Decide whether a French public-sector workload may be hosted on a cloud "
        "offering, with the legal reasons.",
    )
    parser.add_argument("--version", action="version", version=f"cloudcentre {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p_assess = sub.add_parser(
        "assess", help="decide cases (JSON files, JSON Lines files, or - for stdin)"
    )
    p_assess.add_argument(
        "case",
        nargs="+",
        help="path of a case JSON file, or - to read standard input; with --format jsonl, "
        "any number of them, and a .jsonl file or - holds one case per line",
    )
    p_assess.add_argument("--as-of", type=_date, help="judge the case on this date (YYYY-MM-DD)")
    p_assess.add_argument(
        "--format",
        choices=("text", "json", "jsonl", "markdown", "dot"),
        help="text (the default for one case), json, markdown (an audit record), dot "
        "(Graphviz), or jsonl: one decision per line, in input order (the default for "
        "several cases or a .jsonl file)",
    )
    p_assess.add_argument("--engine", default="native", help="engine backend (default: native)")
    p_assess.add_argument(
        "--workers", type=int, default=1, help="with --format jsonl: processes to use (default 1)"
    )
    p_assess.add_argument(
        "--explain", choices=EXPLAIN_MODES, default="summary",
        help="text output: off, summary (default), fails, full (the whole tree) or remedies",
    )
    p_assess.add_argument(
        "--lang", choices=LANGS, default=None,
        help="language of text and reports (default: en for text, fr for markdown)",
    )
    _catalogue_option(p_assess)
    _interpretation_option(p_assess)

    p_time = sub.add_parser(
        "timeline", help="the periods over which a case's verdict is constant, and why it changes"
    )
    p_time.add_argument("case", help="path of the case JSON file, or - to read standard input")
    p_time.add_argument("--from", dest="start", type=_date, help="first day (default: 2021-01-01)")
    p_time.add_argument("--to", dest="end", type=_date, help="last day (default: open-ended)")
    p_time.add_argument("--format", choices=("text", "json"), default="text")
    p_time.add_argument("--engine", default="native", help="engine backend (default: native)")
    _catalogue_option(p_time)
    _interpretation_option(p_time)

    p_rules = sub.add_parser("rules", help="list the rules with their legal sources")
    p_rules.add_argument("--as-of", type=_date, help="only the rules in force on this date")
    p_rules.add_argument("--format", choices=("text", "json"), default="text")
    _interpretation_option(p_rules, "only the rules that apply under these readings")

    p_short = sub.add_parser(
        "shortlist", help="judge a workload (a case without offering and provider) on every "
        "offering of the catalogue, best first",
    )
    p_short.add_argument("workload", help="path of the workload JSON file, or - for stdin")
    p_short.add_argument("--as-of", type=_date, help="judge on this date (YYYY-MM-DD)")
    p_short.add_argument("--from", dest="start", type=_date,
                         help="over time: first day (gives each offering's eligible periods)")
    p_short.add_argument("--to", dest="end", type=_date, help="over time: last day")
    p_short.add_argument("--format", choices=("text", "json"), default="text")
    p_short.add_argument("--engine", default="native", help="engine backend (default: native)")
    _interpretation_option(p_short)
    _catalogue_option(p_short)

    p_prov = sub.add_parser(
        "providers", help="list the catalogue: each attribute's value, source, quality and "
        "check date",
    )
    p_prov.add_argument("--as-of", type=_date, help="only the values holding on this date")
    p_prov.add_argument("--format", choices=("text", "json"), default="text")
    _catalogue_option(p_prov)

    p_interp = sub.add_parser(
        "interpretations",
        help="list the named interpretations (contested readings), their options and sources",
    )
    p_interp.add_argument("--format", choices=("text", "json"), default="text")
    p_verify = sub.add_parser(
        "verify", help="check the rule packs over their whole abstract input space"
    )
    when = p_verify.add_mutually_exclusive_group()
    when.add_argument("--as-of", type=_date, help="one evaluation date (default: today)")
    when.add_argument("--all-dates", action="store_true", help="every period of the rules")
    p_verify.add_argument("--pack", metavar="MODULE",
                          help="an importable module exposing RULES: checked with the bundled")
    p_verify.add_argument("--counterexample", default="verify-counterexample.json",
                          metavar="PATH", help="where to write a failure's case file")
    p_verify.add_argument("--jobs", type=int, default=None, metavar="N",
                          help="worker processes for --all-dates (default: one per CPU)")
    return parser


def _catalogue_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--catalogue", action="append", default=[], metavar="FILE",
        help="a catalogue file (TOML or JSON) merged over the bundled one; repeatable",
    )


def _catalogue(args: argparse.Namespace) -> Catalogue:
    return load_catalogue(*args.catalogue)


def _interpretation(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name or not value:
        raise argparse.ArgumentTypeError(
            f"`{text}` is not NAME=VALUE (see `cloudcentre interpretations`)"
        )
    return name.strip(), value.strip()


def _interpretation_option(parser: argparse.ArgumentParser, what: str = "") -> None:
    parser.add_argument(
        "--interpretation",
        action="append",
        type=_interpretation,
        default=[],
        metavar="NAME=VALUE",
        help="adopt another reading of a contested point (repeatable; see `cloudcentre "
        "interpretations`)" + (f"; {what}" if what else ""),
    )


def _chosen(args: argparse.Namespace) -> dict[str, str]:
    chosen = dict(args.interpretation)
    resolve_interpretations(chosen)  # fail fast on an unknown name or value
    return chosen


def _read(path: str) -> str:
    """The case text: the file (or standard input) read as bytes, decoded as strict UTF-8.

    At most one byte more than the size limit is read.
    """
    limit = DEFAULT_LIMITS.max_bytes + 1
    if path == "-":
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:  # a text stream without bytes underneath (embedding, tests)
            data = sys.stdin.read(limit).encode("utf-8", "surrogatepass")
        else:
            data = stream.read(limit)
        return decode_utf8(data, DEFAULT_LIMITS, "<stdin>")
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit)
    except OSError as exc:
        raise _unreadable(exc, path, "a case JSON file") from None
    return decode_utf8(data, DEFAULT_LIMITS, path)


def _unreadable(exc: OSError, path: str, what: str) -> InvalidCase:
    """The error for a file that cannot be opened or read (``what`` it should be)."""
    if isinstance(exc, FileNotFoundError):
        return InvalidCase("no such file", path=path, hint=f"give the path of {what}")
    if isinstance(exc, IsADirectoryError):
        return InvalidCase("is a directory, not a file", path=path, value=path)
    if isinstance(exc, PermissionError):
        return InvalidCase("cannot read the file (permission denied)", path=path)
    return InvalidCase(f"cannot read the file ({exc.strerror or exc})", path=path)


def _write(text: str) -> None:
    """Write ``text`` to standard output as UTF-8, whatever the locale's encoding."""
    data = text.encode("utf-8")  # strict: the loader rejects strings that are not Unicode
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:  # a text stream without bytes underneath (embedding, tests)
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    stream.write(data)
    stream.flush()


def _error(prefix: str, lines: Sequence[str]) -> None:
    """Error lines on standard error, one per line; never fails on odd characters."""
    for line in lines:
        safe = line.encode("utf-8", "backslashreplace").decode("utf-8")
        sys.stderr.write(f"cloudcentre: {prefix}: {safe}\n")


def _assess(args: argparse.Namespace) -> int:
    get_engine(args.engine)  # fail fast on an unknown engine, before reading the case
    if args.format is None:
        several = len(args.case) > 1 or args.case[0].endswith(".jsonl")
        args.format = "jsonl" if several else "text"
    chosen = _chosen(args)
    if args.format == "jsonl":
        return _assess_lines(args, chosen)
    if len(args.case) > 1:
        raise _Usage("several cases need `--format jsonl`")
    case = case_from_catalogue_json(_read(args.case[0]), _catalogue(args), args.as_of)
    decision = assess(case, as_of=args.as_of, engine=args.engine, interpretations=chosen)
    remedies = None
    if args.explain == "remedies" or args.format == "markdown":
        # Remedies may choose another offering of the catalogue (bundled and --catalogue).
        remedies = decision.remedies(
            offerings=catalogue_offerings(_catalogue(args), decision.as_of)
        )
    if args.format == "json":
        record = decision_record(decision, remedies=remedies or False)
        _write(decision_json(record))
    elif args.format == "markdown":
        _write(render_markdown(decision, lang=args.lang or "fr", remedies=remedies))
    elif args.format == "dot":
        _write(render_dot(decision, lang=args.lang or "en"))
    else:
        text = render_decision(decision, args.explain, lang=args.lang or "en", remedies=remedies)
        _write(text)
    return EXIT_CODES[decision.verdict]


def _assess_lines(args: argparse.Namespace, chosen: Mapping[str, str] | None) -> int:
    """Decide every case of every input; print one compact decision per line."""
    if args.workers < 1:
        raise _Usage(f"`{args.workers}` workers: give at least 1")
    worst = None
    decisions = assess_many(
        _cases(args),
        as_of=args.as_of,
        engine=args.engine,
        workers=args.workers,
        interpretations=chosen,
    )
    lines: list[str] = []
    try:
        for decision in decisions:
            lines.append(json.dumps(decision.to_dict(), ensure_ascii=False, separators=(",", ":")))
            worst = decision.verdict if worst is None else combine_verdicts(worst, decision.verdict)
            if len(lines) >= 256:  # written as UTF-8 a batch at a time
                _write("\n".join(lines) + "\n")
                lines.clear()
    finally:  # the decisions made before a bad case stand
        if lines:
            _write("\n".join(lines) + "\n")
    return 0 if worst is None else EXIT_CODES[worst]


def _cases(args: argparse.Namespace) -> Iterator[Case]:
    """The cases of every input, in order: a ``.jsonl`` file and ``-`` hold one per line."""
    catalogue = _catalogue(args)
    for path in args.case:
        if path != "-" and not path.endswith(".jsonl"):
            yield case_from_catalogue_json(_read(path), catalogue, args.as_of)
            continue
        lines = sys.stdin if path == "-" else _open(path)
        try:
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                try:
                    yield case_from_catalogue_json(line, catalogue, args.as_of)
                except InvalidCase as exc:
                    where = f"{'stdin' if path == '-' else path}:{number}"
                    inner = "" if exc.path in ("", "$") else f" {exc.path}"
                    raise InvalidCase(
                        exc.message, path=f"{where}{inner}", value=exc.value, hint=exc.hint
                    ) from None
        finally:
            if lines is not sys.stdin:
                lines.close()


def _open(path: str) -> TextIO:
    try:
        return open(path, encoding="utf-8")
    except OSError as exc:
        raise _unreadable(exc, path, "a JSON Lines file") from None


def _timeline(args: argparse.Namespace) -> int:
    get_engine(args.engine)
    chosen = _chosen(args)
    case = case_from_catalogue_json(_read(args.case), _catalogue(args), args.start)
    result = timeline(case, args.start, args.end, engine=args.engine, interpretations=chosen)
    if args.format == "json":
        text = json.dumps(timeline_to_dict(result), ensure_ascii=False, indent=2) + "\n"
        _write(text)
    else:
        _write(render_timeline(result))
    return 0


def _rules(args: argparse.Namespace) -> int:
    rules = rules_in_force(args.as_of)
    if args.interpretation:
        values = resolve_interpretations(_chosen(args))
        rules = tuple(
            rule
            for rule in rules
            if all(
                cond.value == values[cond.fact[len(INTERPRETATION_PREFIX) :]]
                for cond in rule.conditions
                if cond.fact.startswith(INTERPRETATION_PREFIX) and isinstance(cond, Test)
            )
        )
    if args.format == "json":
        data = [rule_to_dict(rule) for rule in rules]
        _write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        _write(render_rules(rules))
    return 0


def _interpretations(args: argparse.Namespace) -> int:
    if args.format == "json":
        data = [interpretation_to_dict(item) for item in INTERPRETATIONS]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(render_interpretations(INTERPRETATIONS))
    return 0


def _shortlist(args: argparse.Namespace) -> int:
    get_engine(args.engine)
    chosen = _chosen(args)
    catalogue = _catalogue(args)
    workload = parse_json(_read(args.workload))
    if isinstance(workload, Mapping):
        check_case_data(workload)
    if args.start is not None or args.end is not None:
        history = shortlist_over_time(
            workload,
            args.start or dt.date(2021, 1, 1),
            args.end,
            catalogue,
            engine=args.engine,
            interpretations=chosen,
        )
        if args.format == "json":
            out = json.dumps(history.to_dict(), ensure_ascii=False, indent=2) + "\n"
        else:
            out = render_shortlist_history(history)
        _write(out)
        return 0 if any(p.eligible for row in history.rows for p in row.periods) else 3
    result = shortlist(workload, catalogue, args.as_of, engine=args.engine, interpretations=chosen)
    if args.format == "json":
        _write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        _write(render_shortlist(result))
    return 0 if result.eligible else 3


def _providers(args: argparse.Namespace) -> int:
    catalogue = _catalogue(args)
    if args.format == "json":
        data = catalogue_to_dict(catalogue, args.as_of)
        _write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        _write(render_catalogue(catalogue, args.as_of))
    return 0


def _verify(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .testing import runner

    user = runner.load_pack(args.pack) if args.pack else None
    days = None if args.all_dates else [args.as_of or dt.date.today()]
    report, pack, seconds = runner.run(user, days, jobs=args.jobs)
    runner.render(report, pack, seconds, sys.stdout)
    if not report.failures:
        return 0
    written = runner.write_counterexample(report, Path(args.counterexample))
    if written is not None:
        sys.stdout.write(f"counterexample case written to {written}\n")
    return EXIT_INTERNAL


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code (the console script exits with it)."""
    try:
        args = _parser().parse_args(argv)
        if args.command == "assess":
            return _assess(args)
        if args.command == "timeline":
            return _timeline(args)
        if args.command == "interpretations":
            return _interpretations(args)
        if args.command == "verify":
            return _verify(args)
        if args.command == "shortlist":
            return _shortlist(args)
        if args.command == "providers":
            return _providers(args)
        return _rules(args)
    except _Usage as exc:
        _error("error", [str(exc)])
        return EXIT_USAGE
    except InvalidCase as exc:
        _error("error", exc.lines())
        return EXIT_USAGE
    except (InvalidCatalogue, UnknownEngine, InvalidRulePack) as exc:
        _error("error", [str(exc)])
        return EXIT_USAGE
    except CloudcentreError as exc:
        _error("internal error", [str(exc)])
        return EXIT_INTERNAL
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return 0
    except Exception as exc:  # pragma: no cover - a bug
        if os.environ.get("CLOUDCENTRE_DEBUG"):
            traceback.print_exc()
        _error(
            "internal error",
            [
                f"{type(exc).__name__}: {exc} "
                "(set CLOUDCENTRE_DEBUG=1 for the traceback; please report it)"
            ],
        )
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
