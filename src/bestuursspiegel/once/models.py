from django.db import models
from django.utils.translation import gettext_lazy as _


class UsedFormKey(models.Model):
    """A form key that created something. Only its hash: the key itself stays in the browser."""

    key_hash = models.CharField(max_length=64, unique=True)
    scope = models.CharField(max_length=64)
    used_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("used form key")
        verbose_name_plural = _("used form keys")

    def __str__(self):
        return f"{self.scope} {self.used_at:%Y-%m-%d %H:%M}"
