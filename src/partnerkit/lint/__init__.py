"""Lint: one charter through load -> model -> rules -> findings (engine), many on every core (parallel), folders walked (discover)."""
