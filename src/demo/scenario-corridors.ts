import type { CorridorInput, LineString, NamedPoint } from '../domain/corridor.ts';
import { findPlace } from '../domain/gazetteer.ts';
import { demoPublicText } from './scenario-public-texts.ts';

/**
 * The ten corridors of March 2022 (src/demo/scenario/ukraine-2022-03.json) with histories that
 * follow what happened, as far as the sources tell: who agreed, when it opened, why it stopped.
 * Times are Kyiv time (UTC+2 until 27 March 2022). Gathering-point coordinates are approximate.
 */

export type DemoParty = 'ua' | 'ru';

export type DemoStep =
  | { at: string; do: 'propose' }
  | { at: string; do: 'approve' | 'reject'; by: DemoParty; comment?: string }
  | { at: string; do: 'suspend' | 'resume' | 'close'; reason: string };

export interface DemoCorridor {
  key: string;
  draftedAt: string;
  content: (parties: Record<DemoParty, string>) => CorridorInput;
  steps: DemoStep[];
}

function place(name: string): NamedPoint {
  const found = findPlace(name);
  if (!found) throw new Error(`the gazetteer lacks ${name}`);
  return { name: found.names.en, lat: found.lat, lon: found.lon, placeId: found.id };
}

function route(...names: string[]): LineString {
  return { type: 'LineString', coordinates: names.map((n) => [place(n).lon, place(n).lat] as [number, number]) };
}

const window = (day: string, from: string, to: string) => ({ start: `${day}T${from}:00+02:00`, end: `${day}T${to}:00+02:00` });

const both = (day: string, proposedAt: string): DemoStep[] => [
  { at: `${day}T${proposedAt}:00+02:00`, do: 'propose' },
  { at: `${day}T${proposedAt.slice(0, 2)}:30:00+02:00`, do: 'approve', by: 'ua' },
  { at: `${day}T${proposedAt.slice(0, 2)}:45:00+02:00`, do: 'approve', by: 'ru' },
];

const MARIUPOL_ROUTE = route('Mariupol', 'Manhush', 'Berdiansk', 'Tokmak', 'Vasylivka', 'Zaporizhzhia');

export const SCENARIO_CORRIDORS: readonly DemoCorridor[] = [
  {
    key: 'UA22-C01',
    draftedAt: '2022-03-04T20:00:00+02:00',
    content: (p) => ({
      name: 'Mariupol – Zaporizhzhia (5 March)',
      publicText: demoPublicText('UA22-C01'),
      purpose: ['evacuation'],
      origin: place('Mariupol'),
      destination: place('Zaporizhzhia'),
      route: MARIUPOL_ROUTE,
      bufferMeters: 3000,
      gatheringPoints: [{ name: 'Drama Theatre square', lat: 47.0957, lon: 37.5496 }],
      checkpoints: [{ name: 'Vasylivka', ...latLon('Vasylivka'), controlledBy: p.ru }],
      windows: [window('2022-03-05', '09:00', '16:00')],
      parties: [p.ua, p.ru],
      allowedTraffic: ['bus', 'private_car'],
      eligibility: 'All civilians of Mariupol (about 200,000 waiting, ICRC estimate)',
      conditions: 'Ceasefire from 09:00 Kyiv time (10:00 Moscow time); buses from 11:00.',
    }),
    steps: [
      ...both('2022-03-05', '06:00'),
      { at: '2022-03-05T11:40:00+02:00', do: 'suspend', reason: 'Shelling on the route; the city council postponed the evacuation and told residents to return to shelters.' },
    ],
  },
  {
    key: 'UA22-C02',
    draftedAt: '2022-03-04T20:30:00+02:00',
    content: (p) => ({
      name: 'Volnovakha – Pokrovsk',
      publicText: demoPublicText('UA22-C02'),
      purpose: ['evacuation'],
      origin: place('Volnovakha'),
      destination: place('Pokrovsk'),
      route: route('Volnovakha', 'Pokrovsk'),
      gatheringPoints: [{ name: 'Central square', lat: 47.6008, lon: 37.4965 }],
      windows: [window('2022-03-05', '09:00', '16:00')],
      parties: [p.ua, p.ru],
      allowedTraffic: ['bus', 'private_car'],
      eligibility: 'All civilians (about 15,000 planned)',
    }),
    steps: [
      ...both('2022-03-05', '06:00'),
      { at: '2022-03-05T15:00:00+02:00', do: 'close', reason: 'Column halted by shelling outside the town; about 400 people evacuated.' },
    ],
  },
  {
    key: 'UA22-C03',
    draftedAt: '2022-03-05T21:00:00+02:00',
    content: (p) => ({
      name: 'Mariupol – Zaporizhzhia (6 March)',
      publicText: demoPublicText('UA22-C03'),
      purpose: ['evacuation'],
      origin: place('Mariupol'),
      destination: place('Zaporizhzhia'),
      route: MARIUPOL_ROUTE,
      bufferMeters: 3000,
      gatheringPoints: [{ name: 'Drama Theatre square', lat: 47.0957, lon: 37.5496 }],
      checkpoints: [{ name: 'Vasylivka', ...latLon('Vasylivka'), controlledBy: p.ru }],
      windows: [window('2022-03-06', '10:00', '21:00')],
      parties: [p.ua, p.ru],
      allowedTraffic: ['bus', 'private_car'],
      eligibility: 'All civilians of Mariupol',
      conditions: 'Ceasefire 10:00–21:00; evacuation from 12:00.',
    }),
    steps: [
      ...both('2022-03-06', '07:00'),
      { at: '2022-03-06T13:00:00+02:00', do: 'suspend', reason: 'Second attempt came to a halt under fire (ICRC): no detailed, functioning agreement.' },
      { at: '2022-03-06T22:00:00+02:00', do: 'close', reason: 'Failed: no evacuation took place.' },
    ],
  },
  {
    key: 'UA22-C04',
    draftedAt: '2022-03-07T08:30:00+02:00',
    content: (p) => ({
      name: 'Kyiv – Gomel (unilateral announcement)',
      publicText: demoPublicText('UA22-C04'),
      purpose: ['evacuation'],
      origin: place('Kyiv'),
      destination: place('Gomel'),
      route: route('Kyiv', 'Gomel'),
      gatheringPoints: [{ name: 'Kyiv central railway station', lat: 50.4406, lon: 30.4897 }],
      windows: [window('2022-03-07', '09:00', '21:00')],
      parties: [p.ua, p.ru],
      allowedTraffic: ['bus', 'private_car'],
      eligibility: 'All civilians',
      unilateral: { announcedBy: p.ru, source: 'Russian MoD statement, 7 March, from 10:00 Moscow time' },
    }),
    steps: [
      { at: '2022-03-07T08:45:00+02:00', do: 'propose' },
      { at: '2022-03-07T08:50:00+02:00', do: 'approve', by: 'ru' },
      { at: '2022-03-07T11:00:00+02:00', do: 'reject', by: 'ua', comment: 'Routes into Belarus and Russia are unacceptable.' },
    ],
  },
  {
    key: 'UA22-C05',
    draftedAt: '2022-03-07T18:00:00+02:00',
    content: (p) => ({
      name: 'Sumy – Poltava',
      publicText: demoPublicText('UA22-C05'),
      purpose: ['evacuation', 'supply'],
      origin: place('Sumy'),
      destination: place('Poltava'),
      route: route('Sumy', 'Holubivka', 'Lokhvytsia', 'Lubny', 'Poltava'),
      gatheringPoints: [{ name: 'Sumy State University', lat: 50.8926, lon: 34.8415, address: 'Rymskoho-Korsakova St 2' }],
      checkpoints: [{ name: 'Lokhvytsia', ...latLon('Lokhvytsia'), controlledBy: p.ua }],
      windows: [window('2022-03-08', '09:00', '21:00')],
      parties: [p.ua, p.ru],
      allowedTraffic: ['bus', 'private_car'],
      eligibility: 'Everyone; foreign students first',
      conditions: 'First column departs 10:00; private cars follow the buses. Aid comes in on the same route.',
    }),
    steps: [
      ...both('2022-03-08', '06:00'),
      { at: '2022-03-08T22:30:00+02:00', do: 'close', reason: 'Evacuation completed: about 5,000 people, incl. about 1,100 foreign students; 22 + 39 buses.' },
    ],
  },
  {
    key: 'UA22-C06',
    draftedAt: '2022-03-08T20:00:00+02:00',
    content: (p) => ({
      name: 'Enerhodar – Zaporizhzhia',
      publicText: demoPublicText('UA22-C06'),
      purpose: ['evacuation', 'supply'],
      origin: place('Enerhodar'),
      destination: place('Zaporizhzhia'),
      route: route('Enerhodar', 'Vasylivka', 'Zaporizhzhia'),
      gatheringPoints: [{ name: 'City council', lat: 47.499, lon: 34.6563 }],
      checkpoints: [{ name: 'Vasylivka', ...latLon('Vasylivka'), controlledBy: p.ru }],
      windows: [window('2022-03-09', '09:00', '21:00')],
      parties: [p.ua, p.ru],
      allowedTraffic: ['bus', 'private_car'],
      eligibility: 'Women, children, elderly first',
      conditions: 'Aid in and civilians out on the same buses.',
    }),
    steps: [
      ...both('2022-03-09', '06:00'),
      { at: '2022-03-09T22:00:00+02:00', do: 'close', reason: 'Partial: buses held at Vasylivka; evacuation postponed to 10 March.' },
    ],
  },
  {
    key: 'UA22-C07',
    draftedAt: '2022-03-08T20:30:00+02:00',
    content: (p) => ({
      name: 'Izium – Lozova',
      publicText: demoPublicText('UA22-C07'),
      purpose: ['evacuation', 'supply'],
      origin: place('Izium'),
      destination: place('Lozova'),
      route: route('Izium', 'Lozova'),
      gatheringPoints: [{ name: 'Central square', lat: 49.21, lon: 37.26 }],
      windows: [window('2022-03-09', '09:00', '21:00')],
      parties: [p.ua, p.ru],
      allowedTraffic: ['bus'],
      eligibility: 'All civilians (about 5,000 planned)',
    }),
    steps: [
      ...both('2022-03-09', '06:00'),
      { at: '2022-03-09T13:00:00+02:00', do: 'suspend', reason: 'Buses could not enter the city; about 250 people left.' },
    ],
  },
  {
    key: 'UA22-C08',
    draftedAt: '2022-03-08T21:00:00+02:00',
    content: (p) => ({
      name: 'Bucha, Vorzel, Irpin – Kyiv',
      publicText: demoPublicText('UA22-C08'),
      purpose: ['evacuation'],
      origin: { ...place('Bucha'), name: 'Bucha / Vorzel / Irpin' },
      destination: place('Kyiv'),
      route: route('Vorzel', 'Bucha', 'Stoianka', 'Bilohorodka', 'Kyiv'),
      gatheringPoints: [
        { name: 'Bucha city council (buses 10:40–11:00, women and children)', lat: 50.5434, lon: 30.2211 },
        { name: 'Vorzel', lat: 50.55, lon: 30.156, address: 'Kurortna St 25' },
        { name: 'Irpin, Romanivka', lat: 50.506, lon: 30.281 },
      ],
      windows: [window('2022-03-09', '09:00', '21:00')],
      parties: [p.ua, p.ru],
      allowedTraffic: ['bus', 'private_car', 'pedestrian'],
      eligibility: 'Women and children first (Bucha buses); everyone from Irpin and Vorzel',
    }),
    steps: [
      ...both('2022-03-09', '06:00'),
      { at: '2022-03-09T22:00:00+02:00', do: 'close', reason: 'Over 3,000 evacuated from Irpin and Vorzel; 50 buses blocked at Bucha and Hostomel.' },
    ],
  },
  {
    key: 'UA22-C09',
    draftedAt: '2022-03-13T21:00:00+02:00',
    content: (p) => ({
      name: 'Mariupol – Zaporizhzhia (private cars, 14 March)',
      publicText: demoPublicText('UA22-C09'),
      purpose: ['evacuation'],
      origin: place('Mariupol'),
      destination: place('Zaporizhzhia'),
      route: route('Mariupol', 'Melekyne', 'Portovske', 'Manhush', 'Berdiansk', 'Tokmak', 'Zaporizhzhia'),
      bufferMeters: 3000,
      gatheringPoints: [{ name: 'Port City shopping centre', lat: 47.119, lon: 37.515 }],
      windows: [window('2022-03-14', '08:00', '20:00')],
      parties: [p.ua, p.ru],
      allowedTraffic: ['private_car'],
      eligibility: 'Civilians in their own cars',
      conditions: 'Reception point in Zaporizhzhia: 41 Rekordna St (circus).',
    }),
    steps: [
      ...both('2022-03-14', '06:00'),
      { at: '2022-03-14T21:00:00+02:00', do: 'close', reason: 'More than 160 private cars left by 13:00.' },
    ],
  },
  {
    key: 'UA22-C10',
    draftedAt: '2022-03-14T20:00:00+02:00',
    content: (p) => ({
      name: 'Sumy – Lubny',
      publicText: demoPublicText('UA22-C10'),
      purpose: ['evacuation'],
      origin: place('Sumy'),
      destination: place('Lubny'),
      route: route('Sumy', 'Holubivka', 'Lokhvytsia', 'Lubny'),
      gatheringPoints: [{ name: 'Sumy State University', lat: 50.8926, lon: 34.8415 }],
      checkpoints: [{ name: 'Lokhvytsia', ...latLon('Lokhvytsia'), controlledBy: p.ua }],
      windows: [window('2022-03-15', '09:00', '21:00')],
      parties: [p.ua, p.ru],
      allowedTraffic: ['bus', 'private_car'],
      eligibility: 'All civilians',
      conditions: 'ICRC and Ukrainian Red Cross accompany the convoys.',
    }),
    steps: [
      ...both('2022-03-15', '07:00'),
      { at: '2022-03-15T22:00:00+02:00', do: 'close', reason: 'Two convoys, at least 80 buses (ICRC).' },
    ],
  },
];

function latLon(name: string): { lat: number; lon: number } {
  const { lat, lon } = place(name);
  return { lat, lon };
}

/** A corridor open right now, so the live views show something: it is re-made whenever none is open. */
export function liveDemoCorridor(parties: Record<DemoParty, string>, now: Date): CorridorInput {
  const at = (hours: number) => new Date(now.getTime() + hours * 3_600_000).toISOString();
  return {
    name: 'Enerhodar – Zaporizhzhia (live demo)',
    publicText: demoPublicText('live'),
    purpose: ['evacuation', 'supply'],
    origin: place('Enerhodar'),
    destination: place('Zaporizhzhia'),
    route: route('Enerhodar', 'Vasylivka', 'Zaporizhzhia'),
    gatheringPoints: [{ name: 'City council', lat: 47.499, lon: 34.6563 }],
    checkpoints: [{ name: 'Vasylivka', ...latLon('Vasylivka'), controlledBy: parties.ru }],
    windows: [{ start: at(-1), end: at(8) }],
    parties: [parties.ua, parties.ru],
    allowedTraffic: ['bus', 'private_car'],
    eligibility: 'Women, children, elderly and people with disabilities first',
    conditions: 'Buses leave from the city council every hour; white cloth on private cars.',
  };
}

/** A proposal waiting for both liaisons, so the approval screens show something. */
export function pendingDemoCorridor(parties: Record<DemoParty, string>, now: Date): CorridorInput {
  const tomorrow = new Date(now.getTime() + 24 * 3_600_000).toISOString().slice(0, 10);
  return {
    name: 'Mariupol – Zaporizhzhia (awaiting approval)',
    publicText: demoPublicText('pending'),
    purpose: ['evacuation'],
    origin: place('Mariupol'),
    destination: place('Zaporizhzhia'),
    route: MARIUPOL_ROUTE,
    bufferMeters: 3000,
    gatheringPoints: [{ name: 'Port City shopping centre', lat: 47.119, lon: 37.515 }],
    checkpoints: [{ name: 'Vasylivka', ...latLon('Vasylivka'), controlledBy: parties.ru }],
    windows: [{ start: `${tomorrow}T09:00:00+02:00`, end: `${tomorrow}T17:00:00+02:00` }],
    parties: [parties.ua, parties.ru],
    allowedTraffic: ['bus', 'private_car'],
    eligibility: 'All civilians',
  };
}
