"""The reply the engine gives: what the patient sees, and what a surface needs to show it."""
from dataclasses import asdict, dataclass, field

KINDS = ("answer", "personal", "emergency", "crisis", "unknown_medicine", "not_covered", "out_of_scope",
         "smalltalk", "clarify")
# How urgent a message read (None when not): 112 now, 113, or a doctor today.
URGENCIES = ("emergency", "crisis", "urgent")
# Replies of these kinds always end with the ask-your-doctor framing.
FRAMED_KINDS = ("answer", "personal", "not_covered", "unknown_medicine", "clarify")


@dataclass(frozen=True)
class Reply:
    """One reply. `text` is the whole reply as shown (plain text, framing included); `summary` is the short
    answer to show first, the rest one tap away; `context` goes back in with the next question."""
    kind: str
    text: str
    lang: str
    medicine: str | None = None
    topic: str | None = None
    sources: list = field(default_factory=list)
    suggestions: list = field(default_factory=list)
    context: dict = field(default_factory=dict)
    answer_id: str | None = None
    title: str | None = None
    reviewed: str | None = None
    summary: str | None = None
    urgency: str | None = None

    def to_dict(self) -> dict:
        """A JSON-serialisable dict; its keys only ever grow."""
        return asdict(self)
