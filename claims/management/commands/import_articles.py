from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.extraction.article import UnreadableText
from claims.management.commands.extract_quotes import read_article_file
from claims.services import ImportRejected, article_import


class Command(BaseCommand):
    help = (
        "Import plain-text news articles (title first, then header lines, then the body): "
        "create each Article with its extracted quotes, speakers and claims, all unverified. "
        "A file already imported is left unchanged."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")

    def handle(self, *args, paths, **options):
        failed = 0
        for path in paths:
            try:
                text = read_article_file(path)
                result = article_import(text=text, source_name=Path(path).name)
            except (UnreadableText, ImportRejected) as error:
                failed += 1
                self.stderr.write(f"{path}: not imported: {error}")
                continue
            article = result.article
            if result.created:
                self.stdout.write(
                    f"{path}: imported “{article.title}” ({article.slug}): "
                    f"{result.quotes} quotes, {result.new_speakers} new speakers, "
                    f"{result.joined_claims} joined to existing claims; all unverified."
                )
            else:
                self.stdout.write(f"{path}: already imported as {article.slug}; nothing changed.")
        if failed:
            raise CommandError(f"{failed} of {len(paths)} files were not imported.")
