"""Agreements a sentence reports, remembered for the document: 'Ethiopia signed a deal with
Somaliland. Egypt condemned the deal.' The deal stands for its parties (resolve.agreement_parties),
even where one of them is no state the tables know and no event was coded.
"""

from __future__ import annotations

from .context import SentenceState, unique
from .resolve import resolve_all
from .syntax import children, pobjs, preps


def note_agreements(st: SentenceState) -> None:
    """Remember the parties of each agreement the sentence reports as made."""
    if not st.book.uses("agreement_parties"):
        return
    for tok in st.sent:
        verb = tok.head
        if tok.lemma_.lower() not in st.words.agreement_nouns or tok.dep_ not in ("dobj", "nsubjpass") \
                or verb.lemma_.lower() not in st.words.agreement_verbs:
            continue
        signers = children(verb, "nsubj") + [o for a in children(verb, "agent") for o in pobjs(a)]
        others = [o for h in (tok, verb) for p in preps(h, "with", "between") for o in pobjs(p)]
        parties = unique([a for t in signers + others for a in resolve_all(st, t) if a.country])
        if parties:
            st.ctx.salience.note_agreement(parties)
