"""Starting a pathway from another tool's file (BPMN or FHIR PlanDefinition): what the import
found, told in words, then the pathway opened as a new, unsaved draft to save with a reason."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import streamlit as st

from pathway_designer.finding import Severity
from pathway_designer.interchange.formats import FORMATS, for_file
from pathway_designer.interchange.ids import Ids
from pathway_designer.interchange.imported import Imported, Note
from pathway_designer.words import SEVERITY_WORDS, plural, word

from . import cache, session
from .text import md

MAX_UPLOAD_MB = 10
_RESULT = "import_result"  # (the file's digest, what importing it gave)
_SUFFIXES = sorted({s.lstrip(".") for f in FORMATS.values() for s in f.suffixes} | {"bpmn", "xml", "json"})


def panel(taken: list[str], opener: Callable[[str], None]) -> None:
    """The upload box and, for a file, what its import found and the button that opens it
    (`opener` goes to a pathway by its id)."""
    names = " or ".join(f.title for f in FORMATS.values())
    st.markdown("**Or bring in a pathway from another tool**")
    st.caption(f"A process map or care plan saved as {md(names)}, up to {MAX_UPLOAD_MB} MB.")
    upload = st.file_uploader(
        "A BPMN or FHIR file", type=_SUFFIXES, key="import_file", max_upload_size=MAX_UPLOAD_MB
    )
    if upload is None:
        st.session_state.pop(_RESULT, None)
        return
    data = upload.getvalue()
    imported = _imported(upload.name, data, taken)
    if imported is None:
        return
    show_notes(imported)
    if imported.pathway is not None:
        st.button(
            f"Open ‘{md(imported.pathway.title)}’ as a new pathway",
            key="import_open",
            type="primary",
            on_click=_open,
            args=(imported, opener),
        )
        st.caption("It opens as a draft that is not saved yet: look it over, then save it with a reason.")


def _imported(name: str, data: bytes, taken: list[str]) -> Imported | None:
    """The import of the uploaded file, made once per file (Streamlit reruns the page often)."""
    digest = hashlib.sha256(name.encode() + b"\0" + data).hexdigest()
    kept = st.session_state.get(_RESULT)
    if kept and kept[0] == digest:
        return kept[1]  # type: ignore[no-any-return]
    form = for_file(name)
    if form is None:
        known = ", ".join(sorted({s for f in FORMATS.values() for s in f.suffixes}))
        st.error(f"This app can bring in files ending {md(known)}; ‘{md(name)}’ is not one of them.")
        return None
    if len(data) > MAX_UPLOAD_MB * 1024 * 1024:
        st.error(f"The file is larger than {MAX_UPLOAD_MB} MB.")
        return None
    imported = _with_free_id(form.read(data), taken)
    st.session_state[_RESULT] = (digest, imported)
    return imported


def _with_free_id(imported: Imported, taken: list[str]) -> Imported:
    """The pathway under an id no pathway of the workspace has yet."""
    pathway = imported.pathway
    if pathway is None or pathway.id not in taken:
        return imported
    free = Ids(taken).make(pathway.id)
    return Imported(pathway.model_copy(update={"id": free}), imported.notes)


def show_notes(imported: Imported) -> None:
    """What the import found, in words; where in the file, as a small detail."""
    notes = sorted(imported.notes, key=lambda n: n.finding.severity.rank)
    if imported.pathway is None:
        st.error("The file could not be brought in:")
    elif notes:
        st.info(f"Brought in, with {plural(len(notes), 'thing')} to look at:")
    else:
        st.success("Brought in whole: nothing was left out or guessed.")
    for n in notes:
        _note(n)


def _note(n: Note) -> None:
    finding = n.finding
    heading = word(SEVERITY_WORDS, finding.severity)
    text = f"**{md(heading)}:** {md(finding.message)}"
    st.markdown(f":red[{text}]" if finding.severity is Severity.ERROR else text)
    where = [f"line {finding.line}" if finding.line else "", n.element or ""]
    if any(where):
        st.caption(f"In the file: {md(', '.join(w for w in where if w))}")


def _open(imported: Imported, opener: Callable[[str], None]) -> None:
    pathway = imported.pathway
    if pathway is None:
        return
    text = imported.text()
    cache.check(text)  # read once now, so the page opens at once
    session.start(pathway.id, None, "")  # no version yet: everything in it is unsaved
    session.set_draft(text)
    st.session_state[session.UNDO] = []  # nothing before it to go back to
    st.session_state.pop(_RESULT, None)
    session.notify("info", f"Opened ‘{pathway.title}’: it is not saved yet; save it with a reason.")
    opener(pathway.id)
