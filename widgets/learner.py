"""Who the learner is, for per-learner seeds (and, later, progress).

``TC_LEARNER`` names the learner explicitly; under JupyterHub each user's server has
``JUPYTERHUB_USER``. Without either, the operating-system user is the learner, so every viewer
of one shared Voila server counts as the same learner.
"""

from __future__ import annotations

import getpass
import os

LEARNER_VARIABLES = ("TC_LEARNER", "JUPYTERHUB_USER")


def learner_id() -> str:
    for name in LEARNER_VARIABLES:
        value = os.environ.get(name, "").strip()
        if value:
            return value[:200]
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "anonymous"
