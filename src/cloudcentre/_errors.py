"""The exception hierarchy: one root, each subclass also a matching builtin."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = [
    "CloudcentreError",
    "EngineError",
    "InvalidArgument",
    "InvalidCase",
    "InvalidCatalogue",
    "InvalidInterpretation",
    "InvalidRulePack",
    "UnknownEngine",
]

#: How many errors ``str(InvalidCase)`` shows, one line each, before "and N more errors".
SHOWN_ERRORS = 20


class CloudcentreError(Exception):
    """Root of every error raised on purpose by cloudcentre."""


class InvalidCase(CloudcentreError, ValueError):
    """A case (workload, offering, provider...) is malformed.

    ``path`` is the dotted path of the bad field (``workload.data.personal_data``),
    ``value`` the offending value (or ``None``), ``hint`` how to fix it.

    One input may have several errors: ``errors`` lists them all (a single error lists
    itself), and ``message``, ``path``, ``value`` and ``hint`` are the first one's.
    ``str()`` gives one line per error (the first 20, then how many more there are).
    """

    def __init__(
        self,
        message: str,
        *,
        path: str = "",
        value: object = None,
        hint: str = "",
        errors: Iterable[InvalidCase] = (),
    ) -> None:
        self.message = message
        self.path = path
        self.value = value
        self.hint = hint
        flat = tuple(leaf for error in errors for leaf in error.errors)
        self._others: tuple[InvalidCase, ...] = flat if len(flat) > 1 else ()
        super().__init__("\n".join(self.lines()))

    @classmethod
    def group(cls, errors: Iterable[InvalidCase]) -> InvalidCase:
        """One error standing for ``errors`` (which must not be empty), in their order."""
        flat = [leaf for error in errors for leaf in error.errors]
        if not flat:
            raise ValueError("InvalidCase.group() needs at least one error")
        if len(flat) == 1:
            return flat[0]
        first = flat[0]
        return cls(first.message, path=first.path, value=first.value, hint=first.hint, errors=flat)

    @property
    def errors(self) -> tuple[InvalidCase, ...]:
        """Every error of the input, in order (this error alone when there is one)."""
        return self._others or (self,)

    def under(self, *prefix: str) -> InvalidCase:
        """The same error(s), with paths taken relative to ``prefix`` (``["offering"]``)."""
        return InvalidCase.group(
            InvalidCase(e.message, path=join_path([*prefix, e.path]), value=e.value, hint=e.hint)
            for e in self.errors
        )

    def one_line(self) -> str:
        """The (first) error on one line, as the CLI prints it."""
        where = f"{self.path}: " if self.path else ""
        hint = f" (hint: {self.hint})" if self.hint else ""
        return f"{where}{self.message}{hint}"

    def lines(self) -> list[str]:
        """One line per error: the first 20, then a line saying how many more there are."""
        errors = self.errors
        out = [error.one_line() for error in errors[:SHOWN_ERRORS]]
        if len(errors) > SHOWN_ERRORS:
            out.append(f"and {len(errors) - SHOWN_ERRORS} more errors (see InvalidCase.errors)")
        return out

    def __reduce__(self) -> tuple[object, ...]:  # keep keyword arguments through pickling
        others = tuple((e.message, e.path, e.value, e.hint) for e in self._others)
        return (_rebuild_invalid_case, (self.message, self.path, self.value, self.hint, others))


def _rebuild_invalid_case(
    message: str,
    path: str,
    value: object,
    hint: str,
    others: tuple[tuple[str, str, object, str], ...] = (),
) -> InvalidCase:
    errors = [InvalidCase(m, path=p, value=v, hint=h) for m, p, v, h in others]
    return InvalidCase(message, path=path, value=value, hint=hint, errors=errors)


def join_path(parts: Iterable[str]) -> str:
    """``["offering", "certifications", "[0]", "id"]`` -> ``offering.certifications[0].id``.

    ``$`` (the whole input) and empty parts vanish unless nothing else is left.
    """
    out = ""
    for part in parts:
        if not part or part == "$":
            continue
        if part.startswith("[") or not out:
            out += part
        else:
            out += "." + part
    return out or "$"


class InvalidArgument(CloudcentreError, TypeError, ValueError):
    """An argument of a library function has the wrong type or value (``as_of="soon"``).

    It is both a ``TypeError`` and a ``ValueError``, so either ``except`` catches it.
    """


class InvalidInterpretation(InvalidCase):
    """An unknown interpretation name, or a value that is not one of its options."""


class InvalidRulePack(CloudcentreError, ValueError):
    """A rule or rule pack is malformed (unknown fact, bad operator, duplicate id...)."""


class UnknownEngine(CloudcentreError, LookupError):
    """No engine backend by that name, or its optional dependency is missing."""


class EngineError(CloudcentreError, RuntimeError):
    """An engine backend failed while evaluating a rule; names the rule."""


class InvalidCatalogue(CloudcentreError, ValueError):
    """A catalogue file (bundled or the user's) is malformed.

    ``file`` names the file, ``entry`` the provider or offering (``providers[ovhcloud]``),
    ``field`` the attribute path inside it, ``value`` the offending value, ``hint`` the fix.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str = "",
        entry: str = "",
        field: str = "",
        value: object = None,
        hint: str = "",
    ) -> None:
        self.message = message
        self.file = file
        self.entry = entry
        self.field = field
        self.value = value
        self.hint = hint
        super().__init__(self.one_line())

    def one_line(self) -> str:
        """The whole error on one line, as the CLI prints it."""
        where = ": ".join(part for part in (self.file, self.entry, self.field) if part)
        hint = f" (hint: {self.hint})" if self.hint else ""
        return f"{where + ': ' if where else ''}{self.message}{hint}"

    def __reduce__(self) -> tuple[object, ...]:  # keep keyword arguments through pickling
        return (
            _rebuild_invalid_catalogue,
            (self.message, self.file, self.entry, self.field, self.value, self.hint),
        )


def _rebuild_invalid_catalogue(
    message: str, file: str, entry: str, field: str, value: object, hint: str
) -> InvalidCatalogue:
    return InvalidCatalogue(message, file=file, entry=entry, field=field, value=value, hint=hint)
