from django.db import models


class BaselineRow(models.Model):
    """One row per request of the bare baseline view."""

    value = models.PositiveSmallIntegerField()

    def __str__(self):
        return str(self.value)
