"""Roles in known organizations, read from the words beside a person's name."""

import pytest

from claims.extraction.article import outlet_line, parse_article
from claims.extraction.roles import Role, role_after

KNOWN = ["Badr Corps", "Interior Ministry", "The Kurdish Alliance"]


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (
            "“We are ready,” said Moeen al-Kadhimi, a spokesman for the Badr Corps.",
            "Moeen al-Kadhimi",
            Role("spokesman", "Badr Corps"),
        ),
        (
            "Ali Hussein, the deputy head of the Interior Ministry, said the roads were shut.",
            "Ali Hussein",
            Role("deputy head", "Interior Ministry"),
        ),
        (
            "Sara Karim, a Kurdish Alliance lawmaker, said the vote would wait.",
            "Sara Karim",
            Role("lawmaker", "The Kurdish Alliance"),
        ),
    ],
)
def test_a_role_beside_a_name_gives_the_known_organization(text, name, expected):
    assert role_after(text, name, KNOWN) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Dhafer al-Ani, a Sunni lawmaker from Anbar, disagreed.",  # a place, not a body
        "Omar Saleh, a spokesman for the River Council, declined to comment.",  # not known
        "Omar Saleh said the Badr Corps had moved.",  # no role beside the name
    ],
)
def test_no_role_without_a_known_organization_beside_the_name(text):
    assert role_after(text, "Omar Saleh" if "Omar" in text else "Dhafer al-Ani", KNOWN) is None


def test_an_unknown_outlet_line_is_read_as_the_outlet():
    text = (
        "Talks on the dam resume\n\nBaghdad Ledger\n\nBy Layla Hassan\n\nMarch 3, 2016\n\n"
        "MOSUL — Engineers from both provinces met again on Thursday to discuss the repairs.\n"
    )
    assert outlet_line(parse_article(text)) == "Baghdad Ledger"


@pytest.mark.parametrize(
    "line", ["Middle East", "Photo by Sami Aziz on 3 March", "Tanks on Road AP"]
)
def test_sections_captions_and_credits_are_not_outlets(line):
    text = (
        f"Talks resume\n\n{line}\n\nMOSUL — Engineers from both provinces met again on Thursday.\n"
    )
    assert outlet_line(parse_article(text)) == ""
