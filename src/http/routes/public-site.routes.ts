import type { FastifyPluginAsync } from 'fastify';
import { PUBLIC_LANGS } from '../../domain/public-text.ts';
import type { PublicSnapshotService } from '../../services/public-snapshot.service.ts';
import { fromSnapshot } from '../public-hot-path.ts';

/**
 * The public page at `/` (language from `?lang=`, which the React apps' language switch links to,
 * else Accept-Language, else Ukrainian) and `/uk`, `/ru`, `/en`. The snapshot renders each
 * language once per change, with the page's CSP (the inline style's hash) and content-language;
 * these routes only answer from it, when the hot path in front of Fastify did not.
 */
export const publicSiteRoutes: FastifyPluginAsync<{ snapshot?: PublicSnapshotService }> = async (app, { snapshot }) => {
  const options = { schema: { hide: true }, logLevel: 'warn' } as const;
  app.get('/', options, fromSnapshot(snapshot));
  for (const lang of PUBLIC_LANGS) app.get(`/${lang}`, options, fromSnapshot(snapshot));
};
