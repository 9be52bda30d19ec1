"""The full-dataset download: every quote as gzipped CSV and JSON lines, built by
`manage.py export_dataset` into DOWNLOADS_ROOT with a manifest (date, rows, sizes, sha256)
that the downloads page shows. The files are static: nginx serves them in production, the
download_file view anywhere else."""

import datetime
import gzip
import hashlib
import io
import json
import os
from pathlib import Path

from django.conf import settings

from claims import exports
from claims.models import Quote

MANIFEST = "manifest.json"
PREFIX = "iraqnews-quotes-"
FORMATS = ("csv", "jsonl")


def downloads_root():
    return Path(settings.DOWNLOADS_ROOT)


def read_manifest(root=None):
    """The manifest of the files last built ({created, rows, files: [{name, format, bytes,
    sha256}]}), or None when none have been."""
    try:
        text = (Path(root or downloads_root()) / MANIFEST).read_text()
    except FileNotFoundError:
        return None
    manifest = json.loads(text)
    manifest["created"] = datetime.datetime.fromisoformat(manifest["created"])
    return manifest


def file_path(name):
    """The path of a file the manifest lists, or None (so no other name is ever served)."""
    manifest = read_manifest()
    names = {entry["name"] for entry in manifest["files"]} if manifest else set()
    return downloads_root() / name if name in names else None


def dataset_write(*, output_dir, site_root, now=None):
    """Write every quote, in the quote list's order, as `<PREFIX><date>.csv.gz` and
    `.jsonl.gz` in `output_dir` (addresses starting with `site_root`), then the manifest,
    then remove older files. A file appears under its name only once complete. Returns the
    manifest."""
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    now = now or datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    site = exports.SiteRoot(site_root)
    names = {fmt: f"{PREFIX}{now:%Y-%m-%d}.{fmt}.gz" for fmt in FORMATS}
    parts = {fmt: output_dir / f".{name}.part" for fmt, name in names.items()}
    outputs = {fmt: _gzip_text(path) for fmt, path in parts.items()}
    rows = 0
    try:
        for fmt, output in outputs.items():
            output.write(exports.STREAMS[fmt][0](exports.QUOTES))
        # One read of the database, and one record a row, feed both files.
        chunks = exports.QUOTES.every_chunk(Quote.objects.for_listing().newest_first())
        for records in exports.chunk_records(site, chunks, exports.QUOTES):
            rows += len(records)
            for fmt, output in outputs.items():
                output.write(exports.STREAMS[fmt][1](records, exports.QUOTES))
    except BaseException:
        for fmt, output in outputs.items():
            output.close()
            parts[fmt].unlink(missing_ok=True)
        raise
    files = []
    for fmt, name in names.items():
        outputs[fmt].close()
        os.replace(parts[fmt], output_dir / name)
        files.append(
            {
                "name": name,
                "format": fmt,
                "bytes": (output_dir / name).stat().st_size,
                "sha256": file_sha256(output_dir / name),
            }
        )
    manifest = {"created": now.isoformat(), "rows": rows, "files": files}
    part = output_dir / f".{MANIFEST}.part"
    part.write_text(json.dumps(manifest, indent=2) + "\n")
    os.replace(part, output_dir / MANIFEST)
    for old in output_dir.glob(f"{PREFIX}*"):
        if old.name not in names.values():
            old.unlink()
    return manifest


def _gzip_text(path):
    """A text file writing gzip to `path`; no name or time in the header, so the same rows
    give the same bytes (and checksum)."""
    raw = open(path, "wb")  # noqa: SIM115 (closed with the gzip stream)
    compressed = gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=6)
    return _Closing(io.TextIOWrapper(compressed, encoding="utf-8", newline=""), raw)


class _Closing:
    """Text written through a gzip stream to a file; close() closes both."""

    def __init__(self, text, raw):
        self.text, self.raw = text, raw
        self.write = text.write

    def close(self):
        self.text.close()  # and the gzip stream under it, which leaves `raw` open
        self.raw.close()


def file_sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()
