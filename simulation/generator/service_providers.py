"""Faker providers for volunteer services and projects (zh_CN): team, company and project
names, order titles per service item, needs, reasons. Draws use the Faker instance's
seeded random generator, so a seed fixes them."""

from __future__ import annotations

from faker.providers import BaseProvider

from db.models import ProjectCategory, ProjectKind, ServiceCategory

TEAM_WORDS = (
    "红心",
    "暖阳",
    "银发",
    "邻里守望",
    "巾帼",
    "青春",
    "党员先锋",
    "爱心",
    "夕阳红",
    "红帆",
)
WIDER_TEAMS = ("医疗义诊", "法律援助", "心理关爱", "应急救援", "文明实践", "助老助残")
ORDER_TITLES = {
    ServiceCategory.HOME_ENVIRONMENT: (
        "家庭卫生打扫",
        "更换灯泡水龙头",
        "清理楼道杂物",
        "家电清洗",
    ),
    ServiceCategory.DAILY_CARE: ("上门助餐", "陪同购物", "理发修脚", "代洗衣物"),
    ServiceCategory.TUTORING_AND_CHILD_CARE: ("课后作业辅导", "假期托管", "亲子阅读"),
    ServiceCategory.ERRANDS: ("代缴水电费", "代购药品", "代办社保认证", "代取快递"),
    ServiceCategory.PSYCHOLOGICAL_COUNSELLING: ("上门谈心", "心理疏导", "电话问候"),
    ServiceCategory.HEALTH_CARE: ("测量血压血糖", "陪同就医", "用药指导", "康复训练"),
}
LOCAL_ITEMS = ("便民理发", "家电维修", "法律咨询", "政策宣讲", "文艺汇演", "磨刀修伞", "老年课堂")
NEEDS_NOTES = (
    "行动不便，需定期上门",
    "独居，需每周电话问候",
    "患慢性病，需测量血压",
    "子女在外地，需代办事务",
    "视力较差，需陪同外出",
    "需要助餐服务",
)
DECLINE_REASONS = ("本周队员已满员", "服务内容超出队伍专长", "时间冲突，建议改派")
CANCEL_REASONS = ("居民已自行解决", "居民临时外出", "子女回家照料")
NO_SHOW_REASON = "领单志愿者未按时到达，改派"
PROJECT_TITLES = {
    ProjectCategory.PARTY_BUILDING_ALLIANCE: ("党建联盟共建", "支部结对共建", "红色议事厅"),
    ProjectCategory.GRASSROOTS_GOVERNANCE: ("小区协商议事", "网格共治", "楼院自治"),
    ProjectCategory.LIFE_SERVICES: ("便民服务站", "爱心早餐", "社区食堂"),
    ProjectCategory.CULTURE_AND_SPORTS: ("社区文化节", "广场舞培训", "全民健身"),
    ProjectCategory.EDUCATION_AND_TRAINING: ("四点半课堂", "老年大学", "技能培训"),
    ProjectCategory.HEALTH_CARE: ("健康义诊", "家庭医生签约", "急救培训"),
    ProjectCategory.ELDERLY_AND_CHILDREN: ("一老一小关爱", "爱心助老", "儿童之家"),
    ProjectCategory.ENVIRONMENT: ("背街小巷整治", "垃圾分类", "楼道美化"),
    ProjectCategory.SAFETY: ("平安巡逻", "消防安全宣传", "反诈宣传"),
    ProjectCategory.EMPLOYMENT: ("就业帮扶", "创业指导", "招聘进社区"),
}
BREAKTHROUGH_TITLES = (
    "老旧小区加装电梯",
    "停车难综合治理",
    "物业全覆盖",
    "便民服务中心提升",
    "居民议事规范化",
)
BREAKTHROUGH_SOURCES = ("述职评议群众满意度偏低", "一居一策评估场所得分不足", "观察员督查发现问题")
SERVICE_ITEM_TITLES = (
    "老年助餐点建设",
    "小区照明改造",
    "健身器材更新",
    "雨污分流改造",
    "充电桩安装",
)
SERVICE_ITEM_SOURCES = (
    "需求调查：老年人就餐不便",
    "需求调查：夜间照明不足",
    "需求调查：电动车充电难",
)
PROPERTY_TITLES = ("红色物业服务站", "楼道清洁提升", "小区绿化改造", "业主议事会", "电梯安全检查")
MILESTONES = ("需求调研", "方案制定", "组织实施", "过程纪实", "总结评估")
VIOLATION_TEXTS = ("报到后未参加社区活动", "服务时长填报不实", "对群众诉求推诿")
COMPANY_WORDS = ("鲁南", "枣庄", "恒安", "嘉禾", "瑞祥", "金盾", "万家", "和泰", "宏达", "盛世")


class ServiceProvider(BaseProvider):
    def team_name(self, place: str, serial: int) -> str:
        word = self.random_element(TEAM_WORDS)
        return f"{place}{word}志愿服务队{serial:02d}"

    def wider_team_name(self, place: str, serial: int) -> str:
        return f"{place}{WIDER_TEAMS[serial % len(WIDER_TEAMS)]}志愿服务队{serial // 6 + 1:02d}"

    def company_name(self, serial: int) -> str:
        return f"{self.random_element(COMPANY_WORDS)}物业服务有限公司{serial:03d}"

    def order_title(self, category: ServiceCategory) -> str:
        return str(self.random_element(ORDER_TITLES[category]))

    def local_item(self) -> str:
        return str(self.random_element(LOCAL_ITEMS))

    def needs_note(self) -> str:
        return str(self.random_element(NEEDS_NOTES))

    def decline_reason(self) -> str:
        return str(self.random_element(DECLINE_REASONS))

    def cancel_reason(self) -> str:
        return str(self.random_element(CANCEL_REASONS))

    def project_title(
        self, kind: ProjectKind, category: ProjectCategory | None, place: str
    ) -> tuple[str, str]:
        """A title and the source it answers (empty for co-building projects)."""
        if kind is ProjectKind.BREAKTHROUGH:
            return f"{place}{self.random_element(BREAKTHROUGH_TITLES)}", str(
                self.random_element(BREAKTHROUGH_SOURCES)
            )
        if kind is ProjectKind.SERVICE_ITEM:
            return f"{place}{self.random_element(SERVICE_ITEM_TITLES)}", str(
                self.random_element(SERVICE_ITEM_SOURCES)
            )
        if kind is ProjectKind.PROPERTY_SERVICE:
            return f"{place}{self.random_element(PROPERTY_TITLES)}", ""
        assert category is not None
        return f"{place}{self.random_element(PROJECT_TITLES[category])}", ""

    def violation(self) -> str:
        return str(self.random_element(VIOLATION_TEXTS))
