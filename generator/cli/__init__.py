"""`python -m generator`: check, render, new, diff, schema, csp and publish.

`main` parses the command line and runs each command (`config` reads mkdocs.yml as
MkDocs would, so the commands and the plugin run with the same settings); `diff`
compares briefings between git revisions that `git_revisions` reads; `skeleton`
writes the briefing `new` makes.

May import: every stage but `mkdocs`; never MkDocs.
"""
