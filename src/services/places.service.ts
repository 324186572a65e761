import { forbidden } from '../domain/errors.ts';
import { PLACES, type Lang } from '../domain/gazetteer.ts';
import type { Actor } from '../domain/identity.ts';
import { isAllowed } from '../domain/policy.ts';
import { listPlaces, upsertPlaces, type PlaceRow } from '../store/places.repository.ts';
import type { ServiceContext } from './context.ts';
import type { PlaceOutT } from '../http/schemas/places.ts';

/** A place as the API gives it (src/http/schemas/places.ts). */
export type PlaceView = PlaceOutT;

function presentPlace(row: PlaceRow): PlaceView {
  return {
    id: row.id,
    adm1: row.adm1,
    country: row.country,
    lat: row.lat,
    lon: row.lon,
    names: JSON.parse(row.names) as Record<Lang, string>,
    aliases: JSON.parse(row.aliases) as string[],
  };
}

/** Brings the places table in line with the gazetteer shipped in the code (idempotent). */
export async function syncPlaces(ctx: Pick<ServiceContext, 'db'>): Promise<number> {
  await upsertPlaces(
    ctx.db,
    PLACES.map((p) => ({
      id: p.id,
      adm1: p.adm1,
      country: p.country,
      lat: p.lat,
      lon: p.lon,
      names: JSON.stringify(p.names),
      aliases: JSON.stringify(p.aliases),
    })),
  );
  return PLACES.length;
}

export async function listPlacesFor(ctx: ServiceContext, actor: Actor): Promise<PlaceView[]> {
  if (!isAllowed(actor, 'place.list')) throw forbidden('read places');
  return (await listPlaces(ctx.db)).map(presentPlace);
}
