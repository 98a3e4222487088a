"""The grid-incident catalogue as data: the district's coordinating departments (协同部门)
and the incident categories (事件分类) with their typed extra attributes (Open311-like:
datatype, required, allowed values). Migration 0006 writes these rows; the API and the
generator read the tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from db.models.incidents import ResponseTier

C, S, D = ResponseTier.COMMUNITY, ResponseTier.STREET, ResponseTier.DISTRICT


@dataclass(frozen=True)
class DepartmentEntry:
    code: str
    name: str
    english_name: str
    tier: ResponseTier


# The ~20 departments that answer a community's call (街乡吹哨、部门报到).
DEPARTMENTS: tuple[DepartmentEntry, ...] = (
    DepartmentEntry("POLICE", "公安派出所", "Police station", S),
    DepartmentEntry("TRAFFIC_POLICE", "交警大队", "Traffic police", D),
    DepartmentEntry("URBAN_MANAGEMENT", "城管执法队", "Urban management enforcement", S),
    DepartmentEntry("MARKET_SUPERVISION", "市场监管所", "Market supervision", S),
    DepartmentEntry("HOUSING", "住房和城乡建设局", "Housing and construction", D),
    DepartmentEntry("FIRE", "消防救援站", "Fire and rescue", S),
    DepartmentEntry("ECOLOGY", "生态环境局", "Ecology and environment", D),
    DepartmentEntry("WATER", "水务局", "Water affairs", D),
    DepartmentEntry("GARDENS", "园林绿化局", "Parks and greening", D),
    DepartmentEntry("SANITATION", "环卫中心", "Sanitation", S),
    DepartmentEntry("TRANSPORT", "交通运输局", "Transport", D),
    DepartmentEntry("PLANNING", "规划和自然资源分局", "Planning and natural resources", D),
    DepartmentEntry("EMERGENCY", "应急管理局", "Emergency management", D),
    DepartmentEntry("HEALTH", "卫生健康委", "Health", D),
    DepartmentEntry("CIVIL_AFFAIRS", "民政局", "Civil affairs", D),
    DepartmentEntry("HUMAN_RESOURCES", "人力社保局", "Human resources and social security", D),
    DepartmentEntry("JUSTICE", "司法所", "Justice office (mediation)", S),
    DepartmentEntry("POWER", "供电公司", "Power supply", D),
    DepartmentEntry("GAS_HEATING", "燃气热力公司", "Gas and heating", D),
    DepartmentEntry("PROPERTY", "物业服务企业", "Property company", C),
)


def choice(code: str, name: str, values: tuple[str, ...], required: bool = True) -> dict[str, Any]:
    return {
        "code": code,
        "name": name,
        "datatype": "SINGLE_CHOICE",
        "required": required,
        "values": list(values),
    }


def number(code: str, name: str, required: bool = False) -> dict[str, Any]:
    return {"code": code, "name": name, "datatype": "NUMBER", "required": required, "values": []}


def flag(code: str, name: str, required: bool = False) -> dict[str, Any]:
    return {"code": code, "name": name, "datatype": "BOOLEAN", "required": required, "values": []}


def text(code: str, name: str, required: bool = False) -> dict[str, Any]:
    return {"code": code, "name": name, "datatype": "STRING", "required": required, "values": []}


@dataclass(frozen=True)
class CategoryEntry:
    code: str
    name: str
    english_name: str
    group: str
    tier: ResponseTier
    deadline_hours: int
    departments: tuple[str, ...]
    keywords: tuple[str, ...]
    attributes: tuple[dict[str, Any], ...] = field(default=())


CATEGORIES: tuple[CategoryEntry, ...] = (
    CategoryEntry(
        "ILLEGAL_STRUCTURE",
        "违法建设",
        "Illegal structure (乱搭建)",
        "城市管理",
        S,
        240,
        ("URBAN_MANAGEMENT", "PLANNING", "HOUSING", "PROPERTY"),
        ("乱搭建", "违建", "加盖", "私搭乱建"),
        (
            choice("structure_kind", "搭建类型", ("屋顶加层", "院落围墙", "阳台外扩", "临时棚房")),
            number("area_m2", "面积(平方米)", required=True),
            flag("occupied", "是否已使用"),
        ),
    ),
    CategoryEntry(
        "ILLEGAL_PARKING",
        "乱停车",
        "Illegal parking",
        "交通秩序",
        C,
        24,
        ("TRAFFIC_POLICE", "URBAN_MANAGEMENT", "PROPERTY"),
        ("乱停车", "占道停车", "堵消防通道", "僵尸车"),
        (
            choice("vehicle", "车辆类型", ("机动车", "电动自行车", "共享单车", "废弃车辆")),
            flag("blocks_fire_lane", "是否堵塞消防通道", required=True),
            text("plate", "车牌号"),
        ),
    ),
    CategoryEntry(
        "STREET_STALL",
        "乱摆摊",
        "Street stall",
        "城市管理",
        C,
        24,
        ("URBAN_MANAGEMENT", "MARKET_SUPERVISION"),
        ("乱摆摊", "占道经营", "流动摊贩", "出店经营"),
        (
            choice("goods", "经营内容", ("餐饮", "果蔬", "日杂", "其他")),
            flag("recurring", "是否反复出现"),
        ),
    ),
    CategoryEntry(
        "GARBAGE",
        "垃圾堆放",
        "Garbage piled up",
        "环境卫生",
        C,
        24,
        ("SANITATION", "PROPERTY"),
        ("垃圾", "堆物", "清运", "垃圾分类"),
        (choice("waste", "垃圾类型", ("生活垃圾", "建筑垃圾", "大件垃圾", "园林垃圾")),),
    ),
    CategoryEntry(
        "FIRE_HAZARD",
        "消防隐患",
        "Fire hazard",
        "安全隐患",
        S,
        24,
        ("FIRE", "PROPERTY", "EMERGENCY"),
        ("飞线充电", "楼道堆物", "消防通道", "电动车进楼"),
        (
            choice("hazard", "隐患类型", ("飞线充电", "楼道堆物", "消防设施损坏", "电动车入户")),
            flag("urgent", "是否紧急", required=True),
        ),
    ),
    CategoryEntry(
        "ROAD_DAMAGE",
        "道路破损",
        "Damaged road or pavement",
        "市政设施",
        D,
        168,
        ("TRANSPORT", "URBAN_MANAGEMENT"),
        ("坑洼", "路面破损", "井盖", "人行道"),
        (choice("facility", "设施", ("车行道", "人行道", "井盖", "护栏")),),
    ),
    CategoryEntry(
        "STREETLIGHT",
        "路灯故障",
        "Streetlight out",
        "市政设施",
        S,
        72,
        ("URBAN_MANAGEMENT", "POWER"),
        ("路灯", "不亮", "照明"),
        (number("lamp_count", "故障数量"),),
    ),
    CategoryEntry(
        "WATER_LEAK",
        "管道漏水",
        "Water pipe leak",
        "市政设施",
        S,
        48,
        ("WATER", "PROPERTY"),
        ("漏水", "爆管", "积水", "停水"),
        (choice("where", "位置", ("楼内", "小区管网", "市政管网")),),
    ),
    CategoryEntry(
        "DRAINAGE",
        "排水不畅",
        "Blocked drain",
        "市政设施",
        S,
        48,
        ("WATER", "SANITATION", "PROPERTY"),
        ("下水道", "堵塞", "污水", "返水"),
    ),
    CategoryEntry(
        "NOISE",
        "噪音扰民",
        "Noise nuisance",
        "环境卫生",
        S,
        48,
        ("ECOLOGY", "POLICE", "URBAN_MANAGEMENT"),
        ("噪音", "扰民", "施工噪音", "广场舞"),
        (
            choice("source", "噪音来源", ("施工", "商铺", "娱乐活动", "邻里")),
            flag("at_night", "是否夜间"),
        ),
    ),
    CategoryEntry(
        "CATERING_FUMES",
        "餐饮油烟",
        "Restaurant fumes",
        "环境卫生",
        S,
        72,
        ("ECOLOGY", "MARKET_SUPERVISION", "URBAN_MANAGEMENT"),
        ("油烟", "餐饮", "异味"),
    ),
    CategoryEntry(
        "GREENERY",
        "绿化损毁",
        "Damaged greenery",
        "环境卫生",
        C,
        72,
        ("GARDENS", "PROPERTY"),
        ("毁绿", "种菜", "树木倒伏", "修剪"),
        (choice("damage", "损毁情况", ("毁绿种菜", "树木倒伏", "枝叶遮挡")),),
    ),
    CategoryEntry(
        "NEIGHBOUR_DISPUTE",
        "邻里纠纷",
        "Neighbour dispute",
        "矛盾纠纷",
        C,
        72,
        ("JUSTICE", "POLICE"),
        ("纠纷", "矛盾", "调解", "漏水纠纷"),
        (number("parties", "涉及户数"),),
    ),
    CategoryEntry(
        "PROPERTY_SERVICE",
        "物业服务",
        "Property service",
        "物业管理",
        C,
        48,
        ("PROPERTY", "HOUSING"),
        ("物业", "电梯", "门禁", "保洁"),
        (choice("service", "服务事项", ("电梯", "门禁", "保洁", "维修", "收费")),),
    ),
    CategoryEntry(
        "BUILDING_SAFETY",
        "房屋安全",
        "Unsafe building",
        "安全隐患",
        D,
        72,
        ("HOUSING", "EMERGENCY", "PROPERTY"),
        ("危房", "外墙脱落", "裂缝"),
        (flag("evacuated", "是否已疏散", required=True),),
    ),
    CategoryEntry(
        "GAS_SAFETY",
        "燃气安全",
        "Gas safety",
        "安全隐患",
        S,
        12,
        ("GAS_HEATING", "FIRE", "EMERGENCY"),
        ("燃气", "漏气", "气味"),
        (flag("smell", "是否有气味", required=True),),
    ),
    CategoryEntry(
        "HEATING",
        "供暖问题",
        "Heating problem",
        "民生保障",
        S,
        48,
        ("GAS_HEATING", "HOUSING"),
        ("暖气", "不热", "供暖"),
        (number("indoor_temperature", "室温(℃)"),),
    ),
    CategoryEntry(
        "FOOD_SAFETY",
        "食品安全",
        "Food safety",
        "市场秩序",
        S,
        48,
        ("MARKET_SUPERVISION", "HEALTH"),
        ("食品", "过期", "无证经营"),
    ),
    CategoryEntry(
        "FLYPOSTING",
        "小广告",
        "Fly-posting",
        "城市管理",
        C,
        48,
        ("URBAN_MANAGEMENT", "PROPERTY"),
        ("小广告", "张贴", "涂写"),
    ),
    CategoryEntry(
        "PUBLIC_ORDER",
        "治安隐患",
        "Public order",
        "平安建设",
        S,
        24,
        ("POLICE",),
        ("治安", "可疑人员", "盗窃"),
    ),
    CategoryEntry(
        "VULNERABLE_PERSON",
        "困难群众",
        "A vulnerable resident in need",
        "民生保障",
        C,
        48,
        ("CIVIL_AFFAIRS", "HEALTH", "HUMAN_RESOURCES"),
        ("独居老人", "困难", "救助"),
        (choice("need", "需求", ("生活救助", "就医", "就业", "照护")),),
    ),
)
CATEGORY_CODES = tuple(entry.code for entry in CATEGORIES)
DEPARTMENT_CODES = tuple(entry.code for entry in DEPARTMENTS)


def _stamped(values: dict[str, Any]) -> dict[str, Any]:
    now = datetime.now(UTC)
    return {**values, "created_at": now, "updated_at": now}


def department_values() -> list[dict[str, Any]]:
    """The departments as plain rows, for the migration that creates their table."""
    return [
        _stamped(
            {"code": e.code, "name": e.name, "english_name": e.english_name, "tier": e.tier.value}
        )
        for e in DEPARTMENTS
    ]


def category_values() -> list[dict[str, Any]]:
    """The categories as plain rows, for the migration that creates their table."""
    return [
        _stamped(
            {
                "code": e.code,
                "name": e.name,
                "english_name": e.english_name,
                "group": e.group,
                "keywords": list(e.keywords),
                "default_tier": e.tier.value,
                "deadline_hours": e.deadline_hours,
                "department_codes": list(e.departments),
                "attributes": [dict(a) for a in e.attributes],
            }
        )
        for e in CATEGORIES
    ]
