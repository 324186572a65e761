import { useCallback, useEffect, useState } from 'react';
import { statementText, type SignedStatement } from '../../../src/domain/statements.ts';
import type { KeysList, PartyKey } from '../../../src/http/schemas/signing.ts';
import { isAbort, type ApiCall } from '../api.ts';
import { loadDeviceKey, saveDeviceKey, type StoredDeviceKey } from './device-key-store.ts';
import { generateDeviceKeyPair, signText, webCryptoCanSign } from './webcrypto.ts';

/**
 * The signing key of this user on this device, and where it stands with the party:
 * - `none`: no key on this device yet (or the one here is revoked/retired): enrol one;
 * - `unenrolled`: made here but the server has not got its public half (enrolment was cut off);
 * - `pending`: enrolled, waiting for the party's admin to compare the fingerprint and approve;
 * - `active`: it signs.
 */
export type SigningKeyState =
  | { status: 'loading' }
  | { status: 'unsupported' }
  | { status: 'failed'; error: unknown }
  | { status: 'none'; previous: PartyKey | null }
  | { status: 'unenrolled'; device: StoredDeviceKey }
  | { status: 'pending' | 'active'; device: StoredDeviceKey; key: PartyKey };

/** What a signed request carries, and the exact text that was signed (shown to the liaison). */
export interface DeviceSignature {
  keyId: string;
  signedAt: string;
  signature: string;
  statement: string;
}

export interface SigningKey {
  state: SigningKeyState;
  /** Makes a key on this device (replacing a revoked one) and enrols its public half. */
  enrol: (label: string) => Promise<void>;
  /** Builds the statement for this instant and signs it here; only with an active key. */
  sign: (build: (signedAt: string) => Promise<SignedStatement>) => Promise<DeviceSignature>;
  reload: () => void;
}

async function readState(api: ApiCall, userId: string, signal: AbortSignal): Promise<SigningKeyState> {
  if (!webCryptoCanSign()) return { status: 'unsupported' };
  const [device, keys] = await Promise.all([loadDeviceKey(userId), api<KeysList>('/api/v1/keys', { signal })]);
  const key = device ? keys.items.find((k) => k.publicKey === device.publicKey) : undefined;
  if (device && !key) return { status: 'unenrolled', device };
  if (device && key && (key.status === 'pending' || key.status === 'active')) return { status: key.status, device, key };
  return { status: 'none', previous: key ?? null };
}

/** `api` is the console's client (useApi()): the kit leaves what a 401 means to the app using it. */
export function useSigningKey(userId: string, api: ApiCall): SigningKey {
  const [state, setState] = useState<SigningKeyState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    readState(api, userId, controller.signal)
      .then(setState)
      .catch((error: unknown) => {
        if (isAbort(error)) return;
        setState({ status: 'failed', error });
      });
    // The admin approves elsewhere; coming back to this tab is the moment to look again.
    const onFocus = () => reload();
    window.addEventListener('focus', onFocus);
    return () => {
      controller.abort();
      window.removeEventListener('focus', onFocus);
    };
  }, [userId, attempt, api, reload]);

  const enrol = useCallback(
    async (label: string) => {
      let device = state.status === 'unenrolled' ? state.device : null;
      if (!device) {
        const pair = await generateDeviceKeyPair();
        device = { userId, privateKey: pair.privateKey, publicKey: pair.publicKey, createdAt: new Date().toISOString() };
        // Kept before the server hears of it: a key enrolled but lost on the device is worse than one kept but not yet enrolled.
        await saveDeviceKey(device);
      }
      await api<PartyKey>('/api/v1/keys', { method: 'POST', body: { publicKey: device.publicKey, ...(label.trim() ? { label: label.trim() } : {}) } });
      reload();
    },
    [state, userId, reload, api],
  );

  const sign = useCallback(
    async (build: (signedAt: string) => Promise<SignedStatement>): Promise<DeviceSignature> => {
      if (state.status !== 'active') throw new Error('no active signing key on this device');
      const signedAt = new Date().toISOString();
      const statement = statementText(await build(signedAt));
      return { keyId: state.key.id, signedAt, signature: await signText(state.device.privateKey, statement), statement };
    },
    [state],
  );

  return { state, enrol, sign, reload };
}
