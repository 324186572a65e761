import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DomainError } from '../../domain/errors.ts';
import type { ServiceContext } from '../../services/context.ts';
import { login, logout, presentMe } from '../../services/identity.service.ts';
import { admitSignIn } from '../../services/sign-in-limits.service.ts';
import { clearSessionCookie, requireAuth, setSessionCookie } from '../auth.ts';
import { ProblemSchema } from '../schemas/common.ts';
import { LoginOut, MeOut } from '../schemas/identity.ts';

export const authRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  app.post(
    '/api/v1/auth/login',
    {
      // A stored login response would hold a live token, and tokens are kept only as hashes.
      // Limits are counted in the database (admitSignIn), shared by every instance.
      config: { idempotency: false },
      schema: {
        tags: ['identity'],
        summary: 'Sign in; returns a bearer token and sets the console cookie',
        body: Type.Object(
          { email: Type.String({ minLength: 3, maxLength: 320 }), password: Type.String({ minLength: 1, maxLength: 1000 }) },
          { additionalProperties: false },
        ),
        response: {
          200: LoginOut,
          400: ProblemSchema,
          401: ProblemSchema,
          429: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const refused = await admitSignIn(ctx, { address: request.ip, email: request.body.email });
      if (refused) {
        reply.header('retry-after', String(refused.retryAfterSeconds));
        throw new DomainError('rate_limited', 'RATE_LIMITED', 'Too many sign-in attempts: wait and try again.');
      }
      const result = await login(ctx, request.body);
      setSessionCookie(request, reply, result.token, result.expiresAt);
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
          200: MeOut,
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
