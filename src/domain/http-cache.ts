/** Pure rules of HTTP caching and content negotiation for answers served from memory. */
import type { Lang } from './gazetteer.ts';
import { PUBLIC_LANGS } from './public-text.ts';

export type ContentEncoding = 'br' | 'gzip' | 'identity';

/** q-value of each coding the client named (absent: not named). */
function codingsOf(header: string): Map<string, number> {
  const codings = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    if (name === '') continue;
    let q = 1;
    for (const param of params) {
      const [key, value] = param.trim().split('=');
      if (key === 'q' && value !== undefined) {
        const parsed = Number(value);
        q = Number.isFinite(parsed) ? parsed : 0;
      }
    }
    codings.set(name.trim(), q);
  }
  return codings;
}

/**
 * The coding to answer in: br before gzip before identity (br is smallest for JSON and HTML),
 * each only if the client accepts it (q > 0, named or through `*`).
 */
export function preferredEncoding(acceptEncoding: string | undefined): ContentEncoding {
  if (!acceptEncoding) return 'identity';
  const codings = codingsOf(acceptEncoding);
  const star = codings.get('*');
  const accepts = (name: string): boolean => {
    const q = codings.get(name) ?? star;
    return q !== undefined && q > 0;
  };
  if (accepts('br')) return 'br';
  if (accepts('gzip') || accepts('x-gzip')) return 'gzip';
  return 'identity';
}

/** Whether If-None-Match names the entity tag (weak comparison, as RFC 9110 asks for GET). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch === etag) return true;
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === bare;
  });
}

const isPublicLang = (value: unknown): value is Lang => typeof value === 'string' && (PUBLIC_LANGS as readonly string[]).includes(value);

/** `lang` when it is one of the public languages (a `?lang=` value), else null. */
export function publicLangOf(value: unknown): Lang | null {
  return isPublicLang(value) ? value : null;
}

/**
 * The language a visitor to `/` reads: the first of uk, ru, en in their Accept-Language order of
 * preference; Ukrainian when they name none of them.
 */
export function negotiateLang(header: string | undefined): Lang {
  const ranked = (header ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { lang: tag.split('-')[0], q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.q > 0 && isPublicLang(entry.lang))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  const first = ranked[0]?.lang;
  return isPublicLang(first) ? first : 'uk';
}
