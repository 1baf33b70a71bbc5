"""Editing a pathway in the domain's words: add a step after another, connect, name the partners,
record outcomes and involvement, edit the tables, and say what else a removal touches.

One module per concept: `edit` (the result, and validating before keeping), `data` (the plain data
edits change), `pathways`, `steps`, `transitions`, `partners`, `records` (outcomes and
involvement), `impact` (what a removal touches) and `tables` (the app's table edits). Shared by the
app and any other front end; it never imports streamlit.
"""

from .data import slug
from .edit import Edit, EditError, check_pathway_text, from_text
from .impact import Impact, organisation_impact, step_impact
from .partners import add_organisation, remove_organisation
from .pathways import copy_pathway, new_pathway, update_details
from .records import add_involvement, add_outcome, remove_involvement, remove_outcome
from .steps import (
    OPTIONAL_TIME_PATTERN,
    add_step,
    decision_branches,
    remove_step,
    update_step,
    update_step_details,
)
from .tables import (
    TABLE_COLUMNS,
    RefusedCell,
    TableEdit,
    apply_table_cells,
    apply_table_edits,
    table_rows,
    table_words,
)
from .transitions import connect, disconnect

__all__ = [
    "OPTIONAL_TIME_PATTERN",
    "TABLE_COLUMNS",
    "Edit",
    "EditError",
    "Impact",
    "RefusedCell",
    "TableEdit",
    "add_involvement",
    "add_organisation",
    "add_outcome",
    "add_step",
    "apply_table_cells",
    "apply_table_edits",
    "check_pathway_text",
    "connect",
    "copy_pathway",
    "decision_branches",
    "disconnect",
    "from_text",
    "new_pathway",
    "organisation_impact",
    "remove_involvement",
    "remove_organisation",
    "remove_outcome",
    "remove_step",
    "slug",
    "step_impact",
    "table_rows",
    "table_words",
    "update_details",
    "update_step",
    "update_step_details",
]
