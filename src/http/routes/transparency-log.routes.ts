import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DomainError } from '../../domain/errors.ts';
import type { ServiceContext } from '../../services/context.ts';
import { addCosignature } from '../../services/cosignatures.service.ts';
import { consistencyProof, inclusionProof, latestCheckpoint, latestCosignedCheckpoint, logVerifierKey } from '../../services/transparency-log.service.ts';

/**
 * The transparency log's public endpoints (docs/transparency-log.md): the signed checkpoint, the
 * proofs, the log's verifier key, and witnesses' cosignatures. No login: the point is that
 * people outside the operator check the log. Leaves are hashes only, so nothing here is personal.
 */

const Count = Type.String({ maxLength: 20 });

/** A query number: decimal digits only, so "1.5", "-1", "1e3" and "" are refused, not rounded. */
function count(value: string, name: string): number {
  const n = /^[0-9]{1,15}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n)) {
    const message = `${name} must be a non-negative whole number.`;
    throw new DomainError('invalid', 'LOG_PARAMETER_INVALID', message, [{ path: `/${name}`, message }]);
  }
  return n;
}

const unavailable = () => new DomainError('not_found', 'CHECKPOINT_NOT_FOUND', 'The log has no key yet: no mediator organisation exists.');

const CosignatureOut = Type.Object({
  name: Type.String(),
  keyId: Type.String(),
  publicKey: Type.String(),
  orgId: Type.Union([Type.String(), Type.Null()]),
  timestamp: Type.Integer(),
  cosignedAt: Type.String(),
  line: Type.String(),
});

export const CheckpointOut = Type.Object({
  origin: Type.String(),
  size: Type.Integer(),
  rootHex: Type.String(),
  body: Type.String(),
  signature: Type.String(),
  note: Type.String(),
  cosignatures: Type.Array(CosignatureOut),
  createdAt: Type.String(),
});

export const transparencyLogRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  app.get(
    '/api/v1/public/checkpoint',
    {
      schema: {
        tags: ['public'],
        summary: "The audit log's latest signed checkpoint (C2SP signed note, cosignatures appended); JSON with Accept: application/json",
      },
      logLevel: 'warn',
    },
    async (request, reply) => {
      const checkpoint = await latestCheckpoint(ctx);
      if (!checkpoint) throw unavailable();
      reply.header('cache-control', 'no-cache');
      const wantsJson = /application\/json/.test(request.headers.accept ?? '') && !/text\/plain/.test(request.headers.accept ?? '');
      if (wantsJson) {
        // Witnesses run every few minutes and checkpoints follow changes, so the latest is often
        // not cosigned yet: the JSON also names the newest one that is.
        const cosigned = checkpoint.cosignatures.length > 0 ? checkpoint : await latestCosignedCheckpoint(ctx);
        const latestCosigned = cosigned && { size: cosigned.size, rootHex: cosigned.rootHex, createdAt: cosigned.createdAt, cosignatures: cosigned.cosignatures };
        return reply.type('application/json; charset=utf-8').send({ ...checkpoint, latestCosigned });
      }
      return reply.type('text/plain; charset=utf-8').send(checkpoint.note);
    },
  );

  app.get(
    '/api/v1/public/log/key',
    { schema: { tags: ['public'], summary: "The log's signed-note verifier key (<origin>+<key id>+<base64 key>), what a witness pins" } },
    async (_request, reply) => {
      const key = await logVerifierKey(ctx);
      if (!key) throw unavailable();
      return reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=300').send(`${key}\n`);
    },
  );

  app.get(
    '/api/v1/public/log/inclusion',
    {
      schema: {
        tags: ['public'],
        summary: 'RFC 9162 inclusion proof of leaf `index` (audit event seq index + 1) in the tree of `size` leaves; hashes in hex',
        querystring: Type.Object({ index: Count, size: Count }),
        response: {
          200: Type.Object({ index: Type.Integer(), size: Type.Integer(), leafHex: Type.String(), rootHex: Type.String(), proof: Type.Array(Type.String()) }),
        },
      },
      logLevel: 'warn',
    },
    async (request) => inclusionProof(ctx, count(request.query.index, 'index'), count(request.query.size, 'size')),
  );

  app.get(
    '/api/v1/public/log/consistency',
    {
      schema: {
        tags: ['public'],
        summary: 'RFC 9162 consistency proof from the tree of `from` leaves to the tree of `to` leaves; hashes in hex',
        querystring: Type.Object({ from: Count, to: Count }),
        response: {
          200: Type.Object({ from: Type.Integer(), to: Type.Integer(), fromRootHex: Type.String(), toRootHex: Type.String(), proof: Type.Array(Type.String()) }),
        },
      },
      logLevel: 'warn',
    },
    async (request) => consistencyProof(ctx, count(request.query.from, 'from'), count(request.query.to, 'to')),
  );

  app.post(
    '/api/v1/public/checkpoint/cosignatures',
    {
      schema: {
        tags: ['public'],
        summary: "A witness's cosignature (C2SP tlog-cosignature/v1) of a checkpoint this log signed; verified against the parties' approved keys and WITNESS_KEYS",
        body: Type.Object({
          checkpoint: Type.String({ minLength: 1, maxLength: 4096, description: 'the checkpoint body, or the whole note as served' }),
          cosignature: Type.String({ minLength: 1, maxLength: 1024, description: 'one line "— <name> <base64>"' }),
        }),
        response: { 200: CheckpointOut, 201: CheckpointOut },
      },
    },
    async (request, reply) => {
      const { created, checkpoint } = await addCosignature(ctx, request.body);
      return reply.code(created ? 201 : 200).send(checkpoint);
    },
  );
};
