"""Insight without personal data: anonymous counts per day of replies and thumbs, and, only when a clinic
switches it on, the scrubbed text of questions the bot could not answer, kept for a limited number of days."""
from .figures import Figures, collect
from .recorder import Recorder
from .store import SURFACES, UNANSWERED_KINDS, Store

__all__ = ["Figures", "Recorder", "Store", "SURFACES", "UNANSWERED_KINDS", "collect"]
