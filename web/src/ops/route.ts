export { navigate, onLinkClick, usePath } from '../ui/navigation.ts';

/** Minimal client-side routing for /ops: the server answers /ops and /ops/* with the same HTML. */

export const OPS_BASE = '/ops';

// Each section's addresses, here in the shell so that a feature can link to another without importing it.
export const CORRIDORS_BASE = `${OPS_BASE}/corridors`;
export const corridorPath = (id: string): string => `${CORRIDORS_BASE}/${encodeURIComponent(id)}`;
export const MOVEMENTS_BASE = `${OPS_BASE}/movements`;
export const movementPath = (id: string): string => `${MOVEMENTS_BASE}/${encodeURIComponent(id)}`;
export const manifestPath = (movementId: string): string => `${movementPath(movementId)}/manifest`;
export const PEOPLE_BASE = `${OPS_BASE}/people`;
export const personPath = (id: string): string => `${PEOPLE_BASE}/${encodeURIComponent(id)}`;
export const KEYS_BASE = `${OPS_BASE}/keys`;
export const INCIDENTS_BASE = `${OPS_BASE}/incidents`;
export const incidentPath = (id: string): string => `${INCIDENTS_BASE}/${encodeURIComponent(id)}`;

/** The section after /ops/: '' for the console home. */
export function opsSection(path: string): string {
  const rest = path.startsWith(OPS_BASE) ? path.slice(OPS_BASE.length) : path;
  return rest.replace(/^\/+|\/+$/g, '');
}
