"""The workshop app: commissioners, providers, service users and carers editing one pathway together.

Start it with `pathway-designer app` (or `scripts/start`), which runs the installed copy of this
script, `pathway_app/page/app.py`; this one is for `streamlit run app.py` in a checkout. The page
lives in `pathway_app/`; all domain logic lives in the `pathway_designer` library.
"""

from pathway_app import main

main()
