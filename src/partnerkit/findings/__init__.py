"""Findings: what rules report, positions resolved in one place, suppressions, config."""
