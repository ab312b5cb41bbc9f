"""The limits of the input format, in one place: what a report, a profile and an input file may
hold. Real summaries stay far below them; beyond them input is refused, not rendered slowly.
The README's "Limits" table lists the same numbers."""

from __future__ import annotations

MAX_FILE_BYTES = 5_000_000  # an input, profile or template file
MAX_NESTING = 32  # lists and mappings inside each other in an input file
MAX_NODES = 200_000  # values in an input file, aliases expanded
MAX_TEXT = 200_000  # characters in one text (a paragraph, a title …)
MAX_NAME = 100  # characters in an office, subject, sign-off or heading
MAX_TITLE = 200  # characters in a title, as written or composed
MAX_TOTAL_TEXT = 2_000_000  # characters in all the texts of a report
MAX_ITEMS = 200  # parts of a role, items under a part or item, points, paragraphs, attachments
MAX_INDICATORS = 500
MAX_TEXTS = 20_000  # the texts of a roll-up one source's record names (Source.texts)
ROLLUP_LENGTH = 1.5  # a roll-up's length, at most, as times its longest source (rollup --length)
MAX_FIGURE = 1e15  # the largest magnitude of a figure (一千万亿)
MIN_FIGURE = 0.01  # the smallest magnitude of a figure other than zero: what prints at two decimals
FIRST_YEAR, LAST_YEAR = 1900, 2100  # the years a period or a date may fall in
