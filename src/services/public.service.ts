import { loadAllCorridorAggregates, loadCorridorAggregate, type CorridorAggregate } from '../store/corridors.repository.ts';
import { listOrgTimeZones } from '../store/orgs.repository.ts';
import type { ServiceContext } from './context.ts';
import { isPubliclyListed } from '../domain/corridor-facts.ts';
import { presentPublicCorridor, type PublicCorridorView } from './corridor.presenter.ts';

/** The public corridors with the aggregates they come from (the CAP feed needs their history). */
export interface PublicState {
  listed: CorridorAggregate[];
  items: PublicCorridorView[];
  generatedAt: string;
}

/** Corridors every listed party has agreed, as the public sees them, read in one pass. */
export async function loadPublicState(ctx: ServiceContext): Promise<PublicState> {
  const now = ctx.now();
  const zones = await listOrgTimeZones(ctx.db);
  const listed = (await loadAllCorridorAggregates(ctx.db)).filter((a) => isPubliclyListed(a, now));
  return { listed, items: listed.map((a) => presentPublicCorridor(a, zones, now)), generatedAt: now.toISOString() };
}

/** Corridors every listed party has agreed, as the public sees them (no login). */
export async function listPublicCorridors(ctx: ServiceContext): Promise<{ items: PublicCorridorView[]; generatedAt: string }> {
  const { items, generatedAt } = await loadPublicState(ctx);
  return { items, generatedAt };
}

/** One corridor's public view, or null when it is not (or no longer) on the public page. */
export async function findPublicCorridor(ctx: ServiceContext, id: string): Promise<PublicCorridorView | null> {
  const now = ctx.now();
  const aggregate = await loadCorridorAggregate(ctx.db, id);
  if (!aggregate || !isPubliclyListed(aggregate, now)) return null;
  return presentPublicCorridor(aggregate, await listOrgTimeZones(ctx.db), now);
}
