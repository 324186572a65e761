import type { Actor, OrgKind, Role } from './identity.ts';
import { ORG_KINDS, ROLES } from './identity.ts';

/**
 * The one place where rights are decided: organisation kind × role × ownership.
 * docs/permissions.md is generated from this table (scripts/permissions-doc.ts) and a test
 * checks the two agree, so the document cannot drift from the code.
 *
 * `all`: on any organisation's records; `own-org`: only on records of the caller's own
 * organisation; `listed`: only on corridors (and what hangs on them) that list the caller's
 * organisation as a party. Anything not listed is refused: nothing is visible by default.
 */
export type Scope = 'all' | 'own-org' | 'listed';

export const ACTIONS = {
  'org.create': 'Create an organisation (mediator, party or agency)',
  'org.list': 'List organisations and read one (names and kinds, the directory everyone needs)',
  'user.create': 'Create a user account',
  'user.list': 'List user accounts',
  'user.name': 'See the name of a user who signed or acted on a record (others see the organisation and role)',
  'audit.read': 'Read and verify the audit log',
  'place.list': 'Read the gazetteer of places',
  'key.list': "Read the public signing keys of parties (and the operator's key)",
  'key.enrol': "Enrol the public half of a signing key made on the liaison's own device (pending until approved)",
  'key.approve': "Approve a pending signing key of the party, after comparing its fingerprint",
  'key.revoke': 'Revoke a signing key of the party: it signs nothing afterwards',
  'corridor.draft': 'Draft, amend and propose a corridor agreement',
  'corridor.read': 'Read corridor agreements, their versions and timelines (never-proposed drafts: mediator only)',
  'corridor.decide': 'Approve or reject (sign) a version of a corridor on behalf of a party',
  'corridor.control': 'Suspend, resume or close a corridor',
  'corridor.evidence': "Take a corridor's evidence bundle: its versions, signed decisions, keys' enrolment, movements (counts only), incidents, with audit events and log proofs, for offline verification",
  'movement.notify': 'Notify a planned movement (convoy) with its vehicles and cargo',
  'movement.read': 'Read movements: own-org for the notifying agency, listed for the parties asked to acknowledge',
  'movement.acknowledge': 'Acknowledge receipt of, or deny, a movement notification for a party',
  'movement.track': 'Start, check in, complete or abort a movement; confirm delivery',
  'movement.passengers': "Put the agency's own registered people on a movement's manifest, record boarding, arrival or 'did not board' and undo any of them with a reason, see their names",
  'movement.registered-passengers': "See by name, on another agency's manifest, the people the organisation registered and shared with it; everyone else on it as counts",
  'person.register': 'Register a person (evacuee or arrival) at one of the organisation’s sites',
  'person.read': 'Read and search registered people (names, birth dates, vulnerabilities)',
  'site.manage': 'Create and change gathering points and reception centres, with their contact details in three languages',
  'person.merge': 'Merge two records of the organisation that are one person (audited; the merged record answers for both ids)',
  'person.share': "Let another agency put people the organisation registered on that agency's movements, or on one of them; withdraw it",
  'person.flag': 'Flag a person as possibly registered by another organisation: ids and a score only, never a name',
  'person.resolve': 'Resolve "possibly registered by another organisation" flags (the tracing desk)',
  'person.exchange': 'Export and import consented person and note records (PFIF 1.4)',
  'site.read': 'Read the list of sites',
  'incident.report': 'Report an incident with its time and place',
  'incident.read': 'Read incidents',
  'incident.verify': 'Mark an incident confirmed, disputed or unverified; mark a hazard (mine/UXO, blocked road) cleared',
  'incident.state': "Attach the party's own signed statement (its account, in its own words) to an incident",
  'announcement.publish': 'Write a public announcement by hand on a corridor the public can see (status changes are announced automatically)',
  'webhook.manage': "Register, list and disable the organisation's webhooks and read their deliveries (a hook carries what the registering role's event stream sees)",
} as const;
export type Action = keyof typeof ACTIONS;

type Grants = Partial<Record<OrgKind, Partial<Record<Role, Scope>>>>;

const EVERY_ROLE_ALL: Partial<Record<Role, Scope>> = Object.fromEntries(ROLES.map((r) => [r, 'all'])) as Partial<
  Record<Role, Scope>
>;

const EVERY_ROLE_LISTED: Partial<Record<Role, Scope>> = Object.fromEntries(ROLES.map((r) => [r, 'listed'])) as Partial<
  Record<Role, Scope>
>;

const EVERY_ROLE_OWN: Partial<Record<Role, Scope>> = Object.fromEntries(ROLES.map((r) => [r, 'own-org'])) as Partial<
  Record<Role, Scope>
>;

export const POLICY: Readonly<Record<Action, Grants>> = {
  'org.create': { mediator: { admin: 'all' } },
  'org.list': { mediator: EVERY_ROLE_ALL, party: EVERY_ROLE_ALL, agency: EVERY_ROLE_ALL },
  'user.create': { mediator: { admin: 'all' }, party: { admin: 'own-org' }, agency: { admin: 'own-org' } },
  'user.list': { mediator: { admin: 'all' }, party: { admin: 'own-org' }, agency: { admin: 'own-org' } },
  // The mediator answers for every signature it relays; a party or agency knows its own staff by name.
  'user.name': { mediator: EVERY_ROLE_ALL, party: EVERY_ROLE_OWN, agency: EVERY_ROLE_OWN },
  'audit.read': { mediator: { admin: 'all' } },
  'place.list': { mediator: EVERY_ROLE_ALL, party: EVERY_ROLE_ALL, agency: EVERY_ROLE_ALL },
  // The mediator sees which keys every party holds; a party sees its own (API: own party, mediator all).
  'key.list': { mediator: EVERY_ROLE_ALL, party: EVERY_ROLE_OWN, agency: EVERY_ROLE_OWN },
  'key.enrol': { party: { liaison: 'own-org' } },
  // Only the party's own admin: the mediator must not be able to put a key in a party's hands.
  'key.approve': { party: { admin: 'own-org' } },
  'key.revoke': { party: { admin: 'own-org' } },
  'corridor.draft': { mediator: { admin: 'all', coordinator: 'all' } },
  'corridor.read': { mediator: EVERY_ROLE_ALL, party: EVERY_ROLE_LISTED, agency: EVERY_ROLE_ALL },
  'corridor.decide': { party: { liaison: 'listed' } },
  // Suspension stays a human decision of the mediator: a party cannot close a corridor by itself.
  'corridor.control': { mediator: { admin: 'all', coordinator: 'all' } },
  // What each party signed is evidence for the mediator and for every party to the corridor, so
  // either can show it to a court; agencies read corridors but answer for no signature on them.
  'corridor.evidence': { mediator: EVERY_ROLE_ALL, party: EVERY_ROLE_LISTED },
  'movement.notify': { agency: { admin: 'own-org', coordinator: 'own-org' } },
  'movement.read': { mediator: EVERY_ROLE_ALL, party: EVERY_ROLE_LISTED, agency: EVERY_ROLE_OWN },
  'movement.acknowledge': { party: { liaison: 'listed' } },
  'movement.track': { agency: { admin: 'own-org', coordinator: 'own-org', field: 'own-org' } },
  // Names on a manifest stay with the agency that registered the people; everyone else gets counts.
  'movement.passengers': { agency: { admin: 'own-org', coordinator: 'own-org', field: 'own-org', registrar: 'own-org' } },
  // People shared onto another agency's bus stay the registering agency's: it follows them by name there.
  'movement.registered-passengers': { agency: { admin: 'own-org', coordinator: 'own-org', field: 'own-org', registrar: 'own-org' } },
  // People's data stays with the organisation that registered them; the mediator's registrars run
  // the tracing desk across organisations. Parties never hold any (docs/design.md §Data protection).
  'person.register': {
    mediator: { registrar: 'own-org' },
    agency: { admin: 'own-org', coordinator: 'own-org', field: 'own-org', registrar: 'own-org' },
  },
  'person.read': {
    mediator: { admin: 'all', registrar: 'all' },
    agency: { admin: 'own-org', coordinator: 'own-org', field: 'own-org', registrar: 'own-org' },
  },
  'site.manage': { mediator: { admin: 'own-org', coordinator: 'own-org' }, agency: { admin: 'own-org', coordinator: 'own-org' } },
  // Who registers people may correct the registry: two records of one person become one.
  'person.merge': {
    mediator: { registrar: 'own-org' },
    agency: { admin: 'own-org', coordinator: 'own-org', registrar: 'own-org' },
  },
  // Sharing lets another agency carry the person, never read them: names stay with the registering agency.
  'person.share': { agency: { admin: 'own-org', coordinator: 'own-org', registrar: 'own-org' } },
  // A flag names nothing, so any registrar may raise one; only the tracing desk sees both sides.
  'person.flag': { mediator: { registrar: 'own-org' }, agency: { admin: 'own-org', coordinator: 'own-org', registrar: 'own-org' } },
  'person.resolve': { mediator: { registrar: 'all' } },
  // The tracing desk exchanges records; it registers what it imports, so it is the registrar's.
  'person.exchange': { mediator: { registrar: 'all' } },
  'site.read': { mediator: EVERY_ROLE_ALL, party: EVERY_ROLE_ALL, agency: EVERY_ROLE_ALL },
  // Anyone with a login reports; reporting never suspends anything (that stays the mediator's decision).
  'incident.report': {
    mediator: { admin: 'all', coordinator: 'all', field: 'all', registrar: 'all' },
    party: { admin: 'all', coordinator: 'all', liaison: 'all', field: 'all' },
    agency: { admin: 'all', coordinator: 'all', field: 'all', registrar: 'all' },
  },
  'incident.read': { mediator: EVERY_ROLE_ALL, party: EVERY_ROLE_ALL, agency: EVERY_ROLE_ALL },
  'incident.verify': { mediator: { admin: 'all', coordinator: 'all' } },
  // A party's account is signed with its key, so only who signs for the party states it; the
  // mediator and agencies report and verify, they never speak for a party.
  'incident.state': { party: { liaison: 'all' } },
  // The public hears one voice: the mediator's, never a party's own version of events.
  'announcement.publish': { mediator: { admin: 'all', coordinator: 'all' } },
  // A hook sends the organisation's events to a system outside, under a secret that is a
  // credential: like accounts and keys, that is the admin's decision, for its own organisation only.
  'webhook.manage': { mediator: { admin: 'own-org' }, party: { admin: 'own-org' }, agency: { admin: 'own-org' } },
};

/** How far the actor may perform the action, or null when not at all. */
export function scopeOf(actor: Pick<Actor, 'orgKind' | 'role'>, action: Action): Scope | null {
  return POLICY[action][actor.orgKind]?.[actor.role] ?? null;
}

/** May the actor perform the action on a record owned by `ownerOrgId` (omit for a global record)? */
export function isAllowed(actor: Actor, action: Action, ownerOrgId?: string): boolean {
  const scope = scopeOf(actor, action);
  if (scope === null) return false;
  if (scope === 'all') return true;
  return scope === 'own-org' && ownerOrgId !== undefined && ownerOrgId === actor.orgId;
}

/** May the actor perform the action on a movement of `agencyId` that asks these parties to acknowledge? */
export function isAllowedOnMovement(actor: Actor, action: Action, movement: { agencyId: string; parties: readonly string[] }): boolean {
  const scope = scopeOf(actor, action);
  if (scope === 'all') return true;
  if (scope === 'own-org') return movement.agencyId === actor.orgId;
  if (scope === 'listed') return movement.parties.includes(actor.orgId);
  return false;
}

/** May the actor perform the action on a corridor that lists these parties? */
export function isAllowedOnCorridor(
  actor: Actor,
  action: Action,
  corridor: { parties: readonly string[]; everProposed: boolean },
): boolean {
  const scope = scopeOf(actor, action);
  if (scope === null) return false;
  // A corridor never proposed is the mediator's working draft: nobody else sees it yet.
  if (!corridor.everProposed && actor.orgKind !== 'mediator') return false;
  if (scope === 'all') return true;
  if (scope === 'listed') return corridor.parties.includes(actor.orgId);
  return false;
}

/**
 * Every action the actor may take at all, with its scope: what `/me` sends, so the console shows
 * a button only where the server would accept the command (the server still decides each one).
 */
export function actionsOf(actor: Pick<Actor, 'orgKind' | 'role'>): Partial<Record<Action, Scope>> {
  const actions: Partial<Record<Action, Scope>> = {};
  for (const action of Object.keys(POLICY) as Action[]) {
    const scope = scopeOf(actor, action);
    if (scope !== null) actions[action] = scope;
  }
  return actions;
}

export const POLICY_KINDS = ORG_KINDS;
export const POLICY_ROLES = ROLES;
