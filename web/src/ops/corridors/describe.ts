import { useTranslation } from 'react-i18next';
import { TRAFFIC, type CorridorContent } from '../../api.ts';
import { INTL_LOCALE, currentLang } from '../../i18n/index.ts';
import { routeLengthKm } from '../../map/geometry.ts';
import { windowText } from '../../time/WindowTime.tsx';
import type { Describe } from './diff.ts';
import { formatLatLon, useNumber } from '../../ui/format.ts';
import { usePublicTextLines } from './PublicTextView.tsx';

/**
 * Describes a version's fields as text lines, in the current language, windows in `zone`: what
 * the approval panel shows of the version being signed and of its changes.
 */
export function useDescribe(zone: string, orgName: (id: string) => string): Describe {
  const { t } = useTranslation();
  const locale = INTL_LOCALE[currentLang()];
  const num = useNumber();
  const publicTextLines = usePublicTextLines();
  return (content: CorridorContent, field) => {
    switch (field) {
      case 'name':
        return content.name ? [content.name] : [];
      case 'purpose':
        return (content.purpose ?? []).map((p) => t(`purpose.${p}`));
      case 'origin':
      case 'destination': {
        const point = content[field];
        return point ? [`${point.name} (${formatLatLon(point)})`] : [];
      }
      case 'route': {
        const route = content.route;
        const km = routeLengthKm(route);
        if (!route || km === null) return [];
        const first = route.coordinates[0];
        const last = route.coordinates[route.coordinates.length - 1];
        const lines = [t('corridors.routeSummary', { km: num(km, 1), count: route.coordinates.length })];
        if (first && last) {
          lines.push(
            t('corridors.routeEnds', {
              from: formatLatLon({ lat: first[1], lon: first[0] }),
              to: formatLatLon({ lat: last[1], lon: last[0] }),
            }),
          );
        }
        return lines;
      }
      case 'bufferMeters':
        return content.bufferMeters === undefined ? [] : [t('corridors.meters', { value: num(content.bufferMeters) })];
      case 'gatheringPoints':
        return (content.gatheringPoints ?? []).map(
          (p) => `${p.name} (${formatLatLon(p)})${p.address ? ` — ${p.address}` : ''}`,
        );
      case 'checkpoints':
        return (content.checkpoints ?? []).map(
          (c) => `${c.name} (${formatLatLon(c)}) — ${t('corridors.controlledBy', { party: orgName(c.controlledBy) })}`,
        );
      case 'windows':
        return (content.windows ?? []).map((w) => windowText(t, w, zone, locale));
      case 'parties':
        return (content.parties ?? []).map(orgName);
      case 'allowedTraffic':
        return TRAFFIC.filter((k) => content.allowedTraffic?.includes(k)).map((k) => t(`traffic.${k}`));
      case 'eligibility':
        return content.eligibility ? [content.eligibility] : [];
      case 'maxVehicles':
        return content.maxVehicles === undefined || content.maxVehicles === null ? [] : [num(content.maxVehicles)];
      case 'conditions':
        return content.conditions ? [content.conditions] : [];
      case 'unilateral': {
        const u = content.unilateral;
        if (!u) return [];
        return [t('corridors.unilateralBy', { party: orgName(u.announcedBy) }), ...(u.source ? [u.source] : [])];
      }
      case 'publicText':
        return publicTextLines(content);
    }
  };
}
