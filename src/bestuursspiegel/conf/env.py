"""Read settings from the environment, each with its documentation beside it.

`docs/deployment.md` lists every variable; keep `help_text` short and true.
"""

import os

_TRUE = {"1", "true", "yes", "on"}


def config(name: str, default=None, *, help_text: str = ""):
    """Return the environment value for `name`, cast to the type of `default`; empty means unset."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if isinstance(default, bool):
        return raw.strip().lower() in _TRUE
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, list):
        return [part.strip() for part in raw.split(",") if part.strip()]
    return raw
