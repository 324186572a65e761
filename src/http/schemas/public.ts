import { Type, type Static } from 'typebox';

/** GET /api/v1/public/config: what the web apps need to know about this deployment. */
export const PublicConfigOut = Type.Object({
  tileUrl: Type.Union([Type.String(), Type.Null()]),
  tileAttribution: Type.Union([Type.String(), Type.Null()]),
});

export type PublicConfigOutT = Static<typeof PublicConfigOut>;
