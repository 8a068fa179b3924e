"""Who the learner is, for per-learner seeds (and, later, progress).

JupyterHub sets ``JUPYTERHUB_USER``; Voila can pass a proxy's user header into the kernel as an
environment variable (``VoilaConfiguration.http_header_envs``); ``TC_LEARNER`` overrides both.
Without any of them the operating-system user is the learner.
"""

from __future__ import annotations

import getpass
import os

LEARNER_VARIABLES = ("TC_LEARNER", "JUPYTERHUB_USER", "HTTP_X_FORWARDED_USER")


def learner_id() -> str:
    for name in LEARNER_VARIABLES:
        value = os.environ.get(name, "").strip()
        if value:
            return value[:200]
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "anonymous"
