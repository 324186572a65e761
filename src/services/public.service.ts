import { loadAllCorridorAggregates, loadCorridorAggregate } from '../store/corridors.repository.ts';
import { listOrgTimeZones } from '../store/orgs.repository.ts';
import type { ServiceContext } from './context.ts';
import { isPubliclyListed, presentPublicCorridor, type PublicCorridorView } from './corridor.presenter.ts';

/** Corridors every listed party has agreed, as the public sees them (no login). */
export async function listPublicCorridors(ctx: ServiceContext): Promise<{ items: PublicCorridorView[]; generatedAt: string }> {
  const now = ctx.now();
  const zones = await listOrgTimeZones(ctx.db);
  const items = (await loadAllCorridorAggregates(ctx.db))
    .filter((a) => isPubliclyListed(a, now))
    .map((a) => presentPublicCorridor(a, zones, now));
  return { items, generatedAt: now.toISOString() };
}

/** One corridor's public view, or null when it is not (or no longer) on the public page. */
export async function findPublicCorridor(ctx: ServiceContext, id: string): Promise<PublicCorridorView | null> {
  const now = ctx.now();
  const aggregate = await loadCorridorAggregate(ctx.db, id);
  if (!aggregate || !isPubliclyListed(aggregate, now)) return null;
  return presentPublicCorridor(aggregate, await listOrgTimeZones(ctx.db), now);
}
