"""Errors a user can act on. The CLI prints their message on one line and exits non-zero."""


class VerifierError(Exception):
    """Base class: the message names the problem and, where possible, the fix."""

    exit_code = 1


class InputError(VerifierError):
    """The article or claims given to verify cannot be used."""

    exit_code = 2


class CorpusError(VerifierError):
    """A reference document or record is malformed."""

    exit_code = 3


class IndexProblem(VerifierError):
    """The index is missing, corrupted, or was built with another model or tool version."""

    exit_code = 4


class ModelLoadError(VerifierError):
    """A model folder cannot be loaded. Never silently replaced by another model."""

    exit_code = 5
