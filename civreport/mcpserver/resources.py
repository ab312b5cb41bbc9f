"""What an assistant may read besides calling the tools: the genre guide (how each part of a
summary is written), the samples shipped with civreport, the workspace's office profiles and a
listing of the workspace's files the tools take. Only what is listed can be read: a URI is
looked up, never taken apart into a path."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..files import read_file
from ..model.limits import MAX_FILE_BYTES
from ..readers.data import SUFFIXES
from ..readers.importing.sources import FORMATS as DOCUMENT_FORMATS
from ..workspace import Workspace

SCHEME = "civreport://"
GENRE = f"{SCHEME}genre"
LISTING = f"{SCHEME}workspace"
MAX_LISTED = 1000  # files in the listing: a workspace is a folder of reports, not a disk
_TAKEN = {*SUFFIXES, *(f".{fmt}" for fmt in DOCUMENT_FORMATS)}  # what validate, render … and import take


@dataclass(frozen=True)
class Resource:
    uri: str
    title: str
    description: str
    mime: str


class UnknownResource(Exception):
    """A URI that names nothing readable; its text says what there is, in Chinese."""


def _samples() -> Path:
    """The samples shipped with civreport: in an installed wheel, else in the source checkout."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "samples"
    return packaged if packaged.is_dir() else package.parent / "samples"


def _sample_files() -> dict[str, Path]:
    """The sample reports (not the sample offices' profiles, which the workspace's stand for)."""
    root = _samples()
    reports = [p for p in sorted(root.glob("**/*.yaml")) if p.relative_to(root).parts[0] != "offices"]
    return {f"{SCHEME}samples/{p.relative_to(root).as_posix()}": p for p in reports}


def listed(space: Workspace) -> list[Resource]:
    """Every resource there is now (the workspace's profiles and files as they are)."""
    return [
        Resource(GENRE, "工作总结的写法", "各部分怎么写、数字和事实的规矩：起草前先读", "text/markdown"),
        Resource(LISTING, "工作目录中的文件", "工具可用的报告文件和旧文档，相对于工作目录的路径", "text/plain"),
        *(
            Resource(uri, f"样例：{uri.removeprefix(f'{SCHEME}samples/')}", "依真实总结转写的完整报告", "text/yaml")
            for uri in _sample_files()
        ),
        *(
            Resource(f"{SCHEME}offices/{name}", f"办公室配置：{name}", "工作目录 offices 文件夹中的配置", "text/yaml")
            for name in space.profiles()
        ),
    ]


def read(space: Workspace, uri: str) -> tuple[str, str]:
    """The text of the resource ``uri`` and its MIME type; UnknownResource for one that is not
    listed."""
    if uri == GENRE:
        return (Path(__file__).parent / "genre.md").read_text(encoding="utf-8"), "text/markdown"
    if uri == LISTING:
        return "\n".join(_files(space)) or "（工作目录中还没有报告文件或文档）", "text/plain"
    samples = _sample_files()
    if uri in samples:
        return samples[uri].read_text(encoding="utf-8"), "text/yaml"
    name = uri.removeprefix(f"{SCHEME}offices/")
    if uri.startswith(f"{SCHEME}offices/") and name in space.profiles():
        file = space.file(f"offices/{name}/profile.yaml")
        return read_file(file, MAX_FILE_BYTES, "办公室配置文件太大").decode("utf-8", "replace"), "text/yaml"
    raise UnknownResource(f"没有资源“{uri[:200]}”：可读的有 {'、'.join(r.uri for r in listed(space))}")


def _files(space: Workspace) -> list[str]:
    """The workspace's report files and documents, relative to it: not in hidden folders, not
    through links out of it; at most MAX_LISTED."""
    found: list[str] = []
    for folder, folders, files in os.walk(space.root):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        for name in sorted(files):
            path = Path(folder, name)
            if not name.startswith(".") and path.suffix.lower() in _TAKEN and space.contains(path):
                found.append(path.relative_to(space.root).as_posix())
                if len(found) == MAX_LISTED:
                    return [*found, f"……（只列出前 {MAX_LISTED} 个）"]
    return found
