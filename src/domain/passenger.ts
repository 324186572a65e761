import { metersBetween, type LatLon } from './geo.ts';
import type { MovementStatus } from './movement.ts';

/**
 * A passenger on a manifest: listed, then boarded and arrived, or "did not board". Every step
 * can be undone with a reason, because a mis-tap at the bus door tells a family their relative
 * left. A step that does not apply to the passenger's state is a conflict the user resolves
 * (409), never a silent overwrite: a tap queued offline may meet a manifest changed meanwhile.
 */

export const PASSENGER_STATES = ['listed', 'boarded', 'arrived', 'did_not_board'] as const;
export type PassengerState = (typeof PASSENGER_STATES)[number];

export type PassengerStep = 'board' | 'arrive' | 'not_boarded';
export const UNDOABLE_STEPS = ['board', 'arrive', 'not_boarded'] as const satisfies readonly PassengerStep[];

export interface PassengerFacts {
  boardedAt: string | null;
  arrivedAt: string | null;
  didNotBoardAt: string | null;
}

export function passengerState(p: PassengerFacts): PassengerState {
  if (p.arrivedAt) return 'arrived';
  if (p.boardedAt) return 'boarded';
  if (p.didNotBoardAt) return 'did_not_board';
  return 'listed';
}

export interface StepRefusal {
  /** 'conflict' (409): the manifest says otherwise; 'rule' (422): the step never applies so. */
  kind: 'conflict' | 'rule';
  code: string;
  message: string;
}

/** Why a step cannot be recorded for a passenger in this state; null when it can. */
export function stepRefusal(step: PassengerStep, state: PassengerState): StepRefusal | null {
  switch (step) {
    case 'board':
      if (state === 'listed') return null;
      if (state === 'did_not_board') return { kind: 'conflict', code: 'MARKED_NOT_BOARDED', message: 'This person was recorded as not boarding; undo that first.' };
      return { kind: 'conflict', code: 'ALREADY_BOARDED', message: 'Already recorded (board).' };
    case 'arrive':
      if (state === 'boarded') return null;
      if (state === 'arrived') return { kind: 'conflict', code: 'ALREADY_ARRIVED', message: 'Already recorded (arrive).' };
      return { kind: 'rule', code: 'NOT_BOARDED', message: 'This person was not recorded boarding.' };
    case 'not_boarded':
      if (state === 'listed') return null;
      if (state === 'did_not_board') return { kind: 'conflict', code: 'ALREADY_NOT_BOARDED', message: 'Already recorded as not boarding.' };
      return { kind: 'conflict', code: 'ALREADY_BOARDED', message: 'This person was recorded boarding; undo the boarding first.' };
  }
}

/** The state a step leaves behind, so an undo knows what it takes back. */
const STATE_AFTER: Readonly<Record<PassengerStep, PassengerState>> = { board: 'boarded', arrive: 'arrived', not_boarded: 'did_not_board' };

/** Why a step cannot be undone: only the latest step of a passenger can be taken back. */
export function undoRefusal(step: PassengerStep, state: PassengerState): StepRefusal | null {
  if (STATE_AFTER[step] === state) return null;
  if (step === 'board' && state === 'arrived') return { kind: 'conflict', code: 'UNDO_ARRIVAL_FIRST', message: 'This person has arrived; undo the arrival first.' };
  return { kind: 'conflict', code: 'NOTHING_TO_UNDO', message: `There is no "${step}" to undo for this person.` };
}

/** A check-in this close to the end of the route counts as the convoy being at its destination. */
export const ARRIVAL_RADIUS_METERS = 5000;

/**
 * "Arrived" is true only once the convoy is there: completed, or checked in near the end of its
 * route. Before that, an arrival tap is a mis-tap (or a family told too early).
 */
export function arrivalRefusal(input: { status: MovementStatus; destination: LatLon | null; checkins: readonly LatLon[] }): StepRefusal | null {
  if (input.status === 'completed') return null;
  const destination = input.destination;
  if (destination && input.checkins.some((c) => metersBetween(c, destination) <= ARRIVAL_RADIUS_METERS)) return null;
  return {
    kind: 'conflict',
    code: 'CONVOY_NOT_AT_DESTINATION',
    message: `The convoy has not checked in within ${ARRIVAL_RADIUS_METERS / 1000} km of its destination, nor completed.`,
  };
}
