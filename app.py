"""The workshop app (placeholder until the app issue): shows the example pathways' findings."""

from pathlib import Path

import streamlit as st

from pathway_designer import check_file

st.set_page_config(page_title="pathway-designer", layout="wide")
st.title("pathway-designer")
for path in sorted(Path("pathways").glob("*.yaml")):
    check = check_file(path)
    st.subheader(check.pathway.title if check.pathway else path.name)
    for finding in check.findings:
        st.write(str(finding))
