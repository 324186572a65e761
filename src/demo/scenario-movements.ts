import type { MovementInput } from '../services/movement.service.ts';

/**
 * Convoys of March 2022 for the demo (incidents: scenario-incidents.ts), on the scenario corridors (by key):
 * the Enerhodar buses held at Vasylivka on 9 March stay underway without a check-in past the
 * checkpoint, so the convoy map shows them overdue.
 */

export interface DemoMovement {
  corridorKey: string;
  notifiedAt: string;
  input: MovementInput;
  acknowledgedAt: string | null;
  startedAt: string | null;
  checkins: { at: string; lat: number; lon: number; checkpoint?: string; note?: string }[];
  completedAt: string | null;
}

export const SCENARIO_MOVEMENTS: readonly DemoMovement[] = [
  {
    corridorKey: 'UA22-C05',
    notifiedAt: '2022-03-07T19:00:00+02:00',
    input: {
      kind: 'evacuation',
      departAt: '2022-03-08T10:00:00+02:00',
      arriveBy: '2022-03-08T18:00:00+02:00',
      vehicles: [
        { type: 'bus', markings: 'Red Cross emblem, column 1 of 22' },
        { type: 'bus', markings: 'Red Cross emblem, column 1 of 22' },
      ],
      personnel: 6,
      passengers: 1100,
      urgent: true,
      justification: 'Corridor agreed the evening before departure.',
    },
    acknowledgedAt: '2022-03-08T07:00:00+02:00',
    startedAt: '2022-03-08T10:00:00+02:00',
    checkins: [
      { at: '2022-03-08T10:05:00+02:00', lat: 50.8926, lon: 34.8415, note: 'Left Sumy State University' },
      { at: '2022-03-08T13:20:00+02:00', lat: 50.3667, lon: 33.2667, checkpoint: 'Lokhvytsia' },
    ],
    completedAt: '2022-03-08T17:30:00+02:00',
  },
  {
    corridorKey: 'UA22-C06',
    notifiedAt: '2022-03-08T21:00:00+02:00',
    input: {
      kind: 'evacuation',
      departAt: '2022-03-09T10:00:00+02:00',
      arriveBy: '2022-03-09T15:00:00+02:00',
      vehicles: [
        { type: 'bus', markings: 'White flags, "Діти" signs' },
        { type: 'bus', markings: 'White flags, "Діти" signs' },
        { type: 'bus', markings: 'White flags, "Діти" signs' },
      ],
      personnel: 5,
      passengers: 150,
      urgent: true,
      justification: 'Agreed list of six corridors announced the evening before.',
    },
    acknowledgedAt: '2022-03-09T07:30:00+02:00',
    startedAt: '2022-03-09T10:00:00+02:00',
    checkins: [{ at: '2022-03-09T10:10:00+02:00', lat: 47.499, lon: 34.6563, note: 'Left the city council with passengers' }],
    completedAt: null,
  },
];
