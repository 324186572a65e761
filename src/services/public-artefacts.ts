import type { OutgoingHttpHeaders } from 'node:http';
import type { Lang } from '../domain/gazetteer.ts';
import { renderCorridorsAtom, type AtomCheckpoint } from '../feeds/atom.ts';
import { renderCapIndex } from '../feeds/cap.ts';
import { renderCorridorsGeoJson } from '../feeds/geojson.ts';
import { renderCorridorsHxl } from '../feeds/hxl.ts';
import { renderRouteMapSvg } from '../feeds/route-map-svg.ts';
import type { Ring } from '../feeds/route-sketch.ts';
import { renderPublicPage } from '../public-site/page.ts';
import { PAGE_CSS_HASH } from '../public-site/page-styles.ts';
import { publicAnnouncementIn, type StaffAnnouncementView } from './announcement.service.ts';
import type { PublicCorridorView } from './corridor.presenter.ts';
import type { CapAlertDoc } from './feeds.service.ts';

/** What every public artefact is rendered from: built once per change, never per request. */
export interface PublicSnapshot {
  corridors: PublicCorridorView[];
  /** When this snapshot was built (ISO 8601, UTC): the page's "as of". */
  generatedAt: string;
  publicUrl: string;
  /** The latest announcements, newest first, in every language. */
  announcements: StaffAnnouncementView[];
  /** One signed CAP alert per public change, newest first. */
  capAlerts: CapAlertDoc[];
  /** The oblast outlines the route maps are drawn on. */
  outlines: readonly Ring[][];
  /** The transparency log's latest checkpoint when the snapshot was built (the Atom feed's last entry). */
  checkpoint?: AtomCheckpoint | null;
}

/**
 * Where a per-language artefact takes its language from: its path (which holds `{lang}`), or the
 * `?lang=` query (Ukrainian without one, as the routes have always defaulted).
 */
export type LangFrom = 'path' | 'query';

/**
 * One row of the table of public artefacts: a path served from memory, rendered once per
 * snapshot. `{id}` in the path makes a family, one path per id the snapshot has (one per CAP
 * alert). `etagOf` says what the ETag covers (default: the whole body); the corridor list leaves
 * out its `generatedAt` so that an unchanged list still answers 304.
 */
export interface PublicArtefact {
  path: string;
  contentType: string;
  lang?: LangFrom;
  /**
   * The same bytes at a second path, in the language `?lang=` names, else the one the reader's
   * Accept-Language prefers (answered with `Vary: Accept-Language`).
   */
  negotiatedAt?: string;
  /** The route pattern its metrics count it under, when its path holds an id. */
  route?: string;
  /** Seconds shared caches and browsers may keep it before asking again. */
  maxAge: number;
  /** Seconds a shared cache may go on serving it while it asks again. */
  staleWhileRevalidate: number;
  ids?(snapshot: PublicSnapshot): string[];
  render(snapshot: PublicSnapshot, lang: Lang | null, id: string | null): string | Buffer;
  etagOf?(snapshot: PublicSnapshot, lang: Lang | null, id: string | null): string;
  /** Headers of its own, given the site's security headers (which they may replace). */
  headers?(base: OutgoingHttpHeaders, lang: Lang | null): OutgoingHttpHeaders;
}

export const PUBLIC_CORRIDORS_PATH = '/api/v1/public/corridors';
export const CAP_ALERT_SUFFIX = '.cap.xml';
export const CAP_ALERTS_PREFIX = '/feeds/alerts/';

/** Feed readers poll; a minute is what they were always told. */
const FEED_CACHE = { maxAge: 60, staleWhileRevalidate: 60 } as const;

/** The public corridor list, as GET /api/v1/public/corridors has always answered it. */
export const publicCorridorList: PublicArtefact = {
  path: PUBLIC_CORRIDORS_PATH,
  contentType: 'application/json; charset=utf-8',
  maxAge: 15,
  staleWhileRevalidate: 60,
  render: (snapshot) => JSON.stringify({ items: snapshot.corridors, generatedAt: snapshot.generatedAt }),
  etagOf: (snapshot) => JSON.stringify(snapshot.corridors),
};

/** The site's policy with the page's one inline stylesheet allowed by its hash. */
export function withPageStyle(csp: string): string {
  const directives = csp.split(';').map((d) => d.trim()).filter(Boolean);
  const style = directives.findIndex((d) => d.startsWith('style-src ') || d === 'style-src');
  if (style < 0) directives.push(`style-src 'self' ${PAGE_CSS_HASH}`);
  else directives[style] = `${directives[style]} ${PAGE_CSS_HASH}`;
  return directives.join(';');
}

/**
 * The server-rendered page at `/uk`, `/ru`, `/en`, and at `/` in the negotiated language. A
 * suspension must reach a phone within seconds: a short max-age, and shared caches may answer
 * from a copy at most half a minute older while they fetch the new one; the page names the time
 * it is "as of".
 */
export const publicPage: PublicArtefact = {
  path: '/{lang}',
  lang: 'path',
  negotiatedAt: '/',
  contentType: 'text/html; charset=utf-8',
  maxAge: 5,
  staleWhileRevalidate: 25,
  render: (snapshot, lang) =>
    renderPublicPage({
      lang: lang ?? 'uk',
      corridors: snapshot.corridors,
      announcements: snapshot.announcements.map((a) => ({ corridorId: a.corridorId, createdAt: a.createdAt, text: a.texts[lang ?? 'uk'].text, status: a.status })),
      generatedAt: snapshot.generatedAt,
      publicUrl: snapshot.publicUrl,
    }),
  headers: (base, lang) => ({
    'content-security-policy': withPageStyle(String(base['content-security-policy'] ?? "default-src 'self'")),
    'content-language': lang ?? 'uk',
  }),
};

export const publicAnnouncements: PublicArtefact = {
  path: '/api/v1/public/announcements',
  lang: 'query',
  contentType: 'application/json; charset=utf-8',
  maxAge: 15,
  staleWhileRevalidate: 60,
  render: (snapshot, lang) => JSON.stringify({ items: snapshot.announcements.map((a) => publicAnnouncementIn(a, lang ?? 'uk')) }),
};

export const corridorsAtom: PublicArtefact = {
  path: '/feeds/corridors.atom',
  lang: 'query',
  contentType: 'application/atom+xml; charset=utf-8',
  ...FEED_CACHE,
  render: (s, lang) => renderCorridorsAtom({ views: s.corridors, checkpoint: s.checkpoint ?? null, generatedAt: s.generatedAt, publicUrl: s.publicUrl, lang: lang ?? 'uk' }),
};

export const capIndex: PublicArtefact = {
  path: '/feeds/alerts.cap.xml',
  contentType: 'application/atom+xml; charset=utf-8',
  ...FEED_CACHE,
  render: (s) => renderCapIndex({ entries: s.capAlerts, generatedAt: s.generatedAt, publicUrl: s.publicUrl }),
};

const alertsById = new WeakMap<PublicSnapshot, Map<string, CapAlertDoc>>();
function alertOf(snapshot: PublicSnapshot, identifier: string | null): CapAlertDoc | undefined {
  let byId = alertsById.get(snapshot);
  if (!byId) alertsById.set(snapshot, (byId = new Map(snapshot.capAlerts.map((a) => [a.identifier, a]))));
  return identifier === null ? undefined : byId.get(identifier);
}

/** Each signed alert at its own path, as signed when its change first appeared. */
export const capAlert: PublicArtefact = {
  path: `${CAP_ALERTS_PREFIX}{id}${CAP_ALERT_SUFFIX}`,
  route: `${CAP_ALERTS_PREFIX}:file`,
  contentType: 'application/cap+xml; charset=utf-8',
  ...FEED_CACHE,
  ids: (s) => s.capAlerts.map((a) => a.identifier),
  render: (s, _lang, id) => alertOf(s, id)?.xml ?? '',
};

export const corridorsGeoJson: PublicArtefact = {
  path: '/feeds/corridors.geojson',
  contentType: 'application/geo+json; charset=utf-8',
  ...FEED_CACHE,
  render: (s) => renderCorridorsGeoJson({ views: s.corridors, generatedAt: s.generatedAt, publicUrl: s.publicUrl }),
  // Its generatedAt moves with every look at the clock; the ETag moves only with the corridors.
  etagOf: (s) => renderCorridorsGeoJson({ views: s.corridors, generatedAt: '', publicUrl: s.publicUrl }),
};

export const corridorsHxl: PublicArtefact = {
  path: '/feeds/corridors.hxl.csv',
  contentType: 'text/csv; charset=utf-8',
  ...FEED_CACHE,
  render: (s) => renderCorridorsHxl({ views: s.corridors, publicUrl: s.publicUrl }),
};

const corridorsById = new WeakMap<PublicSnapshot, Map<string, PublicCorridorView>>();
function corridorOf(snapshot: PublicSnapshot, id: string | null): PublicCorridorView | undefined {
  let byId = corridorsById.get(snapshot);
  if (!byId) corridorsById.set(snapshot, (byId = new Map(snapshot.corridors.map((c) => [c.id, c]))));
  return id === null ? undefined : byId.get(id);
}

/**
 * A look at the clock rebuilds the snapshot without changing most corridors: a map already drawn
 * for the same view and language is not drawn again. Two generations are kept: the maps of the
 * last snapshot and those of the one being built.
 */
let drawnBefore = new Map<string, string>();
let drawnNow = new Map<string, string>();
let drawnFor: PublicSnapshot | null = null;
function routeMapOf(snapshot: PublicSnapshot, view: PublicCorridorView, lang: Lang): string {
  if (drawnFor !== snapshot) {
    drawnBefore = drawnNow;
    drawnNow = new Map();
    drawnFor = snapshot;
  }
  const key = `${lang}\n${JSON.stringify(view)}`;
  const svg = drawnNow.get(key) ?? drawnBefore.get(key) ?? renderRouteMapSvg(view, lang, snapshot.outlines);
  drawnNow.set(key, svg);
  return svg;
}

/** Each public corridor's route map, which the page shows under its facts (and keeps offline). */
export const routeMap: PublicArtefact = {
  path: `${PUBLIC_CORRIDORS_PATH}/{id}/map.svg`,
  route: `${PUBLIC_CORRIDORS_PATH}/:id/map.svg`,
  lang: 'query',
  contentType: 'image/svg+xml; charset=utf-8',
  // It draws the status too (a suspended route greyed): as short-lived as the list.
  maxAge: 15,
  staleWhileRevalidate: 45,
  ids: (s) => s.corridors.map((c) => c.id),
  render: (s, lang, id) => {
    const view = corridorOf(s, id);
    return view ? routeMapOf(s, view, lang ?? 'uk') : '';
  },
};

/**
 * Every artefact the public snapshot serves: the list, the page, the announcements, every feed
 * and each corridor's route map. Another surface is added by adding its row here (or passing its own table to
 * `createPublicSnapshot`).
 */
export const PUBLIC_ARTEFACTS: PublicArtefact[] = [
  publicCorridorList,
  publicPage,
  publicAnnouncements,
  corridorsAtom,
  capIndex,
  capAlert,
  corridorsGeoJson,
  corridorsHxl,
  routeMap,
];
