"""civreport's word cut (jieba-rs through rjieba) is jieba's: on every line of the real
summaries, samples and test documents here, and on any text the strategies make of the
genre's characters, figures, Latin letters, marks and spaces."""

from __future__ import annotations

import logging

import jieba
import pytest
from hypothesis import given
from hypothesis import strategies as st

from civreport.model.words import words

from conftest import ROOT

jieba.setLogLevel(logging.WARNING)


def jiebas(text: str) -> list[str]:
    return [word for word in jieba.cut(text, HMM=False) if word]


def corpus() -> list[str]:
    files = [
        *(ROOT / "tests" / "data").rglob("*.txt"),
        *(ROOT / "tests" / "data").rglob("*.yaml"),
        *(ROOT / "samples").rglob("*.yaml"),
    ]
    return [line for file in files for line in file.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_the_cut_is_jiebas_on_real_text() -> None:
    lines = corpus()
    assert len(lines) > 1500
    assert [line for line in lines if words(line) != jiebas(line)] == []


GENRE = "创建全国文明城市工作总结报告第一季度年月日区街道办公室领导小组和的了“”《》（）、，。；：—～％"
TEXT = st.text(
    st.one_of(
        st.sampled_from(GENRE),
        st.sampled_from("0123456789.%ABCabcPM "),
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
    ),
    max_size=60,
)


@given(TEXT)
def test_the_cut_is_jiebas_on_any_text(text: str) -> None:
    assert words(text) == jiebas(text)


@pytest.mark.parametrize("text", ["", "   ", "\u200b", "𠀀e\u0301"])
def test_the_cut_keeps_every_character_but_empty_words(text: str) -> None:
    assert "".join(words(text)) == text
