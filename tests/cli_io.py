"""Run the CLI in-process with byte-level standard streams, in any locale's encoding."""

from __future__ import annotations

import io
import sys
from collections.abc import Sequence
from unittest import mock

from cloudcentre._cli import main

__all__ = ["run_cli"]


def run_cli(
    argv: Sequence[str], stdin: bytes = b"", encoding: str = "latin-1"
) -> tuple[int, bytes, str]:
    """``main(argv)`` with standard streams in ``encoding`` (as a non-UTF-8 locale would give).

    Returns the exit code, standard output as bytes, and standard error as text.
    """
    out, err = io.BytesIO(), io.BytesIO()
    stdout = io.TextIOWrapper(out, encoding=encoding, errors="strict", write_through=True)
    stderr = io.TextIOWrapper(err, encoding="utf-8", errors="strict", write_through=True)
    stdin_text = io.TextIOWrapper(io.BytesIO(stdin), encoding=encoding, errors="surrogateescape")
    with mock.patch.multiple(sys, stdin=stdin_text, stdout=stdout, stderr=stderr):
        code = main(list(argv))
        stdout.flush()
        stderr.flush()
    return code, out.getvalue(), err.getvalue().decode("utf-8")
