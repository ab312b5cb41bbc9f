"""Resume: a document is up to date when its outputs exist and the stamp beside them matches
a hash of everything they were made from (the input or a roll-up's sources, the profile files,
the template files, the formats, and civreport itself)."""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

from ..about import version
from ..files import write_atomic
from ..office.profile import OfficeProfile


@cache
def _civreport_hash() -> str:
    """civreport's version and its own code and templates: a changed civreport redoes everything."""
    digest = hashlib.sha256(version().encode())
    package = Path(__file__).resolve().parent.parent
    for path in sorted(p for p in package.rglob("*") if p.suffix in (".py", ".j2") and p.is_file()):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*") if p.is_file()) if directory.is_dir() else []


def stamp(
    inputs: list[Path], profile: OfficeProfile, templates: list[Path], outputs: list[str], names: str = ""
) -> str:
    digest = hashlib.sha256(_civreport_hash().encode())
    digest.update(names.encode())
    digest.update(json.dumps(sorted(Path(o).suffix for o in outputs)).encode())
    digest.update(profile.settings.model_dump_json().encode())
    for path in [*inputs, *profile.files, *(f for d in [*templates, *profile.template_dirs] for f in _files(d))]:
        digest.update(str(path).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


STAMPS = ".civreport"  # the folder beside the outputs that holds their stamps


def _stamp_file(outputs: list[str]) -> Path:
    first = Path(outputs[0])
    return first.parent / STAMPS / f"{first.stem}.stamp"


def has_stamp(outputs: list[str]) -> bool:
    return _stamp_file(outputs).is_file()


def up_to_date(outputs: list[str], value: str) -> bool:
    file = _stamp_file(outputs)
    try:
        return file.read_text(encoding="utf-8").strip() == value and all(Path(o).is_file() for o in outputs)
    except OSError:
        return False


def record(outputs: list[str], value: str) -> None:
    write_atomic(_stamp_file(outputs), value.encode())
