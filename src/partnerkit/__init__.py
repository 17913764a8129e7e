"""partnerkit: lint and report on business-partnership charters.

The library API lives in :mod:`partnerkit.api`; this module stays tiny so that
``partnerkit --version`` and shell completion start fast.
"""

__version__ = "0.1.0"
