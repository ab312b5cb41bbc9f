"""An office's proofreading (its profile's ``checks:``): rules switched off or given another
severity by code, and the office's own word lists, each bad entry refused at its line."""

from __future__ import annotations

from typing import Any

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from ..checking.rule import OfficeWords, RuleSetting
from ..model import Name, StrictModel, Text

Problem = tuple[tuple[str | int, ...], str, str]  # where (field, key, index), the message, the word it names


def _refused(model: str, problems: list[Problem]) -> ValidationError:
    """Errors at the entries they are about: the loader reports each at its line."""
    return ValidationError.from_exception_data(
        model,
        [
            InitErrorDetails(type=PydanticCustomError("entry", message, {"word": word}), loc=loc, input=word)
            for loc, message, word in problems
        ],
    )


class WordLists(StrictModel):
    """What an office writes and never writes."""

    preferred: dict[Text, Text] = Field(
        default_factory=dict,
        title="规范用语",
        description="键为不规范的写法，值为本单位的写法（CR602，可自动修正），如 创文: 创建全国文明城市",
    )
    banned: list[Text] = Field(default_factory=list, title="禁用词", description="本单位文稿中不得出现的词（CR601）")
    names: dict[Name, list[Name]] = Field(
        default_factory=dict,
        title="本单位名称",
        description="键为全称，值为认可的简称；与之相近的其他写法报 CR603",
    )

    @model_validator(mode="after")
    def _consistent(self) -> WordLists:
        problems: list[Problem] = []
        for wrong, right in self.preferred.items():
            if wrong in right:
                problems.append(
                    (
                        ("preferred", wrong),
                        "“{word}”应写作的词里又有它自己：修正后仍会被找出，请写出不含它的规范用语",
                        wrong,
                    )
                )
            if right in self.banned:
                problems.append(
                    (("preferred", wrong), "“{word}”要改成的词是禁用词：请从 banned 或 preferred 中删去一条", wrong)
                )
        for index, word in enumerate(self.banned):
            if word in self.banned[:index]:
                problems.append((("banned", index), "禁用词“{word}”写了两遍：请删去一条", word))
        accepted = [name for full, short in self.names.items() for name in (full, *short)]
        for full, short in self.names.items():
            for index, name in enumerate(short):
                if accepted.count(name) > 1:
                    problems.append((("names", full, index), "名称“{word}”写了两遍：请删去一条", name))
        if problems:
            raise _refused("WordLists", problems)
        return self

    def lists(self) -> OfficeWords:
        return OfficeWords(
            dict(self.preferred), tuple(self.banned), {full: tuple(short) for full, short in self.names.items()}
        )


class Checks(StrictModel):
    """Rule codes (CR102: off, CR403: warning) and the office's word lists (``words``)."""

    model_config = StrictModel.model_config | {"extra": "allow"}
    __pydantic_extra__: dict[str, RuleSetting] = Field(init=False)

    words: WordLists = Field(default_factory=WordLists, title="本单位词表")

    @model_validator(mode="before")
    @classmethod
    def _off(cls, checks: Any) -> Any:
        # false switches a rule off too, as "off" does (YAML 1.1 read a bare off as false).
        if isinstance(checks, dict):
            return {k: "off" if v is False and k != "words" else v for k, v in checks.items()}
        return checks

    @field_validator("words", mode="before")
    @classmethod
    def _no_words(cls, words: Any) -> Any:
        return {} if words is None else words  # words: with nothing under it

    @model_validator(mode="after")
    def _known_rules(self) -> Checks:
        from ..checking.rulebook import RULES  # the rules' patterns compile when a profile switches one

        unknown = sorted(set(self.rules) - set(RULES))
        if unknown:
            raise _refused(
                "Checks",
                [((code,), "没有规则 {word}：规则代码见 README 的“校对”一节（CR101 …）", code) for code in unknown],
            )
        return self

    @property
    def rules(self) -> dict[str, RuleSetting]:
        """The settings of the rules, by code."""
        return dict(self.model_extra or {})
