"""A workspace: the folder that a program driven from outside (the web editor's browser, an
assistant through the tool server) may read and write, and nothing beyond it. Every name that
comes from outside is checked here, once: a relative path to a file inside the folder, never
an absolute path, ``..``, a hidden file, or a symbolic link that leads out of it."""

from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath

from .errors import InputError
from .office.profile import OfficeProfile, default_profile, load_profile

MAX_NAME = 400  # characters of a relative path: deeper than any office folder goes


class OutsideWorkspace(Exception):
    """A name that does not denote a file in the workspace; its text says why, in Chinese."""

    def __init__(self, name: str, why: str = "不在工作目录中") -> None:
        super().__init__(f"“{name}”{why}：只能使用工作目录中的文件，写相对于工作目录的路径（如 旧稿/总结.docx）")
        self.name = name


class Workspace:
    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.offices = self.root / "offices"

    def contains(self, path: Path) -> bool:
        """Whether ``path``, every symbolic link on it followed, is inside the workspace."""
        return path.resolve().is_relative_to(self.root)

    def file(self, name: str) -> Path:
        """The path ``name`` (relative to the workspace, ``/`` between folders) denotes; an
        OutsideWorkspace saying why for anything that is not inside it."""
        parts = PurePosixPath(name.replace("\\", "/")).parts
        if not name.strip() or len(name) > MAX_NAME or "\x00" in name:
            raise OutsideWorkspace(name, "不是有效的文件名")
        if PurePosixPath(name).is_absolute() or PureWindowsPath(name).anchor or name.startswith("~"):
            raise OutsideWorkspace(name, "是绝对路径")
        if ".." in parts:
            raise OutsideWorkspace(name, "用“..”指向了上级目录")
        if any(part.startswith(".") for part in parts):
            raise OutsideWorkspace(name, "是隐藏文件或在隐藏文件夹中")
        path = self.root.joinpath(*parts)
        if not self.contains(path):
            raise OutsideWorkspace(name, "是指向工作目录之外的链接")
        return path

    def profiles(self) -> list[str]:
        """The office profiles a report may choose: folders of ``offices/`` with a profile.yaml."""
        if not self.offices.is_dir():
            return []
        return sorted(
            p.parent.name for p in self.offices.glob("*/profile.yaml") if p.resolve().is_relative_to(self.offices)
        )

    def profile(self, name: str, chosen: object) -> Path | None:
        """The file of the profile report ``name`` chooses (``chosen``, as its data has it), one of
        the workspace's; None for none chosen. InputError at its field for any other: a path, a
        profile outside the workspace, whose templates are not run."""
        if chosen is None:
            return None
        if chosen not in self.profiles():
            raise InputError.single(
                name, f"办公室配置“{chosen}”不在工作目录的 offices 文件夹中，{self.choose_another()}", path="profile"
            )
        return self.offices / str(chosen) / "profile.yaml"

    def choose_another(self) -> str:
        """What to do about a profile that is not the workspace's, as the front end offers it."""
        return f"不能使用：请改用其中的一个（{'、'.join(self.profiles()) or '现在没有'}），或删去 profile"

    def office(self, name: str, chosen: object) -> OfficeProfile:
        """The office profile report ``name`` is made under: the workspace's one it chooses, else
        GB/T 9704; InputError for any other (see :meth:`profile`)."""
        file = self.profile(name, chosen)
        return default_profile() if file is None else load_profile(file)
