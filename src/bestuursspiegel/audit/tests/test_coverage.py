"""Every facilitator change is audited: each service that takes an `actor` records an event."""

import importlib
import inspect
import pkgutil
import re

import bestuursspiegel

MODULES = ("services", "retention")


def actor_services():
    for info in pkgutil.walk_packages(bestuursspiegel.__path__, "bestuursspiegel."):
        if info.name.rsplit(".", 1)[-1] in MODULES:
            module = importlib.import_module(info.name)
            for name, function in inspect.getmembers(module, inspect.isfunction):
                if function.__module__ == module.__name__ and "actor" in inspect.signature(function).parameters:
                    yield name, inspect.getsource(function)


def test_every_change_by_an_actor_is_audited():
    services = dict(actor_services())
    assert len(services) >= 20
    audited = {name for name, source in services.items() if "audit_record(" in source}
    # A service may delegate to another that records the event (open → _assessment_move).
    for _round in range(3):
        audited |= {
            name
            for name, source in services.items()
            if any(re.search(rf"\b{callee}\(", source) for callee in audited if callee != name)
        }
    assert set(services) - audited == set()
