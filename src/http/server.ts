import { randomUUID } from 'node:crypto';
import http from 'node:http';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import type { ServiceContext } from '../services/context.ts';
import { createLiveHub, type LiveHub } from '../services/live.service.ts';
import { installIdempotency } from './idempotency.ts';
import { HotCounts, installMetrics } from './metrics.ts';
import { createPublicHotPath, publicAnswerOrRebuild } from './public-hot-path.ts';
import { installWireFront } from './wire-front.ts';
import type { PublicStream } from './public-stream.ts';
import type { PublicSnapshotService } from '../services/public-snapshot.service.ts';
import { notFoundProblem, PROBLEM_CONTENT_TYPE, toProblem } from './problem.ts';
import { tokenOf } from './auth.ts';
import { installSecurityHeaders } from './security-headers.ts';
import { installTextRules } from './text-rules.ts';
import { INSTANT_FORMAT, isStrictInstant } from '../domain/instant.ts';
import { PERSON_NAME_FORMAT, isPersonName } from '../domain/text.ts';
import { announcementRoutes } from './routes/announcements.routes.ts';
import { authRoutes } from './routes/auth.routes.ts';
import { corridorRoutes } from './routes/corridors.routes.ts';
import { keyRoutes } from './routes/keys.routes.ts';
import { incidentRoutes } from './routes/incidents.routes.ts';
import { movementRoutes } from './routes/movements.routes.ts';
import { peopleRoutes } from './routes/people.routes.ts';
import { personCorrectionRoutes } from './routes/person-corrections.routes.ts';
import { siteRoutes } from './routes/sites.routes.ts';
import { personLinkRoutes } from './routes/person-links.routes.ts';
import { userNameRoutes } from './routes/user-names.routes.ts';
import { pfifRoutes } from './routes/pfif.routes.ts';
import { streamRoutes } from './routes/stream.routes.ts';
import { orgRoutes } from './routes/orgs.routes.ts';
import { publicRoutes } from './routes/public.routes.ts';
import { feedRoutes } from './routes/feeds.routes.ts';
import { publicSiteRoutes } from './routes/public-site.routes.ts';
import { systemRoutes } from './routes/system.routes.ts';
import { userRoutes } from './routes/users.routes.ts';
import { webhookRoutes } from './routes/webhooks.routes.ts';
import { transparencyLogRoutes } from './routes/transparency-log.routes.ts';
import { contentSecurityPolicy, installWeb } from './web.ts';

export interface ServerOptions {
  /** pino options, or false for none; tests pass a stream to read what is logged. */
  logger?: FastifyServerOptions['logger'];
  webRoot?: string;
  live?: LiveHub;
  /** Public artefacts served from memory, in front of Fastify (see public-hot-path.ts). */
  publicSnapshot?: PublicSnapshotService;
  /** The public event stream for many readers; without it each reader gets its own serialisation. */
  publicStream?: PublicStream;
  /** Read requests on the socket and answer public artefacts there (wire-front.ts); on unless false. */
  wireFront?: boolean;
}

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Log lines carry the method, the route path without its query and the status: never bodies,
 * headers, tokens or personal data (docs/design.md §Data protection).
 */
export const LOG_SERIALIZERS = {
  req(request: { method: string; url: string; id: string }) {
    return { method: request.method, path: request.url.split('?')[0], id: request.id };
  },
  res(reply: { statusCode: number }) {
    return { statusCode: reply.statusCode };
  },
};

export function defaultLoggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    serializers: LOG_SERIALIZERS,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token'], censor: '[redacted]' },
  };
}

export async function buildServer(ctx: ServiceContext, options: ServerOptions = {}): Promise<FastifyInstance> {
  const hotCounts = new HotCounts();
  const { publicSnapshot, publicStream } = options;
  const hotPath = publicSnapshot ? createPublicHotPath(publicSnapshot, publicStream ?? null, hotCounts) : null;
  const app = Fastify({
    // Cached public answers are sent before Fastify's request cycle starts: at a national
    // audience that cycle, not the work, would be the cost. app.inject() does not pass here
    // and gets the same answers from the routes.
    ...(hotPath
      ? {
          serverFactory: (handler: http.RequestListener) => {
            const server = http.createServer((req, res) => {
              if (!hotPath(req, res)) handler(req, res);
            });
            if (publicSnapshot && options.wireFront !== false) {
              installWireFront(server, (question) => publicAnswerOrRebuild(publicSnapshot, question), publicStream ?? null, hotCounts);
            }
            return server;
          },
        }
      : {}),
    logger: options.logger ?? defaultLoggerOptions(ctx.config.logLevel),
    bodyLimit: ctx.config.bodyLimitBytes,
    // Event streams stay open for hours; closing the server must end them, not wait for them.
    forceCloseConnections: true,
    // The router's own refusals (an over-long or malformed path) answer problem+json too.
    frameworkErrors: (error, request, reply) => {
      const problem = toProblem(error);
      // The option's reply is typed for an unknown route's schema; this one sends a plain problem.
      void (reply as FastifyReply).code(problem.status).type(PROBLEM_CONTENT_TYPE).send({ ...problem, requestId: request.id });
    },
    trustProxy: process.env.TRUST_PROXY === 'true',
    requestIdHeader: false,
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
    },
    ajv: {
      // Unknown fields are refused, not silently dropped: a typo in a corridor field must show.
      customOptions: {
        removeAdditional: false,
        allErrors: true,
        coerceTypes: false,
        useDefaults: true,
        formats: { [INSTANT_FORMAT]: isStrictInstant, [PERSON_NAME_FORMAT]: isPersonName },
      },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorateRequest('authenticated', null);
  // Hooks with a callback, not async: an async hook costs each request a promise and a turn.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  // What a signed-in caller gets may hold names and birth dates: no cache, shared or private,
  // may keep it. Public answers set their own caching.
  app.addHook('onSend', (request, reply, payload, done) => {
    if (request.authenticated || tokenOf(request)) reply.header('cache-control', 'no-store');
    done(null, payload);
  });

  app.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    if (problem.status === 401) reply.header('www-authenticate', 'Bearer');
    return reply
      .code(problem.status)
      .type(PROBLEM_CONTENT_TYPE)
      .send({ ...problem, requestId: request.id });
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .type(PROBLEM_CONTENT_TYPE)
      .send({ ...notFoundProblem(), requestId: request.id }),
  );

  await app.register(fastifyCookie);
  installSecurityHeaders(app, {
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(ctx.config.tileUrl) },
    // The map may load tiles from another origin when configured.
    crossOriginEmbedderPolicy: false,
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Safe Passage API',
        version: '1',
        description: 'Humanitarian corridors: agreements, notifications, incidents, people and public information.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  installMetrics(app, hotCounts, ctx.config.metricsToken);
  installTextRules(app);
  installIdempotency(app, ctx);

  await app.register(systemRoutes, { ctx });
  await app.register(authRoutes, { ctx });
  await app.register(orgRoutes, { ctx });
  await app.register(userRoutes, { ctx });
  await app.register(publicRoutes, { ctx, snapshot: publicSnapshot });
  await app.register(feedRoutes, { ctx, snapshot: publicSnapshot });
  await app.register(transparencyLogRoutes, { ctx });
  await app.register(announcementRoutes, { ctx, snapshot: publicSnapshot });
  await app.register(corridorRoutes, { ctx });
  await app.register(keyRoutes, { ctx });
  await app.register(movementRoutes, { ctx });
  await app.register(incidentRoutes, { ctx });
  await app.register(webhookRoutes, { ctx });
  await app.register(peopleRoutes, { ctx });
  await app.register(personCorrectionRoutes, { ctx });
  await app.register(siteRoutes, { ctx });
  await app.register(personLinkRoutes, { ctx });
  await app.register(userNameRoutes, { ctx });
  await app.register(pfifRoutes, { ctx });
  await app.register(streamRoutes, { ctx, live: options.live ?? createLiveHub(ctx, (error) => app.log.error({ err: error })), publicStream });
  await app.register(publicSiteRoutes, { snapshot: publicSnapshot });
  await installWeb(app, options.webRoot);

  return app;
}
