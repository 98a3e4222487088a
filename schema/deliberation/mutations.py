"""Mutations of consultations (好商量) and joint meetings (联席会议)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

import strawberry

from resolvers.deliberation import consultations, joint_meetings
from resolvers.deliberation.consultations import FollowUpSpec
from schema.base import Info
from schema.deliberation.inputs import (
    AddConsultationFollowUpInput,
    AddConsultationParticipantInput,
    CancelConsultationInput,
    CloseConsultationInput,
    CompleteConsultationFollowUpInput,
    ConveneJointMeetingInput,
    DecideJointMeetingProblemInput,
    FollowUpInput,
    GiveConsultationFeedbackInput,
    PassJointMeetingProblemInput,
    ProposeConsultationInput,
    RaiseJointMeetingProblemInput,
    RecordConsultationInput,
    RecordJointMeetingInput,
    ScheduleConsultationInput,
    SolveJointMeetingProblemInput,
)
from schema.deliberation.types import Consultation, JointMeeting, JointMeetingProblem
from schema.errors import UserError
from schema.mutation import Input, result, run, user_errors


@strawberry.type(description="Result of a consultation mutation (协商操作结果).")
class ConsultationPayload:
    consultation: Consultation | None = result("The consultation (协商).")
    user_errors: list[UserError] = user_errors()


@strawberry.type(description="Result of a joint-meeting mutation (联席会议操作结果).")
class JointMeetingPayload:
    meeting: JointMeeting | None = result("The meeting (联席会议).")
    user_errors: list[UserError] = user_errors()


@strawberry.type(description="Result of a joint-meeting problem mutation (议题操作结果).")
class JointMeetingProblemPayload:
    problem: JointMeetingProblem | None = result(
        "The problem (议题); after a pass, the new problem at the other level."
    )
    user_errors: list[UserError] = user_errors()


def _spec(item: FollowUpInput) -> FollowUpSpec:
    return FollowUpSpec(
        decision=item.decision,
        due_on=item.due_on,
        owner_person_id=item.owner_person_id,
        owner_name=item.owner_name,
    )


async def _consultation(info: Info, work: Callable[[], Awaitable[Any]]) -> ConsultationPayload:
    """One step on a consultation in one transaction, answered with the consultation."""
    return await run(info, ConsultationPayload, "consultation", work)


async def _problem(info: Info, work: Callable[[], Awaitable[Any]]) -> JointMeetingProblemPayload:
    return await run(info, JointMeetingProblemPayload, "problem", work)


@strawberry.type
class DeliberationMutation:
    @strawberry.mutation(description='Raise a topic for "Let\'s talk it over" (提出协商议题).')
    async def propose_consultation(
        self, info: Info, input: Annotated[ProposeConsultationInput, Input]
    ) -> ConsultationPayload:
        return await _consultation(
            info,
            lambda: consultations.propose(
                info.context,
                community_id=input.community_id,
                category_id=input.category_id,
                topic=input.topic,
                description=input.description,
                grid_id=input.grid_id,
                building_id=input.building_id,
                convener_person_id=input.convener_person_id,
            ),
        )

    @strawberry.mutation(description="Add a party to a consultation (添加参与方).")
    async def add_consultation_participant(
        self, info: Info, input: Annotated[AddConsultationParticipantInput, Input]
    ) -> ConsultationPayload:
        return await _consultation(
            info,
            lambda: consultations.add_participant(
                info.context,
                consultation_id=input.consultation_id,
                role=input.role,
                person_id=input.person_id,
                party_name=input.party_name,
            ),
        )

    @strawberry.mutation(description="Schedule a consultation (安排协商).")
    async def schedule_consultation(
        self, info: Info, input: Annotated[ScheduleConsultationInput, Input]
    ) -> ConsultationPayload:
        return await _consultation(
            info,
            lambda: consultations.schedule(
                info.context,
                consultation_id=input.consultation_id,
                scheduled_for=input.scheduled_for,
                venue=input.venue,
                sign_posted=input.sign_posted,
            ),
        )

    @strawberry.mutation(
        description="Record a held consultation and its follow-up items (协商记录)."
    )
    async def record_consultation(
        self, info: Info, input: Annotated[RecordConsultationInput, Input]
    ) -> ConsultationPayload:
        return await _consultation(
            info,
            lambda: consultations.record(
                info.context,
                consultation_id=input.consultation_id,
                minutes=input.minutes,
                attendees_count=input.attendees_count,
                attended_participant_ids=list(input.attended_participant_ids),
                decisions=input.decisions,
                follow_ups=[_spec(item) for item in input.follow_ups],
            ),
        )

    @strawberry.mutation(description="Add a follow-up item (添加落实事项).")
    async def add_consultation_follow_up(
        self, info: Info, input: Annotated[AddConsultationFollowUpInput, Input]
    ) -> ConsultationPayload:
        return await _consultation(
            info,
            lambda: consultations.add_follow_up(
                info.context, consultation_id=input.consultation_id, item=_spec(input.item)
            ),
        )

    @strawberry.mutation(description="Mark a follow-up item done (落实完成).")
    async def complete_consultation_follow_up(
        self, info: Info, input: Annotated[CompleteConsultationFollowUpInput, Input]
    ) -> ConsultationPayload:
        return await _consultation(
            info,
            lambda: consultations.complete_follow_up(
                info.context, follow_up_id=input.follow_up_id, note=input.note
            ),
        )

    @strawberry.mutation(description="Close a consultation with its outcome (协商办结).")
    async def close_consultation(
        self, info: Info, input: Annotated[CloseConsultationInput, Input]
    ) -> ConsultationPayload:
        return await _consultation(
            info,
            lambda: consultations.close(
                info.context,
                consultation_id=input.consultation_id,
                resolved=input.resolved,
                outcome=input.outcome,
            ),
        )

    @strawberry.mutation(description="Cancel a consultation before it is held (撤销协商).")
    async def cancel_consultation(
        self, info: Info, input: Annotated[CancelConsultationInput, Input]
    ) -> ConsultationPayload:
        return await _consultation(
            info,
            lambda: consultations.cancel(
                info.context, consultation_id=input.consultation_id, reason=input.reason
            ),
        )

    @strawberry.mutation(description="Give feedback on a consultation (群众回声).")
    async def give_consultation_feedback(
        self, info: Info, input: Annotated[GiveConsultationFeedbackInput, Input]
    ) -> ConsultationPayload:
        return await _consultation(
            info,
            lambda: consultations.give_feedback(
                info.context,
                consultation_id=input.consultation_id,
                satisfaction=input.satisfaction,
                comment=input.comment,
                person_id=input.person_id,
            ),
        )

    @strawberry.mutation(description="Convene a body's joint meeting of a quarter (召开联席会议).")
    async def convene_joint_meeting(
        self, info: Info, input: Annotated[ConveneJointMeetingInput, Input]
    ) -> JointMeetingPayload:
        return await run(
            info,
            JointMeetingPayload,
            "meeting",
            lambda: joint_meetings.convene(
                info.context,
                level=input.level,
                body_id=input.body_id,
                year=input.year,
                quarter=input.quarter,
                scheduled_on=input.scheduled_on,
                title=input.title,
            ),
        )

    @strawberry.mutation(description="Record a held joint meeting (会议纪要).")
    async def record_joint_meeting(
        self, info: Info, input: Annotated[RecordJointMeetingInput, Input]
    ) -> JointMeetingPayload:
        return await run(
            info,
            JointMeetingPayload,
            "meeting",
            lambda: joint_meetings.record(
                info.context,
                meeting_id=input.meeting_id,
                minutes=input.minutes,
                attendees_count=input.attendees_count,
            ),
        )

    @strawberry.mutation(description="Raise a problem at a joint meeting (提出议题).")
    async def raise_joint_meeting_problem(
        self, info: Info, input: Annotated[RaiseJointMeetingProblemInput, Input]
    ) -> JointMeetingProblemPayload:
        return await _problem(
            info,
            lambda: joint_meetings.raise_problem(
                info.context,
                meeting_id=input.meeting_id,
                title=input.title,
                description=input.description,
                raised_by_person_id=input.raised_by_person_id,
                raised_by_name=input.raised_by_name,
            ),
        )

    @strawberry.mutation(description="Decide a problem: owner and due date (议定议题).")
    async def decide_joint_meeting_problem(
        self, info: Info, input: Annotated[DecideJointMeetingProblemInput, Input]
    ) -> JointMeetingProblemPayload:
        return await _problem(
            info,
            lambda: joint_meetings.decide(
                info.context,
                problem_id=input.problem_id,
                decision=input.decision,
                owner_person_id=input.owner_person_id,
                owner_name=input.owner_name,
                due_on=input.due_on,
            ),
        )

    @strawberry.mutation(description="Mark a problem solved (议题解决).")
    async def solve_joint_meeting_problem(
        self, info: Info, input: Annotated[SolveJointMeetingProblemInput, Input]
    ) -> JointMeetingProblemPayload:
        return await _problem(
            info,
            lambda: joint_meetings.solve(
                info.context, problem_id=input.problem_id, resolution=input.resolution
            ),
        )

    @strawberry.mutation(description="Pass a problem up or down a level (议题移交).")
    async def pass_joint_meeting_problem(
        self, info: Info, input: Annotated[PassJointMeetingProblemInput, Input]
    ) -> JointMeetingProblemPayload:
        return await _problem(
            info,
            lambda: joint_meetings.pass_on(
                info.context,
                problem_id=input.problem_id,
                to_meeting_id=input.to_meeting_id,
                reason=input.reason,
            ),
        )
