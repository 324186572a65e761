import { v7 } from 'uuid';

/** Time-ordered UUIDs (v7): opaque to clients, and they keep id order close to creation order. */
export function newId(): string {
  return v7();
}
