"""Chinese text cut into words (jieba's algorithm and dictionary, without its model of unknown
words: the same cut on every machine), for what must keep words whole or compare texts by
their words: the lines of a long title, the key terms of a roll-up's titles.

The cut is jieba-rs's (``rjieba``): jieba's own Python package took 0.8 s of CPU to load its
dictionary in every process that composed a title, a third of a one-PDF ``civreport render``;
jieba-rs loads the same dictionary in about 0.1 s and cuts alike (tests/test_words.py holds it
to jieba's cut)."""

from __future__ import annotations


def words(text: str) -> list[str]:
    """``text`` cut into words; the dictionary loads on the first call."""
    import rjieba

    # hmm=False: no guessing of words the dictionary lacks, which would make the cut depend on
    # the model's statistics rather than on the dictionary alone.
    return [word for word in rjieba.cut(text, hmm=False) if word]
