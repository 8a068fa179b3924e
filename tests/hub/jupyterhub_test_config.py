"""deploy/jupyterhub_config.py as the hub test runs it: test accounts in place of the machine's.

Only what a test machine lacks is changed: the dummy authenticator (one shared password) in
place of PAM, the simple spawner (every server as this OS user, in a folder of its own) in place
of one system user per student, free loopback ports, the hub's own files in the test's folder,
and a service token the test uses to make each user's token.
"""

import os
from pathlib import Path

c = get_config()  # type: ignore[name-defined]  # noqa: F821
DEPLOYED = Path(__file__).resolve().parents[2] / "deploy" / "jupyterhub_config.py"
load_subconfig(str(DEPLOYED))  # type: ignore[name-defined]  # noqa: F821

here = Path(os.environ["TC_HUB_TEST_DIR"])
c.JupyterHub.bind_url = f"http://127.0.0.1:{os.environ['TC_HUB_PORT']}"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{os.environ['TC_HUB_API_PORT']}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{os.environ['TC_PROXY_API_PORT']}"
c.ConfigurableHTTPProxy.command = [os.environ["TC_PROXY_COMMAND"]]
c.JupyterHub.db_url = f"sqlite:///{here / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(here / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(here / "jupyterhub.pid")

c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = os.environ["TC_HUB_PASSWORD"]
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(here / "home" / "{username}")
# Servers are this test's children: they stop with the hub.
c.JupyterHub.cleanup_servers = True

c.JupyterHub.services.append({"name": "test", "api_token": os.environ["TC_HUB_TEST_TOKEN"]})
c.JupyterHub.load_roles.append(
    {"name": "test", "services": ["test"], "scopes": ["admin:users", "tokens", "admin:servers"]}
)
if os.geteuid() == 0:  # CI runs as root; Jupyter's servers refuse to without this
    c.Spawner.args = ["--allow-root"]
