"""The texts of a report as a reader meets them, each with what it is: the one walk that the
proofreader, the indicator references and the limits read, instead of each parsing field
paths."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .genre import PartRole

# What a text is in the document:
#   front       office, subject, recipients
#   doc_title   the report's title and subtitle
#   lead_in     the sentence that leads into the body
#   paragraph   a paragraph of the opening, the closing, a part, an item or a point
#   title       the title of a part or an item
#   point       a point (一是……), or a point's title sentence
#   lead        the words before or after the points in their paragraph (points_lead/tail)
#   caption     a table's title;  header  a table's column name;  cell  a table's cell
#   attachment  an attachment's name;  signoff  a name signing;  name  an indicator's name
#   heading     a part heading a report renames (headings.plans); in a source document, a heading
#               that stands on a line of its own (or a paragraph in a heading style)
#   numbered    in a source document, a numbered paragraph whose text runs on after its number
#               and title (（一）强化组织领导。成立……), or a numbered sentence with nothing under it
TextKind = Literal[
    "front",
    "doc_title",
    "lead_in",
    "paragraph",
    "title",
    "point",
    "lead",
    "caption",
    "header",
    "cell",
    "attachment",
    "signoff",
    "name",
    "heading",
    "numbered",
]


@dataclass(frozen=True)
class FieldText:
    """One text of a report: its field path, the text, what it is, the role of the part it is
    in (none outside the body, or in a topical part) and the titles of the part and items it
    stands under, outermost first."""

    path: str
    text: str
    kind: TextKind
    role: PartRole | None = None
    titles: tuple[str, ...] = ()

    @property
    def refers(self) -> bool:
        """Whether the text may refer to an indicator ({key}, {key.yoy} …): every text that
        prints but the names — the office, the subject, the recipients, who signs and the
        indicators' own names."""
        return self.kind not in ("front", "signoff", "name")
