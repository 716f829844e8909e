"""Every environment variable the settings read is in docs/deployment.md, where operators look."""

import re
from pathlib import Path

CONF = Path(__file__).resolve().parents[2] / "conf"
DEPLOYMENT = Path(__file__).resolve().parents[4] / "docs" / "deployment.md"


def test_every_setting_from_the_environment_is_documented():
    read = {name for path in CONF.glob("*.py") for name in re.findall(r'config\(\s*"([A-Z0-9_]+)"', path.read_text())}
    assert {"SECRET_KEY", "DATABASE_URL", "METRICS_TOKEN", "FIELD_ENCRYPTION_KEY"} <= read
    documented = set(re.findall(r"`([A-Z0-9_]+)`", DEPLOYMENT.read_text()))
    assert read - documented == set()
