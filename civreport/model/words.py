"""Chinese text cut into words (jieba, its dictionary only: the same cut on every machine), for
what must keep words whole or compare texts by their words: the lines of a long title, the key
terms of a roll-up's titles."""

from __future__ import annotations

import logging


def words(text: str) -> list[str]:
    """``text`` cut into words; the segmenter and its dictionary load on the first call (about
    half a second)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    # HMM=False: no guessing of words the dictionary lacks, which would make the cut depend on
    # the model's statistics rather than on the dictionary alone.
    return [word for word in jieba.cut(text, HMM=False) if word]
