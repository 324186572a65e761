import { createHash } from 'node:crypto';
import type { OutgoingHttpHeaders } from 'node:http';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import type { ContentEncoding } from '../domain/http-cache.ts';
import type { ServiceContext } from './context.ts';
import { observePublishes, type ChangeEvent } from './events.ts';
import type { LiveHub } from './live.service.ts';
import { PUBLIC_ARTEFACTS, pathsOf, type PublicArtefact, type PublicSnapshot } from './public-artefacts.ts';
import { listPublicCorridors } from './public.service.ts';

/** One public path ready to send: its bytes in each coding and the headers to send them with. */
export interface ReadyArtefact {
  path: string;
  etag: string;
  lastModified: string;
  body: Record<ContentEncoding, Buffer>;
  headers: Record<ContentEncoding, OutgoingHttpHeaders>;
  notModified: OutgoingHttpHeaders;
}

export interface PublicSnapshotService {
  /** The artefact of a path, or undefined when unknown or not yet rebuilt after a change. */
  lookup(path: string): ReadyArtefact | undefined;
  current(): PublicSnapshot | null;
  /** Resolves once the snapshot holds every change this instance has heard of. */
  fresh(): Promise<void>;
  /** Headers every answer carries (the security headers helmet sets on the rest of the site). */
  setBaseHeaders(headers: OutgoingHttpHeaders): void;
  start(): Promise<void>;
  stop(): void;
}

/** A change of any of these may change what the public page shows. */
const affectsPublic = (event: ChangeEvent): boolean => event.subjectType === 'corridor' || event.type === 'incident.reported';

const STALE_WHILE_REVALIDATE_S = 60;

function strongEtag(text: string | Buffer): string {
  return `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;
}

function compress(identity: Buffer): Record<ContentEncoding, Buffer> {
  return {
    identity,
    gzip: gzipSync(identity, { level: 9 }),
    br: brotliCompressSync(identity, {
      params: {
        [zlibConstants.BROTLI_PARAM_QUALITY]: identity.length > 256 * 1024 ? 9 : 11,
        [zlibConstants.BROTLI_PARAM_SIZE_HINT]: identity.length,
      },
    }),
  };
}

/**
 * The public snapshot: the public corridor views computed once per change (a corridor command on
 * any instance, a window opening or closing by the clock) and every public artefact rendered from
 * it in identity, gzip and brotli, so a request costs no database access and no rendering.
 */
export function createPublicSnapshot(
  ctx: ServiceContext,
  live: LiveHub,
  onError: (error: unknown) => void,
  artefacts: readonly PublicArtefact[] = PUBLIC_ARTEFACTS,
): PublicSnapshotService {
  let table = new Map<string, ReadyArtefact>();
  let snapshot: PublicSnapshot | null = null;
  let baseHeaders: OutgoingHttpHeaders = {};
  let heard = 0;
  let built = -1;
  let running: Promise<void> | null = null;
  const unsubscribes: (() => void)[] = [];
  const observed = new WeakSet<ChangeEvent>();

  const ready = (artefact: PublicArtefact, path: string, rendered: string | Buffer, etag: string, previous: ReadyArtefact | undefined): ReadyArtefact => {
    // Last-Modified moves only when the content does, like the ETag.
    const lastModified = previous?.etag === etag ? previous.lastModified : new Date(snapshot?.generatedAt ?? Date.now()).toUTCString();
    const body = compress(Buffer.isBuffer(rendered) ? rendered : Buffer.from(rendered, 'utf8'));
    const caching: OutgoingHttpHeaders = {
      ...baseHeaders,
      etag,
      'last-modified': lastModified,
      'cache-control': `public, max-age=${artefact.maxAge ?? 15}, stale-while-revalidate=${STALE_WHILE_REVALIDATE_S}`,
      vary: 'Accept-Encoding',
    };
    const headersOf = (encoding: ContentEncoding): OutgoingHttpHeaders => ({
      ...caching,
      'content-type': artefact.contentType,
      'content-length': body[encoding].length,
      ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }),
    });
    return {
      path,
      etag,
      lastModified,
      body,
      headers: { identity: headersOf('identity'), gzip: headersOf('gzip'), br: headersOf('br') },
      notModified: caching,
    };
  };

  const render = (next: PublicSnapshot): Map<string, ReadyArtefact> => {
    const rendered = new Map<string, ReadyArtefact>();
    for (const artefact of artefacts) {
      for (const { path, lang } of pathsOf(artefact)) {
        try {
          const body = artefact.render(next, lang);
          const etag = strongEtag(artefact.etagOf ? artefact.etagOf(next, lang) : body);
          rendered.set(path, ready(artefact, path, body, etag, table.get(path)));
        } catch (error) {
          // One broken renderer must not take the others down: its path falls through to Fastify.
          onError(error);
        }
      }
    }
    return rendered;
  };

  const buildOnce = async (): Promise<void> => {
    const list = await listPublicCorridors(ctx);
    const next: PublicSnapshot = { corridors: list.items, generatedAt: list.generatedAt, announcements: null };
    snapshot = next;
    table = render(next);
  };

  const rebuild = (): Promise<void> => {
    running ??= (async () => {
      try {
        while (built < heard) {
          const target = heard;
          try {
            await buildOnce();
          } catch (error) {
            onError(error);
          }
          // On failure the last good table stays; the next change tries again.
          built = target;
        }
      } finally {
        running = null;
      }
    })();
    return running;
  };

  const invalidate = (): void => {
    heard += 1;
    void rebuild();
  };

  return {
    lookup(path) {
      return built === heard ? table.get(path) : undefined;
    },
    current: () => snapshot,
    async fresh() {
      while (built < heard) await rebuild();
    },
    setBaseHeaders(headers) {
      baseHeaders = headers;
      if (snapshot) table = render(snapshot);
    },
    async start() {
      unsubscribes.push(
        // Stale from the moment this instance publishes, so its own caller reads its own write.
        observePublishes(ctx.events, (event) => {
          if (!affectsPublic(event)) return;
          observed.add(event);
          invalidate();
        }),
        // Changes made on other instances arrive here (PostgreSQL LISTEN); the in-process bus
        // hands back the very event already observed, which needs no second rebuild.
        ctx.events.subscribe((event) => {
          if (affectsPublic(event) && !observed.has(event)) invalidate();
        }),
        live.watchPublic(async () => {
          heard += 1;
          await rebuild();
        }),
      );
      heard += 1;
      await rebuild();
    },
    stop() {
      for (const unsubscribe of unsubscribes.splice(0)) unsubscribe();
    },
  };
}
