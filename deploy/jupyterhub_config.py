"""JupyterHub for the course on one server: every student logs in, lands on the course in Voila,
and their answers go to the answers service, which alone holds the database's address.

Run from a checkout whose ``.venv`` has the hub extra (``pip install -e ".[hub]"``) and
configurable-http-proxy on PATH (``npm install -g configurable-http-proxy``)::

    TC_DATABASE_URL=postgresql+psycopg://course:PASSWORD@127.0.0.1/course \\
    TC_INSTRUCTORS=alice,bob  jupyterhub -f deploy/jupyterhub_config.py

README, "Running it for a class or a school", says what each setting is for and how this was
measured. ``tests/hub`` runs this very file, with test accounts, against a real PostgreSQL.
Settings read from the environment (all optional but ``TC_DATABASE_URL``):

- ``TC_HUB_BIND_URL``: where students reach the hub (default http://127.0.0.1:8000).
- ``TC_ANSWERS_PORT``: the answers service's port on loopback (default 10101).
- ``TC_INSTRUCTORS``: comma-separated hub users put in the group ``instructors`` (presenter view,
  class sessions).
- ``TC_MEM_LIMIT``: a student's memory limit (default 1G; see ``MEMORY_LIMIT``).
- ``TC_CULL_IDLE_S``: seconds before an idle student's server is stopped (default 3600).
"""

import os
import sys
from pathlib import Path

c = get_config()  # type: ignore[name-defined]  # noqa: F821  (JupyterHub's config loader)

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SERVICE = "answers"
ANSWERS_URL = f"http://127.0.0.1:{os.environ.get('TC_ANSWERS_PORT', '10101')}"
#: Measured (tests/browser/test_hub.py, tests/artifacts/hub.txt): a student's server with lesson
#: 01 open is 238 MiB (the server about 160, the lesson's kernel 78); lesson kernels are 78-122
#: MiB (docs/performance.md), so 1 GiB holds the server and six lessons open at once. The local
#: spawners do not enforce it (it is passed as MEM_LIMIT); systemdspawner and Kubernetes do.
MEMORY_LIMIT = os.environ.get("TC_MEM_LIMIT", "1G")

# --- where the hub listens --------------------------------------------------------------
# Loopback by default: put a TLS-terminating proxy (nginx, Caddy) in front for a school.
c.JupyterHub.bind_url = os.environ.get("TC_HUB_BIND_URL", "http://127.0.0.1:8000")
# The hub's own API, for the proxy and the services: loopback only.
c.JupyterHub.hub_bind_url = "http://127.0.0.1:8081"

# --- who logs in --------------------------------------------------------------------------
# The machine's own accounts (PAM, JupyterHub's default): each student a system user, so the
# spawner below runs each server as its student. A school's single sign-on would go here
# instead (oauthenticator, ldapauthenticator).
c.JupyterHub.authenticator_class = "pam"
# Anyone who can log in to the machine may use the course; narrow with allowed_users or a group.
c.Authenticator.allow_all = True
# The instructors run class sessions (widgets.classroom); the answers service asks the hub.
instructors = [name.strip() for name in os.environ.get("TC_INSTRUCTORS", "").split(",")]
c.JupyterHub.load_groups = {"instructors": {"users": [name for name in instructors if name]}}

# --- each student's server ---------------------------------------------------------------
# One process per student, as their own system user (students cannot read each other's files).
c.JupyterHub.spawner_class = "localprocess"
# JupyterLab's server with Voila in it, from this checkout's environment.
c.Spawner.cmd = [str(BIN / "jupyterhub-singleuser")]
# Students land on the course home, rendered by Voila (JupyterLab stays at /lab for those who
# want to run code).
c.Spawner.default_url = "/voila/tree"
# The lessons are the server's root; the course's Voila settings and template come from here.
c.Spawner.notebook_dir = str(ROOT / "lessons")
c.Spawner.environment = {
    # The course's Voila settings (deploy/singleuser: the course template, no sources, no
    # tracebacks, images only served; kernels culled after 15 idle minutes with no page, as
    # voila.json's for one machine; not voila.json's Unix-socket transport: a socket path under
    # a deep home folder passes the 107-character limit, and one student's few kernels do not
    # meet the port race that eleven pools starting at once did) and its template.
    "JUPYTER_CONFIG_PATH": str(ROOT / "deploy" / "singleuser"),
    "JUPYTER_PATH": str(ROOT / "share" / "jupyter"),
    # Kernels save through the answers service, never to the database (widgets.progress.remote).
    "TC_ANSWERS_URL": f"{ANSWERS_URL}/services/{SERVICE}/",
}
# The server's token (which its kernels hold) may call the answers service, and nothing more
# than JupyterHub's default: report activity, be reached as this server.
c.Spawner.server_token_scopes = [
    "users:activity!user",
    "access:servers!server",
    f"access:services!service={SERVICE}",
]
c.Spawner.mem_limit = MEMORY_LIMIT
# Measured: a server starts in 5-6 s on an idle 2-core machine; 120 s covers a class logging
# in at once.
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120

# --- the answers service and the idle culler -----------------------------------------------
c.JupyterHub.services = [
    {
        "name": SERVICE,
        "url": ANSWERS_URL,
        "command": [str(BIN / "python"), "-m", "course_server.answers_service"],
        # The database's address and password: here, and in no student's environment.
        "environment": {"TC_DATABASE_URL": os.environ.get("TC_DATABASE_URL", "")},
        "display": False,
    },
    {
        "name": "idle-culler",
        "command": [
            str(BIN / "python"),
            "-m",
            "jupyterhub_idle_culler",
            # A server nobody has used for an hour gives its memory back; progress is kept.
            f"--timeout={os.environ.get('TC_CULL_IDLE_S', '3600')}",
        ],
    },
]
c.JupyterHub.load_roles = [
    # Every user may call the answers service (which lets them at their own record only).
    {"name": "user", "scopes": ["self", f"access:services!service={SERVICE}"]},
    # The service asks the hub who is in the instructors' group.
    {"name": "answers-service", "services": [SERVICE], "scopes": ["read:users:groups"]},
    {
        "name": "idle-culler",
        "services": ["idle-culler"],
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    },
]
