"""deploy/: the Kubernetes values file (which cannot run here) holds what the course relies on,
and agrees with the one-server hub config that tests/browser/test_hub.py runs for real."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from traitlets.config import Config

from tests.conftest import ROOT

DEPLOY = ROOT / "deploy"
VALUES: dict[str, Any] = yaml.safe_load((DEPLOY / "kubernetes" / "values.yaml").read_text())
ANSWERS = list(yaml.safe_load_all((DEPLOY / "kubernetes" / "answers.yaml").read_text()))
SERVICE_SCOPE = "access:services!service=answers"


def hub_config(environ: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Config:
    """deploy/jupyterhub_config.py as JupyterHub loads it (``get_config`` a fresh Config)."""
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    config = Config()
    path = DEPLOY / "jupyterhub_config.py"
    code = compile(path.read_text(), str(path), "exec")
    exec(code, {"get_config": lambda: config, "__file__": str(path)})
    return config


@pytest.fixture
def one_server(monkeypatch: pytest.MonkeyPatch) -> Config:
    secret = "postgresql+psycopg://course:s3cret@db.example/course"
    return hub_config({"TC_DATABASE_URL": secret, "TC_INSTRUCTORS": "ann, bo"}, monkeypatch)


def test_the_database_address_goes_to_the_answers_service_only(one_server: Config) -> None:
    services = {service["name"]: service for service in one_server.JupyterHub.services}
    assert "s3cret" in services["answers"]["environment"]["TC_DATABASE_URL"]
    assert "s3cret" not in repr(one_server.Spawner.environment)
    assert "TC_DATABASE_URL" not in one_server.Spawner.environment
    assert one_server.Spawner.environment["TC_ANSWERS_URL"].endswith("/services/answers/")
    assert one_server.JupyterHub.load_groups == {"instructors": {"users": ["ann", "bo"]}}


def test_a_student_s_server_token_may_call_the_service_and_little_else(
    one_server: Config,
) -> None:
    scopes = one_server.Spawner.server_token_scopes
    assert SERVICE_SCOPE in scopes
    assert not [scope for scope in scopes if scope.startswith(("admin", "read:users", "tokens"))]
    roles = {role["name"]: role for role in one_server.JupyterHub.load_roles}
    assert roles["user"]["scopes"] == ["self", SERVICE_SCOPE]
    assert roles["answers-service"]["scopes"] == ["read:users:groups"]


def test_the_kubernetes_values_agree_with_the_one_server_config(one_server: Config) -> None:
    hub, singleuser = VALUES["hub"], VALUES["singleuser"]
    assert hub["config"]["Spawner"]["server_token_scopes"] == one_server.Spawner.server_token_scopes
    roles = {name: dict(role) for name, role in hub["loadRoles"].items()}
    assert roles["user"]["scopes"] == ["self", SERVICE_SCOPE]
    assert roles["answers-service"] == {"services": ["answers"], "scopes": ["read:users:groups"]}
    assert singleuser["defaultUrl"] == one_server.Spawner.default_url == "/voila/tree"
    assert singleuser["cmd"] == "jupyterhub-singleuser"
    assert singleuser["memory"]["limit"] == one_server.Spawner.mem_limit == "1G"
    assert VALUES["cull"]["enabled"] is True
    assert VALUES["cull"]["timeout"] == 3600
    assert "TC_DATABASE_URL" not in singleuser.get("extraEnv", {})
    assert "apiToken" not in hub["services"]["answers"], "a token does not belong in the file"


def test_kernels_on_kubernetes_reach_the_answers_service_that_answers_yaml_runs() -> None:
    deployment, service = ANSWERS
    port = service["spec"]["ports"][0]["port"]
    name = service["metadata"]["name"]
    assert VALUES["hub"]["services"]["answers"]["url"] == f"http://{name}:{port}"
    assert VALUES["singleuser"]["extraEnv"]["TC_ANSWERS_URL"] == (
        f"http://{name}:{port}/services/answers/"
    )
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    (rule,) = VALUES["singleuser"]["networkPolicy"]["egress"]
    assert rule["to"][0]["podSelector"]["matchLabels"].items() <= labels.items()
    assert rule["ports"][0]["port"] == port
    env = {
        item["name"]: item
        for item in deployment["spec"]["template"]["spec"]["containers"][0]["env"]
    }
    assert env["TC_DATABASE_URL"]["valueFrom"]["secretKeyRef"]["name"] == "tc-answers"
    assert env["JUPYTERHUB_SERVICE_PREFIX"]["value"] == "/services/answers/"


def test_the_image_the_values_name_is_built_from_this_repository() -> None:
    recipe = (DEPLOY / "Dockerfile").read_text()
    image = VALUES["singleuser"]["image"]
    assert f"-t {image['name']}:{image['tag']} ." in recipe
    assert re.search(r'pip install [^\n]*"\.\[hub\]"', recipe)
    assert 'CMD ["jupyterhub-singleuser"]' in recipe
    for folder in re.findall(r"^COPY (\S+) ", recipe, re.MULTILINE):
        assert (ROOT / folder).exists(), f"deploy/Dockerfile copies {folder}, which is not here"
    assert Path(ANSWERS[0]["spec"]["template"]["spec"]["containers"][0]["image"]).name == (
        f"{image['name']}:{image['tag']}"
    )
