"""`partnerkit record ...`: update the charter from the command line (SPEC section 10)."""

from __future__ import annotations

from partnerkit.commands.common import fail


def run(what: str, args: dict, charter, as_of, config, dry_run: bool) -> int:
    """Open the charter, build the command's edit and make it; ``args`` are the command's own arguments."""
    from partnerkit.commands.editing import finish, open_file
    from partnerkit.edit import record
    from partnerkit.edit.record import BadInput

    cf = open_file(charter, as_of, config)
    try:
        plan = getattr(record, what)(cf, **args)
    except BadInput as exc:
        from partnerkit.core.text import visible_line

        fail(visible_line(str(exc)))
    return finish(cf, plan, dry_run)


def parse_date(value: str | None, option: str = "--date"):
    if value is None:
        return None
    from datetime import date

    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"{option} `{value}` is not a date: use an ISO date such as 2026-11-15")
