import type { IncidentType } from '../api.ts';

/**
 * One symbol per incident type, drawn inside its map marker and beside its name in the legend: the
 * shape tells an event from a standing hazard, the colour its severity, the symbol its type.
 * Symbols rather than initials, so that a reader of any of the three languages reads them alike.
 */
export const INCIDENT_GLYPHS: Readonly<Record<IncidentType, string>> = {
  shelling: '✸',
  gunfire: '+',
  mine: '!',
  blocked_road: '=',
  detention: '#',
  accident: '×',
  other: '?',
};

/** The symbol of a type the server sent; a type this build does not know draws as "other". */
export function glyphOf(type: string): string {
  return Object.hasOwn(INCIDENT_GLYPHS, type) ? INCIDENT_GLYPHS[type as IncidentType] : INCIDENT_GLYPHS.other;
}
