import { createHash, randomBytes } from 'node:crypto';
import { DomainError, forbidden, notFound } from '../domain/errors.ts';
import {
  isRoleAllowedInKind,
  MIN_PASSWORD_LENGTH,
  normaliseEmail,
  ROLES_BY_KIND,
  type Actor,
  type OrgKind,
  type Role,
} from '../domain/identity.ts';
import { actionsOf, isAllowed, scopeOf } from '../domain/policy.ts';
import { findOrgById, findOrgByName, insertOrg, listOrgs, type OrgRow } from '../store/orgs.repository.ts';
import { decodeCursor, pageLimit, toPage, type Page, type PageRequest } from '../store/pagination.ts';
import { deleteExpiredSessions, deleteSession, findLiveSession, insertSession } from '../store/sessions.repository.ts';
import { findUserByEmail, insertUser, listUsers, type UserRow } from '../store/users.repository.ts';
import { runCommand } from './command.ts';
import { ensureOrgKey } from './keys.service.ts';
import type { ServiceContext } from './context.ts';
import { newId } from './ids.ts';
import { decoyPasswordHash, hashPassword, verifyPassword } from './passwords.ts';
import { noteSignInFailure } from './sign-in-limits.service.ts';
import type { LoginOutT, MeOutT, OrgOutT, UserOutT } from '../http/schemas/identity.ts';

/** An organisation, a user and the signed-in user as the API gives them (src/http/schemas/identity.ts). */
export type OrgView = OrgOutT;
export type UserView = UserOutT;
export type MeView = MeOutT;

export const DEFAULT_TIME_ZONE = 'Europe/Kyiv';

export function presentOrg(row: OrgRow): OrgView {
  return { id: row.id, name: row.name, kind: row.kind as OrgKind, timeZone: row.time_zone, createdAt: row.created_at };
}

export function presentUser(row: UserRow): UserView {
  return { id: row.id, email: row.email, name: row.name, role: row.role as Role, orgId: row.org_id };
}

/** Tokens are random; only their SHA-256 is stored, so a copy of the database opens no session. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * How a session is named on the event bus (PostgreSQL NOTIFY reaches every instance): a hash of
 * the stored hash, so a listener learns nothing that would look a session up or open it.
 */
export function sessionRefOf(token: string): string {
  return createHash('sha256').update(`session:${hashToken(token)}`, 'utf8').digest('hex').slice(0, 32);
}

/** Published when a session ends by logout: every instance closes that session's streams. */
export const SESSION_ENDED = 'session.ended';

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new DomainError('rule', 'PASSWORD_TOO_SHORT', `A password needs at least ${MIN_PASSWORD_LENGTH} characters.`, [
      { path: '/password', message: `at least ${MIN_PASSWORD_LENGTH} characters` },
    ]);
  }
}

// ── Sessions ────────────────────────────────────────────────────────────────

export type LoginResult = LoginOutT;

const WRONG_CREDENTIALS = (): DomainError =>
  new DomainError('unauthenticated', 'WRONG_CREDENTIALS', 'Wrong email or password.');

export async function login(ctx: ServiceContext, input: { email: string; password: string }): Promise<LoginResult> {
  const user = await findUserByEmail(ctx.db, normaliseEmail(input.email));
  const passwordOk = await verifyPassword(input.password, user?.password_hash ?? (await decoyPasswordHash()));
  if (!user || !passwordOk || user.disabled) {
    await noteSignInFailure(ctx, input.email);
    throw WRONG_CREDENTIALS();
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(ctx.now().getTime() + ctx.config.sessionHours * 3_600_000).toISOString();
  return runCommand(ctx, { userId: user.id, orgId: user.org_id }, async (trx, nowIso) => {
    await deleteExpiredSessions(trx, nowIso);
    await insertSession(trx, { token_hash: hashToken(token), user_id: user.id, created_at: nowIso, expires_at: expiresAt });
    return {
      result: { token, expiresAt, user: presentUser(user) },
      audit: { action: 'session.login', subjectType: 'user', subjectId: user.id, payload: { expiresAt } },
    };
  });
}

export async function logout(ctx: ServiceContext, actor: Actor, token: string): Promise<void> {
  await runCommand(ctx, actor, async (trx) => {
    await deleteSession(trx, hashToken(token));
    return {
      result: undefined,
      audit: { action: 'session.logout', subjectType: 'user', subjectId: actor.userId, payload: {} },
      event: { type: SESSION_ENDED, subjectType: 'session', subjectId: sessionRefOf(token), orgId: actor.orgId },
    };
  });
}

/** The actor behind a bearer token, or undefined for an unknown or expired one. */
export async function authenticate(
  ctx: ServiceContext,
  token: string,
): Promise<{ actor: Actor; user: UserRow; org: OrgRow; expiresAt: string } | undefined> {
  const found = await findLiveSession(ctx.db, hashToken(token), ctx.now().toISOString());
  if (!found || found.user.disabled) return undefined;
  return {
    actor: {
      userId: found.user.id,
      orgId: found.org.id,
      orgKind: found.org.kind as OrgKind,
      role: found.user.role as Role,
    },
    user: found.user,
    org: found.org,
    expiresAt: found.expiresAt,
  };
}

// ── Organisations ───────────────────────────────────────────────────────────

export interface NewOrg {
  name: string;
  kind: OrgKind;
  timeZone?: string | undefined;
}

async function insertNewOrg(ctx: ServiceContext, actor: Actor | null, input: NewOrg): Promise<OrgView> {
  const name = input.name.trim();
  const timeZone = input.timeZone ?? DEFAULT_TIME_ZONE;
  if (!isValidTimeZone(timeZone)) {
    throw new DomainError('invalid', 'INVALID_TIME_ZONE', 'Unknown time zone.', [
      { path: '/timeZone', message: 'must be an IANA time zone such as Europe/Kyiv' },
    ]);
  }
  return runCommand(ctx, actor, async (trx, nowIso) => {
    if (await findOrgByName(trx, name)) {
      throw new DomainError('conflict', 'ORG_EXISTS', 'An organisation with this name exists already.');
    }
    const row: OrgRow = { id: newId(), name, kind: input.kind, time_zone: timeZone, created_at: nowIso };
    await insertOrg(trx, row);
    // Only the operator's key is made here; a party makes its own on its liaison's device.
    if (row.kind === 'mediator') await ensureOrgKey(trx, ctx, row.id, nowIso);
    return {
      result: presentOrg(row),
      audit: { action: 'org.create', subjectType: 'org', subjectId: row.id, payload: { name, kind: input.kind, timeZone } },
      event: { type: 'org.created', subjectType: 'org', subjectId: row.id, orgId: row.id },
    };
  });
}

export async function createOrg(ctx: ServiceContext, actor: Actor, input: NewOrg): Promise<OrgView> {
  if (!isAllowed(actor, 'org.create')) throw forbidden('create organisations');
  return insertNewOrg(ctx, actor, input);
}

export async function listOrganisations(ctx: ServiceContext, actor: Actor, page: PageRequest): Promise<Page<OrgView>> {
  const scope = scopeOf(actor, 'org.list');
  if (!scope) throw forbidden('list organisations');
  const limit = pageLimit(page);
  const rows = await listOrgs(ctx.db, {
    limit,
    afterId: decodeCursor(page.cursor),
    onlyId: scope === 'own-org' ? actor.orgId : undefined,
  });
  return toPage(rows, limit, presentOrg);
}

export async function getOrganisation(ctx: ServiceContext, actor: Actor, orgId: string): Promise<OrgView> {
  const row = await findOrgById(ctx.db, orgId);
  if (!row || !isAllowed(actor, 'org.list', row.id)) throw notFound('organisation');
  return presentOrg(row);
}

// ── Users ───────────────────────────────────────────────────────────────────

export interface NewUser {
  orgId: string;
  email: string;
  name: string;
  password: string;
  role: Role;
}

async function insertNewUser(ctx: ServiceContext, actor: Actor | null, org: OrgRow, input: NewUser): Promise<UserView> {
  const kind = org.kind as OrgKind;
  if (!isRoleAllowedInKind(input.role, kind)) {
    throw new DomainError('rule', 'ROLE_NOT_IN_ORG_KIND', `A ${kind} organisation has no "${input.role}" role.`, [
      { path: '/role', message: `one of: ${ROLES_BY_KIND[kind].join(', ')}` },
    ]);
  }
  checkPassword(input.password);
  const email = normaliseEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  return runCommand(ctx, actor, async (trx, nowIso) => {
    if (await findUserByEmail(trx, email)) {
      throw new DomainError('conflict', 'EMAIL_TAKEN', 'A user with this email exists already.');
    }
    const row: UserRow = {
      id: newId(),
      org_id: org.id,
      email,
      name: input.name.trim(),
      role: input.role,
      password_hash: passwordHash,
      disabled: 0,
      created_at: nowIso,
    };
    await insertUser(trx, row);
    return {
      result: presentUser(row),
      // Email and name are personal data: the audit payload names only the org and role.
      audit: { action: 'user.create', subjectType: 'user', subjectId: row.id, payload: { orgId: org.id, role: row.role } },
      event: { type: 'user.created', subjectType: 'user', subjectId: row.id, orgId: org.id },
    };
  });
}

export async function createUser(ctx: ServiceContext, actor: Actor, input: NewUser): Promise<UserView> {
  const org = await findOrgById(ctx.db, input.orgId);
  // An org the caller may not see answers like a missing one: it must not learn it exists.
  if (!org || !isAllowed(actor, 'org.list', org.id)) throw notFound('organisation');
  if (!isAllowed(actor, 'user.create', org.id)) throw forbidden('create users in this organisation');
  return insertNewUser(ctx, actor, org, input);
}

export async function listUserAccounts(
  ctx: ServiceContext,
  actor: Actor,
  query: PageRequest & { orgId?: string | undefined },
): Promise<Page<UserView>> {
  const scope = scopeOf(actor, 'user.list');
  if (!scope) throw forbidden('list users');
  if (scope === 'own-org' && query.orgId && query.orgId !== actor.orgId) throw forbidden('list users of another organisation');
  const limit = pageLimit(query);
  const rows = await listUsers(ctx.db, {
    limit,
    afterId: decodeCursor(query.cursor),
    orgId: scope === 'own-org' ? actor.orgId : query.orgId,
  });
  return toPage(rows, limit, presentUser);
}

export function presentMe(user: UserRow, org: OrgRow): MeView {
  const me = presentUser(user);
  const orgView = presentOrg(org);
  return { ...me, org: orgView, actions: actionsOf({ orgKind: orgView.kind, role: me.role }) };
}

// ── Set-up (CLI `init` and the demo; no actor: these run on the operator's own machine) ────

export interface InitInput {
  orgName: string;
  email: string;
  password: string;
  name?: string | undefined;
}

export interface InitResult {
  org: OrgView;
  user: UserView;
  created: { org: boolean; user: boolean };
}

/** Creates the mediator organisation and its admin; running it again with the same email changes nothing. */
export async function initMediator(ctx: ServiceContext, input: InitInput): Promise<InitResult> {
  const existingUser = await findUserByEmail(ctx.db, normaliseEmail(input.email));
  if (existingUser) {
    const org = await findOrgById(ctx.db, existingUser.org_id);
    if (!org) throw new Error('user without organisation');
    return { org: presentOrg(org), user: presentUser(existingUser), created: { org: false, user: false } };
  }
  // Checked before the organisation is created, so a refused init leaves nothing behind.
  checkPassword(input.password);
  const org = await ensureOrg(ctx, { name: input.orgName, kind: 'mediator' });
  const user = await insertNewUser(ctx, null, org.row, {
    orgId: org.row.id,
    email: input.email,
    name: input.name ?? 'Administrator',
    password: input.password,
    role: 'admin',
  });
  return { org: presentOrg(org.row), user, created: { org: org.created, user: true } };
}

/** Finds an organisation by name or creates it; a different kind under that name is a conflict. */
export async function ensureOrg(ctx: ServiceContext, input: NewOrg): Promise<{ row: OrgRow; created: boolean }> {
  const existing = await findOrgByName(ctx.db, input.name.trim());
  if (existing) {
    if (existing.kind !== input.kind) {
      throw new DomainError('conflict', 'ORG_KIND_MISMATCH', `"${existing.name}" exists already as a ${existing.kind}.`);
    }
    return { row: existing, created: false };
  }
  const view = await insertNewOrg(ctx, null, input);
  const row = await findOrgById(ctx.db, view.id);
  if (!row) throw new Error('organisation vanished after insert');
  return { row, created: true };
}

/** Creates a user unless the email exists (the demo and tests seed with this). */
export async function ensureUser(ctx: ServiceContext, org: OrgRow, input: Omit<NewUser, 'orgId'>): Promise<UserView> {
  const existing = await findUserByEmail(ctx.db, normaliseEmail(input.email));
  if (existing) return presentUser(existing);
  return insertNewUser(ctx, null, org, { ...input, orgId: org.id });
}
