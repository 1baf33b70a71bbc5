"""The workshop app's page script, as installed: `pathway-designer app` runs it with Streamlit.

(`app.py` at the root of a checkout is the same two lines, for `streamlit run app.py` there.)
"""

from pathway_app import main

main()
