"""Organisation-owned data cannot be queried without saying whose it is.

A queryset built on `ScopedQuerySet` raises `UnscopedQueryError` when it is evaluated, unless it
was filtered on one of its `scope_fields` (the organisation, or for a meting's parts the meting
that was itself found through a scoped query) or marked `.unscoped()` by code that works across
organisations on purpose: management commands, the admin, retention, backups. A view that forgets
the tenant boundary therefore fails loudly in the tests instead of showing another organisation's
data. Django's own internals (deletion, `refresh_from_db`, foreign-key access) go through the base
manager and are not affected.
"""

from django.db import models
from django.db.models import Q


class UnscopedQueryError(RuntimeError):
    """Organisation-owned rows were read or changed without a tenant scope."""


def _lookups(args, kwargs):
    yield from kwargs
    for arg in args:
        if isinstance(arg, Q):
            for child in arg.children:
                yield from _lookups([child], {}) if isinstance(child, Q) else [child[0]]


class ScopedQuerySet(models.QuerySet):
    scope_fields: tuple[str, ...] = ("organisation",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._scoped = False

    def _clone(self):
        clone = super()._clone()
        clone._scoped = self._scoped
        return clone

    def unscoped(self):
        """For code that works across organisations on purpose; say why where it is called."""
        clone = self._chain()
        clone._scoped = True
        return clone

    def none(self):
        clone = super().none()
        clone._scoped = True
        return clone

    def _filter_or_exclude(self, negate, args, kwargs):
        clone = super()._filter_or_exclude(negate, args, kwargs)
        if not negate and any(
            name.split("__")[0].removesuffix("_id") in self.scope_fields for name in _lookups(args, kwargs)
        ):
            clone._scoped = True
        return clone

    def _where_is_scoped(self, node) -> bool:
        """Django's own code (prefetching a reverse relation) adds conditions without filter()."""
        if getattr(node, "negated", False):
            return False
        if hasattr(node, "children"):
            return any(self._where_is_scoped(child) for child in node.children)
        target = getattr(getattr(node, "lhs", None), "target", None)
        return getattr(target, "model", None) is self.model and target.name in self.scope_fields

    def _check_scope(self):
        if not self._scoped and not self._where_is_scoped(self.query.where):
            raise UnscopedQueryError(
                f"{self.model.__name__} is organisation-owned: filter on {' or '.join(self.scope_fields)} "
                "or call .unscoped() where crossing organisations is intended."
            )

    def _fetch_all(self):
        if self._result_cache is None:
            self._check_scope()
        super()._fetch_all()

    def iterator(self, *args, **kwargs):
        self._check_scope()
        return super().iterator(*args, **kwargs)

    def count(self):
        if self._result_cache is None:
            self._check_scope()
        return super().count()

    def exists(self):
        if self._result_cache is None:
            self._check_scope()
        return super().exists()

    def aggregate(self, *args, **kwargs):
        self._check_scope()
        return super().aggregate(*args, **kwargs)

    def update(self, **kwargs):
        self._check_scope()
        return super().update(**kwargs)

    def delete(self):
        self._check_scope()
        return super().delete()

    def in_bulk(self, *args, **kwargs):
        self._check_scope()
        return super().in_bulk(*args, **kwargs)
