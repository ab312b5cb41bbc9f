"""PDF/A, for archives: what WeasyPrint is asked for when a page is to be filed.

PDF/A-2b: WeasyPrint validates it with veraPDF in its own test runs (PDF/A-3 differs only by
allowing embedded files of any kind, which a summary has none of; the "u" level also asks
that every glyph map to Unicode, which no test here can show for the fallback fonts and the
characters that draw nothing). WeasyPrint then embeds the sRGB output intent, writes the XMP
packet from the page's title, author (the office), subject and dates as the document
information has them, and a file identifier that is a hash of the content, so the same input
still gives the same bytes. :func:`_finish` does what it leaves undone.
"""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree

from weasyprint.pdf.metadata import NS

VARIANT = "pdf/a-2b"

_RDF, _DC = NS["rdf"], NS["dc"]


def _finish(document: Any, pdf: Any) -> None:
    """A WeasyPrint finisher, called when the PDF is built and before it is written."""
    _add_language(document.metadata.lang, pdf)
    _without_interpolation(pdf)


def _add_language(lang: str | None, pdf: Any) -> None:
    """The page's language (``<html lang>``), which WeasyPrint puts in the catalogue's
    ``/Lang`` only, in the XMP packet too, as ``dc:language``."""
    if not lang:
        return
    description = ElementTree.Element(f"{{{_RDF}}}Description", {f"{{{_RDF}}}about": ""})
    bag = ElementTree.SubElement(ElementTree.SubElement(description, f"{{{_DC}}}language"), f"{{{_RDF}}}Bag")
    ElementTree.SubElement(bag, f"{{{_RDF}}}li").text = lang
    stream = pdf.objects[int(pdf.catalog["Metadata"].split()[0])]
    # The packet's rdf:RDF closes just before x:xmpmeta does; the description goes in it.
    head, tail = b"".join(stream.stream).rsplit(b"</rdf:RDF>", 1)
    stream.stream = [head + ElementTree.tostring(description) + b"</rdf:RDF>" + tail]


def _without_interpolation(pdf: Any) -> None:
    """Images as they are: PDF/A forbids asking viewers to smooth them, which WeasyPrint asks
    for an image an office's stylesheet draws (a seal, a letterhead) unless the stylesheet
    says ``image-rendering: crisp-edges``."""
    for obj in pdf.objects:
        extra = getattr(obj, "extra", None)  # a stream's dictionary
        if extra is not None and extra.get("Subtype") == "/Image":
            extra["Interpolate"] = "false"


OPTIONS: dict[str, Any] = {"pdf_variant": VARIANT, "finisher": _finish}
