"""PDF/A-2b for archives (README, "PDF/A for archives"), read back with pikepdf: what can be
checked without a validator of record (veraPDF needs Java and its own download), from both PDF
engines."""

from __future__ import annotations

import io
import struct
from typing import get_args
from xml.etree import ElementTree

import pikepdf
import pymupdf
import pytest

import civreport
from civreport.cli import main
from civreport.errors import InputError
from civreport.office.profile import PdfEngine

from conftest import ROOT, SAMPLES, YAML, make_report, office_with_template
from geometry import quiet_pdf
from pdftext import pages, stroked

COMMON = ROOT / "samples" / "offices" / "common-practice" / "profile.yaml"
DISTRICT = next(s for s in SAMPLES if s.stem == "district-2023-civilized-city")

# Bold “1.” headings in 仿宋 (stroked: see civreport/writers/pdf/emboldening.py), and characters
# that fallback fonts draw: an extension-B character, a Japanese form, an emoji.
REPORT = make_report(
    office="小河区",
    opening=["全区发放调査问卷五千份，涉及𠀀姓住户，收到点赞😀三千余条。"],
    measures=[
        {
            "items": [
                {
                    "title": "强化组织领导",
                    "items": [
                        {"title": "健全机构", "body": ["成立创建工作领导小组。"]},
                        {"title": "完善制度", "items": [{"title": "建立台账", "body": ["逐项登记。"]}]},
                    ],
                }
            ]
        }
    ],
)


@pytest.fixture(scope="module", params=get_args(PdfEngine))
def engine(request):
    return request.param


@pytest.fixture(scope="module")
def archival(engine):
    return quiet_pdf(REPORT, office=COMMON, pdf_a=True, pdf_engine=engine)


@pytest.fixture(scope="module")
def district(engine):
    return pikepdf.open(io.BytesIO(quiet_pdf(civreport.load(DISTRICT), pdf_a=True, pdf_engine=engine)))


def _dictionaries(pdf: pikepdf.Pdf):
    """Every dictionary reachable from the trailer, a stream's own and those nested in others
    (an action in an annotation) included, each object once."""
    seen = set()
    todo = [pdf.trailer]
    while todo:
        obj = todo.pop()
        if not isinstance(obj, pikepdf.Object):  # a number, a name, a string
            continue
        if obj.is_indirect:
            if obj.objgen in seen:
                continue
            seen.add(obj.objgen)
        if isinstance(obj, pikepdf.Stream):
            yield obj.stream_dict
            todo.extend(obj.stream_dict.values())
        elif isinstance(obj, pikepdf.Dictionary):
            yield obj
            todo.extend(obj.values())
        elif isinstance(obj, pikepdf.Array):
            todo.extend(obj)


def test_the_file_says_it_is_pdf_a_2b(district):
    assert district.pdf_version == "1.7"
    assert district.open_metadata().pdfa_status == "2B"
    assert len(district.trailer.ID) == 2  # a file identifier, as PDF/A asks


def test_xmp_says_what_the_document_information_says(district):
    info = district.docinfo
    xmp = district.open_metadata()
    assert str(info.Title) == xmp["dc:title"] == "云江市滨河区2023年创建全国文明城市工作总结"
    assert [str(info.Author)] == xmp["dc:creator"] == ["云江市滨河区"]  # the office
    assert str(info.Subject) == xmp["dc:description"] == "创建全国文明城市"
    assert str(info.Creator) == xmp["xmp:CreatorTool"] == "civreport"
    assert str(info.Producer) == xmp["pdf:Producer"] and str(info.Producer).split()[0] in ("WeasyPrint", "Typst")
    assert str(info.CreationDate) == "D:20240108000000Z" and xmp["xmp:CreateDate"] == "2024-01-08T00:00:00Z"
    assert str(info.ModDate) == "D:20240108000000Z" and xmp["xmp:ModifyDate"] == "2024-01-08T00:00:00Z"
    assert xmp["dc:language"] == {"zh-CN"} and str(district.Root.Lang) == "zh-CN"


def test_the_xmp_packet_is_one_well_formed_rdf_tree(district):
    packet = district.Root.Metadata.read_bytes()
    # Read-only or writable: PDF/A allows either (pikepdf, finishing Typst's, writes "w").
    assert packet.startswith(b"<?xpacket begin=") and packet.rstrip()[-19:] in (
        b'<?xpacket end="r"?>',
        b'<?xpacket end="w"?>',
    )
    root = ElementTree.fromstring(packet.split(b"?>", 1)[1].rsplit(b"<?xpacket", 1)[0])
    assert [child.tag for child in root] == ["{http://www.w3.org/1999/02/22-rdf-syntax-ns#}RDF"]


def test_every_font_is_embedded(archival):
    pdf = pikepdf.open(io.BytesIO(archival))
    names = set()
    for page in pdf.pages:
        for font in page.Resources.Font.values():
            assert font.Subtype == "/Type0", font.BaseFont
            (descendant,) = font.DescendantFonts
            descriptor = descendant.FontDescriptor
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.keys()), descendant.BaseFont
            assert "/ToUnicode" in font
            names.add(str(descendant.BaseFont).split("+", 1)[1])
    # The stand-ins of every role (the bold one synthesized), and the fallbacks for 査, 𠀀 and 😀.
    stand_ins = {
        "FandolSong-Bold",
        "FandolHei-Regular",
        "FandolKai-Regular",
        "FandolFang-Regular",
        "FandolSong-Regular",
    }
    assert stand_ins < names and len(names - stand_ins - {"FandolFang-Regular-Bold"}) == 3, names


def test_bold_is_stroked_text_not_transparency(archival):
    assert "".join(stroked(archival)) == "1.健全机构。2.完善制度"  # "1." may be a text run of its own


def _icc_description(icc: bytes) -> str:
    """An ICC profile's description (its ``desc`` tag): ASCII in version 2, UTF-16 in version 4."""
    (count,) = struct.unpack(">I", icc[128:132])
    for n in range(count):
        signature, offset, size = struct.unpack(">4sII", icc[132 + 12 * n : 144 + 12 * n])
        if signature == b"desc":
            tag = icc[offset : offset + size]
            if tag[:4] == b"desc":
                (length,) = struct.unpack(">I", tag[8:12])
                return tag[12 : 12 + length].rstrip(b"\0").decode("ascii")
            assert tag[:4] == b"mluc"
            length, start = struct.unpack(">II", tag[20:28])
            return tag[start : start + length].decode("utf-16-be")
    raise AssertionError("no description")


def test_an_srgb_output_intent(district):
    """sRGB, as the profile says of itself (WeasyPrint names the condition by the registry's
    identifier, Typst ``Custom``, both valid with the profile embedded)."""
    (intent,) = district.Root.OutputIntents
    assert intent.S == "/GTS_PDFA1" and intent.Type == "/OutputIntent"
    profile = intent.DestOutputProfile
    icc = profile.read_bytes()
    assert profile.N == 3 and icc[36:40] == b"acsp" and icc[16:20] == b"RGB "  # an ICC profile, for RGB
    assert _icc_description(icc).startswith("sRGB")


@pytest.mark.parametrize("which", ["archival", "district"])
def test_nothing_an_archive_refuses(which, archival, district):
    """No encryption, transparency, actions, scripts, attachments or references to other files."""
    pdf = pikepdf.open(io.BytesIO(archival)) if which == "archival" else district
    assert "/Encrypt" not in pdf.trailer and not pdf.is_encrypted
    found = []
    for obj in _dictionaries(pdf):
        group = obj.get("/Group")
        if group is not None and group.get("/S") == "/Transparency":
            found.append("transparency group")
        if "/SMask" in obj and obj.SMask != "/None":
            found.append("soft mask")
        found += [f"alpha {key}" for key in ("/CA", "/ca") if key in obj and float(obj[key]) != 1]
        found += [
            key
            for key in (
                "/JavaScript",
                "/JS",
                "/AA",
                "/OpenAction",
                "/URI",
                "/EmbeddedFiles",
                "/EF",
                "/Launch",
                "/GoToR",
            )
            if key in obj
        ]
        if obj.get("/S") in ("/Launch", "/GoToR", "/GoToE", "/URI", "/JavaScript", "/ImportData", "/SubmitForm"):
            found.append(str(obj.S))
        if obj.get("/Interpolate") is True:
            found.append("interpolated image")
    assert found == []


def test_pdf_a_changes_nothing_on_the_page(archival, engine):
    assert pages(archival) == pages(quiet_pdf(REPORT, office=COMMON, pdf_engine=engine))


def test_same_input_same_bytes(archival, engine):
    assert quiet_pdf(REPORT, office=COMMON, pdf_a=True, pdf_engine=engine) == archival


@pytest.mark.parametrize("engine", get_args(PdfEngine))
def test_a_profile_asks_for_it_and_the_caller_decides(tmp_path, engine):
    (tmp_path / "archive.yaml").write_text("numbering:\n  bold_level3: true\npdf_a: true\n", encoding="utf-8")
    office = civreport.load_profile(tmp_path / "archive.yaml")
    assert office.settings.pdf_a
    status = {
        asked: pikepdf.open(io.BytesIO(quiet_pdf(REPORT, office=office, pdf_a=asked, pdf_engine=engine)))
        .open_metadata()
        .pdfa_status
        for asked in (None, True, False)
    }
    assert status == {None: "2B", True: "2B", False: ""}
    plain = pikepdf.open(io.BytesIO(quiet_pdf(REPORT, pdf_engine=engine)))
    assert "/OutputIntents" not in plain.Root and plain.open_metadata().pdfa_status == ""


@pytest.mark.parametrize(("value", "given"), [("是", ""), ("2b", ""), ("[true]", "，实际是列表")])
def test_a_bad_setting_is_refused_in_chinese_at_its_line(tmp_path, value, given):
    (tmp_path / "office.yaml").write_text(f"office: 小河区\npdf_a: {value}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        civreport.load_profile(tmp_path / "office.yaml")
    where = f"{tmp_path / 'office.yaml'}，第 2 行"
    assert str(caught.value) == f"{where}：字段 pdf_a（PDF/A 归档格式）：应为 true 或 false{given}"


def _status(path) -> str:
    with pikepdf.open(path) as pdf:
        return pdf.open_metadata().pdfa_status


def _unit(tmp_path):
    """A one-unit batch manifest, the unit's input the README's report."""
    (tmp_path / "inputs" / "hedong").mkdir(parents=True)
    (tmp_path / "inputs" / "hedong" / "2024Q3.yaml").write_text(YAML, encoding="utf-8")
    manifest = tmp_path / "batch.yaml"
    manifest.write_text(
        'periods: [2024Q3]\nout: out\nto: [pdf]\ninputs: "inputs/{unit}/{period}.yaml"\nunits:\n  - {unit: hedong}\n',
        encoding="utf-8",
    )
    return manifest, tmp_path / "out" / "hedong" / "2024Q3.pdf"


@pytest.mark.parametrize("command", ["render", "batch"])
def test_the_command_line_switch_and_its_stamp(tmp_path, command):
    """--pdf-a makes PDF/A; the same input made again without it is not taken as up to date."""
    if command == "render":
        (tmp_path / "q3.yaml").write_text(YAML, encoding="utf-8")
        args, pdf = (
            [str(tmp_path / "q3.yaml"), "--to", "pdf", "--out", str(tmp_path / "out")],
            tmp_path / "out" / "q3.pdf",
        )
    else:
        manifest, pdf = _unit(tmp_path)
        args = [str(manifest)]
    options = [command, *args, "--executor", "thread", "--quiet"]
    assert main([*options, "--pdf-a"]) == 0
    assert _status(pdf) == "2B"
    assert main(options) == 0
    assert _status(pdf) == ""


@pytest.mark.parametrize("command", ["render", "batch"])
def test_pdf_a_where_no_pdf_is_written_is_refused_in_chinese(tmp_path, capsys, command):
    (tmp_path / "q3.yaml").write_text(YAML, encoding="utf-8")
    first = [str(tmp_path / "q3.yaml")] if command == "render" else [str(_unit(tmp_path)[0])]
    args = [command, *first, "--to", "docx,html", "--out", str(tmp_path / "out"), "--pdf-a", "--quiet"]
    assert main(args) == 2
    assert "--to docx,html 不写 PDF，--pdf-a 无从生效" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()  # nothing written


def test_an_image_an_office_draws_is_not_smoothed(tmp_path):
    """A seal an office's stylesheet draws: WeasyPrint would ask viewers to interpolate it,
    which PDF/A forbids."""
    head = "<style>.signoff { background: url(seal.png) no-repeat right; }</style>"
    office = office_with_template(
        tmp_path, '{% extends "civreport/report.html.j2" %}{% block head %}{{ super() }}' + head + "{% endblock %}"
    )
    seal = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 8, 8), False)
    seal.set_rect(seal.irect, (200, 0, 0))
    (tmp_path / "templates" / "seal.png").write_bytes(seal.tobytes("png"))
    interpolated = {}
    for pdf_a in (False, True):
        pdf = pikepdf.open(io.BytesIO(quiet_pdf(REPORT, office=office, pdf_a=pdf_a)))
        images = [obj for obj in _dictionaries(pdf) if obj.get("/Subtype") == "/Image"]
        assert len(images) == 1
        interpolated[pdf_a] = bool(images[0].get("/Interpolate"))
    assert interpolated == {False: True, True: False}
