# pathway-designer's workshop app for an organisation's server: the wheel with the [app] extra,
# Graphviz for SVG/PNG/PDF exports, a non-root user, and the workspace (a git repository of
# pathways) on a volume so versions outlive the container.
#
# Build a wheel first, then the image, from the repository root:
#   python -m build --wheel && docker build -t pathway-designer .
# Run it with sign-in: mount .streamlit/secrets.toml (OpenID Connect, [auth]) or pass a workshop
# code; with neither, the app refuses to start on a network address:
#   docker run -p 8501:8501 -v pathways:/data \
#     -v "$PWD/secrets.toml:/home/pathway/.streamlit/secrets.toml:ro" pathway-designer
#   docker run -p 8501:8501 -v pathways:/data -e PATHWAY_ACCESS_CODE='four random words' pathway-designer
FROM python:3.12-slim

# Graphviz (`dot`) from Debian draws exports on the server; the app shows diagrams without it.
# git (and ssh) share the workspace with the area's shared repository (`app --remote`, docs/sharing.md).
RUN apt-get update \
    && apt-get install -y --no-install-recommends graphviz git openssh-client \
    && rm -rf /var/lib/apt/lists/*

COPY dist/*.whl /tmp/wheels/
RUN wheel="$(ls /tmp/wheels/pathway_designer-*.whl)" \
    && pip install --no-cache-dir --disable-pip-version-check "${wheel}[app]" \
    && rm -rf /tmp/wheels

RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin pathway \
    && mkdir -p /data /home/pathway/.streamlit \
    && chown pathway:pathway /data /home/pathway/.streamlit

# The workspace is /data/workspace (the app's default, ./workspace): created and seeded with the
# examples and the schema on first start, or a clone of your area's shared pathway repository put
# there. PATHWAY_WORKSPACE is not set on purpose: a folder named there must already be a workspace.
# Signed-in editors may be limited with PATHWAY_EDITORS (addresses or @domains).
ENV PYTHONUNBUFFERED=1
VOLUME ["/data"]

USER pathway
WORKDIR /data
EXPOSE 8501

# Listening on all interfaces makes the app require sign-in (or a workshop code): it will not
# serve a network without one.
CMD ["pathway-designer", "app", "--headless", "--address", "0.0.0.0", "--port", "8501"]
