"""Faker providers for Shizhong: people, places, estates, units and posts in zh_CN.

People's names and phone numbers come from Faker's zh_CN data; everything local comes
from here. All draws use the Faker instance's seeded random generator, so that a seed
fixes the district.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate
from random import Random
from typing import Any

from faker.providers import BaseProvider
from faker.providers.person.zh_CN import Provider as ChinesePeople
from faker.providers.phone_number.zh_CN import Provider as ChinesePhones

from db.models import WorkUnitKind

# Words for new subdistricts beyond the six real ones (only at scales above 1).
PLACE_WORDS = (
    "东湖",
    "西昌",
    "青檀",
    "君山",
    "龙头",
    "建华",
    "振兴",
    "新城",
    "齐村",
    "薛国",
    "凤凰",
    "泰山",
    "长白",
    "汇泉",
    "光华",
    "胜利",
    "金桥",
    "银山",
    "文昌",
    "和顺",
)
COMMUNITY_WORDS = (
    "和平",
    "振兴",
    "光明",
    "新华",
    "青檀",
    "建设",
    "幸福",
    "文化",
    "龙山",
    "东湖",
    "民生",
    "解放",
    "人民",
    "丰收",
    "永安",
    "兴华",
    "安居",
    "锦绣",
    "阳光",
    "育才",
    "恒大",
    "金辉",
    "矿建",
    "铁路",
    "煤城",
    "东苑",
    "西苑",
    "南苑",
    "北苑",
    "福泉",
)
ESTATE_SUFFIXES = ("小区", "花园", "家园", "新村", "苑", "宿舍", "公寓", "里")
ROADS = (
    "解放路",
    "文化路",
    "光明路",
    "龙山路",
    "建设路",
    "振兴路",
    "青檀路",
    "君山路",
    "西昌路",
    "东湖路",
    "人民路",
    "中兴大道",
    "华山路",
    "泰山路",
    "长江路",
    "黄河路",
)
AGENCIES = (
    "区委组织部",
    "区委宣传部",
    "区人力资源和社会保障局",
    "区民政局",
    "区住房和城乡建设局",
    "区市场监督管理局",
    "区卫生健康局",
    "区教育和体育局",
    "区综合行政执法局",
    "区退役军人事务局",
    "区财政局",
    "区应急管理局",
    "区司法局",
    "区统计局",
    "区医疗保障局",
)
ENTERPRISE_TRADES = ("供电", "燃气", "热力", "水务", "通信", "商贸", "建工", "物流", "银行", "煤业")
INSTITUTIONS = ("人民医院", "中医院", "实验小学", "第一中学", "妇幼保健院", "图书馆", "疾控中心")
TWO_NEW = ("律师事务所", "会计师事务所", "商会", "协会", "快递服务站", "外卖配送站", "物业服务中心")
CADRE_POSTS = ("网格指导员", "网格联络员", "网格督导员")
CADRE_DUTIES = (
    "联系群众、收集民意",
    "排查隐患、化解矛盾",
    "政策宣传、帮办代办",
    "走访困难群众、协调解决诉求",
)


class ShizhongProvider(BaseProvider):
    """Names of places, estates, units, posts and people in Shizhong District."""

    def __init__(self, generator: Any) -> None:
        super().__init__(generator)
        # Faker's own zh_CN data, drawn directly: its formatter machinery costs more than
        # the whole database write when a district has a million people.
        self._surnames = list(ChinesePeople.last_names)
        self._surname_weights = list(accumulate(ChinesePeople.last_names.values()))
        self._female = list(ChinesePeople.first_names_female)
        self._male = list(ChinesePeople.first_names_male)
        self._prefixes = [str(p) for p in ChinesePhones.phonenumber_prefixes]
        # The seeded generator's Random, fetched once: through Faker's proxy each fetch
        # costs more than the draw (the provider is made after Faker is seeded).
        self._random: Random = self.generator.random

    def person_name(self, female: bool) -> str:
        random = self._random
        surname: str = random.choices(self._surnames, cum_weights=self._surname_weights)[0]
        given: str = random.choice(self._female if female else self._male)
        return surname + given

    def mobile(self) -> str:
        random = self._random
        return f"{random.choice(self._prefixes)}{random.randrange(10**8):08d}"

    def street_names(self, real: Sequence[str], count: int, suffix: str) -> list[str]:
        """`count` distinct names: the real ones first, then made-up ones that never
        repeat a real one (only scales above 1 need more than the real names)."""
        names = list(real[:count])
        taken = set(real)
        index = 0
        while len(names) < count:
            word = PLACE_WORDS[index % len(PLACE_WORDS)]
            round_ = index // len(PLACE_WORDS)
            name = f"{word}{'' if round_ == 0 else round_ + 1}{suffix}"
            index += 1
            if name not in taken:
                names.append(name)
                taken.add(name)
        return names

    def community_name(self, index: int) -> str:
        """A community name, unique across the district by its index."""
        word = COMMUNITY_WORDS[index % len(COMMUNITY_WORDS)]
        round_ = index // len(COMMUNITY_WORDS)
        return f"{word}{'' if round_ == 0 else self._ordinal(round_)}社区"

    def estate_name(self) -> str:
        return f"{self.random_element(COMMUNITY_WORDS)}{self.random_element(ESTATE_SUFFIXES)}"

    def road(self) -> str:
        return str(self.random_element(ROADS))

    def unit_name(self, kind: WorkUnitKind, index: int) -> str:
        """The `index`-th unit name of a kind: distinct for every index."""
        names = {
            WorkUnitKind.AGENCY: (AGENCIES, ("",), "{0}{1}"),
            WorkUnitKind.ENTERPRISE: (COMMUNITY_WORDS, ENTERPRISE_TRADES, "枣庄市{0}{1}有限公司"),
            WorkUnitKind.INSTITUTION: (COMMUNITY_WORDS, INSTITUTIONS, "市中区{0}{1}"),
            WorkUnitKind.TWO_NEW_ORGANIZATION: (COMMUNITY_WORDS, TWO_NEW, "市中区{0}{1}"),
        }
        first, second, pattern = names[kind]
        combinations = len(first) * len(second)
        n, round_ = index % combinations, index // combinations
        name = pattern.format(first[n % len(first)], second[n // len(first)])
        return name if round_ == 0 else f"{name}第{round_ + 1}分部"

    def cadre_post(self) -> str:
        return str(self.random_element(CADRE_POSTS))

    def cadre_duty(self) -> str:
        return str(self.random_element(CADRE_DUTIES))

    @staticmethod
    def _ordinal(n: int) -> str:
        """A short Chinese tag that keeps generated names apart: 一, 二, … 十一, …."""
        digits = "零一二三四五六七八九"
        if n < 10:
            return digits[n]
        return "".join(digits[int(d)] for d in str(n))
