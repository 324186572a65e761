import { describe, expect, it } from 'vitest';
import { emptyWindow, initialState, key, shownByAField, type FormState } from '../../web/src/ops/corridors/corridorDraft.ts';

/**
 * The corridor form shows each error next to its field, and lists the ones no field shows below
 * the fields so none is lost. shownByAField says which a field shows; these are the edges.
 */
function form(change: Partial<FormState> = {}): FormState {
  return { ...initialState('Europe/Kyiv', null), ...change };
}

const point = () => ({ key: key(), name: '', address: '', lat: '', lon: '' });

describe('corridor form: errors shown by a field', () => {
  it('claims whole fields and the parts of the origin and destination it has inputs for', () => {
    const s = form();
    for (const path of ['/name', '/body/name', '/purpose', '/route', '/bufferMeters', '/allowedTraffic', '/eligibility', '/maxVehicles', '/conditions', '/unilateral']) {
      expect(shownByAField(s, path), path).toBe(true);
    }
    for (const path of ['/origin', '/origin/name', '/origin/lat', '/destination/lon']) expect(shownByAField(s, path), path).toBe(true);
    expect(shownByAField(s, '/origin/address')).toBe(false);
    expect(shownByAField(s, '/name/extra')).toBe(false);
    expect(shownByAField(s, '/version')).toBe(false);
    expect(shownByAField(s, '')).toBe(false);
  });

  it('claims list items only while the form has that item', () => {
    const s = form({ gatheringPoints: [point()], checkpoints: [], windows: [emptyWindow(), emptyWindow()], parties: ['a'] });
    expect(shownByAField(s, '/gatheringPoints')).toBe(true);
    expect(shownByAField(s, '/gatheringPoints/0/address')).toBe(true);
    expect(shownByAField(s, '/gatheringPoints/0/controlledBy')).toBe(false);
    expect(shownByAField(s, '/gatheringPoints/1/name')).toBe(false);
    expect(shownByAField(s, '/checkpoints')).toBe(true);
    expect(shownByAField(s, '/checkpoints/0/controlledBy')).toBe(false);
    expect(shownByAField(s, '/windows/1/end')).toBe(true);
    expect(shownByAField(s, '/windows/2')).toBe(false);
    expect(shownByAField(s, '/parties/0')).toBe(true);
    expect(shownByAField(s, '/parties/1')).toBe(false);
  });

  it('claims the public texts at the exact paths their fields ask for', () => {
    const s = form({ gatheringPoints: [point()] });
    expect(shownByAField(s, '/publicText/ru/title')).toBe(true);
    expect(shownByAField(s, '/publicText/en/whatToBring')).toBe(true);
    expect(shownByAField(s, '/publicText/uk/gatheringPoints/0/name')).toBe(true);
    expect(shownByAField(s, '/publicText/uk/gatheringPoints/0/address')).toBe(true);
    // No field for these: they go to the list of other errors.
    expect(shownByAField(s, '/publicText/uk/gatheringPoints/1/name')).toBe(false);
    expect(shownByAField(s, '/publicText/uk/gatheringPoints')).toBe(false);
    expect(shownByAField(s, '/publicText')).toBe(false);
    expect(shownByAField(s, '/publicText/de/title')).toBe(false);
    expect(shownByAField(s, '/body/publicText/ru/title')).toBe(false);
  });
});
