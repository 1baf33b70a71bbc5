"""Suite-wide settings. Fixtures live beside the tests that use them (tests/<area>/conftest.py)."""

import os

from hypothesis import settings

# In CI, property tests replay the same examples on every run, so a red build always means a change
# broke something; exploration with fresh examples happens on developers' machines.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
