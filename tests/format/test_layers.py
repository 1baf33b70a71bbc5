"""The layers: the import-linter contracts hold, and the library never imports streamlit."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap

from format_helpers import REPO


def test_import_contracts_hold():
    lint_imports = shutil.which("lint-imports")
    assert lint_imports, "import-linter is a test dependency: pip install -e .[test]"
    done = subprocess.run(
        [lint_imports, "--no-cache"], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_importing_the_whole_library_does_not_import_streamlit():
    script = textwrap.dedent(
        """
        import importlib, pkgutil, sys
        import pathway_designer

        names = [m.name for m in pkgutil.walk_packages(pathway_designer.__path__, "pathway_designer.")
                 if not m.name.endswith("__main__")]
        for name in names:
            importlib.import_module(name)
        assert "pathway_designer.cli.main" in sys.modules, names
        loaded = sorted(m for m in sys.modules if m == "streamlit" or m.startswith("streamlit."))
        print(len(names), loaded)
        sys.exit(1 if loaded else 0)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr

