"""Comparing spellings of a person's name."""

from claims.extraction.names import name_key, names_match


def test_name_key_folds_spellings():
    assert name_key("Moeen al-Kadhimi") == name_key("Muen Al Kadhimi") == name_key("Muen Kadhimi")
    assert names_match("Abadi", "Haider al-Abadi")
    assert not names_match("Haider", "Haider al-Abadi")
