"""Curators import articles (issue 13): the Curators group gains `add_article`, which
the import page requires. `codenames()` is the group's full list from now on."""

import importlib

from django.contrib.auth.management import create_permissions
from django.db import migrations

curators = importlib.import_module("claims.migrations.0004_curators_group")
GROUP = curators.GROUP
ADDED = ["add_article"]


def codenames():
    return [*curators.codenames(), *ADDED]


def _added_permissions(apps):
    # Permissions are normally created after migrate; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="claims", codename__in=ADDED)


def add_permissions(apps, schema_editor):
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=GROUP)
    group.permissions.add(*_added_permissions(apps))


def remove_permissions(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(*_added_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [("claims", "0008_article_newest_index")]

    operations = [migrations.RunPython(add_permissions, remove_permissions)]
