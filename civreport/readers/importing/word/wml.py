"""WordprocessingML as the Word reader meets it: the namespaces, and the values of the
properties (w:val, numbers, toggles) that styles, numbering and the body all read."""

from __future__ import annotations

from docx.oxml.ns import nsmap
from lxml import etree

Element = etree._Element
W = f"{{{nsmap['w']}}}"  # WordprocessingML, for lxml tags and paths
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
VAL = f"{W}val"


def val(element: Element | None, path: str) -> str | None:
    found = element.find(path) if element is not None else None
    return found.get(VAL) if found is not None else None


def as_int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def is_on(element: Element | None) -> bool:
    """A toggle such as <w:vanish/>: on unless its value says off."""
    return element is not None and element.get(VAL) not in ("0", "false", "off")
