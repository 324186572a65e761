import { createHash } from 'node:crypto';
import type { OutgoingHttpHeaders } from 'node:http';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import type { Lang } from '../domain/gazetteer.ts';
import { negotiateLang, type ContentEncoding } from '../domain/http-cache.ts';
import { PUBLIC_LANGS } from '../domain/public-text.ts';
import { loadPublicAnnouncements } from './announcement.service.ts';
import type { ServiceContext } from './context.ts';
import { observePublishes, type ChangeEvent } from './events.ts';
import type { LiveHub } from './live.service.ts';
import { capAlertsOf, createCapSigner, mediatorSigningKey } from './feeds.service.ts';
import { latestCheckpoint, onNewCheckpoint } from './transparency-log.service.ts';
import { PUBLIC_ARTEFACTS, type PublicArtefact, type PublicSnapshot } from './public-artefacts.ts';
import { loadOutlines } from './poster.service.ts';
import { loadPublicState } from './public.service.ts';

/** One public path ready to send: its bytes in each coding and the headers to send them with. */
export interface ReadyArtefact {
  path: string;
  /** The route pattern its metrics count it under (never a raw URL with an id in it). */
  route: string;
  etag: string;
  lastModified: string;
  body: Record<ContentEncoding, Buffer>;
  headers: Record<ContentEncoding, OutgoingHttpHeaders>;
  notModified: OutgoingHttpHeaders;
}

/**
 * A path the snapshot answers: one artefact, or one per language (chosen by `?lang=`, else
 * Ukrainian, or else the reader's Accept-Language where the path negotiates).
 */
type Route = { one: ReadyArtefact } | { byLang: Partial<Record<Lang, ReadyArtefact>>; negotiated: boolean };

export interface PublicSnapshotService {
  /**
   * The artefact of a path in the language `?lang=` asked for (null: none asked), or undefined
   * when the path is unknown or not yet rebuilt after a change.
   */
  lookup(path: string, lang?: Lang | null, acceptLanguage?: string): ReadyArtefact | undefined;
  current(): PublicSnapshot | null;
  /** Whether `path` is one the snapshot answers and is being rebuilt now (`fresh()` waits for it). */
  rebuilding(path: string): boolean;
  /** Resolves once the snapshot holds every change this instance has heard of. */
  fresh(): Promise<void>;
  /** Headers every answer carries (the security headers helmet sets on the rest of the site). */
  setBaseHeaders(headers: OutgoingHttpHeaders): void;
  start(): Promise<void>;
  stop(): void;
}

/** A change of any of these may change what the public page, the feeds or the announcements show. */
const affectsPublic = (event: ChangeEvent): boolean =>
  event.subjectType === 'corridor' || event.subjectType === 'announcement' || event.type === 'incident.reported';

/** Most readers send one of a few Accept-Language values: remember what each one reads. */
const langCache = new Map<string, Lang>();
function langFor(header: string | undefined): Lang {
  if (header === undefined) return 'uk';
  let lang = langCache.get(header);
  if (lang === undefined) {
    lang = negotiateLang(header);
    if (langCache.size < 512) langCache.set(header, lang);
  }
  return lang;
}

function strongEtag(text: string | Buffer): string {
  return `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;
}

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/**
 * In libuv's thread pool, not on the event loop: brotli at quality 11 costs tens of milliseconds
 * per artefact, hundreds per rebuild, which the loop must spend on answers and the stream instead.
 */
async function compress(identity: Buffer): Promise<Record<ContentEncoding, Buffer>> {
  const [gzipped, brotli] = await Promise.all([
    gzipAsync(identity, { level: 9 }),
    brotliAsync(identity, {
      params: {
        [zlibConstants.BROTLI_PARAM_QUALITY]: identity.length > 256 * 1024 ? 9 : 11,
        [zlibConstants.BROTLI_PARAM_SIZE_HINT]: identity.length,
      },
    }),
  ]);
  return { identity, gzip: gzipped, br: brotli };
}

/** Lets the loop answer requests and write the stream between two artefacts of a rebuild. */
const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

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
  let table = new Map<string, Route>();
  let snapshot: PublicSnapshot | null = null;
  let baseHeaders: OutgoingHttpHeaders = {};
  let heard = 0;
  let built = -1;
  let running: Promise<void> | null = null;
  const unsubscribes: (() => void)[] = [];
  /** Events this instance published and already rebuilt for, until the bus hands them back. */
  const observed = new Set<string>();
  const keyOf = (event: ChangeEvent): string => `${event.type} ${event.subjectType} ${event.subjectId} ${event.at}`;

  const ready = (
    next: PublicSnapshot,
    artefact: PublicArtefact,
    path: string,
    lang: Lang | null,
    body: Record<ContentEncoding, Buffer>,
    etag: string,
    previous: ReadyArtefact | undefined,
    vary: string,
  ): ReadyArtefact => {
    // Last-Modified moves only when the content does, like the ETag.
    const lastModified = previous?.etag === etag ? previous.lastModified : new Date(next.generatedAt).toUTCString();
    const caching: OutgoingHttpHeaders = {
      ...baseHeaders,
      ...artefact.headers?.(baseHeaders, lang),
      etag,
      'last-modified': lastModified,
      'cache-control': `public, max-age=${artefact.maxAge}, stale-while-revalidate=${artefact.staleWhileRevalidate}`,
      vary,
    };
    const headersOf = (encoding: ContentEncoding): OutgoingHttpHeaders => ({
      ...caching,
      'content-type': artefact.contentType,
      'content-length': body[encoding].length,
      ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }),
    });
    return {
      path,
      route: artefact.route ?? path,
      etag,
      lastModified,
      body,
      headers: { identity: headersOf('identity'), gzip: headersOf('gzip'), br: headersOf('br') },
      notModified: caching,
    };
  };

  /** The previous artefact of a route, to keep its Last-Modified and its compressed bytes. */
  const previousOf = (path: string, lang: Lang | null): ReadyArtefact | undefined => {
    const route = table.get(path);
    if (!route) return undefined;
    return 'one' in route ? route.one : lang ? route.byLang[lang] : undefined;
  };

  /**
   * Renders into a new table, swapped in whole by the caller: until then `lookup` answers nothing
   * (the routes wait for the rebuild), so no reader gets an old list once a change is heard.
   */
  const render = async (next: PublicSnapshot): Promise<Map<string, Route>> => {
    const routes = new Map<string, Route>();
    const perLang = (path: string, negotiated: boolean): Partial<Record<Lang, ReadyArtefact>> => {
      let route = routes.get(path);
      if (!route || 'one' in route) routes.set(path, (route = { byLang: {}, negotiated }));
      return route.byLang;
    };
    for (const artefact of artefacts) {
      const ids: (string | null)[] = artefact.ids ? artefact.ids(next) : [null];
      const langs: readonly (Lang | null)[] = artefact.lang ? PUBLIC_LANGS : [null];
      for (const id of ids) {
        for (const lang of langs) {
          const path = artefact.path.replace('{lang}', lang ?? '').replace('{id}', id ?? '');
          await yieldToLoop();
          try {
            const rendered = artefact.render(next, lang, id);
            const identity = Buffer.isBuffer(rendered) ? rendered : Buffer.from(rendered, 'utf8');
            const etag = strongEtag(artefact.etagOf ? artefact.etagOf(next, lang, id) : identity);
            const previous = previousOf(path, artefact.lang === 'query' ? lang : null);
            // Most rebuilds are a look at the clock that changed nothing: keep what was compressed.
            const body = previous?.body.identity.equals(identity) ? previous.body : await compress(identity);
            if (artefact.lang === 'query' && lang) {
              perLang(path, false)[lang] = ready(next, artefact, path, lang, body, etag, previous, 'Accept-Encoding');
            } else {
              routes.set(path, { one: ready(next, artefact, path, lang, body, etag, previous, 'Accept-Encoding') });
            }
            if (artefact.negotiatedAt && lang) {
              const at = artefact.negotiatedAt;
              perLang(at, true)[lang] = ready(next, artefact, at, lang, body, etag, previousOf(at, lang), 'Accept-Encoding, Accept-Language');
            }
          } catch (error) {
            // One broken renderer must not take the others down: its path is answered by its route.
            onError(error);
          }
        }
      }
    }
    return routes;
  };

  const signer = createCapSigner();
  const buildOnce = async (): Promise<void> => {
    const state = await loadPublicState(ctx);
    const announcements = await loadPublicAnnouncements(ctx);
    const sign = signer(await mediatorSigningKey(ctx));
    const publicUrl = ctx.config.publicUrl;
    const capAlerts = capAlertsOf(state, new Date(state.generatedAt), publicUrl, sign);
    const outlines = await loadOutlines();
    // Every public change is audited, so the checkpoint (at the log's cadence) covers it.
    const latest = await latestCheckpoint(ctx);
    const checkpoint = latest && { size: latest.size, rootHex: latest.rootHex, note: latest.note, createdAt: latest.createdAt };
    const next: PublicSnapshot = { corridors: state.items, generatedAt: state.generatedAt, publicUrl, announcements, capAlerts, outlines, checkpoint };
    // The stream's catch-up for a returning reader reads the newest state, even mid-render.
    snapshot = next;
    table = await render(next);
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

  /**
   * Stale at once (the routes wait from now on), rebuilt a turn later: the command that made the
   * change answers, and the live hub puts the change on the public stream, before a rebuild starts.
   */
  const fresh = async (): Promise<void> => {
    while (built < heard) await rebuild();
  };

  const invalidate = (): void => {
    heard += 1;
    setImmediate(() => void rebuild());
  };

  return {
    lookup(path, lang = null, acceptLanguage) {
      if (built !== heard) return undefined;
      const route = table.get(path);
      if (!route) return undefined;
      if ('one' in route) return route.one;
      return route.byLang[lang ?? (route.negotiated ? langFor(acceptLanguage) : 'uk')];
    },
    current: () => snapshot,
    rebuilding: (path) => built !== heard && table.has(path),
    fresh,
    setBaseHeaders(headers) {
      baseHeaders = headers;
      // Every route's headers change: none of the old table is served until it is rebuilt.
      if (snapshot) invalidate();
    },
    async start() {
      unsubscribes.push(
        // Stale from the moment this instance publishes, so its own caller reads its own write.
        observePublishes(ctx.events, (event) => {
          if (!affectsPublic(event)) return;
          // Bounded: a bus that never hands an event back must not grow this without end.
          if (observed.size >= 1024) observed.clear();
          observed.add(keyOf(event));
          invalidate();
        }),
        // Changes made on other instances arrive here (PostgreSQL LISTEN); an event of this
        // instance's own comes back too (in process at once, through NOTIFY a round trip later)
        // and needs no second rebuild.
        ctx.events.subscribe((event) => {
          if (!affectsPublic(event) || observed.delete(keyOf(event))) return;
          invalidate();
        }),
        // The Atom feed carries the log's latest checkpoint: a new one re-renders it.
        onNewCheckpoint(ctx.db, () => invalidate()),
        // Called before the stream tells the change: stale now, rebuilt once the stream has sent it.
        live.watchPublic(() => {
          invalidate();
          return yieldToLoop().then(fresh);
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
