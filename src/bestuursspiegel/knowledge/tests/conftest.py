import pytest

from bestuursspiegel.knowledge.loader import load_knowledge


@pytest.fixture
def knowledge(db):
    return load_knowledge()
