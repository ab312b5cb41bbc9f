"""The WordprocessingML beneath the DOCX writer, in the spirit of python-docx's own
``docx.oxml`` layer: the writer speaks in styles, paragraphs and tables; everything that builds or
reaches raw XML, or python-docx's private attributes, is here.

:mod:`.elements` names elements and keeps their children in schema order; :mod:`.formats`
holds the paragraph and run properties python-docx does not model (East Asian fonts, character
spacing, character-unit indents, exact lines); :mod:`.text` builds paragraphs and runs,
:mod:`.tables` tables; :mod:`.styles`, :mod:`.sections` and :mod:`.settings` format python-docx's
styles, sections and settings; :mod:`.parts` writes whole parts (the document with its body, the
theme's fonts, the core properties).

Elements are plain lxml elements: building them needs none of python-docx's element classes,
and is faster.
"""
