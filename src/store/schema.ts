/**
 * Table types shared by SQLite and PostgreSQL. Times are ISO 8601 UTC strings
 * ("2022-03-05T07:00:00.000Z") in both, so they sort and compare the same way everywhere;
 * JSON values are stored as text; booleans as 0/1.
 */
export interface OrgsTable {
  id: string;
  name: string;
  kind: string;
  time_zone: string;
  created_at: string;
}

export interface UsersTable {
  id: string;
  org_id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string;
  disabled: number;
  created_at: string;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

export interface AuditEventsTable {
  seq: number;
  at: string;
  actor_user_id: string | null;
  actor_org_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  payload_hash: string;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  status_code: number | null;
  content_type: string | null;
  response_body: string | null;
  created_at: string;
}

export interface PlacesTable {
  id: string;
  adm1: string | null;
  country: string;
  lat: number;
  lon: number;
  names: string;
  aliases: string;
}

export interface OrgKeysTable {
  org_id: string;
  algorithm: string;
  public_key: string;
  private_key_enc: string;
  created_at: string;
}

/** A party's signing key: only the public half, enrolled by a liaison and approved by the party's admin. */
export interface PartyKeysTable {
  id: string;
  org_id: string;
  algorithm: string;
  /** base64 of the raw 32-byte Ed25519 public key. */
  public_key: string;
  fingerprint: string;
  label: string | null;
  status: string;
  server_held: number;
  enrolled_by: string | null;
  enrolled_at: string;
  approved_by: string | null;
  approved_at: string | null;
  revoked_by: string | null;
  revoked_at: string | null;
  revoke_reason: string | null;
}

export interface CorridorsTable {
  id: string;
  current_version: number;
  created_by_org: string;
  created_at: string;
  updated_at: string;
}

export interface CorridorVersionsTable {
  corridor_id: string;
  version: number;
  content: string;
  version_hash: string;
  created_at: string;
  created_by: string;
  proposed_at: string | null;
}

export interface CorridorDecisionsTable {
  corridor_id: string;
  version: number;
  party_id: string;
  user_id: string;
  decision: string;
  comment: string | null;
  signed_at: string;
  signed_payload: string;
  signature: string;
  public_key: string;
  /** The party key that signed; null only for decisions older than party keys and never migrated. */
  key_id: string | null;
}

export interface CorridorControlsTable {
  id: string;
  corridor_id: string;
  type: string;
  reason: string;
  incident_id: string | null;
  at: string;
  by_user: string;
}

export interface IncidentsTable {
  id: string;
  type: string;
  severity: string;
  lat: number;
  lon: number;
  occurred_at: string;
  description: string | null;
  reported_by_org: string;
  reported_by_user: string;
  verification: string;
  verification_comment: string | null;
  cleared_at: string | null;
  /** Who marked the hazard cleared, and their note (a user id: no names on the record itself). */
  cleared_by: string | null;
  cleared_note: string | null;
  created_at: string;
}

export interface IncidentStatementsTable {
  id: string;
  incident_id: string;
  party_id: string;
  user_id: string;
  text: string;
  text_hash: string;
  signed_at: string;
  signed_payload: string;
  signature: string;
  public_key: string;
  key_id: string;
  created_at: string;
}

/** What an incident touched when it was reported: corridors and movements within their buffer. */
export interface IncidentEffectsTable {
  incident_id: string;
  subject_type: 'corridor' | 'movement';
  subject_id: string;
  distance_meters: number;
}

export interface MovementsTable {
  id: string;
  agency_id: string;
  created_by: string;
  kind: string;
  corridor_id: string | null;
  route: string | null;
  depart_at: string;
  arrive_by: string;
  vehicles: string;
  personnel: number;
  passengers: number | null;
  cargo: string;
  urgent: number;
  justification: string | null;
  required_acks: string;
  warnings: string;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  completed_at: string | null;
  aborted_at: string | null;
  abort_reason: string | null;
  overdue_since: string | null;
}

export interface MovementAcksTable {
  movement_id: string;
  party_id: string;
  user_id: string;
  decision: string;
  comment: string | null;
  at: string;
  /** Signed answers (issue 15); null on answers given before parties signed them. */
  key_id: string | null;
  signed_at: string | null;
  signed_payload: string | null;
  signature: string | null;
  public_key: string | null;
}

export interface MovementCheckinsTable {
  id: string;
  movement_id: string;
  lat: number;
  lon: number;
  at: string;
  checkpoint: string | null;
  note: string | null;
  received_at: string;
  by_user: string;
}

export interface MovementDeliveriesTable {
  movement_id: string;
  items: string;
  note: string | null;
  at: string;
  by_user: string;
}

export interface PeopleTable {
  id: string;
  org_id: string;
  given_name: string;
  family_name: string;
  birth_date: string | null;
  created_at: string;
  created_by: string;
  patronymic: string | null;
  sex: string | null;
  /** JSON array of vulnerability codes; null on rows from before the registry. */
  vulnerabilities: string | null;
  household_id: string | null;
  site_id: string | null;
  consent_tracing: number | null;
  protection_status: string | null;
  protection_document: string | null;
  updated_at: string | null;
  pfif_record_id: string | null;
  /** nameCore(given_name, family_name): what the name index (name_keys) is keyed on. */
  name_core: string;
  /** The birth date's year, 0 when unknown. */
  birth_year: number;
  /** Set when this record was merged into another, the one that now answers for both ids. */
  merged_into: string | null;
}

export interface SitesTable {
  id: string;
  org_id: string;
  name: string;
  kind: string;
  lat: number | null;
  lon: number | null;
  /** The uk text, kept for rows and readers from before `contacts`. */
  contact: string;
  /** JSON {uk, ru, en}: the contact details the public tracing answer gives, in each language. */
  contacts: string | null;
  created_at: string;
  updated_at: string | null;
}

/** Another agency may put this person on its movements (or on one): the registering agency's grant. */
export interface PersonSharesTable {
  id: string;
  person_id: string;
  owner_org_id: string;
  grantee_org_id: string;
  movement_id: string | null;
  granted_at: string;
  granted_by: string;
  revoked_at: string | null;
  revoked_by: string | null;
}

/** "Possibly registered by another organisation": ids and a score only, resolved by the tracing desk. */
export interface DuplicateFlagsTable {
  id: string;
  person_id: string;
  other_person_id: string;
  score: number;
  flagged_org_id: string;
  flagged_at: string;
  flagged_by: string;
  resolved_at: string | null;
  resolved_by: string | null;
  outcome: string | null;
  resolution_reason: string | null;
}

/** Blocking keys of core names (src/domain/names/core.ts): one row per key and core name. */
export interface NameKeysTable {
  key: string;
  core: string;
}

export interface MovementPassengersTable {
  movement_id: string;
  person_id: string;
  added_at: string;
  boarded_at: string | null;
  arrived_at: string | null;
  did_not_board_at: string | null;
  did_not_board_reason: string | null;
}

/** An undone boarding, arrival or "did not board": who took it back, when and why. */
export interface PassengerCorrectionsTable {
  id: string;
  movement_id: string;
  person_id: string;
  undone: string;
  undone_at: string;
  reason: string;
  at: string;
  by_user: string;
}

/** A correction of a person's record: who, when, why, and each changed field before and after. */
export interface PersonCorrectionsTable {
  id: string;
  person_id: string;
  at: string;
  by_user: string;
  reason: string;
  /** JSON {field: {from, to}}, the API's field names. */
  changes: string;
  undoes: string | null;
  undone_by: string | null;
}

export interface AnnouncementsTable {
  id: string;
  corridor_id: string;
  created_at: string;
  kind: string;
  status: string;
  version: number;
  seq: number | null;
  /** JSON: {uk, ru, en} each {text, sms: {text, encoding, segments}, radio}. */
  texts: string;
  created_by: string | null;
}

/** Request counts per limit bucket and time window, shared by every instance (rate-windows.repository.ts). */
export interface RateWindowsTable {
  bucket: string;
  /** The window's number: whole windows since the epoch (its length is the bucket's own). */
  window: number;
  count: number;
}

/** A registered webhook (webhooks.repository.ts). */
export interface WebhooksTable {
  id: string;
  org_id: string;
  url: string;
  /** JSON array of event types. */
  events: string;
  role: string;
  secret_enc: string;
  created_by: string;
  created_at: string;
  disabled_by: string | null;
  disabled_at: string | null;
}

/** A change event committed with its command, waiting to be fanned out to hooks. */
export interface WebhookOutboxTable {
  id: string;
  /** JSON of the ChangeEvent. */
  event: string;
  created_at: string;
}

/** One event for one hook: the durable delivery queue. */
export interface WebhookDeliveriesTable {
  id: string;
  webhook_id: string;
  event_type: string;
  body: string;
  status: string;
  attempts: number;
  next_attempt_at: string | null;
  lease_id: string | null;
  lease_until: string | null;
  last_status_code: number | null;
  last_error: string | null;
  last_attempt_at: string | null;
  delivered_at: string | null;
  created_at: string;
}

export interface CheckpointsTable {
  size: number;
  root_hash: string;
  body: string;
  signature: string;
  created_at: string;
}

export interface CosignaturesTable {
  checkpoint_size: number;
  key_id: string;
  name: string;
  public_key: string;
  org_id: string | null;
  cosigned_at: string;
  line: string;
  created_at: string;
}

export interface Schema {
  checkpoints: CheckpointsTable;
  cosignatures: CosignaturesTable;
  webhooks: WebhooksTable;
  webhook_outbox: WebhookOutboxTable;
  webhook_deliveries: WebhookDeliveriesTable;
  rate_windows: RateWindowsTable;
  announcements: AnnouncementsTable;
  people: PeopleTable;
  sites: SitesTable;
  person_shares: PersonSharesTable;
  duplicate_flags: DuplicateFlagsTable;
  name_keys: NameKeysTable;
  movement_passengers: MovementPassengersTable;
  passenger_corrections: PassengerCorrectionsTable;
  person_corrections: PersonCorrectionsTable;
  incidents: IncidentsTable;
  incident_statements: IncidentStatementsTable;
  incident_effects: IncidentEffectsTable;
  movements: MovementsTable;
  movement_acks: MovementAcksTable;
  party_keys: PartyKeysTable;
  movement_checkins: MovementCheckinsTable;
  movement_deliveries: MovementDeliveriesTable;
  org_keys: OrgKeysTable;
  corridors: CorridorsTable;
  corridor_versions: CorridorVersionsTable;
  corridor_decisions: CorridorDecisionsTable;
  corridor_controls: CorridorControlsTable;
  orgs: OrgsTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_events: AuditEventsTable;
  audit_head: AuditHeadTable;
  idempotency_keys: IdempotencyKeysTable;
  places: PlacesTable;
}
