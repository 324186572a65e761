import type { CorridorStatus, PublicStatus } from '../api.ts';

const PUBLIC: readonly CorridorStatus[] = ['open', 'agreed', 'suspended', 'closed'];

export function isPublicStatus(status: CorridorStatus): status is PublicStatus {
  return PUBLIC.includes(status);
}

/** Open first, then agreed (coming), suspended, closed; anything else last. */
export function statusRank(status: CorridorStatus): number {
  const i = PUBLIC.indexOf(status);
  return i === -1 ? PUBLIC.length : i;
}
