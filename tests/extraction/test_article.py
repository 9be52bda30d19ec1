"""Reading an article file: metadata, body and boilerplate."""

from claims.extraction.article import parse_article


def test_article_parser_reads_metadata_and_drops_boilerplate():
    text = (
        "You are here\n\nA headline\n\nBy Reuters - Oct 21,2015 - Last updated at Oct 21,2015\n\n"
        "BAGHDAD — A paragraph long enough to count as the body of this article, really.\n\n"
        "57 users have voted.\n\nAdd new comment\n"
    )
    parsed = parse_article(text)
    assert parsed.title == "A headline"
    assert parsed.original_source == "Reuters"
    assert str(parsed.published) == "2015-10-21"
    assert parsed.body.startswith("BAGHDAD") and "voted" not in parsed.body


def test_a_paragraph_ending_in_a_bracketed_source_is_body_not_header():
    text = (
        "Harbour Digest\n\n"
        "FERRY BACK IN SERVICE “The boats will run again from Monday, the board said in a "
        "short statement.” [Harbour Post.]\n"
    )
    assert parse_article(text).body.startswith("FERRY BACK IN SERVICE")
