import { parseProblem, type Problem } from '../api.ts';

/**
 * The console's outbox: field taps (check-ins, boarding, arrival, did-not-board, registrations)
 * are kept on the device in IndexedDB with the time of the tap and an Idempotency-Key, and sent
 * in the order they were made whenever the network lets them through. A send that fails for
 * want of a network is tried again later with the same key, so the server stores it once. An
 * answer that refuses the tap (409 conflict, 422 rule) is kept, flagged, for the user to resolve:
 * it is never retried on its own and never overwrites what the server holds.
 */

export type OutboxKind = 'checkin' | 'board' | 'arrive' | 'not_boarded' | 'registration';

export interface OutboxItem {
  /** Order of the taps on this device (IndexedDB key). */
  seq?: number;
  /** Also the Idempotency-Key: a retry of the same tap is recognised by the server. */
  key: string;
  kind: OutboxKind;
  path: string;
  body: Record<string, unknown>;
  tappedAt: string;
  movementId: string | null;
  personId: string | null;
  state: 'waiting' | 'refused';
  problem: Pick<Problem, 'status' | 'code' | 'title' | 'detail'> | null;
  attempts: number;
}

export type NewOutboxItem = Pick<OutboxItem, 'kind' | 'path' | 'body' | 'tappedAt'> & { movementId?: string; personId?: string };

export type SendOutcome = 'sent' | 'waiting' | 'refused' | 'signed-out';

const DB_NAME = 'safe-passage-ops';
const STORE = 'outbox';

let opening: Promise<IDBDatabase> | null = null;

function database(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'seq', autoIncrement: true });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB unavailable'));
  });
  return opening;
}

function inStore<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return database().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const request = work(tx.objectStore(STORE));
        tx.oncomplete = () => resolve(request.result);
        tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
      }),
  );
}

export function listOutbox(): Promise<OutboxItem[]> {
  return inStore('readonly', (s) => s.getAll() as IDBRequest<OutboxItem[]>).then((items) => items.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0)));
}

const putItem = (item: OutboxItem) => inStore('readwrite', (s) => s.put(item));
const deleteItem = (seq: number) => inStore('readwrite', (s) => s.delete(seq));

// ── Telling the screens (this tab and the others) that the outbox changed ──────────────

/** Listeners for answers the server gave to a queued tap: accepted (the new manifest, the check-in…) or refused. */
const answerListeners = new Set<(item: OutboxItem, body: unknown) => void>();
export function onOutboxAnswer(listener: (item: OutboxItem, body: unknown) => void): () => void {
  answerListeners.add(listener);
  return () => answerListeners.delete(listener);
}

const listeners = new Set<() => void>();
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('safe-passage-outbox');
if (channel) {
  channel.onmessage = (event: MessageEvent<{ answered?: OutboxItem } | string>) => {
    listeners.forEach((l) => l());
    // Another tab sent (or had refused) a tap: the screens of this tab that show its record reload too.
    const answered = typeof event.data === 'object' ? event.data.answered : undefined;
    if (answered) answerListeners.forEach((l) => l(answered, undefined));
  };
}

function changed(): void {
  listeners.forEach((l) => l());
  channel?.postMessage('changed');
}

export function onOutboxChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function answered(item: OutboxItem, body: unknown): void {
  answerListeners.forEach((l) => l(item, body));
  channel?.postMessage({ answered: item });
}

function newKey(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** Keeps a tap on the device and tries to send everything waiting; says what became of it. */
export async function enqueue(input: NewOutboxItem): Promise<{ outcome: SendOutcome; item: OutboxItem; body: unknown }> {
  const item: OutboxItem = {
    key: newKey(),
    kind: input.kind,
    path: input.path,
    body: input.body,
    tappedAt: input.tappedAt,
    movementId: input.movementId ?? null,
    personId: input.personId ?? null,
    state: 'waiting',
    problem: null,
    attempts: 0,
  };
  item.seq = Number(await inStore('readwrite', (s) => s.add(item)));
  changed();
  const results = await flushOutbox();
  return results.get(item.key) ?? { outcome: 'waiting', item, body: undefined };
}

type Sent = { outcome: SendOutcome; item: OutboxItem; body: unknown };

async function send(item: OutboxItem): Promise<Sent> {
  let response: Response;
  try {
    response = await fetch(item.path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json, application/problem+json', 'Content-Type': 'application/json', 'Idempotency-Key': item.key },
      body: JSON.stringify(item.body),
    });
  } catch {
    return { outcome: 'waiting', item, body: undefined };
  }
  const text = await response.text().catch(() => '');
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (response.ok) return { outcome: 'sent', item, body };
  if (response.status === 401) return { outcome: 'signed-out', item, body };
  // A refusal is the server's word on this tap: keep it for the user, flagged.
  if (response.status === 409 || response.status === 422 || response.status === 400 || response.status === 403 || response.status === 404) {
    const p = parseProblem(body, response.status);
    const problem = { status: response.status, title: p?.title ?? '', ...(p?.code ? { code: p.code } : {}), ...(p?.detail ? { detail: p.detail } : {}) };
    return { outcome: 'refused', item: { ...item, state: 'refused', problem }, body };
  }
  // 5xx, 429, a proxy's error page: the network is not through yet.
  return { outcome: 'waiting', item, body: undefined };
}

let flushing: Promise<Map<string, Sent>> | null = null;

/**
 * Sends the waiting taps in the order they were made. One at a time and one sender per device
 * (a Web Lock across tabs), so the server sees them in order. Stops at the first that finds no
 * network; a refused tap is flagged and the next one is sent.
 */
export function flushOutbox(): Promise<Map<string, Sent>> {
  if (flushing) return flushing.then(() => flushOutbox());
  const run = async (): Promise<Map<string, Sent>> => {
    const results = new Map<string, Sent>();
    for (const item of await listOutbox()) {
      if (item.state !== 'waiting' || item.seq === undefined) continue;
      const result = await send({ ...item, attempts: item.attempts + 1 });
      results.set(item.key, result);
      if (result.outcome === 'sent') {
        await deleteItem(item.seq);
        answered(item, result.body);
      } else if (result.outcome === 'refused') {
        await putItem(result.item);
        // The screen that shows this record reloads: what the server holds now is what to see.
        answered(result.item, result.body);
      } else {
        await putItem({ ...item, attempts: item.attempts + 1 });
        break;
      }
      changed();
    }
    return results;
  };
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  // The lock's promise settles with what run() settles with (the DOM typings nest it once more).
  const running = (locks ? (locks.request('safe-passage-outbox', run) as unknown as Promise<Map<string, Sent>>) : run()).finally(() => {
    flushing = null;
  });
  flushing = running;
  return running;
}

/** The user resolved a refused tap: drop it (what the server holds stands). */
export async function discardItem(item: OutboxItem): Promise<void> {
  if (item.seq !== undefined) await deleteItem(item.seq);
  changed();
}

/** The user asks to send a refused tap again, as it was (same time, same key). */
export async function retryItem(item: OutboxItem): Promise<void> {
  await putItem({ ...item, state: 'waiting', problem: null });
  changed();
  await flushOutbox();
}

let started = false;

/** Sends whenever the network comes back, and every 20 s while anything waits. */
export function startOutbox(): void {
  if (started || typeof window === 'undefined' || !('indexedDB' in window)) return;
  started = true;
  const tryNow = () => void flushOutbox().catch(() => undefined);
  window.addEventListener('online', tryNow);
  window.setInterval(() => {
    void listOutbox()
      .then((items) => (items.some((i) => i.state === 'waiting') ? flushOutbox() : undefined))
      .catch(() => undefined);
  }, 20_000);
  tryNow();
}
