"""Helpers shared by the sentence -> events tables."""

from eventdesk.pipeline import extract_text


def events(text, published="2022-10-18"):
    return extract_text(text, published)


def triples(mentions):
    return {(m.type, m.source.country, m.target.country) for m in mentions}


def same_dyad(got, want):
    """Symmetric events may come in either direction."""
    flipped = {(t, b, a) for t, a, b in got}
    return want <= (got | flipped)
