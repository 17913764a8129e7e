"""Outputs: one module per format, each a streaming :class:`~partnerkit.outputs.common.Writer`
(``WRITER``) and ``render(results, info) -> str``."""

FORMATS = ("text", "json", "sarif", "junit", "github")


def get(name: str):
    import importlib

    return importlib.import_module(f"partnerkit.outputs.{name}_format")
