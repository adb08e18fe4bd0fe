"""Errors a user can act on. The CLI prints their message on one line and exits non-zero.

Exit codes of `factcheck`:

    0    done
    1    internal error (a bug: the message names it; `factcheck --debug ...` shows the traceback)
    2    InputError: the article, claims or batch input, a JSON report to render or diff,
         or a review file cannot be used
    3    CorpusError: a reference document is malformed
    4    IndexProblem: the index is missing, corrupted, or made with another model / tool version
    5    ModelLoadError: a model cannot be loaded, or fails while running (never replaced by
         another model, never skipped)
    6    completed with errors: some claims could not be judged (verdict `unverified`, reason
         starting "error:") or some articles of a batch failed; every report says which. Also
         `factcheck index` when it skipped reference files (--skip-bad, symlinks out of the
         folder): the closing summary and the manifest's `skipped` list say which
    7    OutputError: a report or index could not be written (disk full, permissions)
    130  interrupted (Ctrl-C); finished reports are complete, a batch resumes where it stopped
"""

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_COMPLETED_WITH_ERRORS = 6
EXIT_INTERRUPTED = 130

# A claim whose judging failed is `unverified` and its reason starts with this.
ERROR_REASON_PREFIX = "error:"


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
    """A model cannot be loaded or fails while running. Never silently replaced or skipped."""

    exit_code = 5


class OutputError(VerifierError):
    """A report, index or other output cannot be written (disk full, no permission)."""

    exit_code = 7
