import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { Lang } from '../../domain/gazetteer.ts';
import { PUBLIC_LANGS } from '../../domain/public-text.ts';
import type { ServiceContext } from '../../services/context.ts';
import { listPublicAnnouncements } from '../../services/announcement.service.ts';
import { listPublicCorridors } from '../../services/public.service.ts';
import { renderPublicPage } from '../../public-site/page.ts';
import { PAGE_CSS_HASH } from '../../public-site/page-styles.ts';
import { contentSecurityPolicy } from '../web.ts';

const isLang = (value: unknown): value is Lang => typeof value === 'string' && (PUBLIC_LANGS as readonly string[]).includes(value);

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
    .filter((entry) => entry.q > 0 && isLang(entry.lang))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  const first = ranked[0]?.lang;
  return isLang(first) ? first : 'uk';
}

/** The web apps' policy, with the page's one inline stylesheet allowed by its hash. */
function pageCsp(tileUrl: string | null): string {
  const directives = contentSecurityPolicy(tileUrl);
  directives['style-src'] = [...(directives['style-src'] ?? []), PAGE_CSS_HASH];
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/** The public page at `/` (language negotiated) and `/uk`, `/ru`, `/en`, rendered on the server. */
export const publicSiteRoutes: FastifyPluginAsync<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  const csp = pageCsp(ctx.config.tileUrl);
  const send = async (reply: FastifyReply, lang: Lang): Promise<FastifyReply> => {
    const [list, announcements] = await Promise.all([listPublicCorridors(ctx), listPublicAnnouncements(ctx, lang)]);
    const html = renderPublicPage({
      lang,
      corridors: list.items,
      announcements: announcements.items.map((a) => ({ corridorId: a.corridorId, createdAt: a.createdAt, text: a.text, status: a.status })),
      generatedAt: list.generatedAt, publicUrl: ctx.config.publicUrl });
    return reply
      .header('content-security-policy', csp)
      .header('content-language', lang)
      // A phone revalidates every time: a stale status must never come from an HTTP cache.
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(html);
  };

  app.get<{ Querystring: { lang?: string } }>('/', { schema: { hide: true } }, async (request, reply) => {
    reply.header('vary', 'Accept-Language');
    // `?lang=` is what the React apps' language switch links to; honour it on the way in.
    const asked = request.query.lang;
    return send(reply, isLang(asked) ? asked : negotiateLang(request.headers['accept-language']));
  });
  for (const lang of PUBLIC_LANGS) {
    app.get(`/${lang}`, { schema: { hide: true } }, async (_request, reply) => send(reply, lang));
  }
};
