"""The exception hierarchy: one root, each subclass also a matching builtin."""

from __future__ import annotations

__all__ = [
    "CloudcentreError",
    "EngineError",
    "InvalidCase",
    "InvalidCatalogue",
    "InvalidRulePack",
    "UnknownEngine",
]


class CloudcentreError(Exception):
    """Root of every error raised on purpose by cloudcentre."""


class InvalidCase(CloudcentreError, ValueError):
    """A case (workload, offering, provider...) is malformed.

    ``path`` is the dotted path of the bad field (``workload.data.personal_data``),
    ``value`` the offending value (or ``None``), ``hint`` how to fix it.
    """

    def __init__(
        self, message: str, *, path: str = "", value: object = None, hint: str = ""
    ) -> None:
        self.message = message
        self.path = path
        self.value = value
        self.hint = hint
        super().__init__(self.one_line())

    def one_line(self) -> str:
        """The whole error on one line, as the CLI prints it."""
        where = f"{self.path}: " if self.path else ""
        hint = f" (hint: {self.hint})" if self.hint else ""
        return f"{where}{self.message}{hint}"

    def __reduce__(self) -> tuple[object, ...]:  # keep keyword arguments through pickling
        return (_rebuild_invalid_case, (self.message, self.path, self.value, self.hint))


def _rebuild_invalid_case(message: str, path: str, value: object, hint: str) -> InvalidCase:
    return InvalidCase(message, path=path, value=value, hint=hint)


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
