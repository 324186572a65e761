import { describe, expect, it } from 'vitest';
import { autoAnnouncementTexts, smsText, type AnnouncementSource } from '../../src/domain/announcement.ts';
import { corridorNotice } from '../../src/domain/corridor-notice.ts';
import type { CorridorStatus } from '../../src/domain/corridor.ts';
import { NOTICE_WORDS } from '../../src/domain/notice-words.ts';
import { PUBLIC_LANGS } from '../../src/domain/public-text.ts';
import { RADIO_ORDER, radioParts, radioScript, spokenWords } from '../../src/domain/radio-script.ts';
import { countSms } from '../../src/domain/sms.ts';
import { SUMY_POLTAVA_TEXT } from '../helpers/corridors.ts';

const WINDOW = { start: '2022-03-08T07:00:00.000Z', end: '2022-03-08T16:00:00.000Z' };
const URL = 'https://corridors.example.org';

function source(status: CorridorStatus, now: string, extra: Partial<AnnouncementSource> = {}): AnnouncementSource {
  return {
    name: 'Sumy – Poltava',
    origin: { name: 'Sumy' },
    destination: { name: 'Poltava' },
    eligibility: 'Everyone',
    conditions: null,
    gatheringPoints: [{ name: 'Sumy State University', address: 'Rymskoho-Korsakova St 2' }],
    publicText: SUMY_POLTAVA_TEXT,
    notice: corridorNotice({ status, windows: [WINDOW], suspendedAt: '2022-03-08T08:12:00.000Z', closedAt: null }, new Date(now)),
    ...extra,
  };
}

const open = source('open', '2022-03-08T08:00:00.000Z');
const suspended = source('suspended', '2022-03-08T09:00:00.000Z');
const agreed = source('agreed', '2022-03-07T08:00:00.000Z');

describe('radio script', () => {
  it('keeps the fixed order: what, where, when, who, what to bring, what not to do, source', () => {
    for (const lang of PUBLIC_LANGS) {
      const parts = radioParts(open, lang, URL);
      expect(parts.map((p) => p.part)).toEqual([...RADIO_ORDER]);
      const script = radioScript(open, lang, URL);
      let at = -1;
      for (const p of parts) {
        const index = script.indexOf(p.text);
        expect(index, `${lang} ${p.part}`).toBeGreaterThan(at);
        at = index;
      }
    }
    const en = radioScript(open, 'en', URL);
    expect(en).toMatch(/Open now.*Sumy State University.*8 March/);
    expect(en).toContain('from 09:00 to 18:00 Kyiv time');
    expect(en).toContain('That is 8 March, from 10:00 to 19:00 Moscow time');
    expect(en).toContain('Documents, water');
    expect(en.endsWith(`Check ${URL}/en.`)).toBe(true);
    expect(radioScript(open, 'uk', URL)).toContain('з 09:00 до 18:00 за київським часом');
    expect(radioScript(open, 'ru', URL)).toContain('с 10:00 до 19:00 по московскому времени');
  });

  it('lasts about thirty seconds read aloud (75–90 words, a little either side)', () => {
    for (const s of [open, suspended, agreed]) {
      for (const lang of PUBLIC_LANGS) {
        const words = spokenWords(radioScript(s, lang, URL));
        expect(words, `${s.notice.headline} ${lang}: ${radioScript(s, lang, URL)}`).toBeGreaterThanOrEqual(65);
        expect(words, `${s.notice.headline} ${lang}`).toBeLessThanOrEqual(100);
      }
    }
  });

  it('says a suspended corridor is suspended, since when, and not to go — never open or a time to go', () => {
    for (const lang of PUBLIC_LANGS) {
      const script = radioScript(suspended, lang, URL);
      expect(script).toContain(NOTICE_WORDS[lang].suspended.label);
      expect(script).toContain(NOTICE_WORDS[lang].suspended.advice);
      expect(script).not.toContain(NOTICE_WORDS[lang].open_now.label);
      expect(script).not.toContain('18:00');
    }
    expect(radioScript(suspended, 'en', URL)).toContain('Suspended since 8 March, 10:12 Kyiv time');
  });
});

describe('SMS text of a corridor notice', () => {
  it('fits two parts in every language and carries status, route, window with zone, point and link', () => {
    for (const s of [open, agreed, suspended]) {
      for (const lang of PUBLIC_LANGS) {
        const text = smsText(s, lang, URL);
        expect(countSms(text).segments, `${lang}: ${text}`).toBeLessThanOrEqual(2);
        expect(text).toContain(NOTICE_WORDS[lang][s.notice.headline].label);
        expect(text).toContain(`${URL}/${lang}`);
      }
    }
    expect(smsText(open, 'uk', URL)).toBe(`Відкрито зараз: Суми → Полтава. 08.03 09:00–18:00 за Києвом. Збір: Сумський д…. Лише до пункту збору. ${URL}/uk`);
    expect(countSms(smsText(open, 'uk', URL)).encoding).toBe('UCS-2');
    // English keeps to GSM-7: a hyphen, not an en dash or an arrow.
    expect(countSms(smsText(open, 'en', URL))).toMatchObject({ encoding: 'GSM-7', segments: 1 });
    expect(smsText(open, 'en', URL)).toContain('08.03 09:00-18:00 Kyiv time');
  });

  it('tells a suspended corridor as suspended, do not go, with no window', () => {
    const uk = smsText(suspended, 'uk', URL);
    expect(uk).toContain('Призупинено');
    expect(uk).toContain('Не вирушайте!');
    expect(uk).not.toContain('18:00');
    expect(smsText(suspended, 'en', URL)).toMatch(/^Suspended \(08\.03 10:12 Kyiv time\): Sumy - Poltava\. Do not go!/);
  });

  it('cuts a long gathering point name with an ellipsis rather than go past two parts', () => {
    const long = { ...SUMY_POLTAVA_TEXT, ru: { ...SUMY_POLTAVA_TEXT.ru, gatheringPoints: [{ name: 'Очень длинное название пункта сбора '.repeat(4), address: '' }] } };
    const text = smsText(source('open', '2022-03-08T08:00:00.000Z', { publicText: long }), 'ru', URL);
    expect(countSms(text).segments).toBeLessThanOrEqual(2);
    expect(text).toContain('…');
    expect(text).toContain('по Киеву');
  });

  it('gives every language its text, SMS and radio script', () => {
    const texts = autoAnnouncementTexts(open, URL);
    for (const lang of PUBLIC_LANGS) {
      expect(texts[lang].text).toContain(NOTICE_WORDS[lang].open_now.label);
      expect(texts[lang].sms.segments).toBeLessThanOrEqual(2);
      expect(texts[lang].radio.length).toBeGreaterThan(100);
    }
  });
});
