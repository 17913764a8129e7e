"""Outputs: one module per format, each ``render(results, run_info) -> str``."""

FORMATS = ("text", "json", "sarif", "junit", "github")


def get(name: str):
    import importlib

    return importlib.import_module(f"partnerkit.outputs.{name}_format")
