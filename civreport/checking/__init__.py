"""The proofreader: rules a draft is held to before it goes out (``civreport check``).

Each rule (:mod:`.rule`) carries its code, name, default severity, example, the kinds of text
it reads and, when it can, its fix; :mod:`.rulebook` gathers them. Text rules read each text of
the report (the model's walk, :meth:`civreport.model.Report.all_texts`); report rules read the
whole. The proofreader knows no office: the caller gives the range dash and the office's rule
settings (``civreport.check`` resolves them from a profile). The package imports nothing
itself: an office profile reads the rule settings' type without loading the rules."""
