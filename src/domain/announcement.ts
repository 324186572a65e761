import type { CorridorNotice } from './corridor-notice.ts';
import type { Lang } from './gazetteer.ts';
import { NOTICE_WORDS, SMS_ADVICE } from './notice-words.ts';
import { PUBLIC_LANGS, placeNameOf, publicWordsOf, type ViewForWords } from './public-text.ts';
import { KYIV_ZONE, instantShort, windowShort } from './public-time.ts';
import { radioScript } from './radio-script.ts';
import { countSms, type SmsCount } from './sms.ts';

/**
 * What is announced when a corridor's public status changes: the same notice as the public page
 * says it, cut for SMS and written out for radio, in every public language.
 */

export type AnnouncementKind = 'auto' | 'manual';

/** A corridor as an announcement reads it: the public view's words plus its notice. */
export interface AnnouncementSource extends ViewForWords {
  notice: CorridorNotice;
}

export interface AnnouncementText {
  text: string;
  sms: SmsCount;
  radio: string;
}

export type AnnouncementTexts = Record<Lang, AnnouncementText>;

/** An SMS aims at two parts at most: 134 UTF-16 units in Cyrillic, 306 septets in GSM-7. */
export const SMS_MAX_SEGMENTS = 2;

const MEET: Record<Lang, string> = { uk: 'Збір', ru: 'Сбор', en: 'Meet' };
const ROUTE_ARROW: Record<Lang, string> = { uk: '→', ru: '→', en: '-' };

export function routeOf(source: AnnouncementSource, lang: Lang): string {
  if (source.origin && source.destination) {
    return `${placeNameOf(source.origin, lang)} ${ROUTE_ARROW[lang]} ${placeNameOf(source.destination, lang)}`;
  }
  return publicWordsOf(source, lang).title;
}

function fits(text: string): boolean {
  return countSms(text).segments <= SMS_MAX_SEGMENTS;
}

/** Shortens `value` with an ellipsis until `make(value)` fits in two parts; null when nothing does. */
function fitting(make: (value: string) => string, value: string): string | null {
  if (fits(make(value))) return make(value);
  const chars = Array.from(value);
  // Fewer than four characters of a name tell nobody where to go.
  for (let n = chars.length - 1; n >= 4; n -= 1) {
    const text = make(`${chars.slice(0, n).join('').trimEnd()}…`);
    if (fits(text)) return text;
  }
  return null;
}

/**
 * The SMS: status word, route, window with its zone, gathering point, link; for a corridor that
 * must not be used, the status, since when, and "do not go" — never a time to go at.
 */
export function smsText(source: AnnouncementSource, lang: Lang, url: string): string {
  const { notice } = source;
  const words = NOTICE_WORDS[lang][notice.headline];
  const route = routeOf(source, lang);
  const link = `${url}/${lang}`;
  const advice = SMS_ADVICE[lang][notice.headline];
  if (notice.advice === 'do_not_go') {
    const since = notice.since ? ` (${instantShort(notice.since, KYIV_ZONE, lang)})` : '';
    const make = (r: string) => `${words.label}${since}: ${r}. ${advice} ${link}`;
    return fitting(make, route) ?? `${words.label}. ${advice} ${link}`;
  }
  const window = notice.window ? ` ${windowShort(notice.window.window, KYIV_ZONE, lang)}.` : '';
  const withoutPoint = (r: string) => `${words.label}: ${r}.${window} ${advice} ${link}`;
  const point = publicWordsOf(source, lang).gatheringPoints[0];
  const withPoint = point ? fitting((p) => `${words.label}: ${route}.${window} ${MEET[lang]}: ${p}. ${advice} ${link}`, point.name) : null;
  return withPoint ?? fitting(withoutPoint, route) ?? `${words.label}.${window} ${advice} ${link}`;
}

/** The announcement's own text: the notice's label and advice, the route and the window. */
export function announcementText(source: AnnouncementSource, lang: Lang): string {
  const words = NOTICE_WORDS[lang][source.notice.headline];
  return `${words.label}: ${publicWordsOf(source, lang).title}. ${words.advice}`;
}

/** Everything an automatic announcement says, per language. */
export function autoAnnouncementTexts(source: AnnouncementSource, url: string): AnnouncementTexts {
  return Object.fromEntries(
    PUBLIC_LANGS.map((lang) => {
      const sms = smsText(source, lang, url);
      return [lang, { text: announcementText(source, lang), sms: countSms(sms), radio: radioScript(source, lang, url) }];
    }),
  ) as AnnouncementTexts;
}

/**
 * A mediator's own words: the text as written; the SMS is that text when it fits in two parts,
 * else cut with an ellipsis and the link; the radio script reads the text and names the source.
 */
export function manualAnnouncementTexts(text: Record<Lang, string>, url: string): AnnouncementTexts {
  return Object.fromEntries(
    PUBLIC_LANGS.map((lang) => {
      const own = text[lang];
      const sms = fits(own) ? own : (fitting((t) => `${t} ${url}/${lang}`, own) ?? `${url}/${lang}`);
      return [lang, { text: own, sms: countSms(sms), radio: `${own} ${SOURCE_LINE[lang](url, lang)}` }];
    }),
  ) as AnnouncementTexts;
}

const SOURCE_LINE: Record<Lang, (url: string, lang: Lang) => string> = {
  uk: (url, lang) => `Це оголошення посередника з гуманітарних коридорів. Перевіряйте на ${url}/${lang}.`,
  ru: (url, lang) => `Это объявление посредника по гуманитарным коридорам. Проверяйте на ${url}/${lang}.`,
  en: (url, lang) => `This is an announcement of the humanitarian corridor mediator. Check ${url}/${lang}.`,
};
