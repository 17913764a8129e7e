"""Load: bytes -> text -> plain data plus a position tree (see ARCHITECTURE.md)."""
