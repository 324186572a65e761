/** Pure rules of HTTP caching and content negotiation for answers served from memory. */

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
