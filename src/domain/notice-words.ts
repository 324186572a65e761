import type { NoticeHeadline } from './corridor-notice.ts';
import type { Lang } from './gazetteer.ts';

/**
 * The words of a corridor notice in each public language: the one table that the public page,
 * the console, the feeds, the SMS, the radio script and the poster take their status sentences
 * from, so that no surface can word a status its own way. `{{since}}` is filled with a time in
 * the reader's zone where the surface has one.
 */
export interface NoticeWords {
  /** Short label, as on a badge: "OPEN NOW". */
  label: string;
  /** One sentence of what to do. */
  advice: string;
}

export const NOTICE_WORDS: Readonly<Record<Lang, Readonly<Record<NoticeHeadline, NoticeWords>>>> = {
  uk: {
    open_now: { label: 'Відкрито зараз', advice: 'Ідіть лише до зазначених пунктів збору і лише до кінця вікна.' },
    opens_later: { label: 'Погоджено, ще не відкрито', advice: 'Не вирушайте раніше: чекайте на початок вікна.' },
    no_window: { label: 'Час не визначено', advice: 'Не вирушайте: час проходу не визначено.' },
    suspended: { label: 'Призупинено', advice: 'Не вирушайте. Не йдіть до пунктів збору. Чекайте на нове оголошення.' },
    closed: { label: 'Закрито', advice: 'Не користуйтеся цим маршрутом.' },
    not_agreed: { label: 'Не погоджено', advice: 'Не погоджено сторонами: не вирушайте.' },
    rejected: { label: 'Відхилено', advice: 'Сторона відхилила: не вирушайте.' },
  },
  ru: {
    open_now: { label: 'Открыто сейчас', advice: 'Идите только к указанным пунктам сбора и только до конца окна.' },
    opens_later: { label: 'Согласовано, ещё не открыто', advice: 'Не выдвигайтесь раньше: ждите начала окна.' },
    no_window: { label: 'Время не определено', advice: 'Не выдвигайтесь: время прохода не определено.' },
    suspended: { label: 'Приостановлено', advice: 'Не выдвигайтесь. Не идите к пунктам сбора. Ждите нового объявления.' },
    closed: { label: 'Закрыто', advice: 'Не используйте этот маршрут.' },
    not_agreed: { label: 'Не согласовано', advice: 'Не согласовано сторонами: не выдвигайтесь.' },
    rejected: { label: 'Отклонено', advice: 'Сторона отклонила: не выдвигайтесь.' },
  },
  en: {
    open_now: { label: 'Open now', advice: 'Go only to the gathering points listed, and only before the window ends.' },
    opens_later: { label: 'Agreed, not open yet', advice: 'Do not set off early: wait for the window to start.' },
    no_window: { label: 'No time set', advice: 'Do not set off: no crossing time is set.' },
    suspended: { label: 'Suspended', advice: 'Do not set off. Do not go to the gathering points. Wait for a new announcement.' },
    closed: { label: 'Closed', advice: 'Do not use this route.' },
    not_agreed: { label: 'Not agreed', advice: 'Not agreed by the parties: do not set off.' },
    rejected: { label: 'Rejected', advice: 'A party rejected it: do not set off.' },
  },
};

/** "Suspended since {{since}}", per language: said wherever a surface can name the time. */
export const SINCE_WORDS: Readonly<Record<Lang, Readonly<Record<'suspended' | 'closed', string>>>> = {
  uk: { suspended: 'Призупинено з {{since}}', closed: 'Закрито з {{since}}' },
  ru: { suspended: 'Приостановлено с {{since}}', closed: 'Закрыто с {{since}}' },
  en: { suspended: 'Suspended since {{since}}', closed: 'Closed since {{since}}' },
};

/** The label over the window a notice shows, by the window's role. */
export const WINDOW_WORDS: Readonly<Record<Lang, Readonly<Record<'current' | 'next' | 'planned', string>>>> = {
  uk: { current: 'Відкрито зараз', next: 'Наступне вікно', planned: 'Запланований час (не погоджено)' },
  ru: { current: 'Открыто сейчас', next: 'Следующее окно', planned: 'Запланированное время (не согласовано)' },
  en: { current: 'Open now', next: 'Next window', planned: 'Planned time (not agreed)' },
};

/**
 * The advice cut to fit an SMS (two parts at most): the same instruction as `advice`, shorter.
 * Only the headlines the public can receive are needed, but every one is worded for safety.
 */
export const SMS_ADVICE: Readonly<Record<Lang, Readonly<Record<NoticeHeadline, string>>>> = {
  uk: {
    open_now: 'Лише до пункту збору.',
    opens_later: 'Не вирушайте раніше.',
    no_window: 'Не вирушайте.',
    suspended: 'Не вирушайте! Не йдіть до пунктів збору.',
    closed: 'Не вирушайте.',
    not_agreed: 'Не вирушайте.',
    rejected: 'Не вирушайте.',
  },
  ru: {
    open_now: 'Только к пункту сбора.',
    opens_later: 'Не выдвигайтесь раньше.',
    no_window: 'Не выдвигайтесь.',
    suspended: 'Не выдвигайтесь! Не идите к пунктам сбора.',
    closed: 'Не выдвигайтесь.',
    not_agreed: 'Не выдвигайтесь.',
    rejected: 'Не выдвигайтесь.',
  },
  en: {
    open_now: 'Go only to the gathering point.',
    opens_later: 'Do not set off early.',
    no_window: 'Do not go.',
    suspended: 'Do not go! Do not go to the gathering points.',
    closed: 'Do not go.',
    not_agreed: 'Do not go.',
    rejected: 'Do not go.',
  },
};
