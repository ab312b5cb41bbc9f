"""The clerk's own Word file with the proofreader's findings in it: a copy of the original, its
formatting untouched, with each finding as a comment on the characters it is about
(``check --annotate``) and the fixes as tracked changes (``check --fix``). A different writer
from the report's DOCX writer: it writes into a document civreport did not make."""

from .writer import Review, reviewed

__all__ = ["Review", "reviewed"]
