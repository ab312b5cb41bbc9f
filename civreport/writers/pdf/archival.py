"""PDF/A, for archives: what WeasyPrint is asked for when a page is to be filed.

PDF/A-2b: WeasyPrint validates it with veraPDF in its own test runs (PDF/A-3 differs only by
allowing embedded files of any kind, which a summary has none of; the "u" level also asks
that every glyph map to Unicode, which no test here can show for the fallback fonts and the
characters that draw nothing). WeasyPrint then embeds the sRGB output intent, writes the XMP
packet from the page's title, author (the office), subject and dates as the document
information has them, and a file identifier that is a hash of the content, so the same input
still gives the same bytes. It leaves the page's language out of the XMP packet (it is in
the catalogue's ``/Lang``): :func:`_with_language` adds it as ``dc:language``.
"""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree

from weasyprint.pdf.metadata import NS

VARIANT = "pdf/a-2b"

_RDF, _DC = NS["rdf"], NS["dc"]


def _with_language(document: Any, pdf: Any) -> None:
    """The XMP packet with the page's language (``<html lang>``) in a ``dc:language`` bag:
    a WeasyPrint finisher, called when the PDF is built and before it is written."""
    lang = document.metadata.lang
    if not lang:
        return
    description = ElementTree.Element(f"{{{_RDF}}}Description", {f"{{{_RDF}}}about": ""})
    bag = ElementTree.SubElement(ElementTree.SubElement(description, f"{{{_DC}}}language"), f"{{{_RDF}}}Bag")
    ElementTree.SubElement(bag, f"{{{_RDF}}}li").text = lang
    stream = pdf.objects[int(pdf.catalog["Metadata"].split()[0])]
    packet = b"".join(stream.stream)
    # The packet's rdf:RDF closes just before x:xmpmeta does; the description goes in it.
    head, tail = packet.rsplit(b"</rdf:RDF>", 1)
    stream.stream = [head + ElementTree.tostring(description) + b"</rdf:RDF>" + tail]


OPTIONS: dict[str, Any] = {"pdf_variant": VARIANT, "finisher": _with_language}
