"""assessment: observers, the four rings, annual reviews, capacity scores and awards

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 23:20:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('award_applications',
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('APPLIED', 'RECOMMENDED', 'NOT_RECOMMENDED', 'DECIDED', name='awardstatus', native_enum=False, length=40), nullable=False),
    sa.Column('outcome', sa.Enum('BEST', 'MOST_DISTINCTIVE', 'NOT_AWARDED', name='awardoutcome', native_enum=False, length=40), nullable=True),
    sa.Column('statement', sa.String(length=2000), nullable=False),
    sa.Column('street_comment', sa.String(length=500), nullable=True),
    sa.Column('district_comment', sa.String(length=500), nullable=True),
    sa.Column('applied_at', db.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('first_reviewed_at', db.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('rechecked_at', db.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('status_changed_at', db.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_award_applications_community_id_communities')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_award_applications'))
    )
    with op.batch_alter_table('award_applications', schema=None) as batch_op:
        batch_op.create_index('ix_award_applications_year_outcome', ['year', 'outcome'], unique=False)
        batch_op.create_index('uq_award_applications_community_year', ['community_id', 'year'], unique=True)

    op.create_table('award_scores',
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('stage', sa.Enum('STREET', 'DISTRICT', name='awardstage', native_enum=False, length=40), nullable=False),
    sa.Column('aspect', sa.Enum('CENTRE_BUILDING', 'SERVICE_METHOD', 'SERVICE_ACTIVITIES', 'RESIDENT_SATISFACTION', 'BRAND_INFLUENCE', name='awardaspect', native_enum=False, length=40), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.CheckConstraint('score BETWEEN 0 AND 20', name=op.f('ck_award_scores_score_range')),
    sa.ForeignKeyConstraint(['application_id'], ['award_applications.id'], name=op.f('fk_award_scores_application_id_award_applications')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_award_scores'))
    )
    with op.batch_alter_table('award_scores', schema=None) as batch_op:
        batch_op.create_index('uq_award_scores_application_stage_aspect', ['application_id', 'stage', 'aspect'], unique=True)

    op.create_table('responsibility_letters',
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('secretary_person_id', sa.Integer(), nullable=False),
    sa.Column('targets', sa.JSON(), nullable=False),
    sa.Column('signed_on', sa.Date(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_responsibility_letters_community_id_communities')),
    sa.ForeignKeyConstraint(['secretary_person_id'], ['people.id'], name=op.f('fk_responsibility_letters_secretary_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_responsibility_letters'))
    )
    with op.batch_alter_table('responsibility_letters', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_responsibility_letters_secretary_person_id'), ['secretary_person_id'], unique=False)
        batch_op.create_index('uq_responsibility_letters_community_year', ['community_id', 'year'], unique=True)

    op.create_table('annual_reviews',
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('party_organization_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('secretary_person_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('OPEN', 'CONCLUDED', name='reviewstatus', native_enum=False, length=40), nullable=False),
    sa.Column('report', sa.String(length=2000), nullable=False),
    sa.Column('score', sa.Integer(), nullable=True),
    sa.Column('commended', sa.Boolean(), nullable=False),
    sa.Column('comment', sa.String(length=1000), nullable=False),
    sa.Column('opened_at', db.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('concluded_at', db.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('status_changed_at', db.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('replaced_role_id', sa.Integer(), nullable=True),
    sa.Column('successor_role_id', sa.Integer(), nullable=True),
    sa.Column('replacement_reason', sa.String(length=300), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('score IS NULL OR score BETWEEN 0 AND 100', name=op.f('ck_annual_reviews_score_range')),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_annual_reviews_community_id_communities')),
    sa.ForeignKeyConstraint(['party_organization_id'], ['party_organizations.id'], name=op.f('fk_annual_reviews_party_organization_id_party_organizations')),
    sa.ForeignKeyConstraint(['replaced_role_id'], ['person_roles.id'], name=op.f('fk_annual_reviews_replaced_role_id_person_roles')),
    sa.ForeignKeyConstraint(['secretary_person_id'], ['people.id'], name=op.f('fk_annual_reviews_secretary_person_id_people')),
    sa.ForeignKeyConstraint(['successor_role_id'], ['person_roles.id'], name=op.f('fk_annual_reviews_successor_role_id_person_roles')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_annual_reviews'))
    )
    with op.batch_alter_table('annual_reviews', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_annual_reviews_community_id'), ['community_id'], unique=False)
        batch_op.create_index('ix_annual_reviews_year', ['year'], unique=False)
        batch_op.create_index('uq_annual_reviews_organization_year', ['party_organization_id', 'year'], unique=True)

    op.create_table('award_events',
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.Enum('APPLY', 'FIRST_REVIEW', 'RECHECK', name='awardaction', native_enum=False, length=40), nullable=False),
    sa.Column('from_status', sa.Enum('APPLIED', 'RECOMMENDED', 'NOT_RECOMMENDED', 'DECIDED', name='awardstatus', native_enum=False, length=40), nullable=True),
    sa.Column('to_status', sa.Enum('APPLIED', 'RECOMMENDED', 'NOT_RECOMMENDED', 'DECIDED', name='awardstatus', native_enum=False, length=40), nullable=False),
    sa.Column('at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('actor_user_id', sa.Integer(), nullable=True),
    sa.Column('actor_person_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.String(length=300), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['actor_person_id'], ['people.id'], name=op.f('fk_award_events_actor_person_id_people')),
    sa.ForeignKeyConstraint(['actor_user_id'], ['users.id'], name=op.f('fk_award_events_actor_user_id_users')),
    sa.ForeignKeyConstraint(['application_id'], ['award_applications.id'], name=op.f('fk_award_events_application_id_award_applications')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_award_events'))
    )
    with op.batch_alter_table('award_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_award_events_application_id'), ['application_id'], unique=False)

    op.create_table('capacity_scores',
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('team', sa.Integer(), nullable=False),
    sa.Column('premises', sa.Integer(), nullable=False),
    sa.Column('role_played', sa.Integer(), nullable=False),
    sa.Column('brand', sa.Integer(), nullable=False),
    sa.Column('assessed_on', sa.Date(), nullable=False),
    sa.Column('recorded_by_user_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('brand BETWEEN 0 AND 25', name=op.f('ck_capacity_scores_brand_range')),
    sa.CheckConstraint('premises BETWEEN 0 AND 25', name=op.f('ck_capacity_scores_premises_range')),
    sa.CheckConstraint('role_played BETWEEN 0 AND 25', name=op.f('ck_capacity_scores_role_played_range')),
    sa.CheckConstraint('team BETWEEN 0 AND 25', name=op.f('ck_capacity_scores_team_range')),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_capacity_scores_community_id_communities')),
    sa.ForeignKeyConstraint(['recorded_by_user_id'], ['users.id'], name=op.f('fk_capacity_scores_recorded_by_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_capacity_scores'))
    )
    with op.batch_alter_table('capacity_scores', schema=None) as batch_op:
        batch_op.create_index('uq_capacity_scores_community_year', ['community_id', 'year'], unique=True)

    op.create_table('observers',
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('district_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('appointed_on', sa.Date(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['district_id'], ['districts.id'], name=op.f('fk_observers_district_id_districts')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_observers_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_observers')),
    sa.UniqueConstraint('user_id', name=op.f('uq_observers_user_id'))
    )
    with op.batch_alter_table('observers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_observers_district_id'), ['district_id'], unique=False)

    op.create_table('ring_records',
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('party_organization_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('ring', sa.Enum('LOOK', 'REPORT', 'EVALUATE', 'SUPERVISE', name='ring', native_enum=False, length=40), nullable=False),
    sa.Column('recorded_on', sa.Date(), nullable=False),
    sa.Column('note', sa.String(length=1000), nullable=False),
    sa.Column('score', sa.Integer(), nullable=True),
    sa.Column('recorded_at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('recorded_by_user_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.CheckConstraint('score IS NULL OR score BETWEEN 0 AND 100', name=op.f('ck_ring_records_score_range')),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_ring_records_community_id_communities')),
    sa.ForeignKeyConstraint(['party_organization_id'], ['party_organizations.id'], name=op.f('fk_ring_records_party_organization_id_party_organizations')),
    sa.ForeignKeyConstraint(['recorded_by_user_id'], ['users.id'], name=op.f('fk_ring_records_recorded_by_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ring_records'))
    )
    with op.batch_alter_table('ring_records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ring_records_community_id'), ['community_id'], unique=False)
        batch_op.create_index('ix_ring_records_organization_year', ['party_organization_id', 'year'], unique=False)

    op.create_table('annual_review_events',
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.Enum('OPEN', 'CONCLUDE', name='reviewaction', native_enum=False, length=40), nullable=False),
    sa.Column('from_status', sa.Enum('OPEN', 'CONCLUDED', name='reviewstatus', native_enum=False, length=40), nullable=True),
    sa.Column('to_status', sa.Enum('OPEN', 'CONCLUDED', name='reviewstatus', native_enum=False, length=40), nullable=False),
    sa.Column('at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('actor_user_id', sa.Integer(), nullable=True),
    sa.Column('actor_person_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.String(length=300), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['actor_person_id'], ['people.id'], name=op.f('fk_annual_review_events_actor_person_id_people')),
    sa.ForeignKeyConstraint(['actor_user_id'], ['users.id'], name=op.f('fk_annual_review_events_actor_user_id_users')),
    sa.ForeignKeyConstraint(['review_id'], ['annual_reviews.id'], name=op.f('fk_annual_review_events_review_id_annual_reviews')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_annual_review_events'))
    )
    with op.batch_alter_table('annual_review_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_annual_review_events_review_id'), ['review_id'], unique=False)

    op.create_table('annual_review_ratings',
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('rater_role', sa.Enum('RESIDENT', 'PARTY_MEMBER', name='raterrole', native_enum=False, length=40), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('comment', sa.String(length=500), nullable=False),
    sa.Column('rated_at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.CheckConstraint('score BETWEEN 1 AND 5', name=op.f('ck_annual_review_ratings_score_range')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_annual_review_ratings_person_id_people')),
    sa.ForeignKeyConstraint(['review_id'], ['annual_reviews.id'], name=op.f('fk_annual_review_ratings_review_id_annual_reviews')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_annual_review_ratings'))
    )
    with op.batch_alter_table('annual_review_ratings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_annual_review_ratings_person_id'), ['person_id'], unique=False)
        batch_op.create_index('uq_annual_review_ratings_review_person', ['review_id', 'person_id'], unique=True)

    op.create_table('observer_assignments',
    sa.Column('observer_id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_observer_assignments_community_id_communities')),
    sa.ForeignKeyConstraint(['observer_id'], ['observers.id'], name=op.f('fk_observer_assignments_observer_id_observers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_observer_assignments'))
    )
    with op.batch_alter_table('observer_assignments', schema=None) as batch_op:
        batch_op.create_index('ix_observer_assignments_community_year', ['community_id', 'year'], unique=False)
        batch_op.create_index('uq_observer_assignments_observer_community_year', ['observer_id', 'community_id', 'year'], unique=True)

    op.create_table('observer_visits',
    sa.Column('observer_id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('party_organization_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('ON_SITE_INSPECTION', 'RESIDENT_POLL', 'INTERVIEW', 'RECORD_REVIEW', name='visitkind', native_enum=False, length=40), nullable=False),
    sa.Column('visited_on', sa.Date(), nullable=False),
    sa.Column('summary', sa.String(length=1000), nullable=False),
    sa.Column('recorded_at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('recorded_by_user_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_observer_visits_community_id_communities')),
    sa.ForeignKeyConstraint(['observer_id'], ['observers.id'], name=op.f('fk_observer_visits_observer_id_observers')),
    sa.ForeignKeyConstraint(['party_organization_id'], ['party_organizations.id'], name=op.f('fk_observer_visits_party_organization_id_party_organizations')),
    sa.ForeignKeyConstraint(['recorded_by_user_id'], ['users.id'], name=op.f('fk_observer_visits_recorded_by_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_observer_visits'))
    )
    with op.batch_alter_table('observer_visits', schema=None) as batch_op:
        batch_op.create_index('ix_observer_visits_community_day', ['community_id', 'visited_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_observer_visits_observer_id'), ['observer_id'], unique=False)

    op.create_table('shortfalls',
    sa.Column('source', sa.Enum('VISIT_FINDING', 'REVIEW_ITEM', name='shortfallsource', native_enum=False, length=40), nullable=False),
    sa.Column('visit_id', sa.Integer(), nullable=True),
    sa.Column('review_id', sa.Integer(), nullable=True),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('party_organization_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('severity', sa.Enum('MINOR', 'MODERATE', 'SERIOUS', name='severity', native_enum=False, length=40), nullable=False),
    sa.Column('text', sa.String(length=500), nullable=False),
    sa.Column('recorded_by_user_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('(visit_id IS NULL) <> (review_id IS NULL)', name=op.f('ck_shortfalls_one_source')),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_shortfalls_community_id_communities')),
    sa.ForeignKeyConstraint(['party_organization_id'], ['party_organizations.id'], name=op.f('fk_shortfalls_party_organization_id_party_organizations')),
    sa.ForeignKeyConstraint(['recorded_by_user_id'], ['users.id'], name=op.f('fk_shortfalls_recorded_by_user_id_users')),
    sa.ForeignKeyConstraint(['review_id'], ['annual_reviews.id'], name=op.f('fk_shortfalls_review_id_annual_reviews')),
    sa.ForeignKeyConstraint(['visit_id'], ['observer_visits.id'], name=op.f('fk_shortfalls_visit_id_observer_visits')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shortfalls'))
    )
    with op.batch_alter_table('shortfalls', schema=None) as batch_op:
        batch_op.create_index('ix_shortfalls_community_year', ['community_id', 'year'], unique=False)
        batch_op.create_index(batch_op.f('ix_shortfalls_review_id'), ['review_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_shortfalls_visit_id'), ['visit_id'], unique=False)

    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source_shortfall_id', sa.Integer(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_projects_source_shortfall_id'), ['source_shortfall_id'])
        batch_op.create_foreign_key(batch_op.f('fk_projects_source_shortfall_id_shortfalls'), 'shortfalls', ['source_shortfall_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_projects_source_shortfall_id_shortfalls'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_projects_source_shortfall_id'), type_='unique')
        batch_op.drop_column('source_shortfall_id')

    with op.batch_alter_table('shortfalls', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_shortfalls_visit_id'))
        batch_op.drop_index(batch_op.f('ix_shortfalls_review_id'))
        batch_op.drop_index('ix_shortfalls_community_year')

    op.drop_table('shortfalls')
    with op.batch_alter_table('observer_visits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_observer_visits_observer_id'))
        batch_op.drop_index('ix_observer_visits_community_day')

    op.drop_table('observer_visits')
    with op.batch_alter_table('observer_assignments', schema=None) as batch_op:
        batch_op.drop_index('uq_observer_assignments_observer_community_year')
        batch_op.drop_index('ix_observer_assignments_community_year')

    op.drop_table('observer_assignments')
    with op.batch_alter_table('annual_review_ratings', schema=None) as batch_op:
        batch_op.drop_index('uq_annual_review_ratings_review_person')
        batch_op.drop_index(batch_op.f('ix_annual_review_ratings_person_id'))

    op.drop_table('annual_review_ratings')
    with op.batch_alter_table('annual_review_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_annual_review_events_review_id'))

    op.drop_table('annual_review_events')
    with op.batch_alter_table('ring_records', schema=None) as batch_op:
        batch_op.drop_index('ix_ring_records_organization_year')
        batch_op.drop_index(batch_op.f('ix_ring_records_community_id'))

    op.drop_table('ring_records')
    with op.batch_alter_table('observers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_observers_district_id'))

    op.drop_table('observers')
    with op.batch_alter_table('capacity_scores', schema=None) as batch_op:
        batch_op.drop_index('uq_capacity_scores_community_year')

    op.drop_table('capacity_scores')
    with op.batch_alter_table('award_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_award_events_application_id'))

    op.drop_table('award_events')
    with op.batch_alter_table('annual_reviews', schema=None) as batch_op:
        batch_op.drop_index('uq_annual_reviews_organization_year')
        batch_op.drop_index('ix_annual_reviews_year')
        batch_op.drop_index(batch_op.f('ix_annual_reviews_community_id'))

    op.drop_table('annual_reviews')
    with op.batch_alter_table('responsibility_letters', schema=None) as batch_op:
        batch_op.drop_index('uq_responsibility_letters_community_year')
        batch_op.drop_index(batch_op.f('ix_responsibility_letters_secretary_person_id'))

    op.drop_table('responsibility_letters')
    with op.batch_alter_table('award_scores', schema=None) as batch_op:
        batch_op.drop_index('uq_award_scores_application_stage_aspect')

    op.drop_table('award_scores')
    with op.batch_alter_table('award_applications', schema=None) as batch_op:
        batch_op.drop_index('uq_award_applications_community_year')
        batch_op.drop_index('ix_award_applications_year_outcome')

    op.drop_table('award_applications')
