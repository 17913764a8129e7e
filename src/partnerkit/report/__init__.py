"""``partnerkit report``: steering reports in Markdown and self-contained HTML (SPEC section 6).

:func:`partnerkit.report.build.build` turns a linted charter into plain data;
:mod:`partnerkit.report.render` draws it with the templates in
``templates/report/``; :mod:`partnerkit.report.changes` compares it with an
earlier version.
"""
