"""PDF/A from Typst, finished: what Typst's own export leaves to the application.

Typst writes a PDF/A-2b whole (the sRGB output intent, the XMP packet from the document's
title, author, subject and date, a content-hashed identifier) but names itself the document's
creator, with no setting against it. Archives record the creator: it becomes the page's
generator (civreport, as WeasyPrint's PDF/A says), and Typst the producer, in the document
information and the XMP packet alike. pikepdf (qpdf) rewrites the file, with an identifier
that is again a hash of the content, so the same page still gives the same bytes; it is
imported only for PDF/A, as it takes some 0.14 s to import.
"""

from __future__ import annotations

import io


def finish(pdf: bytes, creator: str) -> bytes:
    """``pdf`` (Typst's PDF/A) with ``creator`` as its creator and Typst as its producer."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        # The document information is set apart, so that its dates stay as Typst wrote them.
        with document.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
            typst = str(xmp.get("xmp:CreatorTool", ""))
            xmp["xmp:CreatorTool"] = creator
            xmp["pdf:Producer"] = typst
        document.docinfo["/Creator"] = creator
        document.docinfo["/Producer"] = typst
        out = io.BytesIO()
        document.save(out, deterministic_id=True)
    return out.getvalue()
