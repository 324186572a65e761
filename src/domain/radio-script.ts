import type { AnnouncementSource } from './announcement.ts';
import type { Lang } from './gazetteer.ts';
import { NOTICE_WORDS, SINCE_WORDS } from './notice-words.ts';
import { placeNameOf, publicWordsOf } from './public-text.ts';
import { KYIV_ZONE, instantLong, windowLong, zonesThatDiffer } from './public-time.ts';

/**
 * A script a local radio presenter reads in about thirty seconds (75–90 words at a calm pace),
 * always in the same order so listeners know where to listen for what: what, where, when, who
 * may go, what to bring, what not to do, where the information comes from.
 */

export const RADIO_ORDER = ['what', 'where', 'when', 'who', 'bring', 'dont', 'source'] as const;
export type RadioPart = (typeof RADIO_ORDER)[number];

interface RadioWords {
  what: (route: string, label: string) => string;
  where: (points: string) => string;
  whereMuted: (points: string) => string;
  when: (window: string) => string;
  also: (window: string) => string;
  who: (eligibility: string) => string;
  whoNobody: string;
  bring: (what: string) => string;
  bringDefault: string;
  dont: (advice: string) => string;
  source: (url: string) => string;
}

const WORDS: Record<Lang, RadioWords> = {
  uk: {
    what: (route, label) => `Гуманітарний коридор ${route}. Стан: ${label}.`,
    where: (points) => `Пункти збору: ${points}.`,
    whereMuted: (points) => `Не йдіть до пунктів збору: ${points}.`,
    when: (w) => `Час проходу: ${w}.`,
    also: (w) => `Це ${w}.`,
    who: (e) => `Хто може їхати: ${e}.`,
    whoNobody: 'Доки не буде нового оголошення, ніхто не повинен користуватися цим маршрутом.',
    bring: (b) => `Що взяти: ${b}`,
    bringDefault: 'Тримайте напоготові документи, воду, ліки та теплий одяг.',
    dont: (a) => `${a} Не їдьте іншими дорогами.`,
    source: (url) => `Погоджено всіма сторонами; повідомляє посередник з гуманітарних коридорів. Перевіряйте на ${url}.`,
  },
  ru: {
    what: (route, label) => `Гуманитарный коридор ${route}. Состояние: ${label}.`,
    where: (points) => `Пункты сбора: ${points}.`,
    whereMuted: (points) => `Не идите к пунктам сбора: ${points}.`,
    when: (w) => `Время прохода: ${w}.`,
    also: (w) => `Это ${w}.`,
    who: (e) => `Кто может ехать: ${e}.`,
    whoNobody: 'Пока не будет нового объявления, никто не должен пользоваться этим маршрутом.',
    bring: (b) => `Что взять: ${b}`,
    bringDefault: 'Держите наготове документы, воду, лекарства и тёплую одежду.',
    dont: (a) => `${a} Не ездите другими дорогами.`,
    source: (url) => `Согласовано всеми сторонами; сообщает посредник по гуманитарным коридорам. Проверяйте на ${url}.`,
  },
  en: {
    what: (route, label) => `Humanitarian corridor ${route}. Status: ${label}.`,
    where: (points) => `Gathering points: ${points}.`,
    whereMuted: (points) => `Do not go to the gathering points: ${points}.`,
    when: (w) => `Crossing time: ${w}.`,
    also: (w) => `That is ${w}.`,
    who: (e) => `Who may go: ${e}.`,
    whoNobody: 'Until a new announcement, no one should use this route.',
    bring: (b) => `What to bring: ${b}`,
    bringDefault: 'Keep documents, water, medicines and warm clothes ready.',
    dont: (a) => `${a} Do not take other roads.`,
    source: (url) => `Agreed by all parties; announced by the humanitarian corridor mediator. Check ${url}.`,
  },
};

const withStop = (text: string): string => (/[.!?…]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/** The script's sentences, in RADIO_ORDER. */
export function radioParts(source: AnnouncementSource, lang: Lang, url: string): { part: RadioPart; text: string }[] {
  const w = WORDS[lang];
  const { notice } = source;
  const words = publicWordsOf(source, lang);
  const label = NOTICE_WORDS[lang][notice.headline].label;
  const route = source.origin && source.destination ? `${placeNameOf(source.origin, lang)} — ${placeNameOf(source.destination, lang)}` : words.title;
  const points = words.gatheringPoints.map((g) => (g.address ? `${g.name}, ${g.address}` : g.name)).join('; ');
  const go = notice.advice !== 'do_not_go';
  let when: string;
  if (notice.window) {
    const [first = KYIV_ZONE, ...others] = zonesThatDiffer(notice.window.window);
    when = [w.when(windowLong(notice.window.window, first, lang)), ...others.map((z) => w.also(windowLong(notice.window!.window, z, lang)))].join(' ');
  } else if (notice.since && (notice.headline === 'suspended' || notice.headline === 'closed')) {
    when = withStop(SINCE_WORDS[lang][notice.headline].replace('{{since}}', instantLong(notice.since, KYIV_ZONE, lang)));
  } else {
    when = withStop(NOTICE_WORDS[lang][notice.headline].label);
  }
  return [
    { part: 'what', text: w.what(route, label) },
    { part: 'where', text: points ? (go ? w.where(points) : w.whereMuted(points)) : '' },
    { part: 'when', text: when },
    { part: 'who', text: go && words.eligibility ? w.who(words.eligibility.replace(/[.\s]+$/, '')) : w.whoNobody },
    { part: 'bring', text: go && words.whatToBring ? withStop(w.bring(words.whatToBring)) : w.bringDefault },
    { part: 'dont', text: go ? w.dont(NOTICE_WORDS[lang][notice.headline].advice) : NOTICE_WORDS[lang][notice.headline].advice },
    { part: 'source', text: w.source(`${url}/${lang}`) },
  ];
}

export function radioScript(source: AnnouncementSource, lang: Lang, url: string): string {
  return radioParts(source, lang, url)
    .map((p) => p.text)
    .filter((t) => t !== '')
    .join(' ');
}

/** Words as a presenter reads them (a link counts as one). */
export function spokenWords(script: string): number {
  return script.split(/\s+/).filter((t) => /[\p{L}\p{N}]/u.test(t)).length;
}
