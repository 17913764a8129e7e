"""``partnerkit report``: the steering brief in Markdown and self-contained HTML (SPEC sections 6 and 9).

:func:`partnerkit.report.build.build` turns a linted charter into typed data
(a :class:`~partnerkit.report.build.Report`: the verdict, then one data class
per section from ``report/sections/``); :mod:`partnerkit.report.render` draws
it with one template per section and format in ``templates/report/``;
:mod:`partnerkit.report.changes` compares it with an earlier version;
:mod:`partnerkit.report.portfolio` sums up a folder. Every verdict comes from
:mod:`partnerkit.judge`.
"""
