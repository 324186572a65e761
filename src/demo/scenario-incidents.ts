import type { NewIncident } from '../services/incident.service.ts';
import type { DemoParty } from './scenario-corridors.ts';

/**
 * Incidents of March 2022 for the demo, with each side's own account where the sources give one
 * (the scenario dataset's sources, src/demo/scenario/ukraine-2022-03.json, and for Manhush the
 * reports of 22 March). The statements paraphrase each party's public statements of the day in
 * its own language; they are the demo's reconstruction, not verbatim quotes, and the system takes
 * no side between them. Times are Kyiv time (UTC+2).
 */

export interface DemoStatement {
  by: DemoParty;
  signedAt: string;
  text: string;
}

export interface DemoIncident extends NewIncident {
  reportedAt: string;
  /** Which demo account reports it: the Ukrainian Red Cross field team unless the ICRC saw it itself. */
  reporter: 'field@urcs.demo' | 'field@icrc.demo';
  statements: DemoStatement[];
  /** When the hazard was marked cleared by the mediator, and why. */
  cleared?: { at: string; note: string };
}

export const SCENARIO_INCIDENTS: readonly DemoIncident[] = [
  {
    type: 'shelling', lat: 47.12, lon: 37.58, occurredAt: '2022-03-05T11:20:00+02:00', reportedAt: '2022-03-05T11:35:00+02:00', severity: 'critical',
    description: 'Shelling in and around Mariupol during the announced ceasefire; the city council postponed the evacuation.',
    reporter: 'field@urcs.demo',
    statements: [
      {
        by: 'ua',
        signedAt: '2022-03-05T12:10:00+02:00',
        text: 'Через те, що російська сторона не дотримується режиму тиші та продовжує обстріли як самого Маріуполя, так і його околиць, з міркувань безпеки евакуацію мирного населення відкладено.',
      },
      {
        by: 'ru',
        signedAt: '2022-03-05T17:00:00+02:00',
        text: 'Российская сторона с 10:00 по московскому времени соблюдала режим тишины и открыла гуманитарные коридоры из Мариуполя и Волновахи. Украинская сторона не выпустила мирных жителей и использовала режим тишины для перегруппировки.',
      },
    ],
  },
  {
    type: 'shelling', lat: 47.62, lon: 37.5, occurredAt: '2022-03-05T13:00:00+02:00', reportedAt: '2022-03-05T13:20:00+02:00', severity: 'high',
    description: 'Column halted outside Volnovakha because of shelling.', reporter: 'field@urcs.demo', statements: [],
  },
  {
    type: 'shelling', lat: 47.11, lon: 37.52, occurredAt: '2022-03-06T12:30:00+02:00', reportedAt: '2022-03-06T12:50:00+02:00', severity: 'critical',
    description: 'Second evacuation attempt from Mariupol came to a halt (ICRC); shelling reported along the route.',
    reporter: 'field@urcs.demo',
    statements: [
      {
        by: 'ua',
        signedAt: '2022-03-06T14:00:00+02:00',
        text: 'Друга спроба евакуації з Маріуполя зірвана: російські війська не дотримались режиму тиші й продовжили обстріли вздовж узгодженого маршруту.',
      },
      {
        by: 'ru',
        signedAt: '2022-03-06T18:00:00+02:00',
        text: 'Украинская сторона вновь сорвала вывод мирных жителей из Мариуполя: националисты обстреливали район сбора колонн и не выпускали людей из города.',
      },
    ],
  },
  {
    type: 'mine', lat: 47.085, lon: 37.45, occurredAt: '2022-03-06T12:00:00+02:00', reportedAt: '2022-03-06T12:40:00+02:00', severity: 'critical',
    description: 'The ICRC team leading the convoy found the indicated road mined at the first checkpoint (ICRC, 7 March).',
    reporter: 'field@icrc.demo',
    statements: [],
  },
  {
    type: 'blocked_road', lat: 47.443, lon: 35.276, occurredAt: '2022-03-09T12:30:00+02:00', reportedAt: '2022-03-09T13:00:00+02:00', severity: 'high',
    description: 'Buses for Enerhodar (aid in, civilians out) held at the Vasylivka checkpoint.',
    reporter: 'field@urcs.demo',
    statements: [
      { by: 'ua', signedAt: '2022-03-09T15:00:00+02:00', text: 'Автобуси з гуманітарною допомогою для Енергодара, які мали вивезти людей, затримані російськими військовими на блокпосту у Василівці.' },
    ],
    cleared: { at: '2022-03-10T12:00:00+02:00', note: 'The aid convoy reached Enerhodar on 10 March; the road let it through.' },
  },
  {
    type: 'mine', lat: 50.52, lon: 30.26, occurredAt: '2022-03-09T08:00:00+02:00', reportedAt: '2022-03-09T08:30:00+02:00', severity: 'critical',
    description: 'Mines reported on the road between Bucha and Stoianka.', reporter: 'field@urcs.demo', statements: [],
  },
  {
    type: 'detention', lat: 47.0558, lon: 37.3107, occurredAt: '2022-03-22T12:00:00+02:00', reportedAt: '2022-03-22T18:00:00+02:00', severity: 'critical',
    description: 'Buses on their way to Mariupol seized near Manhush with their drivers and State Emergency Service rescuers.',
    reporter: 'field@urcs.demo',
    statements: [
      { by: 'ua', signedAt: '2022-03-22T19:00:00+02:00', text: 'Біля Мангуша окупанти захопили 11 водіїв автобусів і 4 рятувальників ДСНС разом із транспортом, що їхав по людей до Маріуполя.' },
    ],
  },
];
