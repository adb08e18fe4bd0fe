"""Offline claim verifier for fact-checkers.

    from verifier import Verifier
    report = Verifier.load("index/reference").verify(article_text)
"""

__version__ = "0.1.0"

from verifier.api import Verifier, update_index, verify
from verifier.errors import VerifierError
from verifier.models import ClaimResult, Report
from verifier.retrieve import SearchFilter

__all__ = ["ClaimResult", "Report", "SearchFilter", "Verifier", "VerifierError", "__version__",
           "update_index", "verify"]
