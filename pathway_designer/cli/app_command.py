"""`pathway-designer app`: start the workshop app (Streamlit) on a workspace.

It runs `streamlit run` on the page script installed with the package (`pathway_app/page/app.py`) as
a child process, with the workspace in `PATHWAY_WORKSPACE` and the app's settings as flags (so it
looks the same whatever folder it starts in). It binds to 127.0.0.1 unless told otherwise, and
refuses a network address unless people must sign in there (OpenID Connect in
`.streamlit/secrets.toml`, or a workshop code in `PATHWAY_ACCESS_CODE`): see
`pathway_designer.workshop.access`.

Streamlit comes with the `app` extra only; this module never imports it (nor the app), so every
other command works without it.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import signal
import subprocess
import sys
from pathlib import Path

from ..sharing import EVERY_ENVIRONMENT, REMOTE_ENVIRONMENT, SharingSettingsError, check_remote, seconds
from ..sharing.settings import DEFAULT_EVERY
from ..workshop.access import AccessConfigError, Gate, gate_for, listen_address, read_secrets
from .main import UsageError

DEFAULT_ADDRESS = "127.0.0.1"
DEFAULT_PORT = 8501
INSTALL_HINT = (
    'the workshop app is not installed: pip install "pathway-designer[app]" '
    '(or, installed with pipx: pipx install --force "pathway-designer[app]")'
)


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    app = subparsers.add_parser(
        "app",
        help="start the workshop app in a web browser",
        description="Start the workshop app: everyone in a workshop edits the same pathways, live. "
        "It stays on this computer (127.0.0.1) unless --address says otherwise; on a network it "
        "needs sign-in (OpenID Connect in .streamlit/secrets.toml) or PATHWAY_ACCESS_CODE.",
    )
    app.add_argument(
        "--workspace",
        type=Path,
        metavar="DIR",
        help="the workspace (a git repository with pathways/); default PATHWAY_WORKSPACE or ./workspace",
    )
    app.add_argument("--port", type=int, default=DEFAULT_PORT, metavar="N", help="default 8501")
    app.add_argument(
        "--address",
        default=DEFAULT_ADDRESS,
        metavar="ADDR",
        help="address to listen on; default 127.0.0.1 (this computer only)",
    )
    app.add_argument(
        "--headless", action="store_true", help="do not open a web browser (for servers)"
    )
    app.add_argument(
        "--remote",
        metavar="NAME",
        help="share through this git remote of the workspace: every saved version is sent there and "
        "partners' versions come in by themselves (default: pathway.remote in the workspace's git "
        "configuration; none: not shared)",
    )
    app.add_argument(
        "--sync-every",
        metavar="SECONDS",
        help=f"how often to look for partners' versions, with --remote (default {DEFAULT_EVERY:.0f})",
    )
    app.set_defaults(func=run_app)


def app_script() -> Path | None:
    """The installed app's page script, or None when the app cannot run (no Streamlit).

    Found through the import system without importing anything: `pathway_app` imports streamlit.
    """
    if importlib.util.find_spec("streamlit") is None:
        return None
    spec = importlib.util.find_spec("pathway_app")
    if spec is None or not spec.submodule_search_locations:
        return None
    script = Path(next(iter(spec.submodule_search_locations))) / "page" / "app.py"
    return script if script.is_file() else None


def streamlit_command(script: Path, address: str, port: int, headless: bool) -> list[str]:
    command = [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.address", address,
        "--server.port", str(port),
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
        "--runner.postScriptGC", "false",  # a full collection after each run: 0.12 s a click
        "--client.toolbarMode", "minimal",
        "--theme.primaryColor", "#005EB8", "--theme.textColor", "#212B32", "--theme.linkColor", "#005EB8",
    ]
    if headless:
        command += ["--server.headless", "true"]
    return command


def child_environment(
    workspace: Path | None, remote: str | None = None, every: str | None = None
) -> dict[str, str]:
    env = dict(os.environ)
    if workspace is not None:
        env["PATHWAY_WORKSPACE"] = str(workspace.resolve())
    if remote:
        env[REMOTE_ENVIRONMENT] = remote
    if every:
        env[EVERY_ENVIRONMENT] = every
    return env


def _check_sharing(args: argparse.Namespace) -> None:
    """A remote the workspace has, and an interval in seconds, before Streamlit starts."""
    try:
        if args.sync_every is not None:
            if not args.remote:
                raise UsageError("--sync-every needs --remote NAME (the shared repository to sync with)")
            seconds(args.sync_every, "--sync-every")
        if args.remote:
            folder = args.workspace or Path(os.environ.get("PATHWAY_WORKSPACE") or "workspace")
            check_remote(folder, args.remote)
    except SharingSettingsError as exc:
        raise UsageError(str(exc)) from None


def run_app(args: argparse.Namespace) -> int:
    if not 0 < args.port < 65536:
        raise UsageError(f"--port {args.port} is not a port number (1 to 65535)")
    script = app_script()
    if script is None:
        raise UsageError(INSTALL_HINT)
    try:  # the address first: Streamlit crashes on a malformed one after the gate let it in
        address = listen_address(args.address)
        gate = gate_for(address, read_secrets(Path.cwd()), os.environ)
    except AccessConfigError as exc:
        raise UsageError(str(exc)) from None
    if args.workspace is not None and args.workspace.exists() and not args.workspace.is_dir():
        raise UsageError(f"--workspace {args.workspace} is a file, not a folder")
    _check_sharing(args)
    where = "this computer only" if gate is Gate.OPEN else f"the network, with {gate.value}"
    print(
        f"pathway-designer: the workshop app is at http://{_host(address)}:{args.port} "
        f"({where}); press Ctrl+C to stop it",
        file=sys.stderr,
    )
    if args.remote:
        every = seconds(args.sync_every, "--sync-every") if args.sync_every else DEFAULT_EVERY
        print(
            f"pathway-designer: sharing through the remote '{args.remote}', looking for partners' "
            f"versions every {every:g} seconds",
            file=sys.stderr,
        )
    command = streamlit_command(script, address, args.port, args.headless)
    return run_child(command, child_environment(args.workspace, args.remote, args.sync_every))


def run_child(command: list[str], env: dict[str, str]) -> int:
    """Run Streamlit and wait; stopping this process (Ctrl+C, or a service manager's SIGTERM)
    stops Streamlit too, so no server is left listening."""
    child = subprocess.Popen(command, env=env)

    def stop(signum: int, frame: object) -> None:
        child.terminate()

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        return child.wait()
    except KeyboardInterrupt:  # Ctrl+C reaches Streamlit too (same process group): let it stop
        try:
            return child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            return 130
    finally:
        signal.signal(signal.SIGTERM, previous)


def _host(address: str) -> str:
    return f"[{address}]" if ":" in address else address
