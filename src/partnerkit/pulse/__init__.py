"""Pulse surveys, the safe channel for candid feedback (lesson 4; SPEC section 10).

:mod:`partnerkit.pulse.survey` writes the questionnaire (Markdown, a
self-contained HTML form that prints well, or the CSV response template);
:mod:`partnerkit.pulse.responses` reads the answers, one row per respondent,
and reduces them to one pulse entry per partner and level under the
anonymity rules: a group with fewer than K respondents is withheld whole, a
dimension with fewer than K answers is withheld for that group, and raw
rows and comments are never written anywhere.
"""

MIN_K = 3  # below this no group can stay anonymous: a usage error
