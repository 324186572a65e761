import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CorridorNotice } from '../../src/domain/corridor-notice.ts';
import type { Lang } from '../../src/domain/gazetteer.ts';
import { NOTICE_WORDS, SMS_ADVICE } from '../../src/domain/notice-words.ts';
import { CAP_LANGUAGE } from '../../src/feeds/cap.ts';
import { HXL_TAGS } from '../../src/feeds/hxl.ts';
import { parseCsv } from '../../src/cli/csv.ts';
import type { TestApp } from './app.ts';

/**
 * The public surfaces a corridor appears on, each read back as the text a person (or a feed
 * reader) gets for one corridor: null when the corridor is not on it. The status-surfaces test
 * holds every one of them to the corridor's notice.
 */
export interface PublicSurface {
  name: string;
  /** Languages the surface exists in; all three when absent. */
  langs?: readonly Lang[];
  textOf(t: TestApp, corridorId: string, lang: Lang): Promise<string | null>;
  /** The words the surface must carry for the notice, every one of them. */
  wordsOf(notice: CorridorNotice, lang: Lang): string[];
  /** Words it must not carry for the notice (beyond "open now", which the test checks on all). */
  forbiddenOf?(notice: CorridorNotice, lang: Lang): string[];
}

const label = (notice: CorridorNotice, lang: Lang): string => NOTICE_WORDS[lang][notice.headline].label;
const advice = (notice: CorridorNotice, lang: Lang): string => NOTICE_WORDS[lang][notice.headline].advice;
/** "Do not go" must be said in full wherever the notice says it; "go"/"wait" may be worded around. */
const mustSayDoNotGo = (notice: CorridorNotice, lang: Lang): string[] => (notice.advice === 'do_not_go' ? [advice(notice, lang)] : []);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescape = (text: string): string =>
  text.replace(/&(#\d+|\w+);/g, (all, name: string) => (name.startsWith('#') ? String.fromCodePoint(Number(name.slice(1))) : (ENTITIES[name] ?? all)));
const plain = (html: string): string => unescape(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');

async function get(t: TestApp, url: string): Promise<{ status: number; body: string; raw: Buffer }> {
  const r = await t.inject({ method: 'GET', url });
  return { status: r.statusCode, body: r.body, raw: r.rawPayload };
}

/** The server-rendered public page (`/uk`, `/ru`, `/en`): one corridor's card, as text. */
const publicPage: PublicSurface = {
  name: 'public page',
  async textOf(t, corridorId, lang) {
    const html = (await get(t, `/${lang}`)).body;
    const card = new RegExp(`<article[^>]*data-id="${corridorId}"[^>]*>([\\s\\S]*?)</article>`).exec(html)?.[1];
    return card === undefined ? null : plain(card);
  },
  wordsOf: (notice, lang) => [label(notice, lang), advice(notice, lang)],
};

/** The Atom feed of the language: the corridor's entry, title and summary. */
const atom: PublicSurface = {
  name: 'Atom feed',
  async textOf(t, corridorId, lang) {
    const xml = (await get(t, `/feeds/corridors.atom?lang=${lang}`)).body;
    const entry = [...xml.matchAll(/<entry>([\s\S]*?)<\/entry>/g)].map((m) => m[1]!).find((e) => e.includes(`corridor/${corridorId}</id>`));
    if (entry === undefined) return null;
    const field = (name: string) => unescape(new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(entry)?.[1] ?? '');
    return `term:${/<category term="(\w+)"/.exec(entry)?.[1]} ${field('title')} ${field('summary')}`;
  },
  wordsOf: (notice, lang) => [`term:${notice.headline}`, label(notice, lang), advice(notice, lang)],
};

/**
 * The corridor's newest CAP alert, as the index links it: its msgType and, for the language, the
 * info's headline and instruction (what a siren app or a phone's alert shows).
 */
const capAlert: PublicSurface = {
  name: 'CAP alert',
  async textOf(t, corridorId, lang) {
    const index = (await get(t, '/feeds/alerts.cap.xml')).body;
    // Newest first; the identifier names the corridor.
    const href = [...index.matchAll(/href="[^"]*?(\/feeds\/alerts\/([^"]+)\.cap\.xml)"/g)].find((m) => m[2]!.includes(corridorId))?.[1];
    if (href === undefined) return null;
    const alert = await get(t, href);
    if (alert.status !== 200) return `missing alert ${href}: ${alert.status}`;
    const info = [...alert.body.matchAll(/<info>([\s\S]*?)<\/info>/g)].map((m) => m[1]!).find((i) => i.includes(`<language>${CAP_LANGUAGE[lang]}</language>`));
    const field = (name: string) => unescape(new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(info ?? '')?.[1] ?? '');
    return `msgType:${/<msgType>(\w+)<\/msgType>/.exec(alert.body)?.[1]} headline:${field('headline')} instruction:${field('instruction')}`;
  },
  wordsOf: (notice, lang) => [`instruction:${advice(notice, lang)}`, label(notice, lang)],
  // A corridor's first alert is an Alert whatever it says; after that a closure cancels, anything else updates.
  forbiddenOf: (notice) => (notice.headline === 'closed' ? ['msgType:Update'] : ['msgType:Cancel']),
};

/** GeoJSON: every feature of the corridor (route, area, gathering points) with its status fields. */
const geoJson: PublicSurface = {
  name: 'GeoJSON',
  async textOf(t, corridorId, lang) {
    const collection = JSON.parse((await get(t, '/feeds/corridors.geojson')).body) as {
      features: { properties: { corridorId: string; status: string; headline: string; advice: string; label: Record<Lang, string> } }[];
    };
    const mine = collection.features.filter((f) => f.properties.corridorId === corridorId);
    if (mine.length === 0) return null;
    return mine.map(({ properties: p }) => `status:${p.status} headline:${p.headline} advice:${p.advice} ${p.label[lang]}`).join(' | ');
  },
  wordsOf: (notice, lang) => [`status:${notice.status} headline:${notice.headline} advice:${notice.advice} ${label(notice, lang)}`],
};

/** HXL: the corridor's rows (one per gathering point), their status columns. */
const hxl: PublicSurface = {
  name: 'HXL',
  async textOf(t, corridorId, lang) {
    const rows = parseCsv((await get(t, '/feeds/corridors.hxl.csv')).body).filter((r) => r[0] === corridorId);
    if (rows.length === 0) return null;
    const col = (tag: string) => HXL_TAGS.indexOf(tag);
    return rows.map((r) => `status:${r[col('#status+code')]} headline:${r[col('#status+notice+code')]} ${r[col(`#status+name+i_${lang}`)]}`).join(' | ');
  },
  wordsOf: (notice, lang) => [`status:${notice.status} headline:${notice.headline} ${label(notice, lang)}`],
};

interface PublicAnnouncement {
  corridorId: string;
  kind: string;
  status: string;
  sms: { text: string };
  radio: string;
}

/** The corridor's latest announcement in the language, as the public list gives it. */
async function latestAnnouncement(t: TestApp, corridorId: string, lang: Lang): Promise<PublicAnnouncement | null> {
  const list = JSON.parse((await get(t, `/api/v1/public/announcements?lang=${lang}`)).body) as { items: PublicAnnouncement[] };
  return list.items.find((a) => a.corridorId === corridorId) ?? null;
}

/** The SMS of the corridor's latest announcement (made by itself on every public status change). */
const sms: PublicSurface = {
  name: 'announcement SMS',
  async textOf(t, corridorId, lang) {
    const a = await latestAnnouncement(t, corridorId, lang);
    return a && `status:${a.status} ${a.sms.text}`;
  },
  // The SMS says the short form of the advice; both come from the same headline.
  wordsOf: (notice, lang) => [`status:${notice.status} ${label(notice, lang)}`, SMS_ADVICE[lang][notice.headline]],
};

/** The radio script of the corridor's latest announcement. */
const radio: PublicSurface = {
  name: 'announcement radio script',
  async textOf(t, corridorId, lang) {
    const a = await latestAnnouncement(t, corridorId, lang);
    return a && `status:${a.status} ${a.radio}`;
  },
  wordsOf: (notice, lang) => [`status:${notice.status} `, label(notice, lang), ...mustSayDoNotGo(notice, lang)],
};

/** Debian's poppler-utils: without it the poster is left out (the poster test says so too). */
const POPPLER = existsSync('/usr/bin/pdftotext');
const pdfDir = POPPLER ? mkdtempSync(path.join(tmpdir(), 'surface-poster-')) : '';

/** The printable poster, read back with pdftotext. */
const poster: PublicSurface = {
  name: 'poster PDF',
  async textOf(t, corridorId, lang) {
    const pdf = await get(t, `/api/v1/public/corridors/${corridorId}/poster.pdf?lang=${lang}`);
    if (pdf.status === 404) return null;
    const file = path.join(pdfDir, `${corridorId}-${lang}.pdf`);
    writeFileSync(file, pdf.raw);
    return execFileSync('/usr/bin/pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  },
  wordsOf: (notice, lang) => [label(notice, lang), advice(notice, lang)],
};

export const PUBLIC_SURFACES: PublicSurface[] = [publicPage, atom, capAlert, geoJson, hxl, sms, radio, ...(POPPLER ? [poster] : [])];

export { label as noticeLabelOf };
