"""Tests of claims.extraction, one file per module; plain Python, no database."""

from claims.extraction.quotes import extract


def quotes(text, **kwargs):
    """(text, kind, speaker, attributed_as, cue) of each quote extracted from `text`."""
    return [(f.text, f.kind, f.speaker, f.attributed_as, f.cue) for f in extract(text, **kwargs)]
