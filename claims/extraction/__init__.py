"""Quote extraction and attribution in plain Python (no Django imports)."""

EXTRACTOR_VERSION = "1.2"
