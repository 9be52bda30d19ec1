"""Constraint helpers shared by the model modules."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords


def choices_constraint(field, choices, name):
    """A check constraint that keeps `field` to the values of the TextChoices `choices`."""
    return models.CheckConstraint(condition=Q(**{f"{field}__in": choices.values}), name=name)


# A curator's reason is shown publicly on the claim page; room for a few sentences.
REASON_MAX_LENGTH = 500


def history_records(**kwargs):
    """django-simple-history's records, with room for a reason of REASON_MAX_LENGTH."""
    field = models.CharField(max_length=REASON_MAX_LENGTH, null=True)
    return HistoricalRecords(history_change_reason_field=field, **kwargs)


class RaisesVersion:
    """Every save of a stored row raises `version` by one, so a change made anywhere (a
    form, a script, a management command) is seen by a change form opened before it."""

    def save(self, *args, **kwargs):
        if not self._state.adding and not kwargs.get("force_insert"):
            self.version += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)
