"""The Curators group with exactly the permissions attribution review needs.

Curators view and change quotes, claims, speakers, organizations, memberships,
articles, attribution reports and merges; add quotes, claims, memberships, speakers,
organizations and merges; delete only memberships (a wrong role). Speakers and
organizations are never deleted by hand: a merge removes duplicates and can be
undone. No user or group permissions: only superusers manage accounts.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Curators"
PERMISSIONS = {
    "view": [
        "quote", "claim", "speaker", "organization", "membership", "article",
        "attributionreport", "merge",
    ],
    "change": [
        "quote", "claim", "speaker", "organization", "membership", "article",
        "attributionreport", "merge",
    ],
    "add": ["quote", "claim", "membership", "speaker", "organization", "merge"],
    "delete": ["membership"],
}


def codenames():
    return [f"{action}_{model}" for action, models in PERMISSIONS.items() for model in models]


def create_group(apps, schema_editor):
    # Permissions are normally created after migrate; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    wanted = Permission.objects.filter(content_type__app_label="claims", codename__in=codenames())
    assert wanted.count() == len(codenames()), "a Curators permission is missing"
    group.permissions.set(wanted)


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("claims", "0003_merge"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
