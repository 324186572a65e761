import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DomainError } from '../../domain/errors.ts';
import type { BBox } from '../../domain/geo.ts';
import { INCIDENT_TYPES, SEVERITIES, VERIFICATIONS } from '../../domain/incident.ts';
import type { ServiceContext } from '../../services/context.ts';
import { clearHazard, listIncidents, reportIncident, verifyIncident } from '../../services/incident.service.ts';
import { requireAuth } from '../auth.ts';
import { AUTH_ERRORS, IdParams, ProblemSchema } from '../schemas/common.ts';
import { Instant } from '../schemas/corridor.ts';
import { IncidentOut, IncidentReportedOut, IncidentRecordOut, IncidentStatementOut, IncidentStatementTextOut, StatementText } from '../schemas/incident.ts';
import { SignatureFields } from '../schemas/signing.ts';
import { addIncidentStatement, getIncident, incidentStatement, suspendForIncident } from '../../services/incident-record.service.ts';

const COMMAND_ERRORS = { ...AUTH_ERRORS, 404: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema };

function parseBbox(text: string | undefined): BBox | undefined {
  if (text === undefined) return undefined;
  const [minLon, minLat, maxLon, maxLat] = text.split(',').map(Number);
  const ok = [minLon, minLat, maxLon, maxLat].every((n) => n !== undefined && Number.isFinite(n));
  if (!ok || minLon! > maxLon! || minLat! > maxLat! || Math.abs(minLat!) > 90 || Math.abs(maxLat!) > 90 || Math.abs(minLon!) > 180 || Math.abs(maxLon!) > 180) {
    throw new DomainError('invalid', 'INVALID_BBOX', 'bbox is minLon,minLat,maxLon,maxLat in degrees.', [{ path: 'query/bbox', message: 'minLon,minLat,maxLon,maxLat' }]);
  }
  return { minLon: minLon!, minLat: minLat!, maxLon: maxLon!, maxLat: maxLat! };
}

export const incidentRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  app.post(
    '/api/v1/incidents',
    {
      schema: {
        tags: ['incidents'],
        summary: 'Report an incident; answers which corridors and movements it affects',
        body: Type.Object(
          {
            type: Type.Enum(INCIDENT_TYPES),
            lat: Type.Number({ minimum: -90, maximum: 90 }),
            lon: Type.Number({ minimum: -180, maximum: 180 }),
            occurredAt: Instant,
            severity: Type.Enum(SEVERITIES),
            description: Type.Optional(Type.String({ maxLength: 4000 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: IncidentReportedOut, ...COMMAND_ERRORS },
      },
    },
    async (request, reply) => {
      const { actor } = await requireAuth(ctx, request);
      return reply.code(201).send(await reportIncident(ctx, actor, request.body));
    },
  );

  app.get(
    '/api/v1/incidents',
    {
      schema: {
        tags: ['incidents'],
        summary: 'Incidents in a box and since a time',
        querystring: Type.Object({ bbox: Type.Optional(Type.String({ maxLength: 200 })), since: Type.Optional(Instant) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(IncidentOut) }), ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      const since = request.query.since ? new Date(request.query.since).toISOString() : undefined;
      return { items: await listIncidents(ctx, actor, { bbox: parseBbox(request.query.bbox), since }) };
    },
  );

  app.post(
    '/api/v1/incidents/:id/verification',
    {
      schema: {
        tags: ['incidents'],
        summary: 'The mediator marks an incident confirmed, disputed or unverified',
        params: IdParams,
        body: Type.Object({ status: Type.Enum(VERIFICATIONS), comment: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }),
        response: { 200: IncidentOut, ...COMMAND_ERRORS },
      },
    },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      return verifyIncident(ctx, actor, request.params.id, request.body);
    },
  );

  app.post(
    '/api/v1/incidents/:id/clear',
    {
      schema: {
        tags: ['incidents'],
        summary: 'Mark a hazard (mine/UXO, blocked road) cleared, recording who and when (mediator)',
        params: IdParams,
        body: Type.Object({ note: Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S' }) }, { additionalProperties: false }),
        response: { 200: IncidentOut, ...COMMAND_ERRORS },
      },
    },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      return clearHazard(ctx, actor, request.params.id, request.body);
    },
  );

  app.get(
    '/api/v1/incidents/:id',
    {
      schema: {
        tags: ['incidents'],
        summary: 'One incident with what it touched when reported, the suspensions it caused and each party’s signed statement',
        params: IdParams,
        response: { 200: IncidentRecordOut, ...AUTH_ERRORS, 404: ProblemSchema },
      },
    },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      return getIncident(ctx, actor, request.params.id);
    },
  );

  // POST, not GET: the text may be long, and a party's words do not belong in URLs and access logs.
  app.post(
    '/api/v1/incidents/:id/statement',
    {
      schema: {
        tags: ['incidents'],
        summary: 'The exact statement a party’s liaison signs to attach this text to the incident (changes nothing)',
        params: IdParams,
        body: Type.Object({ text: StatementText, signedAt: SignatureFields.signedAt }, { additionalProperties: false }),
        response: { 200: IncidentStatementTextOut, ...COMMAND_ERRORS },
      },
    },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      const { statement, textHash } = await incidentStatement(ctx, actor, request.params.id, request.body);
      return { statement, textHash };
    },
  );

  app.post(
    '/api/v1/incidents/:id/statements',
    {
      schema: {
        tags: ['incidents'],
        summary: 'A party’s liaison attaches the party’s own account, signed with its key like an approval',
        params: IdParams,
        body: Type.Object({ text: StatementText, ...SignatureFields }, { additionalProperties: false }),
        response: { 201: IncidentStatementOut, ...COMMAND_ERRORS },
      },
    },
    async (request, reply) => {
      const { actor } = await requireAuth(ctx, request);
      return reply.code(201).send(await addIncidentStatement(ctx, actor, request.params.id, request.body));
    },
  );

  app.post(
    '/api/v1/incidents/:id/suspend-corridors',
    {
      schema: {
        tags: ['incidents'],
        summary: 'The mediator suspends these corridors with the incident as the reason (one click from the alert); the outcome per corridor',
        params: IdParams,
        body: Type.Object(
          {
            corridorIds: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: 100 }),
            reason: Type.Optional(Type.String({ maxLength: 2000, description: 'defaults to the incident’s type, severity, time and id' })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            incidentId: Type.String(),
            reason: Type.String(),
            results: Type.Array(Type.Object({ corridorId: Type.String(), suspended: Type.Boolean(), code: Type.Optional(Type.String()), message: Type.Optional(Type.String()) })),
          }),
          ...COMMAND_ERRORS,
        },
      },
    },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      return suspendForIncident(ctx, actor, request.params.id, request.body);
    },
  );
};
