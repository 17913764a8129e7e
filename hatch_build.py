"""Build hook: compile the loader's C builder (``src/partnerkit/load/_native.c``) where a C compiler is at hand.

The extension only makes loading faster: partnerkit's Python builder gives the
same data, positions and findings without it. So when there is no compiler,
no Python headers, or ``PARTNERKIT_PURE=1`` is set, the wheel is built pure,
as before, and says why on standard error. A wheel with the extension is
tagged for this interpreter and platform. An editable install compiles it in
place, beside its source (``*.so`` and ``*.pyd`` are ignored by git).
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import sysconfig
import tempfile

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SOURCE = os.path.join("src", "partnerkit", "load", "_native.c")
MODULE = "partnerkit/load/_native"


class CustomBuildHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel":
            return
        name = "_native" + (sysconfig.get_config_var("EXT_SUFFIX") or ".so")
        if version == "editable":
            built = compile_native(self.root, os.path.join(self.root, "src", "partnerkit", "load", name))
            if built:
                build_data["pure_python"] = False
            return
        folder = tempfile.mkdtemp(prefix="partnerkit-native-")
        built = compile_native(self.root, os.path.join(folder, name))
        if built:
            build_data["force_include"][built] = f"{os.path.dirname(MODULE)}/{name}"
            build_data["pure_python"] = False
            build_data["infer_tag"] = True


def compile_native(root: str, target: str) -> str | None:
    """Compile the C builder to ``target``; its path, or None (with the reason on standard error)."""
    if os.environ.get("PARTNERKIT_PURE"):
        return _without("PARTNERKIT_PURE is set")
    if sys.implementation.name != "cpython":
        return _without(f"{sys.implementation.name} is not CPython")
    link = sysconfig.get_config_var("LDSHARED")
    include = sysconfig.get_paths().get("include")
    if not link or not include or not os.path.exists(os.path.join(include, "Python.h")):
        return _without("no C compiler or Python headers are configured for this interpreter")
    command = [*shlex.split(link), "-O2", "-fPIC", "-DNDEBUG", f"-I{include}", os.path.join(root, SOURCE), "-o", target]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.SubprocessError) as exc:
        return _without(f"the compiler did not run: {exc}")
    if done.returncode != 0:
        return _without(f"the compiler failed: {(done.stderr or done.stdout).strip()[:2000]}")
    return target


def _without(why: str) -> None:
    sys.stderr.write(f"partnerkit: building without the C builder (linting is about a third slower): {why}\n")
