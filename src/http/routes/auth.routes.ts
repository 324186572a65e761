import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { normaliseEmail } from '../../domain/identity.ts';
import type { ServiceContext } from '../../services/context.ts';
import { login, logout, presentMe } from '../../services/identity.service.ts';
import { clearSessionCookie, requireAuth, setSessionCookie } from '../auth.ts';
import { OrgSchema, ProblemSchema, UserSchema } from '../schemas/common.ts';

export const authRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  app.post(
    '/api/v1/auth/login',
    {
      // A stored login response would hold a live token, and tokens are kept only as hashes.
      config: {
        idempotency: false,
        rateLimit: {
          max: ctx.config.loginAttemptsPerMinute,
          timeWindow: 60_000,
          // Per address and account, so one office behind a NAT does not lock out its colleagues.
          // The account is keyed exactly as the user is looked up (NFKC, lower case): otherwise
          // each full-width or mixed-case spelling of one address would get a bucket of its own.
          keyGenerator: (request) => {
            const body = request.body as { email?: unknown } | undefined;
            const email = typeof body?.email === 'string' ? normaliseEmail(body.email) : '';
            return `${request.ip}|${email}`;
          },
        },
      },
      schema: {
        tags: ['identity'],
        summary: 'Sign in; returns a bearer token and sets the console cookie',
        body: Type.Object(
          { email: Type.String({ minLength: 3, maxLength: 320 }), password: Type.String({ minLength: 1, maxLength: 1000 }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ token: Type.String(), expiresAt: Type.String(), user: UserSchema }),
          400: ProblemSchema,
          401: ProblemSchema,
          429: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const result = await login(ctx, request.body);
      setSessionCookie(request, reply, result.token, result.expiresAt);
      reply.header('cache-control', 'no-store');
      return result;
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { schema: { tags: ['identity'], summary: 'End this session', response: { 204: Type.Null(), 401: ProblemSchema } } },
    async (request, reply) => {
      const auth = await requireAuth(ctx, request);
      await logout(ctx, auth.actor, auth.token);
      clearSessionCookie(reply);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/me',
    {
      schema: {
        tags: ['identity'],
        summary: 'The signed-in user and organisation',
        response: {
          200: Type.Intersect([
            UserSchema,
            Type.Object({
              org: OrgSchema,
              actions: Type.Record(Type.String(), Type.Enum(['all', 'own-org', 'listed'] as const), {
                description: 'Each action of the policy table this user may take, with its scope (docs/permissions.md)',
              }),
            }),
          ]),
          401: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const auth = await requireAuth(ctx, request);
      reply.header('cache-control', 'no-store');
      return presentMe(auth.user, auth.org);
    },
  );
};
