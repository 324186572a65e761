import { readFile } from 'node:fs/promises';
import { renderPoster } from '../feeds/poster.ts';
import type { Lang } from '../domain/gazetteer.ts';
import type { ServiceContext } from './context.ts';
import { findPublicCorridor } from './public.service.ts';

type Ring = [number, number][];
let outlines: Promise<Ring[][]> | undefined;

/** The oblast outlines the web map uses (web/public/geo), read once. */
export function loadOutlines(): Promise<Ring[][]> {
  outlines ??= readFile(new URL('../../web/public/geo/ukraine-oblasts.geojson', import.meta.url), 'utf8').then((text) => {
    const collection = JSON.parse(text) as { features: { geometry: { type: string; coordinates: unknown } }[] };
    return collection.features.flatMap((f) =>
      f.geometry.type === 'Polygon' ? [f.geometry.coordinates as Ring[]] : f.geometry.type === 'MultiPolygon' ? (f.geometry.coordinates as Ring[][]) : [],
    );
  });
  return outlines;
}

/** A public corridor's poster in `lang`, or null when the corridor is not on the public page. */
export async function corridorPoster(ctx: ServiceContext, corridorId: string, lang: Lang): Promise<Buffer | null> {
  const view = await findPublicCorridor(ctx, corridorId);
  if (!view) return null;
  return renderPoster({ corridor: view, lang, pageUrl: `${ctx.config.publicUrl}/${lang}`, generatedAt: ctx.now(), outlines: await loadOutlines() });
}
