"""The negative list (负面清单) of 20 items of words (言) and deeds (行) for units and
in-service party members reporting to communities: the list as data."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NegativeItem:
    number: int
    kind: str  # WORDS (言) or DEEDS (行)
    text: str
    gloss: str


_WORDS = (
    ("发表违背党的路线方针政策的言论", "Speaking against the Party's line and policies"),
    ("对群众诉求推诿扯皮、敷衍应付", "Passing residents' requests around or brushing them off"),
    ("对群众态度生硬、语言粗暴", "Being curt or rude to residents"),
    ("散布不实信息、传播负面言论", "Spreading false or negative talk"),
    ("对社区工作说三道四、消极抵触", "Carping at and resisting community work"),
    ("作出承诺不兑现", "Making promises and not keeping them"),
    ("以工作单位、职务身份压人", "Pulling rank with one's unit or post"),
    ("泄露居民个人信息和隐私", "Disclosing residents' personal data and privacy"),
    ("对反映的问题不回应、不反馈", "Not answering or reporting back on raised problems"),
    ("在网络上发表不当言论", "Posting improper remarks online"),
)
_DEEDS = (
    ("报到后不参加社区活动", "Reporting but taking part in no community activity"),
    ("认领项目后不落实、不服务", "Adopting a project and not delivering it"),
    ("虚报服务时长、弄虚作假", "Inflating service hours or faking records"),
    ("借服务之机谋取私利", "Using service for private gain"),
    ("收受服务对象财物", "Accepting money or gifts from those served"),
    ("领单后无故不到岗", "Claiming a service and not turning up without reason"),
    ("违反居住地社区管理规定", "Breaking the home community's rules"),
    ("参与违规搭建、侵占公共空间", "Taking part in illegal building or occupying public space"),
    ("不缴纳物业服务费等带头违约", "Leading by bad example, e.g. not paying property fees"),
    ("在志愿服务中态度消极、敷衍了事", "Serving half-heartedly as a volunteer"),
)

NEGATIVE_LIST: tuple[NegativeItem, ...] = tuple(
    NegativeItem(number, kind, text, gloss)
    for number, (kind, (text, gloss)) in enumerate(
        [*(("WORDS", item) for item in _WORDS), *(("DEEDS", item) for item in _DEEDS)], start=1
    )
)
