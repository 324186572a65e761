import type { Kysely, Selectable } from 'kysely';
import { everyColumn, fromJson, jsonHelpersFor, sortedBy } from './json-subqueries.ts';
import { precompiled } from './precompiled.ts';
import type {
  CorridorControlsTable,
  CorridorDecisionsTable,
  CorridorsTable,
  CorridorVersionsTable,
  Schema,
} from './schema.ts';

export type CorridorRow = Selectable<CorridorsTable>;
export type CorridorVersionRow = Selectable<CorridorVersionsTable>;
export type CorridorDecisionRow = Selectable<CorridorDecisionsTable>;
export type CorridorControlRow = Selectable<CorridorControlsTable>;

/** A corridor with what its status and views are derived from. */
export interface CorridorAggregate {
  corridor: CorridorRow;
  current: CorridorVersionRow;
  /** Has any version ever been proposed? Until then it is the mediator's working draft. */
  everProposed: boolean;
  /** Decisions on the current version. */
  decisions: CorridorDecisionRow[];
  controls: CorridorControlRow[];
}

export async function insertCorridor(db: Kysely<Schema>, row: CorridorRow): Promise<void> {
  await db.insertInto('corridors').values(row).execute();
}

export async function setCurrentVersion(db: Kysely<Schema>, id: string, version: number, at: string): Promise<void> {
  await db.updateTable('corridors').set({ current_version: version, updated_at: at }).where('id', '=', id).execute();
}

/**
 * The guard and the bump in one statement: of two amendments racing from the same version, one
 * wins and the other gets false.
 */
export async function bumpVersionFrom(db: Kysely<Schema>, id: string, from: number, at: string): Promise<boolean> {
  const bumped = await db.updateTable('corridors').set({ current_version: from + 1, updated_at: at }).where('id', '=', id).where('current_version', '=', from).executeTakeFirst();
  return Number(bumped.numUpdatedRows) === 1;
}

/** The corridor's current version as stored now (read inside a command's transaction); throws if the corridor is gone. */
export async function currentVersionOf(db: Kysely<Schema>, id: string): Promise<number> {
  const row = await db.selectFrom('corridors').select('current_version').where('id', '=', id).executeTakeFirstOrThrow();
  return row.current_version;
}

export async function touchCorridor(db: Kysely<Schema>, id: string, at: string): Promise<void> {
  await db.updateTable('corridors').set({ updated_at: at }).where('id', '=', id).execute();
}

export async function insertVersion(db: Kysely<Schema>, row: CorridorVersionRow): Promise<void> {
  await db.insertInto('corridor_versions').values(row).execute();
}

export async function markVersionProposed(db: Kysely<Schema>, id: string, version: number, at: string): Promise<void> {
  await db
    .updateTable('corridor_versions')
    .set({ proposed_at: at })
    .where('corridor_id', '=', id)
    .where('version', '=', version)
    .where('proposed_at', 'is', null)
    .execute();
}

export async function findVersion(db: Kysely<Schema>, id: string, version: number): Promise<CorridorVersionRow | undefined> {
  return db
    .selectFrom('corridor_versions')
    .selectAll()
    .where('corridor_id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
}

export async function listVersions(db: Kysely<Schema>, id: string): Promise<CorridorVersionRow[]> {
  return db.selectFrom('corridor_versions').selectAll().where('corridor_id', '=', id).orderBy('version').execute();
}

export async function insertDecision(db: Kysely<Schema>, row: CorridorDecisionRow): Promise<void> {
  await db.insertInto('corridor_decisions').values(row).execute();
}

export async function listDecisions(db: Kysely<Schema>, id: string, version?: number): Promise<CorridorDecisionRow[]> {
  let query = db.selectFrom('corridor_decisions').selectAll().where('corridor_id', '=', id);
  if (version !== undefined) query = query.where('version', '=', version);
  return query.orderBy('signed_at').execute();
}

export async function insertControl(db: Kysely<Schema>, row: CorridorControlRow): Promise<void> {
  await db.insertInto('corridor_controls').values(row).execute();
}

export async function listControls(db: Kysely<Schema>, id: string): Promise<CorridorControlRow[]> {
  return db.selectFrom('corridor_controls').selectAll().where('corridor_id', '=', id).orderBy('at').orderBy('id').execute();
}

/** The suspensions the mediator made because of an incident, oldest first. */
export async function listSuspensionsForIncident(db: Kysely<Schema>, incidentId: string): Promise<CorridorControlRow[]> {
  return db.selectFrom('corridor_controls').selectAll().where('incident_id', '=', incidentId).where('type', '=', 'suspend').orderBy('at').execute();
}

const DECISION_COLUMNS = everyColumn<CorridorDecisionsTable>()('corridor_id', 'version', 'party_id', 'user_id', 'decision', 'comment', 'signed_at', 'signed_payload', 'signature', 'public_key', 'key_id');
const CONTROL_COLUMNS = everyColumn<CorridorControlsTable>()('id', 'corridor_id', 'type', 'reason', 'incident_id', 'at', 'by_user');

/**
 * A corridor with its current version, decisions and controls in one query, compiled once: every
 * command on a corridor, every check-in at a checkpoint and each staff view load one, and it was
 * four queries (of them all the versions' content, to find the current one).
 */
const CORRIDOR_AGGREGATE = precompiled((db, id: string) => {
  const { jsonArrayFrom } = jsonHelpersFor(db);
  return db
    .selectFrom('corridors')
    .innerJoin('corridor_versions', (join) =>
      join.onRef('corridor_versions.corridor_id', '=', 'corridors.id').onRef('corridor_versions.version', '=', 'corridors.current_version'),
    )
    .selectAll('corridors')
    .select(['corridor_versions.content', 'corridor_versions.version_hash', 'corridor_versions.created_at as version_created_at', 'corridor_versions.created_by', 'corridor_versions.proposed_at'])
    .select((eb) => [
      eb
        .exists(eb.selectFrom('corridor_versions as proposed').select('proposed.version').whereRef('proposed.corridor_id', '=', 'corridors.id').where('proposed.proposed_at', 'is not', null))
        .as('ever_proposed'),
      jsonArrayFrom(
        eb
          .selectFrom('corridor_decisions')
          .select(DECISION_COLUMNS)
          .whereRef('corridor_decisions.corridor_id', '=', 'corridors.id')
          .whereRef('corridor_decisions.version', '=', 'corridors.current_version'),
      ).as('decisions'),
      jsonArrayFrom(eb.selectFrom('corridor_controls').select(CONTROL_COLUMNS).whereRef('corridor_controls.corridor_id', '=', 'corridors.id')).as('controls'),
    ])
    .where('corridors.id', '=', id);
});

export async function loadCorridorAggregate(db: Kysely<Schema>, id: string): Promise<CorridorAggregate | undefined> {
  const row = await CORRIDOR_AGGREGATE.first(db, id);
  if (!row) {
    // A corridor without its current version is a broken store, not an unknown corridor.
    if (await db.selectFrom('corridors').select('id').where('id', '=', id).executeTakeFirst()) throw new Error(`corridor ${id} lacks its current version`);
    return undefined;
  }
  return {
    corridor: { id: row.id, current_version: row.current_version, created_by_org: row.created_by_org, created_at: row.created_at, updated_at: row.updated_at },
    current: {
      corridor_id: row.id,
      version: row.current_version,
      content: row.content,
      version_hash: row.version_hash,
      created_at: row.version_created_at,
      created_by: row.created_by,
      proposed_at: row.proposed_at,
    },
    // SQLite answers 0 or 1, PostgreSQL true or false.
    everProposed: Boolean(row.ever_proposed),
    decisions: sortedBy(fromJson(row.decisions), 'signed_at', 'party_id'),
    controls: sortedBy(fromJson(row.controls), 'at', 'id'),
  };
}

/**
 * Every corridor with its current version, decisions and controls, in three queries. Status is
 * derived in the domain at read time, so lists filter after loading; corridors number in the
 * hundreds or low thousands, which this serves in milliseconds.
 */
export async function loadAllCorridorAggregates(db: Kysely<Schema>): Promise<CorridorAggregate[]> {
  const rows = await db
    .selectFrom('corridors')
    .innerJoin('corridor_versions', (join) =>
      join
        .onRef('corridor_versions.corridor_id', '=', 'corridors.id')
        .onRef('corridor_versions.version', '=', 'corridors.current_version'),
    )
    .selectAll('corridors')
    .select([
      'corridor_versions.content',
      'corridor_versions.version_hash',
      'corridor_versions.created_at as version_created_at',
      'corridor_versions.created_by',
      'corridor_versions.proposed_at',
    ])
    .orderBy('corridors.id')
    .execute();
  const proposedIds = new Set(
    (
      await db
        .selectFrom('corridor_versions')
        .select('corridor_id')
        .where('proposed_at', 'is not', null)
        .groupBy('corridor_id')
        .execute()
    ).map((r) => r.corridor_id),
  );
  const decisions = await db
    .selectFrom('corridor_decisions')
    .innerJoin('corridors', (join) =>
      join.onRef('corridors.id', '=', 'corridor_decisions.corridor_id').onRef('corridors.current_version', '=', 'corridor_decisions.version'),
    )
    .selectAll('corridor_decisions')
    .orderBy('corridor_decisions.signed_at')
    .execute();
  const controls = await db.selectFrom('corridor_controls').selectAll().orderBy('at').orderBy('id').execute();
  const group = <T extends { corridor_id: string }>(items: T[]): Map<string, T[]> => {
    const map = new Map<string, T[]>();
    for (const item of items) map.set(item.corridor_id, [...(map.get(item.corridor_id) ?? []), item]);
    return map;
  };
  const decisionsBy = group(decisions);
  const controlsBy = group(controls);
  return rows.map((r) => ({
    corridor: { id: r.id, current_version: r.current_version, created_by_org: r.created_by_org, created_at: r.created_at, updated_at: r.updated_at },
    current: {
      corridor_id: r.id,
      version: r.current_version,
      content: r.content,
      version_hash: r.version_hash,
      created_at: r.version_created_at,
      created_by: r.created_by,
      proposed_at: r.proposed_at,
    },
    everProposed: proposedIds.has(r.id),
    decisions: decisionsBy.get(r.id) ?? [],
    controls: controlsBy.get(r.id) ?? [],
  }));
}
