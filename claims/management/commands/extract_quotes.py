import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.extraction.article import UnreadableText, decode_text, parse_article
from claims.extraction.quotes import extract


def read_article_file(path):
    """The decoded text of the file at `path`; UnreadableText when it cannot be an article."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise UnreadableText(f"cannot read the file: {error.strerror}") from error
    return decode_text(data)


class Command(BaseCommand):
    help = (
        "Print the quotes the extractor finds in plain-text articles, without touching the "
        "database. With --json: a list of {file, quotes: [{text, start, end, kind, speaker, "
        "attributed_as, cue, confidence}]} whose offsets index each file's decoded text; "
        "confidence (high, medium or low) says how sure the attribution is."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--json", action="store_true", help="Print JSON (the contract).")
        parser.add_argument("--indirect", action="store_true", help="Also output reported speech.")

    def handle(self, *args, paths, json, indirect, **options):
        results, failed = [], 0
        for path in paths:
            try:
                content = read_article_file(path)
            except UnreadableText as error:
                failed += 1
                self.stderr.write(f"{path}: {error}")
                results.append({"file": path, "quotes": [], "error": str(error)})
                continue
            parsed = parse_article(content)
            found = extract(content, regions=parsed.body_regions, indirect=indirect)
            results.append({"file": path, "quotes": [f.as_dict() for f in found]})
        if json:
            self.stdout.write(_dumps(results))
        else:
            for result in results:
                self._write_plain(result)
        if failed:
            raise CommandError(f"{failed} of {len(paths)} files could not be read.")

    def _write_plain(self, result):
        if "error" in result:
            return
        self.stdout.write(f"{result['file']}: {len(result['quotes'])} quotes")
        for quote in result["quotes"]:
            who = quote["speaker"] or quote["attributed_as"] or "(no source)"
            self.stdout.write(
                f"  [{quote['start']}:{quote['end']}] {quote['kind']:8} {who}: {quote['text']}"
            )


def _dumps(data):
    return json.dumps(data, ensure_ascii=False, indent=1)
