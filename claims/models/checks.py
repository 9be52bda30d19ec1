"""Constraint helpers shared by the model modules."""

from django.db import models
from django.db.models import Q


def choices_constraint(field, choices, name):
    """A check constraint that keeps `field` to the values of the TextChoices `choices`."""
    return models.CheckConstraint(condition=Q(**{f"{field}__in": choices.values}), name=name)
