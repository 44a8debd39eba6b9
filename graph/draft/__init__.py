"""Drafting claims from Norwegian and Swedish text: rules that find mentions and suggest facts
(see :func:`draft`)."""

from .draft import DRAFTED_BY, draft
from .recognise import Document, Mention, Recogniser, RuleRecogniser

__all__ = ["DRAFTED_BY", "Document", "Mention", "Recogniser", "RuleRecogniser", "draft"]
