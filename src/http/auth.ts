import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../domain/errors.ts';
import type { Actor } from '../domain/identity.ts';
import type { ServiceContext } from '../services/context.ts';
import { authenticate } from '../services/identity.service.ts';
import type { OrgRow } from '../store/orgs.repository.ts';
import type { UserRow } from '../store/users.repository.ts';

/** The web console signs in with this HttpOnly cookie; API clients send `Authorization: Bearer`. */
export const SESSION_COOKIE = 'sp_session';

export interface Authenticated {
  actor: Actor;
  user: UserRow;
  org: OrgRow;
  token: string;
  /** When the session ends by itself: a stream opened with it closes then. */
  expiresAt: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    authenticated: Authenticated | null;
  }
}

export function tokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header);
    return match?.[1];
  }
  const cookie = request.cookies[SESSION_COOKIE];
  return cookie && cookie !== '' ? cookie : undefined;
}

/** The caller, or a 401 problem. Resolved once per request. */
export async function requireAuth(ctx: ServiceContext, request: FastifyRequest): Promise<Authenticated> {
  if (request.authenticated) return request.authenticated;
  const token = tokenOf(request);
  const found = token ? await authenticate(ctx, token) : undefined;
  if (!token || !found) {
    throw new DomainError('unauthenticated', 'NOT_AUTHENTICATED', 'Sign in first: the token is missing, expired or unknown.');
  }
  request.authenticated = { ...found, token };
  return request.authenticated;
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, expiresAt: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    path: '/',
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
