import type { Lang } from '../domain/gazetteer.ts';
import { placeNameOf, publicWordsOf } from '../domain/public-text.ts';
import type { PublicCorridorView } from '../services/corridor.presenter.ts';
import { baseOf, corridorPageUrl, entryTitle, escapeXml, noticeSentences, noticeUpdated, tagUri } from './common.ts';

/**
 * Atom (RFC 4287), one feed per public language: one entry per public corridor, titled with its
 * public title and the notice's label, its content the notice's sentences (the window with its
 * zone named, what to do) and where to gather. Pure: views in, XML out.
 */

const FEED_TITLE: Record<Lang, string> = {
  uk: 'Safe Passage: гуманітарні коридори',
  ru: 'Safe Passage: гуманитарные коридоры',
  en: 'Safe Passage: humanitarian corridors',
};
const GATHER_AT: Record<Lang, string> = { uk: 'Пункти збору', ru: 'Пункты сбора', en: 'Gathering points' };
const ROUTE: Record<Lang, string> = { uk: 'Маршрут', ru: 'Маршрут', en: 'Route' };

/** The transparency log's latest signed checkpoint, as the feed carries it (docs/transparency-log.md). */
export interface AtomCheckpoint {
  size: number;
  rootHex: string;
  /** The signed note, cosignatures appended. */
  note: string;
  createdAt: string;
}

export interface AtomFeedInput {
  views: readonly PublicCorridorView[];
  /** Absent or null before the log has a key (no mediator yet). */
  checkpoint?: AtomCheckpoint | null;
  generatedAt: string;
  publicUrl: string;
  lang: Lang;
}

export function atomFeedUrl(publicUrl: string, lang: Lang): string {
  return `${baseOf(publicUrl)}/feeds/corridors.atom?lang=${lang}`;
}

function entryLines(view: PublicCorridorView, lang: Lang): string[] {
  const words = publicWordsOf(view, lang);
  const lines = noticeSentences(view.notice, lang);
  if (view.origin && view.destination) lines.push(`${ROUTE[lang]}: ${placeNameOf(view.origin, lang)} → ${placeNameOf(view.destination, lang)}`);
  const points = words.gatheringPoints.map((g) => [g.name, g.address].filter(Boolean).join(', '));
  if (points.length > 0) lines.push(`${GATHER_AT[lang]}: ${points.join('; ')}`);
  if (words.eligibility) lines.push(words.eligibility);
  return lines;
}

function entryXml(view: PublicCorridorView, input: AtomFeedInput): string {
  const { lang, publicUrl } = input;
  const lines = entryLines(view, lang);
  const html = lines.map((l) => `<p>${escapeXml(l)}</p>`).join('');
  return [
    '<entry>',
    `<id>${escapeXml(tagUri(publicUrl, `corridor/${view.id}`))}</id>`,
    `<title>${escapeXml(entryTitle(view, lang))}</title>`,
    `<updated>${new Date(noticeUpdated(view.updatedAt, view.notice)).toISOString()}</updated>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(corridorPageUrl(publicUrl, view.id, lang))}"/>`,
    `<category term="${escapeXml(view.notice.headline)}"/>`,
    `<summary>${escapeXml(lines.join(' '))}</summary>`,
    `<content type="html">${escapeXml(html)}</content>`,
    '</entry>',
  ].join('');
}

const CHECKPOINT_TITLE: Record<Lang, (size: number) => string> = {
  uk: (n) => `Журнал аудиту: підписана контрольна точка, подій: ${n}`,
  ru: (n) => `Журнал аудита: подписанная контрольная точка, событий: ${n}`,
  en: (n) => `Audit log: signed checkpoint of ${n} events`,
};

/**
 * One entry for the log's latest checkpoint, so anyone who follows the feed keeps a dated copy of
 * what the operator signed: a later rewrite of history then contradicts a copy outside its reach.
 */
function checkpointXml(checkpoint: AtomCheckpoint, input: AtomFeedInput): string {
  return [
    '<entry>',
    `<id>${escapeXml(tagUri(input.publicUrl, `checkpoint/${checkpoint.size}`))}</id>`,
    `<title>${escapeXml(CHECKPOINT_TITLE[input.lang](checkpoint.size))}</title>`,
    `<updated>${new Date(checkpoint.createdAt).toISOString()}</updated>`,
    `<link rel="alternate" type="text/plain" href="${escapeXml(`${baseOf(input.publicUrl)}/api/v1/public/checkpoint`)}"/>`,
    '<category term="checkpoint"/>',
    `<summary>${escapeXml(`size ${checkpoint.size}, root ${checkpoint.rootHex}`)}</summary>`,
    `<content type="text">${escapeXml(checkpoint.note)}</content>`,
    '</entry>',
  ].join('');
}

export function renderCorridorsAtom(input: AtomFeedInput): string {
  const { lang, publicUrl } = input;
  const updated = input.views.reduce((max, v) => {
    const u = noticeUpdated(v.updatedAt, v.notice);
    return u > max ? u : max;
  }, input.checkpoint ? new Date(input.checkpoint.createdAt).toISOString() : '');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}">`,
    `<id>${escapeXml(tagUri(publicUrl, `corridors/${lang}`))}</id>`,
    `<title>${escapeXml(FEED_TITLE[lang])}</title>`,
    `<updated>${new Date(updated || input.generatedAt).toISOString()}</updated>`,
    '<author><name>Safe Passage</name></author>',
    `<link rel="self" type="application/atom+xml" href="${escapeXml(atomFeedUrl(publicUrl, lang))}"/>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(`${baseOf(publicUrl)}/?lang=${lang}`)}"/>`,
    ...input.views.map((v) => entryXml(v, input)),
    ...(input.checkpoint ? [checkpointXml(input.checkpoint, input)] : []),
    '</feed>',
  ].join('');
}
