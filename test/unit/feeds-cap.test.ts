import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { corridorNotice } from '../../src/domain/corridor-notice.ts';
import { capConsumerProblems } from '../../src/feeds/cap-check.ts';
import { publicChangesOf } from '../../src/feeds/cap-history.ts';
import { capMsgType, renderCapAlert } from '../../src/feeds/cap.ts';
import { signCapAlert, verifyCapSignature } from '../../src/feeds/cap-signature.ts';
import type { PublicCorridorView } from '../../src/services/corridor.presenter.ts';
import { xsdProblems } from '../helpers/cap.ts';

const windows = [{ start: '2022-03-08T07:00:00.000Z', end: '2022-03-08T19:00:00.000Z' }];
const facts = {
  parties: ['ua', 'ru'],
  windows,
  proposedAt: '2022-03-07T10:00:00.000Z',
  decisions: [
    { partyId: 'ua', decision: 'approve' as const },
    { partyId: 'ru', decision: 'approve' as const },
  ],
  controls: [
    { type: 'suspend' as const, at: '2022-03-08T10:12:00.000Z' },
    { type: 'resume' as const, at: '2022-03-08T12:00:00.000Z' },
  ],
};
const now = new Date('2022-03-08T20:00:00.000Z');
const changes = publicChangesOf({ corridorId: 'c1', version: 1, facts, approvedAt: '2022-03-07T18:00:00.000Z', now });

const view: PublicCorridorView = {
  id: 'c1',
  name: 'Sumy – Poltava',
  status: 'closed',
  purpose: ['evacuation'],
  origin: { name: 'Sumy', lat: 50.9077, lon: 34.7981, names: { uk: 'Суми', ru: 'Сумы', en: 'Sumy' } },
  destination: { name: 'Poltava', lat: 49.5883, lon: 34.5514, names: { uk: 'Полтава', ru: 'Полтава', en: 'Poltava' } },
  route: { type: 'LineString', coordinates: [[34.7981, 50.9077], [33.2667, 50.3667], [34.5514, 49.5883]] },
  bufferMeters: 2000,
  gatheringPoints: [{ name: 'Sumy State University', lat: 50.8926, lon: 34.8415 }],
  windows,
  currentWindow: null,
  nextWindow: null,
  notice: corridorNotice({ status: 'closed', windows, suspendedAt: null, closedAt: null }, now),
  eligibility: 'Everyone',
  allowedTraffic: ['bus'],
  conditions: null,
  publicText: null,
  partyTimeZones: ['Europe/Kyiv', 'Europe/Moscow'],
  updatedAt: '2022-03-08T12:00:00.000Z',
};
const alertOf = (i: number) => renderCapAlert({ view, change: changes[i]!, earlier: changes.slice(0, i), publicUrl: 'https://corridors.example.org' });

describe('CAP alerts from the public changes', () => {
  it('one alert per change: approved, opened, suspended, resumed, closed by the clock', () => {
    expect(changes.map((c) => [c.notice.headline, capMsgType(c)])).toEqual([
      ['opens_later', 'Alert'],
      ['open_now', 'Update'],
      ['suspended', 'Update'],
      ['open_now', 'Update'],
      ['closed', 'Cancel'],
    ]);
  });

  it('every alert is schema-valid and fit for consumers; later ones reference all earlier ones', () => {
    changes.forEach((_, i) => {
      const xml = alertOf(i);
      expect(xsdProblems(xml)).toBe('');
      expect(capConsumerProblems(xml)).toEqual([]);
      const references = /<references>([^<]*)<\/references>/.exec(xml)?.[1]?.split(' ') ?? [];
      expect(references).toHaveLength(i);
    });
    expect(alertOf(2)).toContain('<headline>Sumy → Poltava — Suspended</headline>');
    expect(alertOf(2)).not.toContain('Open now');
  });

  it('consumer rules catch what the schema lets through', () => {
    const good = alertOf(1);
    const cases: [string, string, RegExp][] = [
      ['space in identifier', good.replace(/<identifier>safe-passage-/, '<identifier>safe passage-'), /identifier holds/],
      ['Z time', good.replace(/<sent>([^<]*)\+00:00</, '<sent>$1Z<'), /sent is not a CAP time/],
      ['long headline', good.replace(/<headline>[^<]*</, `<headline>${'x'.repeat(140)}<`), /headline is 140/],
      ['long areaDesc', good.replace(/<areaDesc>[^<]*</, `<areaDesc>${'x'.repeat(50)}<`), /areaDesc is 50/],
      ['open ring', good.replace(/<polygon>([^<]*) [^ <]*<\/polygon>/, '<polygon>$1 1,1</polygon>'), /not closed/],
      ['three points', good.replace(/<polygon>[^<]*</, '<polygon>50,30 51,30 50,30<'), /at least 4 points/],
      ['bow tie', good.replace(/<polygon>[^<]*</, '<polygon>50,30 51,31 51,30 50,31 50,30<'), /crosses itself/],
      ['lon,lat order', good.replace(/<polygon>[^<]*</, '<polygon>50,120 51,120 51,121 50,120<').replace(/<polygon>50,120/, '<polygon>120,50'), /out of range|not closed/],
      ['update without references', good.replace(/<references>[^<]*<\/references>/, ''), /Update without references/],
      ['bad circle', good.replace(/<circle>[^<]*</, '<circle>50.9,34.8<'), /circle must be/],
      ['no instruction', good.replaceAll(/<instruction>[^<]*<\/instruction>/g, ''), /instruction is missing/],
      ['other namespace', good.replace('urn:oasis:names:tc:emergency:cap:1.2', 'urn:oasis:names:tc:emergency:cap:1.1'), /namespace/],
    ];
    for (const [name, xml, problem] of cases) expect(capConsumerProblems(xml).join('; '), name).toMatch(problem);
  });

  it('the Ed25519 XML signature verifies, stays schema-valid, and fails on any change', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const publicKeyBase64 = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    const signed = signCapAlert(alertOf(2), privateKey.export({ format: 'der', type: 'pkcs8' }));
    expect(signed).toContain('http://www.w3.org/2021/04/xmldsig-more#eddsa-ed25519');
    expect(xsdProblems(signed)).toBe('');
    expect(capConsumerProblems(signed)).toEqual([]);
    expect(verifyCapSignature(signed, publicKeyBase64)).toBe(true);
    expect(verifyCapSignature(signed.replace('— Suspended</headline>', '— Open now</headline>'), publicKeyBase64)).toBe(false);
    expect(verifyCapSignature(signed.replace('<urgency>Immediate', '<urgency>Expected'), publicKeyBase64)).toBe(false);
    const other = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    expect(verifyCapSignature(signed, other)).toBe(false);
    expect(verifyCapSignature(alertOf(2), publicKeyBase64)).toBe(false);
  });
});

describe('safe-passage cap verify', () => {
  it('exits 0 for a signed alert and 1 once its headline is changed', async () => {
    const { runCli } = await import('../helpers/cli.ts');
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const key = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    const signed = signCapAlert(alertOf(2), privateKey.export({ format: 'der', type: 'pkcs8' }));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cap-cli-'));
    const good = path.join(dir, 'good.cap.xml');
    const bad = path.join(dir, 'bad.cap.xml');
    fs.writeFileSync(good, signed);
    fs.writeFileSync(bad, signed.replace('— Suspended</headline>', '— Open now</headline>'));
    try {
      const ok = await runCli(['cap', 'verify', good, '--key', key], {});
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.stdout).toContain('signature valid');
      const tampered = await runCli(['cap', 'verify', bad, '--key', key], {});
      expect(tampered.code).toBe(1);
      expect(tampered.stdout).toContain('INVALID');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
