import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import uk from './uk.json';
import ru from './ru.json';

export const LANGUAGES = ['uk', 'ru', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

/** Used when neither the URL, a saved choice nor the browser names a language we have. */
export const FALLBACK_LANG: Lang = 'en';

const STORAGE_KEY = 'sp.lang';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Maps a BCP 47 tag ("uk-UA", "ru", "en-GB") to one of our languages, if any. */
export function langFromTag(tag: string | null | undefined): Lang | null {
  if (!tag) return null;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return isLang(primary) ? primary : null;
}

function readStoredLang(): Lang | null {
  try {
    return langFromTag(window.localStorage.getItem(STORAGE_KEY));
  } catch {
    // Storage can be unavailable (private mode, blocked cookies): the choice just is not kept.
    return null;
  }
}

function storeLang(lang: Lang): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    /* see readStoredLang */
  }
}

/** The language a path starts with, as in `/uk/verify`: the public site's own links name it so. */
function langOfPath(pathname: string): Lang | null {
  const first = /^\/([a-z]{2})\//.exec(pathname)?.[1];
  return isLang(first) ? first : null;
}

/** Order: `?lang=` or a `/uk/…` path, then the saved choice, then the browser's languages, then English. */
export function detectLanguage(): Lang {
  const fromQuery = langFromTag(new URLSearchParams(window.location.search).get('lang')) ?? langOfPath(window.location.pathname);
  if (fromQuery) return fromQuery;
  const stored = readStoredLang();
  if (stored) return stored;
  const browser = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const tag of browser) {
    const lang = langFromTag(tag);
    if (lang) return lang;
  }
  return FALLBACK_LANG;
}

export type TitleKey = 'public.pageTitle' | 'ops.pageTitle' | 'verify.pageTitle';

/**
 * Initialises i18next once per page and keeps `<html lang>` and the document title in step
 * with the current language.
 */
export function initI18n(titleKey: TitleKey): typeof i18next {
  const lng = detectLanguage();
  const applyToDocument = (): void => {
    const lang = currentLang();
    document.documentElement.lang = lang;
    document.title = i18next.t(titleKey);
  };
  i18next.on('languageChanged', applyToDocument);
  void i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, uk: { translation: uk }, ru: { translation: ru } },
    lng,
    fallbackLng: FALLBACK_LANG,
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false }, // React escapes what it renders
    returnNull: false,
    initAsync: false,
  });
  applyToDocument();
  return i18next;
}

export function currentLang(): Lang {
  return langFromTag(i18next.resolvedLanguage ?? i18next.language) ?? FALLBACK_LANG;
}

/** Switches language, remembers it, and keeps a `?lang=` or `/uk/…` already in the URL truthful. */
export function setLanguage(lang: Lang): void {
  storeLang(lang);
  const url = new URL(window.location.href);
  const inPath = langOfPath(url.pathname);
  if (url.searchParams.has('lang') || inPath) {
    if (url.searchParams.has('lang')) url.searchParams.set('lang', lang);
    if (inPath) url.pathname = `/${lang}${url.pathname.slice(3)}`;
    window.history.replaceState(window.history.state, '', url);
  }
  void i18next.changeLanguage(lang);
}

/** Intl locale for dates and times in each language (24-hour clock everywhere). */
export const INTL_LOCALE: Record<Lang, string> = { uk: 'uk-UA', ru: 'ru', en: 'en-GB' };
