import type { Lang } from '../domain/gazetteer.ts';
import { NOTICE_WORDS, SINCE_WORDS, WINDOW_WORDS } from '../domain/notice-words.ts';
import { PUBLIC_LANGS, placeNameOf, publicWordsOf } from '../domain/public-text.ts';
import type { PublicCorridorView } from '../services/corridor.presenter.ts';
import { clockIn, KYIV, windowLines } from './page-time.ts';
import { PAGE_CSS } from './page-styles.ts';
import { fill, PAGE_WORDS, type PageWords } from './page-words.ts';

/**
 * The public page as one server-rendered HTML document: every fact a civilian needs is in the
 * HTML itself, so it reads on a cheap phone with JavaScript off and from a cached copy offline.
 * Pure: everything it shows comes in through `PublicPageInput`, so it can be rendered ahead of
 * time whenever a corridor changes.
 */

export interface PublicAnnouncement {
  corridorId: string;
  createdAt: string;
  text: string;
  /** The corridor's status the announcement was made for; given, it shows only while that holds. */
  status?: string | undefined;
}

export interface PublicPageInput {
  lang: Lang;
  corridors: readonly PublicCorridorView[];
  announcements: readonly PublicAnnouncement[];
  generatedAt: string;
  publicUrl: string;
}

/** The script that keeps the page live and registers the offline copy (served from web/public). */
export const PAGE_SCRIPT = '/public-page.js';

const RANK: Readonly<Record<string, number>> = { open: 0, agreed: 1, suspended: 2, closed: 3 };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function windowStart(c: PublicCorridorView): string {
  return c.notice.window?.window.start ?? c.nextWindow?.start ?? '9999';
}

/** Open first, then agreed (coming), suspended, closed; earlier windows first within each. */
export function orderForPublic(corridors: readonly PublicCorridorView[]): PublicCorridorView[] {
  return [...corridors].sort((a, b) => (RANK[a.status] ?? 9) - (RANK[b.status] ?? 9) || windowStart(a).localeCompare(windowStart(b)));
}

function latestAnnouncement(announcements: readonly PublicAnnouncement[], corridorId: string): PublicAnnouncement | undefined {
  let latest: PublicAnnouncement | undefined;
  for (const a of announcements) if (a.corridorId === corridorId && (!latest || a.createdAt > latest.createdAt)) latest = a;
  return latest;
}

function fact(term: string, body: string): string {
  return body ? `<dt>${escapeHtml(term)}</dt><dd>${body}</dd>` : '';
}

function corridorHtml(c: PublicCorridorView, input: PublicPageInput, words: PageWords, now: Date): string {
  const { lang } = input;
  const notice = c.notice;
  const texts = publicWordsOf(c, lang);
  const status = notice.headline === 'open_now' ? 'open' : c.status;
  const id = `c-${escapeHtml(c.id)}`;
  const since =
    notice.since && (notice.headline === 'suspended' || notice.headline === 'closed')
      ? `${fill(SINCE_WORDS[lang][notice.headline], { since: clockIn(notice.since, KYIV, words, now) })}. `
      : '';
  const route = c.origin && c.destination ? `${escapeHtml(placeNameOf(c.origin, lang))} → ${escapeHtml(placeNameOf(c.destination, lang))}` : '';
  const shown = notice.window && notice.window.role !== 'planned' ? notice.window : null;
  const windowFact = shown
    ? `<dt>${escapeHtml(WINDOW_WORDS[lang][shown.role])}</dt><dd data-testid="window" data-role="${shown.role}">${windowLines(shown.window, words)
        .map((line, i) => `<span${i ? ' class="alt"' : ''}>${escapeHtml(line)}</span>`)
        .join(' ')}</dd>`
    : '';
  const traffic = c.allowedTraffic.map((k) => words.trafficKinds[k] ?? k).join(', ');
  const muted = notice.gatheringPoints === 'muted';
  const points = texts.gatheringPoints.length
    ? `<ul class="pts">${texts.gatheringPoints
        .map((p) => `<li><strong>${escapeHtml(p.name)}</strong>${p.address ? `, ${escapeHtml(p.address)}` : ''}</li>`)
        .join('')}</ul>`
    : `<p>${escapeHtml(words.noGatheringPoints)}</p>`;
  // An announcement of an earlier status ("open now" once the window has closed) would contradict the card.
  const latest = latestAnnouncement(input.announcements, c.id);
  const announcement = latest && (latest.status === undefined || latest.status === c.status) ? latest : undefined;
  return `<article class="c c-${escapeHtml(status)}${muted ? ' muted' : ''}" data-testid="corridor-card" data-id="${escapeHtml(c.id)}" data-status="${escapeHtml(c.status)}" data-headline="${notice.headline}" aria-labelledby="${id}">
<h3 id="${id}">${escapeHtml(texts.title)}</h3>
<p class="badge" data-testid="status-badge">${escapeHtml(NOTICE_WORDS[lang][notice.headline].label)}</p>
<p class="advice" data-testid="advice">${escapeHtml(since)}${escapeHtml(NOTICE_WORDS[lang][notice.headline].advice)}</p>
<dl>${fact(words.route, route)}${windowFact}${fact(words.eligibility, escapeHtml(texts.eligibility))}${fact(words.traffic, escapeHtml(traffic))}${fact(
    words.whatToBring,
    escapeHtml(texts.whatToBring),
  )}${fact(words.conditions, escapeHtml(texts.conditions))}</dl>
${
    c.route || c.gatheringPoints.length
      ? `<img class="map" src="/api/v1/public/corridors/${encodeURIComponent(c.id)}/map.svg?lang=${lang}" width="340" height="240" loading="lazy" alt="${escapeHtml(`${words.map}: ${texts.title}`)}">`
      : ''
  }<h4>${escapeHtml(words.gatheringPoints)}</h4>${muted ? `<p class="pts-note">${escapeHtml(words.doNotGoThere)}</p>` : ''}${points}${
    announcement
      ? `<p class="ann" data-testid="announcement"><strong>${escapeHtml(words.announcement)} (${escapeHtml(clockIn(announcement.createdAt, KYIV, words, now))}):</strong> ${escapeHtml(announcement.text)}</p>`
      : ''
  }
</article>`;
}

function languageLinks(lang: Lang, words: PageWords, base: string): string {
  const links = PUBLIC_LANGS.map((l) => {
    const current = l === lang ? ' aria-current="page"' : '';
    return `<li><a href="${base}/${l}" lang="${l}" hreflang="${l}"${current}>${escapeHtml(PAGE_WORDS[l].langName)}</a></li>`;
  }).join('');
  return `<nav aria-label="${escapeHtml(words.languages)}"><ul>${links}</ul></nav>`;
}

/** The full HTML document of the public page in `input.lang`. */
export function renderPublicPage(input: PublicPageInput): string {
  const { lang } = input;
  const words = PAGE_WORDS[lang];
  const now = new Date(input.generatedAt);
  const base = input.publicUrl.replace(/\/+$/, '');
  const asOf = clockIn(input.generatedAt, KYIV, words, now);
  const corridors = orderForPublic(input.corridors);
  const list = corridors.length
    ? corridors.map((c) => corridorHtml(c, input, words, now)).join('\n')
    : `<p data-testid="empty-state">${escapeHtml(words.empty)}</p>`;
  const alternates = PUBLIC_LANGS.map((l) => `<link rel="alternate" hreflang="${l}" href="${base}/${l}">`).join('');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="theme-color" content="#12263a">
<title>${escapeHtml(words.title)}</title>
<meta name="description" content="${escapeHtml(words.intro)}">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
${alternates}
<style>${PAGE_CSS}</style>
<script src="${PAGE_SCRIPT}" defer></script>
</head>
<body>
<a class="skip" href="#main">${escapeHtml(words.skip)}</a>
<header><h1 class="brand">${escapeHtml(words.siteName)}</h1>${languageLinks(lang, words, '')}</header>
<main id="main" tabindex="-1" data-lang="${lang}" data-generated-at="${escapeHtml(input.generatedAt)}" data-stale="${escapeHtml(
    fill(words.stale, { time: asOf, age: '{{age}}' }),
  )}" data-hours="${escapeHtml(words.hours)}" data-minutes="${escapeHtml(words.minutes)}">
<p>${escapeHtml(words.intro)}</p>
<p class="safety">${escapeHtml(words.safety)}</p>
<p class="asof" id="asof" data-testid="as-of">${escapeHtml(fill(words.asOf, { time: asOf }))}</p>
<h2>${escapeHtml(words.listHeading)}</h2>
${list}
</main>
<footer><p><a href="/trace?lang=${lang}">${escapeHtml(words.tracing)}</a></p><p><a href="/${lang}/verify">${escapeHtml(words.verify)}</a></p><p><a href="/ops">${escapeHtml(words.staff)}</a></p></footer>
</body>
</html>
`;
}
