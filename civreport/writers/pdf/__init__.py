"""The PDF writer: the page laid out by WeasyPrint (:mod:`.writer`), with the fonts found on
this machine (:mod:`.fonts`, which the pipeline also asks what no font draws, without loading
WeasyPrint), its lines finished as word processors finish them (:mod:`.lines`), and written as
PDF/A for archives when the page asks (:mod:`.archival`)."""
