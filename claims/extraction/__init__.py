"""Quote extraction and attribution in plain Python (no Django imports).

`quotes.extract` is the entry point; `article` parses an article file, `names` compares
spellings of names and `wording` compares wordings of one statement.
"""

EXTRACTOR_VERSION = "1.2"
