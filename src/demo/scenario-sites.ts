import type { Actor } from '../domain/identity.ts';
import type { ServiceContext } from '../services/context.ts';
import { createSite, listAllSites, type SiteInput } from '../services/sites.service.ts';

/**
 * One site per demo agency, as in March 2022: the ICRC's reception centre in Zaporizhzhia and the
 * Ukrainian Red Cross's gathering point in Sumy. Contact details are invented (demo numbers).
 */
export const DEMO_SITES: Readonly<Record<'icrc' | 'urcs', SiteInput>> = {
  icrc: {
    name: 'Zaporizhzhia reception centre (demo)',
    kind: 'reception_centre',
    lat: 47.8388,
    lon: 35.1396,
    contact: {
      uk: 'Запоріжжя, просп. Соборний, 1 (демо); +380 00 000 0001',
      ru: 'Запорожье, просп. Соборный, 1 (демо); +380 00 000 0001',
      en: 'Zaporizhzhia, 1 Sobornyi Ave (demo); +380 00 000 0001',
    },
  },
  urcs: {
    name: 'Sumy gathering point (demo)',
    kind: 'gathering_point',
    lat: 50.9077,
    lon: 34.7981,
    contact: {
      uk: 'Суми, вул. Харківська, 1 (демо); +380 00 000 0002',
      ru: 'Сумы, ул. Харьковская, 1 (демо); +380 00 000 0002',
      en: 'Sumy, 1 Kharkivska St (demo); +380 00 000 0002',
    },
  },
};

/** Creates each agency's demo site once. */
export async function seedDemoSites(ctx: ServiceContext, coordinators: Readonly<Record<'icrc' | 'urcs', Actor>>): Promise<void> {
  const existing = await listAllSites(ctx, coordinators.icrc);
  for (const key of ['icrc', 'urcs'] as const) {
    if (existing.some((s) => s.orgId === coordinators[key].orgId)) continue;
    await createSite(ctx, coordinators[key], DEMO_SITES[key]);
  }
}
