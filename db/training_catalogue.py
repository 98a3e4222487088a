"""The volunteer training base's fixed data (志愿服务培训基地): the steps of its "12+YI"
process, which migration 0010 writes, and the titles of its 23 courses, which the
generator draws. The district's report names two steps (run one volunteer service, form
one temporary party branch) and two courses (taking part in grassroots governance,
helping rural revitalisation); the rest are reconstructed in the same pattern — twelve
"ones" (一, YI) a trainee goes through, plus the one standing team they form."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class BaseStep:
    number: int
    name: str
    description: str
    from_source: bool = False


STEPS: tuple[BaseStep, ...] = (
    BaseStep(1, "开展1次志愿服务", "Run one volunteer service (开展一次志愿服务).", True),
    BaseStep(2, "组建1个临时党支部", "Form one temporary party branch (组建一个临时党支部).", True),
    BaseStep(3, "上1堂党课", "Attend one party lesson (上一堂党课)."),
    BaseStep(4, "学1套服务规范", "Learn one set of service standards (学一套服务规范)."),
    BaseStep(5, "开展1次入户走访", "Make one home visit (开展一次入户走访)."),
    BaseStep(6, "结1个帮扶对子", "Pair with one key recipient (结一个帮扶对子)."),
    BaseStep(7, "办1件民生实事", "Do one practical thing for residents (办一件民生实事)."),
    BaseStep(8, "参加1次议事协商", "Take part in one consultation (参加一次议事协商)."),
    BaseStep(9, "写1篇服务日志", "Write one service log (写一篇服务日志)."),
    BaseStep(10, "做1次经验分享", "Share one experience with the class (做一次经验分享)."),
    BaseStep(11, "接受1次考核评估", "Pass one assessment (接受一次考核评估)."),
    BaseStep(12, "领1张结业证书", "Receive one certificate (领一张结业证书)."),
    BaseStep(
        13,
        "带出1支服务队伍",
        'The "+YI": one standing volunteer team formed by the graduates (带出一支服务队伍).',
    ),
)

# The base's 23 courses (精品课程23项); the first two are named in the district's report.
BASE_COURSES: tuple[str, ...] = (
    "参与基层治理",
    "助力乡村振兴",
    "志愿服务基础知识",
    "党建引领志愿服务",
    "临时党支部工作实务",
    "群众点单与社区派单",
    "居家环境整治服务",
    "老年人生活照料",
    "青少年托管教育",
    "跑腿代办服务规范",
    "心理疏导入门",
    "家庭医疗保健常识",
    "应急救护技能",
    "消防安全宣传",
    "垃圾分类指导",
    "文明实践活动策划",
    "邻里矛盾调解",
    "关爱新就业群体",
    "志愿服务记录与时长",
    "志愿者礼仪与沟通",
    "防范电信诈骗宣传",
    "红色故事宣讲",
    "志愿服务项目设计",
)


def step_values() -> list[dict[str, Any]]:
    return [
        {
            "id": step.number,
            "number": step.number,
            "name": step.name,
            "description": step.description,
            "from_source": step.from_source,
        }
        for step in STEPS
    ]
