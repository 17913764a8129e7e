"""S rules: suppressions are accountable. Reported by the engine after all other rules."""

from partnerkit.rules.base import rule

rule("S001", "unused-suppression", "info", "a suppression matched no finding",
     why="A suppression that hides nothing is noise, and may hide a future problem nobody has discussed.",
     fix="Remove the suppression: what it hid is fixed (or the rule no longer applies).",
     example="lint:\n  ignore:\n    C006: No external audience yet.   # S001 once a comms entry has scope: external")(None)

rule("S002", "expired-suppression", "warning", "a suppression's `until` date has passed; its findings are reported again",
     why="Suppressions are agreed for a time; when that time is up the team must look at the problem again.",
     fix="Fix what the suppression hid, or renew it with a new reason and `until` date.",
     example="lint:\n  ignore:\n    D005: {reason: Re-estimating after the pilot, until: 2026-10-01}   # S002 at 2026-11-15")(None)
