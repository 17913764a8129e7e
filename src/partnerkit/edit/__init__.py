"""Editing a charter while keeping the user's file: only the lines an edit changes differ.

Two layers, for four callers (the ``record`` commands, ``pulse import``,
``lint --fix`` and the language server's code actions):

**Text in, text out** — pure, no files, no lint::

    from partnerkit.edit import Set, Insert, Rename, Comment, apply, text_changes

    new = apply(text, [
        Insert(("metrics", 0, "readings"), {"date": date(2026, 11, 30), "value": 4}),  # a list item, at the end
        Set(("milestones", 0, "decision"), "continue"),   # replace a scalar in place
        Set(("milestones", 0, "decided_on"), day),        # add a key (after `decision`, as the format orders it)
        Rename(("milestones", 0, "on"), "date"),          # rename a key; its value and comments stay
        Comment(12, "partnerkit: ignore[D005] agreed at the May steering"),  # at the end of line 12
    ])
    for change in text_changes(text, new):  # ranges in the old text and their new text: editor text edits
        change.loc.line, change.loc.col, change.loc.end_line, change.loc.end_col, change.text

Edits are located by data path (as in findings: ``("metrics", 0, "readings")``,
0-based) and made one after another as text splices guided by the loader's
position tree: a scalar's span replaced (a comment after it kept in its
column), a key's span renamed, a new list item inserted after its last
sibling and written like it (``- {date: 2026-10-31, value: 4}`` beside flow
items, block lines beside block items, before ``]`` in a flow list), a new
key added to a block or flow mapping after the keys the format lists before
it. New scalars are quoted when a YAML 1.2 or 1.1 reader would misread them,
as decided by ruamel's emitter. Line breaks (CRLF stays CRLF), a BOM, a
missing final newline, tabs and odd indentation elsewhere are untouched.
After each edit the text is parsed again and must hold exactly the intended
data; otherwise :class:`EditError` says why (a value shared through an
anchor, a line inside a block of text), and nothing is returned.

**A charter file** — lint before and after, refuse a new E finding, write atomically::

    from partnerkit.edit import Plan, open_charter

    cf = open_charter(path, settings, as_of)          # Unreadable (an EditError) for E001/E006/E007
    outcome = cf.change(Plan("recorded ...", edits=[...], rows={"readings": [{...}]}))
    outcome.fixed, outcome.raised                     # findings matched by rule and subject across the edit
    outcome.refused                                   # new E findings: do not write
    outcome.diff()                                    # unified diff, for --dry-run / --diff
    outcome.write()                                   # atomic; refuses if a file changed meanwhile

``Plan.rows`` appends rows to the charter's CSV data files (``data.readings``,
``data.pulse``) in their own column order, line breaks and quoting.
:mod:`partnerkit.edit.record` builds the plans of the ``record`` commands.
"""

from partnerkit.edit.changes import Comment, Edit, Insert, Rename, Set  # noqa: F401
from partnerkit.edit.session import CharterFile, FileChange, Outcome, Plan, Unreadable, open_charter  # noqa: F401
from partnerkit.edit.source import EditError  # noqa: F401
from partnerkit.edit.splice import apply  # noqa: F401
from partnerkit.edit.textchanges import TextChange, text_changes  # noqa: F401
