from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Claims and sources"

    def ready(self):
        # The data version whole pages are kept under (claims/scale/page_cache.py) counts
        # writes through triggers on SQLite, installed after every migrate.
        from claims.scale.sql import install_change_counter

        post_migrate.connect(install_change_counter, sender=self)
