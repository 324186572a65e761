import { Type, type Static } from 'typebox';

/** The gazetteer as the API gives it (GET /api/v1/places). */

const Names = Type.Object({ uk: Type.String(), ru: Type.String(), en: Type.String() });

export const PlaceOut = Type.Object({
  id: Type.String(),
  adm1: Type.Union([Type.String(), Type.Null()]),
  country: Type.String(),
  lat: Type.Number(),
  lon: Type.Number(),
  names: Names,
  aliases: Type.Array(Type.String()),
});

export const PlaceListOut = Type.Object({ items: Type.Array(PlaceOut) });

export type PlaceOutT = Static<typeof PlaceOut>;
export type PlaceListOutT = Static<typeof PlaceListOut>;
