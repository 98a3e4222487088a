"""Fixed data of the stations and delivery-industry domains, written by migration 0011:
the ten standard services of the red-warm stations (“10+X”的“10”), the 15 measures of the
district's delivery-industry policy in its 5 aspects, and the commissioners' handbook of 5
aspects and 31 items, 4 goals and 10 duties.

The source names five of the ten services (暖餐服务、饮水休憩、避暑清凉、休闲阅读、充电充气)
and only the counts of the rest: the other five services, the measures' and the
handbook's wording are reconstructed from what such stations and policies commonly hold.
"""

from __future__ import annotations

import enum

from db.models.delivery_industry import ChecklistKind


class ServiceCode(enum.Enum):
    """The codes of the ten standard services, as the API names them."""

    WARM_MEALS = "WARM_MEALS"
    WATER_AND_REST = "WATER_AND_REST"
    SUMMER_COOLING = "SUMMER_COOLING"
    READING = "READING"
    CHARGING = "CHARGING"
    WINTER_WARMTH = "WINTER_WARMTH"
    TOILET = "TOILET"
    FIRST_AID = "FIRST_AID"
    REPAIR_TOOLS = "REPAIR_TOOLS"
    RIGHTS_ADVICE = "RIGHTS_ADVICE"


# (code, name, English name); the first five are named by the source.
SERVICES: tuple[tuple[str, str, str], ...] = (
    ("WARM_MEALS", "暖餐服务", "Warm meals"),
    ("WATER_AND_REST", "饮水休憩", "Drinking water and rest"),
    ("SUMMER_COOLING", "避暑清凉", "Cooling in summer"),
    ("READING", "休闲阅读", "Reading and leisure"),
    ("CHARGING", "充电充气", "Charging phones and e-bikes, pumping tyres"),
    ("WINTER_WARMTH", "冬季取暖", "Warming in winter"),
    ("TOILET", "如厕洗手", "Toilets and hand washing"),
    ("FIRST_AID", "应急药箱", "First-aid kit"),
    ("REPAIR_TOOLS", "维修工具", "Tools for small e-bike repairs"),
    ("RIGHTS_ADVICE", "权益咨询", "Advice on labour rights"),
)

# The policy's five aspects, three measures each (aspect name, measure titles).
MEASURE_ASPECTS: tuple[tuple[str, tuple[str, str, str]], ...] = (
    (
        "组织覆盖",
        (
            "在外卖平台区域站点建立党组织或党小组",
            "建立骑手党员“口袋名册”，动态掌握流动党员",
            "推行党员骑手亮身份、亮承诺",
        ),
    ),
    (
        "阵地建设",
        (
            "依托网格红色驿站建设“红·暖之家”",
            "绘制“红·暖之家”空间分布图，打造15分钟服务圈",
            "推动平台站点与社区党群服务中心共建共用",
        ),
    ),
    (
        "权益保障",
        (
            "督促平台落实骑手劳动保障和职业伤害保障",
            "建立骑手诉求收集与快速响应机制",
            "开展交通安全和消防安全教育培训",
        ),
    ),
    (
        "关爱服务",
        (
            "为骑手提供暖餐、饮水、充电等“10+X”服务",
            "开展骑手子女托管和健康体检等关爱活动",
            "评选表彰优秀骑手和党员先锋",
        ),
    ),
    (
        "作用发挥",
        (
            "组建“中兴红骑手志愿先锋”服务队",
            "吸纳骑手担任兼职网格员，参与隐患随手拍",
            "引导骑手参与社区志愿服务和应急保障",
        ),
    ),
)

# The handbook's five aspects (7 + 6 + 6 + 6 + 6 = 31 items).
HANDBOOK: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "组织建设",
        (
            "摸清驻点行业两新组织底数",
            "建立企业党员信息台账",
            "推动符合条件的企业单独建立党组织",
            "不具备条件的企业联合建立党组织",
            "选优配强企业党组织书记",
            "指导党组织按期换届",
            "做好流动党员组织关系转接",
        ),
    ),
    (
        "组织生活",
        (
            "指导落实“三会一课”制度",
            "指导每月28日主题党日活动",
            "指导召开组织生活会和民主评议党员",
            "规范党费收缴使用管理",
            "建立党员教育培训计划",
            "推动党员亮身份、作表率",
        ),
    ),
    (
        "阵地建设",
        (
            "指导建设企业党群活动场所",
            "推动共享社区党群服务阵地",
            "规范阵地标识和制度上墙",
            "用好线上学习平台",
            "建立阵地使用台账",
            "推动阵地向职工群众开放",
        ),
    ),
    (
        "发展服务",
        (
            "宣讲惠企政策，做好政策解读",
            "协调解决企业发展难题",
            "推动党建与生产经营深度融合",
            "培育党建工作示范点",
            "开展党员先锋岗、责任区创建",
            "关心关爱职工群众",
        ),
    ),
    (
        "工作保障",
        (
            "落实驻点指导工作日志",
            "每月向行业主管部门报告工作",
            "建立问题清单和整改台账",
            "参加专员业务培训",
            "做好年度述职和考核",
            "总结推广典型经验",
        ),
    ),
)

GOALS: tuple[str, ...] = (
    "党的组织覆盖有效扩大",
    "党的工作覆盖全面提升",
    "党组织政治功能和组织功能明显增强",
    "党建引领行业健康发展",
)

DUTIES: tuple[str, ...] = (
    "宣传贯彻党的路线方针政策",
    "摸排驻点企业党建基本情况",
    "推动党的组织和工作覆盖",
    "指导企业党组织规范开展组织生活",
    "加强党员教育管理监督",
    "协助做好发展党员工作",
    "指导企业党组织阵地建设",
    "收集反映企业和职工诉求",
    "推动党建工作与企业发展融合",
    "完成上级交办的其他党建任务",
)


def measure_rows() -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for aspect, (aspect_name, titles) in enumerate(MEASURE_ASPECTS, start=1):
        for title in titles:
            number = len(rows) + 1
            rows.append(
                {
                    "id": number,
                    "aspect": aspect,
                    "aspect_name": aspect_name,
                    "number": number,
                    "title": title,
                }
            )
    return rows


def checklist_rows() -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    number = 0
    for aspect, (aspect_name, titles) in enumerate(HANDBOOK, start=1):
        for title in titles:
            number += 1
            rows.append(
                {
                    "kind": ChecklistKind.HANDBOOK.name,
                    "aspect": aspect,
                    "aspect_name": aspect_name,
                    "number": number,
                    "title": title,
                }
            )
    for kind, titles in ((ChecklistKind.GOAL, GOALS), (ChecklistKind.DUTY, DUTIES)):
        for number, title in enumerate(titles, start=1):
            rows.append(
                {
                    "kind": kind.name,
                    "aspect": None,
                    "aspect_name": None,
                    "number": number,
                    "title": title,
                }
            )
    for key, row in enumerate(rows, start=1):
        row["id"] = key
    return rows


def service_rows() -> list[dict[str, object]]:
    return [
        {"id": position, "code": code, "name": name, "english_name": english, "position": position}
        for position, (code, name, english) in enumerate(SERVICES, start=1)
    ]


assert [code for code, _, _ in SERVICES] == [code.value for code in ServiceCode]
