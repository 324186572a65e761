import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type enPublic from './en/public.json';
import type enConsole from './en/console.json';

export const LANGUAGES = ['uk', 'ru', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

/** Used when neither the URL, a saved choice nor the browser names a language we have. */
export const FALLBACK_LANG: Lang = 'en';

const STORAGE_KEY = 'sp.lang';

/**
 * The strings come in two bundles per language: public.json (what the public and verify pages
 * say) and console.json (everything else). Both merge into the one `translation` namespace, so
 * every `t('…')` call stays as it is; only the console fetches, or even names, console.json.
 */
type Strings = typeof enPublic & typeof enConsole;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Strings };
  }
}

/** Fetches one language's strings of one bundle: a chunk per language (vite.config.ts names them public.uk…). */
export type StringsLoader = (lang: Lang) => Promise<{ default: object }>;

/** What the public and verify pages say; the console passes its own loader next to this one. */
export const publicStrings: StringsLoader = (lang) => import(`./${lang}/public.json`);

/** The bundles this page uses, set once by initI18n; a language switch fetches the same ones. */
let pageStrings: readonly StringsLoader[] = [publicStrings];

/** One language's strings for this page, all bundles merged (their top-level keys do not overlap). */
async function fetchStrings(lang: Lang): Promise<object> {
  const parts = await Promise.all(pageStrings.map((load) => load(lang)));
  return Object.assign({}, ...parts.map((part) => part.default)) as object;
}

async function ensureLanguage(lang: Lang): Promise<void> {
  if (i18next.hasResourceBundle(lang, 'translation')) return;
  i18next.addResourceBundle(lang, 'translation', await fetchStrings(lang));
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
 * Initialises i18next once per page with the reader's language, fetched before the page renders
 * (so no key flashes), and keeps `<html lang>` and the document title in step with the language.
 * `allLanguages`: the other languages follow in the background, for a page that promises to work
 * without a connection once loaded (/verify), so its language switch needs no request.
 */
export async function initI18n(
  titleKey: TitleKey,
  loaders: readonly StringsLoader[] = [publicStrings],
  { allLanguages = false }: { allLanguages?: boolean } = {},
): Promise<typeof i18next> {
  pageStrings = loaders;
  const lng = detectLanguage();
  const strings = await fetchStrings(lng);
  const applyToDocument = (): void => {
    const lang = currentLang();
    document.documentElement.lang = lang;
    document.title = i18next.t(titleKey);
  };
  i18next.on('languageChanged', applyToDocument);
  await i18next.use(initReactI18next).init({
    resources: { [lng]: { translation: strings } },
    lng,
    // Every language has every key (test/unit/i18n.test.ts): no second language is fetched as a fallback.
    fallbackLng: false,
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false }, // React escapes what it renders
    returnNull: false,
    initAsync: false,
  });
  applyToDocument();
  if (allLanguages) for (const other of LANGUAGES) if (other !== lng) ensureLanguage(other).catch(() => undefined);
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
  // Offline, a language not fetched yet cannot load: the page stays in the one it has.
  ensureLanguage(lang)
    .then(() => i18next.changeLanguage(lang))
    .catch(() => undefined);
}

/** Intl locale for dates and times in each language (24-hour clock everywhere). */
export const INTL_LOCALE: Record<Lang, string> = { uk: 'uk-UA', ru: 'ru', en: 'en-GB' };
