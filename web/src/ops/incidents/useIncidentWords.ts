import { useTranslation } from 'react-i18next';
import { HAZARD_TYPES, type Incident } from '../../api.ts';
import type { MapMarker } from '../../map/UkraineMap.tsx';

/** How an incident is named and drawn everywhere in the console. */
export function useIncidentWords() {
  const { t } = useTranslation();
  const type = (value: string) => t(`movements.incidentType.${value}`, { defaultValue: value });
  const severity = (value: string) => t(`movements.severity.${value}`, { defaultValue: value });
  return { type, severity, title: (i: Pick<Incident, 'type' | 'severity'>) => `${type(String(i.type))} · ${severity(String(i.severity))}` };
}

export const isHazardIncident = (i: Pick<Incident, 'type'>): boolean => HAZARD_TYPES.includes(String(i.type));

/** A map marker for an incident: hazards as triangles until cleared, then greyed. */
export function incidentMarker(i: Incident, title: string, lines: string[]): MapMarker {
  const state = isHazardIncident(i) ? (i.clearedAt ? 'cleared' : 'hazard') : 'event';
  return { id: i.id, lat: i.lat, lon: i.lon, tone: 'other', symbol: 'incident', title, lines, incident: { type: String(i.type), severity: String(i.severity), state } };
}
