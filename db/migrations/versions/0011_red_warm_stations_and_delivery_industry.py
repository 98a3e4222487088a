"""red-warm stations, coordinates and delivery-industry party work: grids' and buildings'
coordinates, the stations with their hours, services and visits, the delivery-industry
committee, measures and commissioners' checklists; the catalogues' rows

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04 23:20:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base
from db.station_catalogue import checklist_rows, measure_rows, service_rows

revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    checklist_items = op.create_table('commissioner_checklist_items',
    sa.Column('kind', sa.Enum('HANDBOOK', 'GOAL', 'DUTY', name='checklistkind', native_enum=False, length=40), nullable=False),
    sa.Column('aspect', sa.Integer(), nullable=True),
    sa.Column('aspect_name', sa.String(length=40), nullable=True),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_commissioner_checklist_items'))
    )
    with op.batch_alter_table('commissioner_checklist_items', schema=None) as batch_op:
        batch_op.create_index('uq_commissioner_checklist_items_kind_number', ['kind', 'number'], unique=True)

    measures = op.create_table('industry_measures',
    sa.Column('aspect', sa.Integer(), nullable=False),
    sa.Column('aspect_name', sa.String(length=40), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_industry_measures')),
    sa.UniqueConstraint('number', name=op.f('uq_industry_measures_number'))
    )
    services = op.create_table('station_services',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('english_name', sa.String(length=80), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_station_services')),
    sa.UniqueConstraint('code', name=op.f('uq_station_services_code'))
    )
    op.create_table('industry_party_committees',
    sa.Column('district_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('secretary_person_id', sa.Integer(), nullable=True),
    sa.Column('established_on', sa.Date(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['district_id'], ['districts.id'], name=op.f('fk_industry_party_committees_district_id_districts')),
    sa.ForeignKeyConstraint(['secretary_person_id'], ['people.id'], name=op.f('fk_industry_party_committees_secretary_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_industry_party_committees'))
    )
    with op.batch_alter_table('industry_party_committees', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_industry_party_committees_district_id'), ['district_id'], unique=False)

    op.create_table('party_commissioners',
    sa.Column('district_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('sector', sa.Enum('COURIER', 'INTERNET', 'USED_CAR', name='commissionersector', native_enum=False, length=40), nullable=False),
    sa.Column('work_unit_id', sa.Integer(), nullable=True),
    sa.Column('appointed_on', sa.Date(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['district_id'], ['districts.id'], name=op.f('fk_party_commissioners_district_id_districts')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_party_commissioners_person_id_people')),
    sa.ForeignKeyConstraint(['work_unit_id'], ['work_units.id'], name=op.f('fk_party_commissioners_work_unit_id_work_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_party_commissioners'))
    )
    with op.batch_alter_table('party_commissioners', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_party_commissioners_district_id'), ['district_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_party_commissioners_person_id'), ['person_id'], unique=False)

    op.create_table('red_warm_stations',
    sa.Column('grid_id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('latitude', sa.Float(), nullable=False),
    sa.Column('longitude', sa.Float(), nullable=False),
    sa.Column('contact_person_id', sa.Integer(), nullable=True),
    sa.Column('contact_name', sa.String(length=50), nullable=False),
    sa.Column('contact_phone', sa.String(length=20), nullable=False),
    sa.Column('opened_on', sa.Date(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('latitude BETWEEN -90 AND 90', name=op.f('ck_red_warm_stations_latitude_range')),
    sa.CheckConstraint('longitude BETWEEN -180 AND 180', name=op.f('ck_red_warm_stations_longitude_range')),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_red_warm_stations_community_id_communities')),
    sa.ForeignKeyConstraint(['contact_person_id'], ['people.id'], name=op.f('fk_red_warm_stations_contact_person_id_people')),
    sa.ForeignKeyConstraint(['grid_id'], ['grids.id'], name=op.f('fk_red_warm_stations_grid_id_grids')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_red_warm_stations'))
    )
    with op.batch_alter_table('red_warm_stations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_red_warm_stations_community_id'), ['community_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_red_warm_stations_grid_id'), ['grid_id'], unique=False)
        batch_op.create_index('ix_red_warm_stations_position', ['latitude', 'longitude'], unique=False)

    op.create_table('commissioner_checklist_progress',
    sa.Column('commissioner_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('PLANNED', 'IN_PROGRESS', 'DONE', name='progressstatus', native_enum=False, length=40), nullable=False),
    sa.Column('status_changed_at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('progress', sa.Integer(), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.Column('done_at', db.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.CheckConstraint('progress BETWEEN 0 AND 100', name=op.f('ck_commissioner_checklist_progress_progress_range')),
    sa.ForeignKeyConstraint(['commissioner_id'], ['party_commissioners.id'], name=op.f('fk_commissioner_checklist_progress_commissioner_id_party_commissioners')),
    sa.ForeignKeyConstraint(['item_id'], ['commissioner_checklist_items.id'], name=op.f('fk_commissioner_checklist_progress_item_id_commissioner_checklist_items')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_commissioner_checklist_progress'))
    )
    with op.batch_alter_table('commissioner_checklist_progress', schema=None) as batch_op:
        batch_op.create_index('uq_commissioner_checklist_progress_commissioner_item', ['commissioner_id', 'item_id'], unique=True)

    op.create_table('industry_measure_progress',
    sa.Column('committee_id', sa.Integer(), nullable=False),
    sa.Column('measure_id', sa.Integer(), nullable=False),
    sa.Column('owner', sa.String(length=100), nullable=False),
    sa.Column('status', sa.Enum('PLANNED', 'IN_PROGRESS', 'DONE', name='progressstatus', native_enum=False, length=40), nullable=False),
    sa.Column('status_changed_at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('progress', sa.Integer(), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.Column('done_at', db.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.CheckConstraint('progress BETWEEN 0 AND 100', name=op.f('ck_industry_measure_progress_progress_range')),
    sa.ForeignKeyConstraint(['committee_id'], ['industry_party_committees.id'], name=op.f('fk_industry_measure_progress_committee_id_industry_party_committees')),
    sa.ForeignKeyConstraint(['measure_id'], ['industry_measures.id'], name=op.f('fk_industry_measure_progress_measure_id_industry_measures')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_industry_measure_progress'))
    )
    with op.batch_alter_table('industry_measure_progress', schema=None) as batch_op:
        batch_op.create_index('uq_industry_measure_progress_committee_measure', ['committee_id', 'measure_id'], unique=True)

    op.create_table('industry_party_members',
    sa.Column('committee_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('platform', sa.Enum('MEITUAN', 'ELEME', 'OTHER', name='deliveryplatform', native_enum=False, length=40), nullable=False),
    sa.Column('delivery_station', sa.String(length=100), nullable=False),
    sa.Column('joined_on', sa.Date(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['committee_id'], ['industry_party_committees.id'], name=op.f('fk_industry_party_members_committee_id_industry_party_committees')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_industry_party_members_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_industry_party_members'))
    )
    with op.batch_alter_table('industry_party_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_industry_party_members_person_id'), ['person_id'], unique=False)
        batch_op.create_index('uq_industry_party_members_committee_person', ['committee_id', 'person_id'], unique=True)

    op.create_table('red_warm_station_hours',
    sa.Column('station_id', sa.Integer(), nullable=False),
    sa.Column('weekday', sa.Integer(), nullable=False),
    sa.Column('opens_minute', sa.Integer(), nullable=False),
    sa.Column('closes_minute', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.CheckConstraint('closes_minute BETWEEN 1 AND 1440', name=op.f('ck_red_warm_station_hours_closes_range')),
    sa.CheckConstraint('opens_minute BETWEEN 0 AND 1439', name=op.f('ck_red_warm_station_hours_opens_range')),
    sa.CheckConstraint('weekday BETWEEN 1 AND 7', name=op.f('ck_red_warm_station_hours_weekday_range')),
    sa.ForeignKeyConstraint(['station_id'], ['red_warm_stations.id'], name=op.f('fk_red_warm_station_hours_station_id_red_warm_stations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_red_warm_station_hours'))
    )
    with op.batch_alter_table('red_warm_station_hours', schema=None) as batch_op:
        batch_op.create_index('uq_red_warm_station_hours_station_weekday', ['station_id', 'weekday'], unique=True)

    op.create_table('red_warm_station_offers',
    sa.Column('station_id', sa.Integer(), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=True),
    sa.Column('local_name', sa.String(length=60), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.CheckConstraint('(service_id IS NULL) <> (local_name IS NULL)', name=op.f('ck_red_warm_station_offers_standard_or_local')),
    sa.ForeignKeyConstraint(['service_id'], ['station_services.id'], name=op.f('fk_red_warm_station_offers_service_id_station_services')),
    sa.ForeignKeyConstraint(['station_id'], ['red_warm_stations.id'], name=op.f('fk_red_warm_station_offers_station_id_red_warm_stations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_red_warm_station_offers'))
    )
    with op.batch_alter_table('red_warm_station_offers', schema=None) as batch_op:
        batch_op.create_index('ix_red_warm_station_offers_service', ['service_id', 'station_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_red_warm_station_offers_station_id'), ['station_id'], unique=False)

    op.create_table('red_warm_station_visits',
    sa.Column('station_id', sa.Integer(), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=True),
    sa.Column('local_name', sa.String(length=60), nullable=True),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('recorded_by_user_id', sa.Integer(), nullable=True),
    sa.Column('visited_at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_red_warm_station_visits_person_id_people')),
    sa.ForeignKeyConstraint(['recorded_by_user_id'], ['users.id'], name=op.f('fk_red_warm_station_visits_recorded_by_user_id_users')),
    sa.ForeignKeyConstraint(['service_id'], ['station_services.id'], name=op.f('fk_red_warm_station_visits_service_id_station_services')),
    sa.ForeignKeyConstraint(['station_id'], ['red_warm_stations.id'], name=op.f('fk_red_warm_station_visits_station_id_red_warm_stations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_red_warm_station_visits'))
    )
    with op.batch_alter_table('red_warm_station_visits', schema=None) as batch_op:
        batch_op.create_index('ix_red_warm_station_visits_station_at', ['station_id', 'visited_at'], unique=False)

    op.create_table('industry_progress_events',
    sa.Column('measure_progress_id', sa.Integer(), nullable=True),
    sa.Column('checklist_progress_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.Enum('REPORT', 'REOPEN', name='progressaction', native_enum=False, length=40), nullable=False),
    sa.Column('from_status', sa.Enum('PLANNED', 'IN_PROGRESS', 'DONE', name='progressstatus', native_enum=False, length=40), nullable=True),
    sa.Column('to_status', sa.Enum('PLANNED', 'IN_PROGRESS', 'DONE', name='progressstatus', native_enum=False, length=40), nullable=False),
    sa.Column('progress', sa.Integer(), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=True),
    sa.Column('at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('actor_user_id', sa.Integer(), nullable=True),
    sa.Column('actor_person_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.CheckConstraint('(measure_progress_id IS NULL) <> (checklist_progress_id IS NULL)', name=op.f('ck_industry_progress_events_one_item')),
    sa.ForeignKeyConstraint(['actor_person_id'], ['people.id'], name=op.f('fk_industry_progress_events_actor_person_id_people')),
    sa.ForeignKeyConstraint(['actor_user_id'], ['users.id'], name=op.f('fk_industry_progress_events_actor_user_id_users')),
    sa.ForeignKeyConstraint(['checklist_progress_id'], ['commissioner_checklist_progress.id'], name=op.f('fk_industry_progress_events_checklist_progress_id_commissioner_checklist_progress')),
    sa.ForeignKeyConstraint(['measure_progress_id'], ['industry_measure_progress.id'], name=op.f('fk_industry_progress_events_measure_progress_id_industry_measure_progress')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_industry_progress_events'))
    )
    with op.batch_alter_table('industry_progress_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_industry_progress_events_checklist_progress_id'), ['checklist_progress_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_industry_progress_events_measure_progress_id'), ['measure_progress_id'], unique=False)

    with op.batch_alter_table('buildings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('latitude', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('longitude', sa.Float(), nullable=True))

    with op.batch_alter_table('grids', schema=None) as batch_op:
        batch_op.add_column(sa.Column('latitude', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('longitude', sa.Float(), nullable=True))

    op.bulk_insert(services, service_rows())
    op.bulk_insert(measures, measure_rows())
    op.bulk_insert(checklist_items, checklist_rows())


def downgrade() -> None:
    with op.batch_alter_table('grids', schema=None) as batch_op:
        batch_op.drop_column('longitude')
        batch_op.drop_column('latitude')

    with op.batch_alter_table('buildings', schema=None) as batch_op:
        batch_op.drop_column('longitude')
        batch_op.drop_column('latitude')

    with op.batch_alter_table('industry_progress_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_industry_progress_events_measure_progress_id'))
        batch_op.drop_index(batch_op.f('ix_industry_progress_events_checklist_progress_id'))

    op.drop_table('industry_progress_events')
    with op.batch_alter_table('red_warm_station_visits', schema=None) as batch_op:
        batch_op.drop_index('ix_red_warm_station_visits_station_at')

    op.drop_table('red_warm_station_visits')
    with op.batch_alter_table('red_warm_station_offers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_red_warm_station_offers_station_id'))
        batch_op.drop_index('ix_red_warm_station_offers_service')

    op.drop_table('red_warm_station_offers')
    with op.batch_alter_table('red_warm_station_hours', schema=None) as batch_op:
        batch_op.drop_index('uq_red_warm_station_hours_station_weekday')

    op.drop_table('red_warm_station_hours')
    with op.batch_alter_table('industry_party_members', schema=None) as batch_op:
        batch_op.drop_index('uq_industry_party_members_committee_person')
        batch_op.drop_index(batch_op.f('ix_industry_party_members_person_id'))

    op.drop_table('industry_party_members')
    with op.batch_alter_table('industry_measure_progress', schema=None) as batch_op:
        batch_op.drop_index('uq_industry_measure_progress_committee_measure')

    op.drop_table('industry_measure_progress')
    with op.batch_alter_table('commissioner_checklist_progress', schema=None) as batch_op:
        batch_op.drop_index('uq_commissioner_checklist_progress_commissioner_item')

    op.drop_table('commissioner_checklist_progress')
    with op.batch_alter_table('red_warm_stations', schema=None) as batch_op:
        batch_op.drop_index('ix_red_warm_stations_position')
        batch_op.drop_index(batch_op.f('ix_red_warm_stations_grid_id'))
        batch_op.drop_index(batch_op.f('ix_red_warm_stations_community_id'))

    op.drop_table('red_warm_stations')
    with op.batch_alter_table('party_commissioners', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_party_commissioners_person_id'))
        batch_op.drop_index(batch_op.f('ix_party_commissioners_district_id'))

    op.drop_table('party_commissioners')
    with op.batch_alter_table('industry_party_committees', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_industry_party_committees_district_id'))

    op.drop_table('industry_party_committees')
    op.drop_table('station_services')
    op.drop_table('industry_measures')
    with op.batch_alter_table('commissioner_checklist_items', schema=None) as batch_op:
        batch_op.drop_index('uq_commissioner_checklist_items_kind_number')

    op.drop_table('commissioner_checklist_items')
