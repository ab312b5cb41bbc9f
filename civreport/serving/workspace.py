"""The editor's workspace: a folder of report files. Names from the browser are checked here,
once (by :mod:`civreport.workspace`): a report is a .yaml file directly in the workspace, never
a path outside it."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from .. import workspace
from ..files import write_atomic
from ..readers import read_data, roundtrip
from ..workspace import OutsideWorkspace

__all__ = ["OutsideWorkspace", "Workspace"]

_NAME = re.compile(r"^[^/\\\x00]{1,120}\.ya?ml$")


class Workspace(workspace.Workspace):
    """The editor's workspace: its reports are the .yaml files directly in the folder."""

    def reports(self) -> list[str]:
        return sorted(p.name for p in self.root.glob("*.y*ml") if self._inside(p) and p.is_file())

    def path(self, name: str) -> Path:
        """The report file ``name`` denotes; OutsideWorkspace for anything else."""
        if not _NAME.match(name):
            raise OutsideWorkspace(name, "不是工作目录中的报告文件名")
        path = self.file(name)
        if not self._inside(path):
            raise OutsideWorkspace(name)
        return path

    def _inside(self, path: Path) -> bool:
        return path.resolve().parent == self.root  # a link's target too: directly in the folder

    def choose_another(self) -> str:
        return "编辑器不使用它：请在“办公室配置”列表中另选一个"

    def digest(self, name: str) -> str:
        """What the file holds now, as a digest (empty for no file): a save checks it is unchanged."""
        path = self.path(name)
        return _digest(path.read_bytes()) if path.exists() else ""

    def read(self, name: str) -> dict[str, Any]:
        data, _ = read_data(self.path(name))
        assert isinstance(data, dict)
        return data

    def free_name(self, stem: str) -> str:
        stem = re.sub(r"[/\\\x00.]", "_", stem).strip()[:60] or "报告"  # room for -2 … and .yaml
        name, n = f"{stem}.yaml", 1
        while (self.root / name).exists():
            n += 1
            name = f"{stem}-{n}.yaml"
        return name

    def create(self, name: str, text: str) -> None:
        path = self.path(name)
        if path.exists():
            raise FileExistsError(name)
        write_atomic(path, text.encode("utf-8"))

    def save(self, name: str, data: dict[str, Any]) -> str:
        """Write ``data`` into the file, keeping its comments and layout where the data kept them;
        the digest of what was written (not of the file read again, which another program may
        have changed in the meantime)."""
        path = self.path(name)
        text, form = roundtrip.FileForm.read(path)
        yaml, root = roundtrip.load(text)
        written = form.encode(roundtrip.dump(yaml, roundtrip.merged(root, data) if root is not None else data))
        write_atomic(path, written)
        return _digest(written)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
