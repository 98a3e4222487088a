"""The positive list (正面清单, 15 items) and the negative list (负面清单, 6 items) that
property companies are rated on every quarter: the lists as data."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RatingItem:
    number: int
    kind: str  # POSITIVE (正面) or NEGATIVE (负面)
    text: str
    gloss: str


_POSITIVE = (
    ("建立企业党组织并与社区签订联建协议", "Has a party organisation and a co-building agreement"),
    ("党员亮身份、设立红色物业服务岗", "Members show their status and staff a red service post"),
    ("按时参加社区党建联席会议", "Attends the community's party-building joint meetings"),
    ("认领并完成社区服务项目", "Adopts and delivers community service projects"),
    ("物业服务事项和收费标准公开公示", "Publishes its services and fees"),
    ("投诉“2310”时限内办结率达标", "Settles complaints within the 2310 limits"),
    ("二十四小时值班、报修及时响应", "Keeps a 24-hour duty line and answers repairs promptly"),
    ("公共区域保洁绿化到位", "Keeps common areas clean and green"),
    ("电梯、消防等设施设备定期维保", "Maintains lifts, fire and other equipment on schedule"),
    ("安全巡查和隐患整改及时", "Patrols for hazards and fixes them promptly"),
    ("配合开展垃圾分类和环境整治", "Supports waste sorting and clean-up campaigns"),
    ("参与网格治理、配合处置网格事件", "Takes part in grid governance and incidents"),
    ("定期开展业主满意度测评", "Surveys owners' satisfaction regularly"),
    ("关爱老幼、开展便民志愿服务", "Cares for the old and young with volunteer services"),
    ("应急处置预案健全、演练到位", "Keeps emergency plans and holds drills"),
)
_NEGATIVE = (
    ("无故拒绝或拖延处理业主投诉", "Refuses or delays owners' complaints without cause"),
    ("擅自提高收费标准或乱收费", "Raises fees or charges without authority"),
    ("发生因管理不到位导致的安全责任事故", "An accident caused by its negligence"),
    ("擅自撤离或停止物业服务", "Withdraws or stops service without notice"),
    ("侵占、挪用业主共有部分或公共收益", "Occupies common parts or diverts common income"),
    ("被媒体曝光或引发群体性投诉经查属实", "A confirmed media exposé or mass complaint"),
)

POSITIVE_LIST: tuple[RatingItem, ...] = tuple(
    RatingItem(number, "POSITIVE", text, gloss)
    for number, (text, gloss) in enumerate(_POSITIVE, start=1)
)
NEGATIVE_LIST: tuple[RatingItem, ...] = tuple(
    RatingItem(number, "NEGATIVE", text, gloss)
    for number, (text, gloss) in enumerate(_NEGATIVE, start=1)
)
