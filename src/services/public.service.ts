import type { ServiceContext } from './context.ts';

/** One corridor as the public sees it: no party-internal notes, no personal data. */
export interface PublicCorridor {
  id: string;
  name: string;
  status: string;
  purpose: string[];
  origin: { name: string; lat: number; lon: number };
  destination: { name: string; lat: number; lon: number };
  gatheringPoints: { name: string; lat: number; lon: number; address?: string }[];
  currentWindow: { start: string; end: string } | null;
  nextWindow: { start: string; end: string } | null;
  updatedAt: string;
}

/**
 * Corridors every party has agreed. Corridor agreements arrive with the corridor capability
 * (issue 3); until then no corridor is agreed and the list is honestly empty.
 */
export async function listPublicCorridors(ctx: ServiceContext): Promise<{ items: PublicCorridor[]; generatedAt: string }> {
  return { items: [], generatedAt: ctx.now().toISOString() };
}
