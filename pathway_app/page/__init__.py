"""The page script `pathway-designer app` hands to `streamlit run`, shipped inside the package.

It sits in a folder of its own because Streamlit puts the script's folder first on `sys.path`: here
that exposes nothing but the script, where `pathway_app/` itself would expose the page's modules
(`store`, `text`, `history`, ...) as top-level names.
"""
