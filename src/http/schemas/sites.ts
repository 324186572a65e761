import { Type, type Static } from 'typebox';
import { SITE_KINDS } from '../../domain/person.ts';

/** Gathering points and reception centres (GET /api/v1/sites), contact details in uk, ru and en. */

export const ContactText = Type.String({ minLength: 1, maxLength: 500, pattern: '\\S' });
export const Contacts = Type.Object({ uk: ContactText, ru: ContactText, en: ContactText }, { additionalProperties: false });

export const SiteOut = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  name: Type.String(),
  kind: Type.Enum(SITE_KINDS),
  lat: Type.Union([Type.Number(), Type.Null()]),
  lon: Type.Union([Type.Number(), Type.Null()]),
  contact: Contacts,
  updatedAt: Type.String(),
});

export const SiteListOut = Type.Object({ items: Type.Array(SiteOut) });

export type SiteOutT = Static<typeof SiteOut>;
