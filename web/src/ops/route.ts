import { useEffect, useState, type MouseEvent } from 'react';

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

const listeners = new Set<() => void>();

export function navigate(path: string): void {
  if (path === window.location.pathname) return;
  window.history.pushState(null, '', path);
  for (const fn of listeners) fn();
}

export function usePath(): string {
  const [path, setPath] = useState(window.location.pathname);
  useEffect(() => {
    const update = () => setPath(window.location.pathname);
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return path;
}

/** The section after /ops/: '' for the console home. */
export function opsSection(path: string): string {
  const rest = path.startsWith(OPS_BASE) ? path.slice(OPS_BASE.length) : path;
  return rest.replace(/^\/+|\/+$/g, '');
}

/** For <a href> inside the console: same-tab left clicks stay in the app. */
export function onLinkClick(event: MouseEvent<HTMLAnchorElement>): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
    return;
  }
  event.preventDefault();
  navigate(event.currentTarget.pathname);
}
