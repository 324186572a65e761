import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LineString } from '../api.ts';
import { routeLengthKm } from '../map/geometry.ts';
import { useNumber } from '../ui/format.ts';
import type { FormError } from '../ui/form-errors.ts';
import { FieldErrors } from './FormFields.tsx';

/** A route being drawn: [lon, lat] positions, as GeoJSON has them. */
export type RouteCoords = [number, number][];

/** Five decimals (about a metre) are enough for a route point or a place. */
export const coord = (value: number): string => String(Math.round(value * 1e5) / 1e5);

/** The route with a point clicked on the map added at its end. */
export function appendPoint(route: RouteCoords, point: { lat: number; lon: number }): RouteCoords {
  return [...route, [Number(coord(point.lon)), Number(coord(point.lat))]];
}

/** A pasted route: a GeoJSON LineString, or a Feature holding one. */
export function parseRoute(text: string): RouteCoords | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const geometry = (value as { type?: unknown; geometry?: unknown }).type === 'Feature' ? (value as { geometry?: unknown }).geometry : value;
  const line = geometry as Partial<LineString> | null;
  if (!line || line.type !== 'LineString' || !Array.isArray(line.coordinates)) return null;
  const coords: RouteCoords = [];
  for (const p of line.coordinates) {
    if (!Array.isArray(p) || typeof p[0] !== 'number' || typeof p[1] !== 'number') return null;
    if (Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90) return null;
    coords.push([p[0], p[1]]);
  }
  return coords.length >= 2 ? coords : null;
}

export const routeText = (route: RouteCoords): string =>
  route.length ? JSON.stringify({ type: 'LineString', coordinates: route.map(([lon, lat]) => [Number(coord(lon)), Number(coord(lat))]) }) : '';

interface RouteToolsProps {
  /** The id of the GeoJSON text box (its label names it). */
  id: string;
  route: RouteCoords;
  /** Every change (drawing, undo, clear, typing) as an update of the current route. */
  onChange: (change: (route: RouteCoords) => RouteCoords) => void;
  /** While true, clicks on the form's map add points (the form owns the map and calls appendPoint). */
  drawing: boolean;
  onDrawingChange: (drawing: boolean) => void;
  errors: readonly FormError[];
}

/**
 * Click-to-draw route tools shared by the corridor and movement forms: draw / undo / clear, the
 * length so far, and the route as GeoJSON text that can also be pasted.
 */
export function RouteTools({ id, route, onChange, drawing, onDrawingChange, errors }: RouteToolsProps) {
  const { t } = useTranslation();
  const num = useNumber();
  const [draft, setDraft] = useState(() => routeText(route));
  const [bad, setBad] = useState(false);
  // The text shows the route unless the change came from the text itself (it may be mid-edit).
  const fromText = useRef(false);
  useEffect(() => {
    if (fromText.current) {
      fromText.current = false;
      return;
    }
    setDraft(routeText(route));
    setBad(false);
  }, [route]);

  const km = route.length >= 2 ? routeLengthKm({ type: 'LineString', coordinates: route }) : null;
  return (
    <>
      <div className="toolbar">
        <button type="button" className="button button--secondary" aria-pressed={drawing} onClick={() => onDrawingChange(!drawing)} data-testid="route-draw">
          {drawing ? t('corridors.form.stopDrawing') : t('corridors.form.drawRoute')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => onChange((r) => r.slice(0, -1))} disabled={route.length === 0} data-testid="route-undo">
          {t('corridors.form.undoPoint')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => onChange(() => [])} disabled={route.length === 0} data-testid="route-clear">
          {t('corridors.form.clearRoute')}
        </button>
      </div>
      <p className="field__hint" data-testid="route-summary" data-points={route.length}>
        {route.length === 0
          ? t('corridors.form.noRoute')
          : km !== null
            ? t('corridors.routeSummary', { km: num(km, 1), count: route.length })
            : t('corridors.form.onePoint')}
      </p>
      <FieldErrors id={`${id}-err`} errors={errors} />
      <div className="field">
        <label htmlFor={id}>{t('corridors.form.routeJson')}</label>
        <textarea
          id={id}
          rows={3}
          spellCheck={false}
          className="mono"
          value={draft}
          aria-invalid={bad || errors.length > 0}
          aria-describedby={bad ? `${id}-bad` : errors.length ? `${id}-err` : undefined}
          onChange={(e) => {
            const text = e.target.value;
            setDraft(text);
            if (!text.trim()) {
              setBad(false);
              fromText.current = true;
              onChange(() => []);
              return;
            }
            const parsed = parseRoute(text);
            setBad(parsed === null);
            if (parsed) {
              fromText.current = true;
              onChange(() => parsed);
            }
          }}
        />
        {bad && (
          <p id={`${id}-bad`} className="field-error">
            {t('corridors.errors.routeJson')}
          </p>
        )}
      </div>
    </>
  );
}
