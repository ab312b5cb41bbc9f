"""``civreport mcp``: a Model Context Protocol server, so that assistants draft summaries on an
office's own facts. It sits on civreport's public API and nothing below imports it.

- :mod:`.arguments`: what each tool takes (the tools' JSON Schemas), its problems in Chinese;
- :mod:`.reports`: the reports a call gives, read from their text or the workspace's files;
- :mod:`.facts`: the locked facts, which ``render`` will not contradict;
- :mod:`.tools`: the tools, as plain functions returning answers;
- :mod:`.resources`: the genre guide, the samples, the workspace's profiles and files;
- :mod:`.worker`: each call in a worker process, bounded in time;
- :mod:`.server`: the MCP wiring over stdio (the only module importing the SDK).

The workspace's confinement is the editor's (:mod:`civreport.workspace`)."""
