"""Build the full-dataset download: every quote as gzipped CSV and JSON lines, with a
manifest of their date, row count, sizes and sha256, shown on the downloads page."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from claims.downloads import dataset_write, downloads_root


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            help="Where to write the files (default: DOWNLOADS_ROOT, which the site serves).",
        )
        parser.add_argument(
            "--site-url",
            help="The site's address, which the records' links start with "
            "(default: SITE_URL), e.g. https://iraqnews.example.org",
        )

    def handle(self, *args, **options):
        site_url = (options["site_url"] or settings.SITE_URL).rstrip("/")
        if not site_url.startswith(("http://", "https://")):
            raise CommandError(
                "Give the site's address with --site-url (or SITE_URL), e.g. "
                "https://iraqnews.example.org: the records link to its pages."
            )
        output_dir = options["output_dir"] or downloads_root()
        started = time.monotonic()
        manifest = dataset_write(output_dir=output_dir, site_root=site_url)
        seconds = time.monotonic() - started
        for entry in manifest["files"]:
            self.stdout.write(
                f"{output_dir}/{entry['name']}: {manifest['rows']} rows, {entry['bytes']} bytes, "
                f"sha256 {entry['sha256']}"
            )
        self.stdout.write(f"{manifest['rows']} quotes in {seconds:.1f} s")
