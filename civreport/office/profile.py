"""Office profiles: one office's wording, fonts, page set-up and templates, in a YAML file.

A profile may ``extends`` another (a province's, say) and state only what differs: the
files are merged key by key, the child winning, and the child's template directory is
searched before its parent's. The default profile is the GB/T 9704-2012 layout.
"""

from __future__ import annotations

import os
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

from pydantic import Field, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from ..checking.rule import House
from ..errors import InputError, Problem
from ..files import expand_home, not_a_file
from ..model import CleanModel, Name, PartHeadings, RangeDash, StrictModel, Text
from .checks import Checks
from .fonts import FontNames, FontRole, is_font_file
from .layout import Layout

if TYPE_CHECKING:
    from ..readers import LineMap

from .styles import BUILT_IN_NAMES, ClassName, OfficeStyle, StyleTable, style_table

SUBTITLE_PLACEHOLDERS = ("office", "period", "year")  # what a profile's subtitle may name

OFFICES_ENV = "CIVREPORT_OFFICES"
DEFAULT_OFFICES = Path("offices")


class Numbering(StrictModel):
    """An office's numbering habits."""

    bold_level3: bool = Field(default=False, title="三级标题加粗", description="“1.”一级的标题用粗体（常见做法）")
    items: Literal["headings", "enumeration"] = Field(
        default="headings",
        title="条目写法",
        description="headings：条目标题编为（一）（二）；enumeration：写成“一是……”“二是……”段落",
    )
    level3: Literal["1.", "1、"] = Field(default="1.", title="三级序号", description="“1.”或“1、”")


# What lays the PDF out: WeasyPrint from the page's HTML, or Typst from its blocks; ``auto``
# is Typst unless the office's templates bring a stylesheet of their own, which only
# WeasyPrint reads (civreport.rendering.page).
PdfEngine = Literal["weasyprint", "typst"]
PdfEngineChoice = Literal["auto", "weasyprint", "typst"]
PDF_ENGINES: tuple[PdfEngineChoice, ...] = ("auto", "weasyprint", "typst")


class ProfileFonts(StrictModel):
    """Fonts per role: names the DOCX asks for, and files or families the PDF is drawn with."""

    names: FontNames = Field(
        default="official",
        title="DOCX 字体名称",
        description="official：仿宋_GB2312、楷体_GB2312（公文字体名）；windows：仿宋、楷体（Windows 自带）",
    )
    docx: dict[FontRole, Text] = Field(default_factory=dict, title="DOCX 字体名")
    pdf: dict[FontRole, Text | list[Text]] = Field(default_factory=dict, title="PDF 字体文件或字体族")


class ProfileFrame(StrictModel):
    """What an office's documents carry in their frame unless a report says otherwise."""

    mark: Name | list[Name] | None = Field(
        default=None, title="发文机关标志", description="如“小河区创城办文件”；报告写了 mark 时以报告为准"
    )
    number_code: Name | None = Field(default=None, title="机关代字", description="发文字号的机关代字，如“小河创城办”")
    printed_by: Name | None = Field(default=None, title="印发机关", description="版记中的印发机关，如“小河区创城办”")
    letterhead: bool = Field(
        default=False,
        title="套打",
        description="用印好红头的公文纸打印：发文机关标志和红色分隔线留空不印，只印发文字号等可变内容",
    )


class Profile(CleanModel):
    """Everything an office may set; every field has the GB/T 9704 default."""

    model_config = StrictModel.model_config | {"title": "civreport 办公室配置"}

    office: Name | None = Field(default=None, title="机关名称", description="报告未写发文机关时不起作用，仅供模板使用")
    signoff: Name | None = Field(
        default=None, title="署名", description="落款的机关名称；报告写了 signoff 时以报告为准"
    )
    headings: PartHeadings = Field(default_factory=PartHeadings, title="各部分默认标题")
    frame: ProfileFrame = Field(
        default_factory=ProfileFrame, title="版头版记", description="发文机关标志、机关代字、印发机关和套打"
    )
    numbering: Numbering = Field(default_factory=Numbering, title="序号习惯")
    fonts: ProfileFonts = Field(default_factory=ProfileFonts, title="字体")
    page: Layout = Field(default_factory=Layout, title="页面设置")
    pdf_a: bool = Field(
        default=False,
        title="PDF/A 归档格式",
        description="true：PDF 写成 PDF/A-2b（长期保存的归档格式，字体全部嵌入）；命令行的 --pdf-a 也可打开",
    )
    pdf_engine: PdfEngineChoice = Field(
        default="auto",
        title="PDF 排版引擎",
        description=(
            "auto（默认）：用 typst，模板带有办公室自己的样式表时用 weasyprint；"
            "typst：按 DOCX 的段落排版，快得多；weasyprint：按网页排版，读得懂样式表。见 README“两个 PDF 引擎”"
        ),
    )
    date_style: Literal["arabic", "chinese"] = Field(
        default="arabic", title="日期写法", description="arabic：2024年7月5日；chinese：二〇二四年七月五日"
    )
    range_dash: RangeDash = Field(default="—", title="范围连接号")
    subtitle: Text | None = Field(
        default=None, title="标题下一行", description="报告未写副标题时印在标题下；可用 {office}、{period}、{year}"
    )
    templates: Text | None = Field(default=None, title="模板目录", description="相对本配置文件的模板目录")
    styles: dict[ClassName, OfficeStyle] = Field(
        default_factory=dict,
        title="本单位的样式类",
        description="模板中使用的新类（键为类名）及其 DOCX 样式；PDF、HTML 和 DOCX 都按此排版",
    )

    checks: Checks = Field(
        default_factory=Checks,
        title="校对规则",
        description="civreport check 的规则（键为规则代码，如 CR102）：off 关闭，或改为 error、warning、info；"
        "words：本单位的规范用语、禁用词和名称",
    )

    @field_validator("subtitle")
    @classmethod
    def _placeholders(cls, value: str | None) -> str | None:
        unknown = sorted({m[1] for m in re.finditer(r"\{([^{}]*)\}", value or "")} - set(SUBTITLE_PLACEHOLDERS))
        if unknown:
            raise ValueError(
                f"不认识的占位符 {'、'.join('{' + u + '}' for u in unknown)}：只能用 "
                f"{'、'.join('{' + p + '}' for p in SUBTITLE_PLACEHOLDERS)}"
            )
        return value

    @field_validator("styles")
    @classmethod
    def _new_names(cls, styles: dict[str, OfficeStyle]) -> dict[str, OfficeStyle]:
        taken = sorted(set(styles) & BUILT_IN_NAMES)
        if taken:
            raise PydanticCustomError(
                "builtin_class", "类名 {names} 已是内置类，请另起名字", {"names": "、".join(taken)}
            )
        return styles

    @property
    def house(self) -> House:
        """What the office asks of a text the proofreader reads."""
        return House(self.range_dash, self.numbering.level3, self.checks.words.lists())

    @property
    def style_table(self) -> StyleTable:
        """The page's styles under this office's habits."""
        return style_table(self.numbering.bold_level3, self.styles)


@dataclass(frozen=True)
class OfficeProfile:
    """A resolved profile: its settings, and where its templates and files are."""

    settings: Profile = field(default_factory=Profile)
    template_dirs: tuple[Path, ...] = ()
    files: tuple[Path, ...] = ()  # the profile files, child first

    @property
    def name(self) -> str:
        if not self.files:
            return "GB/T 9704"
        file = self.files[0]
        return file.parent.name if file.stem == "profile" else file.stem


@cache
def default_profile() -> OfficeProfile:
    """GB/T 9704-2012, for reports and calls that name no profile."""
    return OfficeProfile()


def offices_dir(explicit: str | Path | None = None) -> Path:
    return Path(explicit or os.environ.get(OFFICES_ENV) or DEFAULT_OFFICES)


def _is_path(spec: Path) -> bool:
    """Whether a profile given as ``spec`` is a path (a .yaml file, or with folders), not a name
    in the offices directory; ``.`` and ``..`` are folders, never names."""
    return spec.suffix.lower() in (".yaml", ".yml") or spec.parent != Path(".") or spec.name in ("", "..")


T = TypeVar("T")


class PerProfile(Generic[T]):
    """What is made from a profile and a key, kept by the profile's content (a profile is
    frozen): an equal copy (one a batch sent to its worker process, one read from its file
    again) finds what was made for the first; by identity, a pool's worker made the office's
    stylesheet anew for every document, 5 ms of its 80. The last ``kept`` keys of the last
    ``profiles`` profiles are kept."""

    def __init__(self, kept: int, profiles: int = 16):
        self._kept, self._profiles = kept, profiles
        self._tables: OrderedDict[str, dict[Hashable, T]] = OrderedDict()
        self._lock = threading.Lock()  # the editor's threads share it; make() runs outside

    def get(self, settings: Profile, key: Hashable, make: Callable[[], T]) -> T:
        content = settings.model_dump_json()  # some 10 µs: no field is left out of it
        with self._lock:
            table = self._tables.setdefault(content, {})
            self._tables.move_to_end(content)
            while len(self._tables) > self._profiles:
                self._tables.popitem(last=False)
            if key in table:
                return table[key]
        made = make()
        with self._lock:
            if key not in table and len(table) >= self._kept:
                del table[next(iter(table))]
            return table.setdefault(key, made)


def changed(settings: Profile, **changes: object) -> Profile:
    """``settings`` with ``changes`` (a change of ``None`` leaves the field as it is)."""
    update = {name: value for name, value in changes.items() if value is not None}
    return settings.model_copy(update=update) if update else settings


class ProfileNotFound(InputError):
    """A profile's path or name that leads to no profile file. :meth:`named_at` says so where
    the name was written: a report's ``profile``, a profile's ``extends``."""

    def __init__(self, spec: str, why: str) -> None:
        self.spec, self.why = spec, why
        super().__init__([Problem(spec, f"找不到办公室配置{why}")])

    def named_at(self, file: str, field: str, line: int | None, what: str = "办公室配置") -> InputError:
        return InputError.single(file, f"找不到{what}“{self.spec}”{self.why}", path=field, line=line)


def find(spec: str | Path, relative_to: Path | None = None, offices: str | Path | None = None) -> Path:
    """The file of a profile given as a path (relative to ``relative_to``) or as a name in
    the offices directory (``NAME.yaml`` or ``NAME/profile.yaml``)."""
    spec_path = expand_home(spec)
    if spec_path is None:
        home = Path(spec).parts[0]
        raise ProfileNotFound(str(spec), f"：没有用户“{home[1:]}”，“{home}”无法展开：请写出完整的路径")
    candidates = []
    if _is_path(spec_path):
        candidates.append(spec_path if spec_path.is_absolute() or relative_to is None else relative_to / spec_path)
    else:
        base = offices_dir(offices)
        candidates += [base / f"{spec}.yaml", base / f"{spec}.yml", base / str(spec) / "profile.yaml"]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise ProfileNotFound(str(spec), f"（查找了 {'、'.join(str(c) for c in candidates)}）")


def offices_root(profile: Path) -> Path:
    """The offices directory a profile belongs to: ``offices/`` for ``offices/NAME/profile.yaml``
    and for ``offices/NAME.yaml``. A profile's ``extends`` reaches only inside it."""
    directory = profile.resolve().parent
    return directory.parent if profile.name == "profile.yaml" else directory


def _refused(file: Path, lines: LineMap, field: tuple[str, ...], problem: str) -> InputError:
    return InputError.single(str(file), problem, path=".".join(field), line=lines.get(field))


def _relative(file: Path, lines: LineMap, field: tuple[str, ...], target: str, what: str) -> None:
    """Refuse ``target``, a path a profile names, unless it is relative: not absolute, not in a
    home directory (``~``, ``~user``: never expanded for a profile), no NUL (no file has one)."""
    kind = (
        "含空字符（\\0）的路径"
        if "\0" in target
        else "以 ~ 开头的路径"
        if target.startswith("~")
        else "绝对路径"
        if Path(target).is_absolute()
        else ""
    )
    if kind:
        raise _refused(
            file, lines, field, f"办公室配置中不能写{kind}“{target}”：{what}只能在本配置所在目录中，用相对路径写"
        )


def _within(
    file: Path, lines: LineMap, field: tuple[str, ...], target: str, found: Path, root: Path, what: str
) -> Path:
    """``found``, where ``target`` leads, resolved (symbolic links followed); refused when that
    is out of ``root``."""
    resolved = found.resolve()
    if not resolved.is_relative_to(root):
        raise _refused(
            file, lines, field, f"“{target}”指向了 {root} 之外：{what}只能在这个目录之内（符号链接也不能指向外面）"
        )
    return resolved


def _inside(file: Path, lines: LineMap, field: tuple[str, ...], target: str, root: Path, what: str) -> Path:
    """``target``, a relative path a profile names, resolved against its directory; refused
    when it leads out of ``root``."""
    _relative(file, lines, field, target, what)
    return _within(file, lines, field, target, file.parent / target, root, what)


def _absolutize(file: Path, data: dict[str, Any], lines: LineMap) -> dict[str, Any]:
    """Paths in a profile are relative to its own file and stay inside its directory; make
    them absolute before merging. Font families by name are not paths."""
    data = dict(data)
    own = file.resolve().parent
    if isinstance(data.get("templates"), str):
        data["templates"] = str(_inside(file, lines, ("templates",), data["templates"], own, "模板目录"))
    fonts = data.get("fonts")
    if isinstance(fonts, dict) and isinstance(fonts.get("pdf"), dict):

        def fix(role: str, spec: Any) -> Any:
            if isinstance(spec, str) and is_font_file(spec):
                found = _inside(file, lines, ("fonts", "pdf", role), spec, own, "字体文件")
                if not found.is_file():  # a file the office meant to ship with its profile
                    special = not_a_file(found)
                    raise _refused(
                        file,
                        lines,
                        ("fonts", "pdf", role),
                        f"字体文件“{spec}”：{special}" if special else f"字体文件不存在：{spec}（相对本配置所在目录）",
                    )
                return str(found)
            return [fix(role, s) for s in spec] if isinstance(spec, list) else spec

        data["fonts"] = dict(fonts, pdf={role: fix(role, spec) for role, spec in fonts["pdf"].items()})
    return data


def _merge(parent: Mapping[str, Any], child: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(parent)
    for key, value in child.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def load_profile(spec: str | Path, relative_to: Path | None = None, offices: str | Path | None = None) -> OfficeProfile:
    """Load a profile and the chain of profiles it extends.

    ``spec`` comes from the caller and may be any path or a name in the offices directory.
    What a profile names itself is not trusted: its parent (``extends``, a name or a relative
    path) must lie in its offices directory, its templates and font files in its own
    directory; absolute paths are refused.
    """
    from ..readers import problems_from, read_data  # YAML loads with the first profile, not with civreport

    chain: list[tuple[Path, dict[str, Any], LineMap]] = []
    path = find(spec, relative_to, offices)
    while True:
        if any(path.resolve() == seen.resolve() for seen, _, _ in chain):
            names = " → ".join(str(p) for p, _, _ in chain)
            raise InputError.single(str(path), f"办公室配置循环继承：{names} → {path}", path="extends")
        data, lines = read_data(path)
        chain.append((path, data, lines))
        parent = data.get("extends")
        if parent is None:
            break
        if not isinstance(parent, str):
            raise InputError.single(str(path), "应为配置文件路径或名称", path="extends", line=lines.get(("extends",)))
        root = offices_root(path)
        _relative(path, lines, ("extends",), parent, "上级配置")
        if _is_path(Path(parent)):  # refused before it is looked for
            _within(path, lines, ("extends",), parent, path.parent / parent, root, "上级配置")
        try:
            found = find(parent, path.parent, root)
        except ProfileNotFound as exc:  # say which profile asked for it, and where
            raise exc.named_at(str(path), "extends", lines.get(("extends",)), "上级配置") from None
        # What was found may still be out: a name in the offices directory that is a symbolic link.
        _within(path, lines, ("extends",), parent, found, root, "上级配置")
        path = found
    merged: dict[str, Any] = {}
    template_dirs: list[Path] = []
    for file, data, lines in reversed(chain):
        data = _absolutize(file, {k: v for k, v in data.items() if k != "extends"}, lines)
        if "templates" in data:
            template_dirs.insert(0, Path(data["templates"]))
        merged = _merge(merged, data)
    for file, data, lines in chain:
        # Validate each file alone first, so an error names the file and line it is in.
        try:
            Profile.model_validate({k: v for k, v in data.items() if k != "extends"})
        except ValidationError as exc:
            raise InputError(problems_from(exc, str(file), lines, Profile)) from None
    for directory in template_dirs:
        if not directory.is_dir():
            raise InputError.single(str(chain[0][0]), f"模板目录不存在：{directory}", path="templates")
    return OfficeProfile(Profile.model_validate(merged), tuple(template_dirs), tuple(p for p, _, _ in chain))


def resolve(
    office: str | Path | OfficeProfile | None,
    report_profile: str | None = None,
    report_source: Path | None = None,
    offices: str | Path | None = None,
) -> OfficeProfile:
    """The profile for a render: the caller's, else the one the report names, else the default."""
    if isinstance(office, OfficeProfile):
        return office
    if office is not None:
        return load_profile(office, Path.cwd(), offices)
    if report_profile is not None:
        return load_profile(report_profile, report_source.parent if report_source else Path.cwd(), offices)
    return default_profile()
