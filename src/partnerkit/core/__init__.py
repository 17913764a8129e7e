"""The vocabulary every layer shares: places, findings, thresholds, suggestions, numbers, safe text, dates, files.

Nothing here imports another partnerkit package; every other layer may import it.
"""
