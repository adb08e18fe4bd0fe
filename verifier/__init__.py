"""Offline claim verifier for fact-checkers.

    from verifier import Verifier
    report = Verifier.load("index/reference").verify(article_text)
"""

__version__ = "0.1.0"

from verifier.api import Verifier, verify
from verifier.errors import VerifierError
from verifier.models import ClaimResult, Report

__all__ = ["ClaimResult", "Report", "Verifier", "VerifierError", "__version__", "verify"]
