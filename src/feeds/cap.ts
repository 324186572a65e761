import type { NoticeHeadline } from '../domain/corridor-notice.ts';
import type { Lang } from '../domain/gazetteer.ts';
import { NOTICE_WORDS } from '../domain/notice-words.ts';
import { PUBLIC_LANGS, publicWordsOf } from '../domain/public-text.ts';
import { routeAreaRing } from '../domain/route-area.ts';
import type { PublicCorridorView } from '../services/corridor.presenter.ts';
import type { PublicChange } from './cap-history.ts';
import { baseOf, corridorPageUrl, entryTitle, escapeXml, hostOf, noticeSentences, tagUri, windowSentence } from './common.ts';

/**
 * CAP 1.2 (OASIS Common Alerting Protocol): one alert per public change of a corridor, with one
 * info block per public language. Pure: the corridor's public view, the change and its earlier
 * changes in; the alert document out (unsigned; cap-signature.ts signs it).
 */

export const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';
export const CAP_LANGUAGE: Record<Lang, string> = { uk: 'uk-UA', ru: 'ru-RU', en: 'en-US' };
/** A gathering point drawn as a circle this wide: a square or a school yard, not a district. */
export const GATHERING_RADIUS_KM = 0.5;
const HEADLINE_MAX = 139;
const AREA_DESC_MAX = 49;

export type CapMsgType = 'Alert' | 'Update' | 'Cancel';

const EVENT: Record<Lang, string> = { uk: 'Гуманітарний коридор', ru: 'Гуманитарный коридор', en: 'Humanitarian corridor' };
const SENDER_NAME: Record<Lang, string> = { uk: 'Safe Passage — посередник', ru: 'Safe Passage — посредник', en: 'Safe Passage — mediator' };
const CONTACT: Record<Lang, string> = {
  uk: 'Публічна сторінка Safe Passage',
  ru: 'Публичная страница Safe Passage',
  en: 'Safe Passage public page',
};

interface Grading {
  responseType: 'Evacuate' | 'Prepare' | 'Monitor' | 'Avoid';
  urgency: 'Immediate' | 'Expected' | 'Past' | 'Unknown';
  severity: 'Severe' | 'Moderate' | 'Minor' | 'Unknown';
  certainty: 'Observed' | 'Likely' | 'Possible' | 'Unknown';
}

/**
 * How pressing each notice is: open means leave now along it; a suspension is the most severe
 * (people may be on their way into danger); a closure is past.
 */
const GRADING: Record<NoticeHeadline, Grading> = {
  open_now: { responseType: 'Evacuate', urgency: 'Immediate', severity: 'Moderate', certainty: 'Observed' },
  opens_later: { responseType: 'Prepare', urgency: 'Expected', severity: 'Moderate', certainty: 'Likely' },
  no_window: { responseType: 'Monitor', urgency: 'Unknown', severity: 'Minor', certainty: 'Possible' },
  suspended: { responseType: 'Avoid', urgency: 'Immediate', severity: 'Severe', certainty: 'Observed' },
  closed: { responseType: 'Avoid', urgency: 'Past', severity: 'Minor', certainty: 'Observed' },
  not_agreed: { responseType: 'Avoid', urgency: 'Unknown', severity: 'Unknown', certainty: 'Unknown' },
  rejected: { responseType: 'Avoid', urgency: 'Unknown', severity: 'Unknown', certainty: 'Unknown' },
};

/** The first appearance alerts, a closure cancels the earlier alerts, anything else updates them. */
export function capMsgType(change: Pick<PublicChange, 'n' | 'notice'>): CapMsgType {
  if (change.n === 1) return 'Alert';
  return change.notice.headline === 'closed' ? 'Cancel' : 'Update';
}

/** Stable per change; CAP forbids spaces, commas, `<` and `&` in it. */
export function capIdentifier(change: Pick<PublicChange, 'corridorId' | 'version' | 'n'>): string {
  return `safe-passage-${change.corridorId}-v${change.version}-${change.n}`.replace(/[\s,<&]/g, '_');
}

export function capSender(publicUrl: string): string {
  return `safe-passage@${hostOf(publicUrl)}`;
}

export function capAlertUrl(publicUrl: string, identifier: string): string {
  return `${baseOf(publicUrl)}/feeds/alerts/${encodeURIComponent(identifier)}.cap.xml`;
}

/** CAP's dateTime: seconds, and a numeric offset (no "Z", no fractions). */
export function capTime(instant: string | Date): string {
  return `${new Date(instant).toISOString().slice(0, 19)}+00:00`;
}

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

function expiresOf(change: PublicChange): string {
  const window = change.notice.window?.window;
  return window && window.end > change.at ? window.end : new Date(new Date(change.at).getTime() + 24 * 3_600_000).toISOString();
}

export interface CapAlertInput {
  view: PublicCorridorView;
  change: PublicChange;
  /** The corridor's earlier changes (same version), oldest first: the alert references them. */
  earlier: readonly PublicChange[];
  publicUrl: string;
}

const el = (name: string, value: string) => `<${name}>${escapeXml(value)}</${name}>`;

function areaXml(view: PublicCorridorView, lang: Lang): string {
  const words = publicWordsOf(view, lang);
  const parts = [el('areaDesc', clip(words.title, AREA_DESC_MAX))];
  const ring = view.route ? routeAreaRing(view.route, view.bufferMeters) : null;
  // CAP pairs are "lat,lon", the reverse of GeoJSON.
  if (ring) parts.push(el('polygon', ring.map(([lon, lat]) => `${lat},${lon}`).join(' ')));
  // Muted gathering points are still drawn: people must learn not to go there.
  for (const g of view.gatheringPoints) parts.push(el('circle', `${g.lat},${g.lon} ${GATHERING_RADIUS_KM}`));
  return `<area>${parts.join('')}</area>`;
}

function infoXml(input: CapAlertInput, lang: Lang): string {
  const { view, change, publicUrl } = input;
  const notice = change.notice;
  const grading = GRADING[notice.headline];
  const words = publicWordsOf(view, lang);
  const window = windowSentence(notice, lang);
  const description = [
    ...noticeSentences(notice, lang).filter((s) => s !== NOTICE_WORDS[lang][notice.headline].advice),
    ...words.gatheringPoints.map((g) => [g.name, g.address].filter(Boolean).join(', ')),
    words.eligibility,
  ].filter((s) => s !== '' && s !== window) as string[];
  const parts = [
    el('language', CAP_LANGUAGE[lang]),
    el('category', 'Safety'),
    el('event', EVENT[lang]),
    el('responseType', grading.responseType),
    el('urgency', grading.urgency),
    el('severity', grading.severity),
    el('certainty', grading.certainty),
    el('effective', capTime(change.at)),
    ...(notice.window ? [el('onset', capTime(notice.window.window.start))] : []),
    el('expires', capTime(expiresOf(change))),
    el('senderName', SENDER_NAME[lang]),
    el('headline', clip(entryTitle(view, lang, notice), HEADLINE_MAX)),
    el('description', [window, ...description].filter((s): s is string => s !== null && s !== '').join('\n')),
    el('instruction', NOTICE_WORDS[lang][notice.headline].advice),
    el('web', corridorPageUrl(publicUrl, view.id, lang)),
    el('contact', `${CONTACT[lang]}: ${baseOf(publicUrl)}/`),
    `<parameter>${el('valueName', 'safe-passage:headline')}${el('value', notice.headline)}</parameter>`,
    areaXml(view, lang),
  ];
  return `<info>${parts.join('')}</info>`;
}

/** The unsigned alert document for one change. */
export function renderCapAlert(input: CapAlertInput): string {
  const { change, publicUrl } = input;
  const sender = capSender(publicUrl);
  const references = input.earlier.map((e) => `${sender},${capIdentifier(e)},${capTime(e.at)}`).join(' ');
  const parts = [
    el('identifier', capIdentifier(change)),
    el('sender', sender),
    el('sent', capTime(change.at)),
    el('status', 'Actual'),
    el('msgType', capMsgType(change)),
    el('scope', 'Public'),
    ...(references ? [el('references', references)] : []),
    el('incidents', tagUri(publicUrl, `corridor/${change.corridorId}`)),
    ...PUBLIC_LANGS.map((lang) => infoXml(input, lang)),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>\n<alert xmlns="${CAP_NAMESPACE}">${parts.join('')}</alert>`;
}

export interface CapIndexEntry {
  identifier: string;
  sent: string;
  /** The English headline (the index's language); each alert carries all three. */
  title: string;
  msgType: CapMsgType;
}

/**
 * The CAP feed: an Atom index of alerts, each entry linking its alert document, the way CAP
 * aggregators (Google Public Alerts among them) take a publisher's alerts.
 */
export function renderCapIndex(input: { entries: readonly CapIndexEntry[]; generatedAt: string; publicUrl: string }): string {
  const { publicUrl } = input;
  const updated = input.entries.reduce((max, e) => (e.sent > max ? e.sent : max), '');
  const entries = input.entries.map((e) => {
    const url = capAlertUrl(publicUrl, e.identifier);
    return `<entry><id>${escapeXml(url)}</id><title>${escapeXml(e.title)}</title><updated>${escapeXml(new Date(e.sent).toISOString())}</updated><link rel="alternate" type="application/cap+xml" href="${escapeXml(url)}"/><category term="${e.msgType}"/></entry>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><id>${escapeXml(tagUri(publicUrl, 'alerts'))}</id><title>Safe Passage: humanitarian corridor alerts (CAP 1.2)</title>`,
    `<updated>${escapeXml(new Date(updated || input.generatedAt).toISOString())}</updated><author><name>Safe Passage</name></author>`,
    `<link rel="self" type="application/atom+xml" href="${escapeXml(`${baseOf(publicUrl)}/feeds/alerts.cap.xml`)}"/>`,
    ...entries,
    '</feed>',
  ].join('');
}
