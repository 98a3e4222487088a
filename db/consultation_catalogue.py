"""The 15 topic categories of "Let's talk it over" consultations (好商量议题类别) as
data. The district names city management, sanitation and livelihood security among its
15; the other twelve complete the list with the disputes it reports (private construction
inside estates, renovation of old estates) and the usual topics of residents' councils.
Migration 0008 writes these rows; the API and the generator read the table."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

# (code, name, English name)
CATEGORIES: tuple[tuple[str, str, str], ...] = (
    ("CITY_MANAGEMENT", "城市管理", "City management"),
    ("SANITATION", "环境卫生", "Sanitation"),
    ("LIVELIHOOD", "民生保障", "Livelihood security"),
    ("PROPERTY", "物业管理", "Property management"),
    ("OLD_ESTATE_RENOVATION", "老旧小区改造", "Renovation of old estates"),
    ("PRIVATE_CONSTRUCTION", "私搭乱建", "Private construction inside estates"),
    ("PARKING", "停车管理", "Parking"),
    ("NEIGHBOUR_DISPUTES", "邻里纠纷", "Disputes between neighbours"),
    ("PUBLIC_FACILITIES", "公共设施", "Public facilities"),
    ("SAFETY", "安全隐患", "Safety hazards"),
    ("ELDERLY_CARE", "养老助残", "Care for the elderly and disabled"),
    ("GREENING", "绿化美化", "Greening"),
    ("PUBLIC_ORDER", "社会治安", "Public order"),
    ("CIVILITY", "文明创建", "Civility campaigns"),
    ("CONVENIENCE_SERVICES", "便民服务", "Convenience services"),
)


def category_values() -> list[dict[str, Any]]:
    """The categories as plain rows, for the migration that creates their table."""
    now = datetime.now(UTC)
    return [
        {"code": code, "name": name, "english_name": english, "created_at": now, "updated_at": now}
        for code, name, english in CATEGORIES
    ]
