"""The workshop app: commissioners, providers, service users and carers editing one pathway together.

Start it with `pathway-designer app` (or `scripts/start`). The page lives in `pathway_app/`; all
domain logic lives in the `pathway_designer` library.
"""

from pathway_app import main

main()
