import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTICE_WORDS } from '../../src/domain/notice-words.ts';
import { ADMIN, startTestApp, type TestApp } from '../helpers/app.ts';
import { createCorridor, corridorBody, createTwoParties } from '../helpers/corridors.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { screenshotPath } from '../helpers/screenshots.ts';
import { hoursFromNow } from '../helpers/time.ts';
import { createAgreedCorridor } from '../helpers/signing.ts';

/** Debian's poppler-utils; CI installs it (.ci/run). */
const POPPLER = existsSync('/usr/bin/pdftotext') && existsSync('/usr/bin/pdfinfo') && existsSync('/usr/bin/pdftoppm');
if (!POPPLER) console.warn('poster test skipped: /usr/bin/pdftotext (Debian poppler-utils) is missing');

const dir = mkdtempSync(path.join(tmpdir(), 'poster-'));
const pdfText = (pdf: Buffer, name: string): string => {
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
};
const pages = (pdf: Buffer, name: string): number => {
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('/usr/bin/pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
};
/** pdftotext may break a title across columns: compare words with spacing collapsed. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe.runIf(POPPLER).each(DIALECTS)('corridor poster on %s', (dialect) => {
  let t: TestApp;
  let coordinator: string;
  let liaisons: string[];
  let parties: string[];

  beforeAll(async () => {
    t = await startTestApp(dialect, { schedulerIntervalMs: 0 });
    coordinator = await t.login(ADMIN.email, ADMIN.password);
    ({ parties, liaisons } = await createTwoParties(t, coordinator, 'Poster'));
  });
  afterAll(async () => t?.close());

  const agreed = (windows: { start: string; end: string }[]) => createAgreedCorridor(t, coordinator, parties, liaisons, { windows });
  const poster = async (id: string, lang: string) => {
    const response = await t.inject({ method: 'GET', url: `/api/v1/public/corridors/${id}/poster.pdf?lang=${lang}` });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    return response.rawPayload;
  };

  it('prints an open corridor on one A4 page in uk, ru and en with its Cyrillic name, zones and QR link', async () => {
    const id = await agreed([{ start: hoursFromNow(-1), end: hoursFromNow(5) }]);
    const uk = await poster(id, 'uk');
    expect(pages(uk, 'uk')).toBe(1);
    const ukText = flat(pdfText(uk, 'uk'));
    expect(ukText).toContain('Суми → Полтава');
    expect(ukText).toContain(NOTICE_WORDS.uk.open_now.label);
    expect(ukText).toContain('Сумський державний університет');
    expect(ukText).toContain('за київським часом');
    expect(ukText).toContain('за московським часом');
    expect(ukText).toContain('Документи, вода');
    expect(ukText).toContain('http://localhost:8080/uk');
    expect(ukText).toContain('Надруковано');
    const ru = flat(pdfText(await poster(id, 'ru'), 'ru'));
    expect(ru).toContain('Сумы → Полтава');
    expect(ru).toContain(NOTICE_WORDS.ru.open_now.label);
    expect(flat(pdfText(await poster(id, 'en'), 'en'))).toContain('Sumy → Poltava');
    // pdftoppm adds the .png itself.
    const png = screenshotPath('public-poster-uk').replace(/\.png$/, '');
    execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '60', '-singlefile', path.join(dir, 'uk.pdf'), png]);
    expect(existsSync(`${png}.png`)).toBe(true);
  });

  it('prints a suspended corridor as suspended, do not go — never "open now"', async () => {
    const id = await agreed([{ start: hoursFromNow(-1), end: hoursFromNow(5) }]);
    const suspended = await t.as(coordinator, { method: 'POST', url: `/api/v1/corridors/${id}/suspend`, payload: { reason: 'Shelling' } });
    expect(suspended.statusCode).toBe(200);
    for (const lang of ['uk', 'ru', 'en'] as const) {
      const pdf = await poster(id, lang);
      const text = flat(pdfText(pdf, `suspended-${lang}`));
      expect(text).toContain(NOTICE_WORDS[lang].suspended.label);
      expect(text).toContain(flat(NOTICE_WORDS[lang].suspended.advice));
      expect(text).not.toContain(NOTICE_WORDS[lang].open_now.label);
    }
    execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '60', '-singlefile', path.join(dir, 'suspended-uk.pdf'), screenshotPath('public-poster-suspended-uk').replace(/\.png$/, '')]);
  });

  it('has no poster for a corridor that is not public, and refuses an unknown language', async () => {
    const draft = await createCorridor(t, coordinator, corridorBody(parties));
    expect((await t.inject({ method: 'GET', url: `/api/v1/public/corridors/${draft.id}/poster.pdf` })).statusCode).toBe(404);
    expect((await t.inject({ method: 'GET', url: '/api/v1/public/corridors/nothing/poster.pdf?lang=uk' })).statusCode).toBe(404);
    const id = await agreed([{ start: hoursFromNow(24), end: hoursFromNow(30) }]);
    expect((await t.inject({ method: 'GET', url: `/api/v1/public/corridors/${id}/poster.pdf?lang=fr` })).statusCode).toBe(400);
    const text = flat(pdfText(await poster(id, 'uk'), 'agreed'));
    expect(text).toContain(NOTICE_WORDS.uk.opens_later.label);
    expect(text).not.toContain(NOTICE_WORDS.uk.open_now.label);
  });
});
