import { describe, expect, it } from 'vitest';
import { nextAttemptAt, parseWebhookUrl, retryDelayMs, signatureHeader, verifySignatureHeader } from '../../src/domain/webhook.ts';
import { isNonPublicAddress } from '../../src/services/webhook-transport.ts';

describe('webhook rules', () => {
  it('waits longer after each failure, half of it random, up to the cap; then gives up', () => {
    const schedule = { baseMs: 1000, capMs: 10_000, maxAttempts: 4 };
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, schedule, () => 0))).toEqual([500, 1000, 2000, 4000, 5000]);
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, schedule, () => 1))).toEqual([1000, 2000, 4000, 8000, 10_000]);
    // Below the cap, whatever the random half, the n+1-th wait is never shorter than the n-th.
    for (let n = 1; n < 4; n++) expect(retryDelayMs(n + 1, schedule, () => 0)).toBeGreaterThanOrEqual(retryDelayMs(n, schedule, () => 1));
    const now = new Date('2026-01-01T00:00:00Z');
    expect(nextAttemptAt(3, schedule, now, () => 0)?.toISOString()).toBe('2026-01-01T00:00:02.000Z');
    expect(nextAttemptAt(4, schedule, now)).toBeNull();
  });

  it('signs t.body with the secret and refuses a changed body, another secret, an old or future timestamp', () => {
    const body = '{"id":"x"}';
    const header = signatureHeader('whsec_test', 1_700_000_000, body);
    expect(header).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
    expect(verifySignatureHeader(header, body, 'whsec_test', 1_700_000_100)).toEqual({ ok: true, timestamp: 1_700_000_000 });
    expect(verifySignatureHeader(header, `${body} `, 'whsec_test', 1_700_000_100)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySignatureHeader(header, body, 'whsec_other', 1_700_000_100)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySignatureHeader(header, body, 'whsec_test', 1_700_000_301)).toEqual({ ok: false, reason: 'too-old' });
    expect(verifySignatureHeader(header, body, 'whsec_test', 1_699_999_000)).toEqual({ ok: false, reason: 'in-future' });
    expect(verifySignatureHeader('v1=abc', body, 'whsec_test', 1_700_000_000)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('takes http(s) URLs without credentials only', () => {
    expect(parseWebhookUrl(' https://example.org/hook#frag ').href).toBe('https://example.org/hook');
    expect(() => parseWebhookUrl('gopher://example.org/')).toThrow(expect.objectContaining({ code: 'WEBHOOK_URL_SCHEME' }));
    expect(() => parseWebhookUrl('not a url')).toThrow(expect.objectContaining({ code: 'WEBHOOK_URL_INVALID' }));
    expect(() => parseWebhookUrl('https://a:b@example.org/')).toThrow(expect.objectContaining({ code: 'WEBHOOK_URL_CREDENTIALS' }));
  });

  it('tells public addresses from loopback, private, link-local and reserved ones, mapped IPv6 included', () => {
    for (const a of ['127.0.0.1', '10.0.0.5', '172.20.1.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', 'not-an-ip']) {
      expect(isNonPublicAddress(a), a).toBe(true);
    }
    for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8']) expect(isNonPublicAddress(a), a).toBe(false);
  });
});
