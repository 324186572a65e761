import type { Lang } from '../domain/gazetteer.ts';
import { NOTICE_WORDS } from '../domain/notice-words.ts';
import { placeNameOf, publicWordsOf } from '../domain/public-text.ts';
import { formatCsv } from '../cli/csv.ts';
import type { PublicCorridorView } from '../services/corridor.presenter.ts';
import { corridorPageUrl } from './common.ts';

/**
 * HXL-tagged CSV for humanitarian data tools (HDX, HXL Proxy): a header row, the HXL hashtag
 * row, then one row per gathering point of each public corridor — the place a person goes, so
 * its latitude and longitude are the point's (a corridor without points gets one row at its
 * origin). Corridor facts only: no person appears in it.
 */

const LANGS: readonly Lang[] = ['en', 'uk', 'ru'];

const COLUMNS: readonly [header: string, tag: string][] = [
  ['Corridor id', '#x_corridor+id'],
  ...LANGS.map((l): [string, string] => [`Title (${l})`, `#x_corridor+name+i_${l}`]),
  ['Status', '#status+code'],
  ['Notice', '#status+notice+code'],
  ...LANGS.map((l): [string, string] => [`Status label (${l})`, `#status+name+i_${l}`]),
  ...LANGS.map((l): [string, string] => [`Origin (${l})`, `#loc+origin+name+i_${l}`]),
  ...LANGS.map((l): [string, string] => [`Destination (${l})`, `#loc+dest+name+i_${l}`]),
  ...LANGS.map((l): [string, string] => [`Gathering point (${l})`, `#loc+gathering+name+i_${l}`]),
  ['Latitude', '#geo+lat'],
  ['Longitude', '#geo+lon'],
  ['Window', '#x_window+type'],
  ['Window start (UTC)', '#date+start'],
  ['Window end (UTC)', '#date+end'],
  ['Advice', '#x_advice+code'],
  ['Public page', '#meta+url'],
];

export const HXL_TAGS: readonly string[] = COLUMNS.map(([, tag]) => tag);

function rowsOf(view: PublicCorridorView, publicUrl: string): string[][] {
  const notice = view.notice;
  const words = Object.fromEntries(LANGS.map((l) => [l, publicWordsOf(view, l)])) as Record<Lang, ReturnType<typeof publicWordsOf>>;
  const points = view.gatheringPoints.length > 0 ? view.gatheringPoints.map((g, i) => ({ g, i })) : [{ g: null, i: -1 }];
  return points.flatMap(({ g, i }) => {
    const at = g ?? view.origin;
    if (!at) return [];
    return [
      [
        view.id,
        ...LANGS.map((l) => words[l].title),
        view.status,
        notice.headline,
        ...LANGS.map((l) => NOTICE_WORDS[l][notice.headline].label),
        ...LANGS.map((l) => (view.origin ? placeNameOf(view.origin, l) : '')),
        ...LANGS.map((l) => (view.destination ? placeNameOf(view.destination, l) : '')),
        ...LANGS.map((l) => (g ? (words[l].gatheringPoints[i]?.name ?? g.name) : '')),
        String(at.lat),
        String(at.lon),
        notice.window?.role ?? '',
        notice.window?.window.start ?? '',
        notice.window?.window.end ?? '',
        notice.advice,
        corridorPageUrl(publicUrl, view.id, 'en'),
      ],
    ];
  });
}

export function renderCorridorsHxl(input: { views: readonly PublicCorridorView[]; publicUrl: string }): string {
  return formatCsv([COLUMNS.map(([header]) => header), [...HXL_TAGS], ...input.views.flatMap((v) => rowsOf(v, input.publicUrl))]);
}
