from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.extraction.article import UnreadableText
from claims.extraction.web import UnreadablePage, fetch_page
from claims.management.commands.extract_quotes import read_article_file
from claims.services import ImportRejected, article_import, article_import_page

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


class Command(BaseCommand):
    help = (
        "Import news articles from plain-text files (title first, then header lines, then "
        "the body), saved web pages (.html) or http(s) URLs: create each Article with its "
        "extracted quotes, speakers and claims, all unverified. An article already imported "
        "is left unchanged. Ends with a summary of what was imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH_OR_URL")

    def handle(self, *args, paths, **options):
        totals = {"articles": 0, "quotes": 0, "new_speakers": 0, "joined_claims": 0}
        failed = unchanged = 0
        progress = _Progress(self.stderr, len(paths))
        for path in paths:
            try:
                result = _import_one(path)
            except (UnreadableText, UnreadablePage, ImportRejected) as error:
                failed += 1
                progress.write(self.stderr, f"{path}: not imported: {error}")
                progress.step()
                continue
            article = result.article
            if result.created:
                totals["articles"] += 1
                totals["quotes"] += result.quotes
                totals["new_speakers"] += result.new_speakers
                totals["joined_claims"] += result.joined_claims
                progress.write(
                    self.stdout,
                    f"{path}: imported “{article.title}” ({article.slug}): "
                    f"{result.quotes} quotes, {result.new_speakers} new speakers, "
                    f"{result.joined_claims} joined to existing claims, "
                    f"{result.proposed_memberships} memberships proposed; all unverified.",
                )
            else:
                unchanged += 1
                progress.write(
                    self.stdout, f"{path}: already imported as {article.slug}; nothing changed."
                )
            progress.step()
        progress.done()
        self.stdout.write(_summary(totals, unchanged, failed))
        if failed:
            raise CommandError(f"{failed} of {len(paths)} files were not imported.")


def _import_one(path):
    """The ImportResult of one text file, saved page or URL."""
    if "://" in path:
        page = fetch_page(path)
        return article_import_page(html=page.html, url=page.url)
    if Path(path).suffix.lower() in HTML_SUFFIXES:
        try:
            html = Path(path).read_bytes()
        except OSError as error:
            raise UnreadableText(f"cannot read the file: {error.strerror}") from error
        return article_import_page(html=html, source_name=Path(path).name)
    return article_import(text=read_article_file(path), source_name=Path(path).name)


def _summary(totals, unchanged, failed):
    line = (
        f"Summary: {totals['articles']} articles imported with {totals['quotes']} quotes, "
        f"{totals['new_speakers']} new speakers, {totals['joined_claims']} quotes joined to "
        f"existing claims"
    )
    return f"{line}; {unchanged} already imported, {failed} not imported."


class _Progress:
    """A one-line progress bar on a terminal for more than one file; silent otherwise
    (in pipes, logs and tests)."""

    WIDTH = 30

    def __init__(self, stream, total):
        isatty = getattr(stream, "isatty", lambda: False)
        self.stream, self.total, self.count = stream, total, 0
        self.shown = total > 1 and isatty()

    def step(self):
        self.count += 1
        if self.shown:
            filled = self.WIDTH * self.count // self.total
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            self.stream.write(f"\r[{bar}] {self.count}/{self.total}", ending="")
            self.stream.flush()

    def write(self, stream, line):
        """Write `line` to `stream` on a line of its own, above the bar."""
        if self.shown and self.count:
            self.stream.write("\r\033[K", ending="")
        stream.write(line)

    def done(self):
        if self.shown:
            self.stream.write("")
