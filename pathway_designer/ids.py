"""What an id (of a pathway, a step, an organisation) may be: lower-case words joined by hyphens.

At the very bottom, with no imports: the model checks ids with it, and so does the store, which
must be able to name a pathway's file without loading the model (pydantic) to do so.
"""

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
