import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Lang } from '../domain/gazetteer.ts';
import { etagMatches, preferredEncoding, publicLangOf, type ContentEncoding } from '../domain/http-cache.ts';
import type { PublicSnapshotService } from '../services/public-snapshot.service.ts';
import type { HotCounts } from './metrics.ts';
import { PUBLIC_STREAM_PATH, type PublicStream } from './public-stream.ts';

/** Headers of an answer that are about that answer, not the site's security policy. */
const PER_ANSWER = new Set(['content-type', 'content-length', 'cache-control', 'etag', 'last-modified', 'date', 'connection', 'keep-alive', 'vary', 'x-request-id', 'transfer-encoding', 'content-encoding']);

/**
 * The security headers (CSP, nosniff, frame and referrer policies…) the rest of the site gets
 * from helmet, read off a real answer of the ready server, so answers sent in front of Fastify
 * carry exactly the same ones.
 */
export async function securityHeadersOf(app: FastifyInstance): Promise<OutgoingHttpHeaders> {
  const response = await app.inject({ method: 'GET', url: '/api/v1/public/config' });
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (!PER_ANSWER.has(name) && value !== undefined) headers[name] = value;
  }
  return headers;
}

/** Most clients send one of a few Accept-Encoding values: remember what each one gets. */
const encodingCache = new Map<string, ContentEncoding>();
function encodingFor(header: string | undefined): ContentEncoding {
  if (header === undefined) return 'identity';
  let encoding = encodingCache.get(header);
  if (encoding === undefined) {
    encoding = preferredEncoding(header);
    if (encodingCache.size < 256) encodingCache.set(header, encoding);
  }
  return encoding;
}

/**
 * The language a query asks for: null for none, undefined for a query the hot path leaves to the
 * route (anything but a single known `lang=`), which validates it and answers 400 when it is bad.
 */
function langOfQuery(query: string): Lang | null | undefined {
  if (query === '') return null;
  return query.startsWith('lang=') ? (publicLangOf(query.slice(5)) ?? undefined) : undefined;
}

/** What a public path answers from the snapshot: the status, its headers, and the bytes (none for HEAD or 304). */
export interface PublicAnswer {
  status: 200 | 304;
  headers: OutgoingHttpHeaders;
  body: Buffer | null;
  /** The route pattern metrics count it under. */
  route: string;
}

/** The request fields a snapshot answer depends on. */
export interface PublicQuestion {
  method: string;
  /** The request target as sent: path and query. */
  url: string;
  ifNoneMatch: string | undefined;
  acceptEncoding: string | undefined;
  acceptLanguage: string | undefined;
}

/**
 * The snapshot's answer to a GET/HEAD, decided the same way whichever front sends it; null for
 * anything the snapshot does not hold as it is asked (other methods, paths, queries), and for a
 * path being rebuilt, which the Fastify route then answers once the rebuild is done.
 */
export function publicAnswerOf(snapshot: PublicSnapshotService, question: PublicQuestion): PublicAnswer | null {
  const answer = answerOf(snapshot, question);
  return answer === 'rebuilding' ? null : answer;
}

/**
 * The same, or, for a path being rebuilt, the rebuild to wait for before asking again: a front
 * that can hold a connection's next request (the wire front) answers it fresh itself.
 */
export function publicAnswerOrRebuild(snapshot: PublicSnapshotService, question: PublicQuestion): PublicAnswer | null | Promise<void> {
  const answer = answerOf(snapshot, question);
  return answer === 'rebuilding' ? snapshot.fresh() : answer;
}

function answerOf(snapshot: PublicSnapshotService, question: PublicQuestion): PublicAnswer | null | 'rebuilding' {
  const { method, url } = question;
  if (method !== 'GET' && method !== 'HEAD') return null;
  const mark = url.indexOf('?');
  const path = mark < 0 ? url : url.slice(0, mark);
  const lang = mark < 0 ? null : langOfQuery(url.slice(mark + 1));
  if (lang === undefined) return null;
  const artefact = snapshot.lookup(path, lang, question.acceptLanguage);
  if (!artefact) return snapshot.rebuilding(path) ? 'rebuilding' : null;
  if (etagMatches(question.ifNoneMatch, artefact.etag)) return { status: 304, headers: artefact.notModified, body: null, route: artefact.route };
  const encoding = encodingFor(question.acceptEncoding);
  return { status: 200, headers: artefact.headers[encoding], body: method === 'HEAD' ? null : artefact.body[encoding], route: artefact.route };
}

/**
 * Answers GET/HEAD of a path the public snapshot holds, and the public event stream, straight on
 * the raw request: no Fastify request cycle, no database, no log line (metrics still count).
 * Returns false for everything else, which then goes to Fastify untouched.
 */
export function createPublicHotPath(
  snapshot: PublicSnapshotService,
  stream: PublicStream | null,
  counts: HotCounts,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const method = req.method ?? '';
    const url = req.url ?? '';
    const mark = url.indexOf('?');
    if (stream && method === 'GET' && (mark < 0 ? url : url.slice(0, mark)) === PUBLIC_STREAM_PATH) {
      stream.attach(req, res);
      counts.add(method, PUBLIC_STREAM_PATH, 200);
      return true;
    }
    const answer = publicAnswerOf(snapshot, {
      method,
      url,
      ifNoneMatch: req.headers['if-none-match'],
      acceptEncoding: req.headers['accept-encoding'],
      acceptLanguage: req.headers['accept-language'],
    });
    if (!answer) return false;
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body ?? undefined);
    counts.add(method, answer.route, answer.status);
    return true;
  };
}

/**
 * The same answer through Fastify, for a route of a snapshot path: waits for a rebuild in
 * progress, then sends the ready bytes. False when the snapshot has no such path.
 */
export async function replyFromSnapshot(snapshot: PublicSnapshotService, request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
  await snapshot.fresh();
  const lang = publicLangOf((request.query as { lang?: unknown } | undefined)?.lang);
  const artefact = snapshot.lookup(request.url.split('?')[0] ?? '', lang, request.headers['accept-language']);
  if (!artefact) return false;
  if (etagMatches(request.headers['if-none-match'], artefact.etag)) {
    reply.headers(artefact.notModified).code(304).send(null);
    return true;
  }
  const encoding = encodingFor(request.headers['accept-encoding']);
  reply.headers(artefact.headers[encoding]).send(request.method === 'HEAD' ? null : artefact.body[encoding]);
  return true;
}

/**
 * A route of a public artefact: it answers from the snapshot only, never from the database.
 * `missing` is what a path the snapshot lacks is (a 404 for an alert that never was); without
 * one it is a server error, since the snapshot renders every such path.
 */
export function fromSnapshot(
  snapshot: PublicSnapshotService | undefined,
  missing: () => Error = () => new Error('the public snapshot has no such artefact'),
): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  return async (request, reply) => {
    // The answer is sent; an async handler resolving to nothing leaves it as it is.
    if (snapshot && (await replyFromSnapshot(snapshot, request, reply))) return;
    throw missing();
  };
}
