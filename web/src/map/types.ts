import type { Polygon } from 'geojson';
import type { CorridorNotice, CorridorStatus, MovementStatus } from '../api.ts';

/** Corridor and movement statuses, 'overdue' (a convoy not heard from in time), places. */
export type MarkerTone = CorridorStatus | MovementStatus | 'overdue' | 'place' | 'other';

/**
 * Gathering points are circles, checkpoints diamonds, so they differ without colour too; a
 * convoy's last position is a ringed disc, an earlier check-in a small dot.
 */
export type MarkerSymbol = 'circle' | 'diamond' | 'convoy' | 'dot' | 'incident';

/** How strongly a corridor is drawn, from its notice: open strongest, muted greyed and dashed. */
export type RouteEmphasis = CorridorNotice['emphasis'];

export interface MapMarker {
  id: string;
  lat: number;
  lon: number;
  tone: MarkerTone;
  symbol?: MarkerSymbol;
  /** Shown in the tooltip (and as the permanent label when labels are permanent or `label` is set). */
  title: string;
  /** Writes the title on the map whatever the map's `labels` (corridor ends, gathering points). */
  label?: boolean;
  /** Drawn greyed: a gathering point nobody should go to now (the notice's `gatheringPoints`). */
  muted?: boolean;
  /** The main town this marker stands for (src/domain/towns.ts): the town's own dot and name give way. */
  townId?: string;
  /** Extra lines for the popup opened on click or tap. */
  lines?: string[];
  /** data-testid of a convoy marker's element (with data-marker-id), for tests. */
  testId?: string;
  /**
   * An incident (symbol 'incident'): drawn by type (a hazard — mine, blocked road — is a warning
   * triangle, any other event a disc, with its type's symbol inside: incident-glyphs.ts) and
   * coloured by severity; a cleared hazard is grey and dashed.
   */
  incident?: { type: string; severity: string; state: 'event' | 'hazard' | 'cleared' };
}

/** A corridor's route (a line) or its buffer (an area, as the server computed it), drawn under the markers. */
export type MapShape =
  | {
      id: string;
      kind: 'route';
      tone: MarkerTone;
      points: ReadonlyArray<{ lat: number; lon: number }>;
      title?: string;
      dashed?: boolean;
      /** Drawn wider (the selected convoy's route). */
      emphasis?: boolean;
      /** A corridor's route as its notice says (open, agreed, muted). */
      notice?: RouteEmphasis;
    }
  | { id: string; kind: 'buffer'; tone: MarkerTone; area: Polygon; notice?: RouteEmphasis };
