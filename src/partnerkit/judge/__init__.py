"""Every verdict partnerkit gives, as pure functions of the charter model and the as-of date.

The rules ask these functions and turn their answers into findings; the
report, the calendar and the editors ask the same functions for the statuses
they show. Nothing else decides whether a metric is off track, a value is
shared, a decision is overdue or a kill condition has fired, so the report
can never call fine what lint flags.
"""
