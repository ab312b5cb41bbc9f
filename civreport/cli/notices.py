"""What a command has to tell about a file it handled, printed for a person: 警告：file：message."""

from __future__ import annotations

import sys
from pathlib import Path

from ..diagnostics import Diagnostics


def tell(path: Path, diagnostics: Diagnostics) -> None:
    """Each distinct diagnostic about ``path`` once, on standard error."""
    for message in diagnostics.messages():
        print(f"警告：{path}：{message}", file=sys.stderr)
