/**
 * Where a liaison's signing key lives: IndexedDB on this device, one key per user. The private half
 * is a non-extractable WebCrypto key, so neither this code nor anyone with the page can read it
 * out; IndexedDB keeps the CryptoKey object itself, not its bytes. Clearing the site's data loses
 * the key for good: the liaison then enrols a new one and the party's admin revokes the old.
 */

export interface StoredDeviceKey {
  userId: string;
  privateKey: CryptoKey;
  /** base64 of the raw 32-byte Ed25519 public key, as enrolled. */
  publicKey: string;
  createdAt: string;
}

const DB_NAME = 'safe-passage-signing';
const STORE = 'device-keys';

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'userId' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB is not available'));
  });
}

async function withStore<T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = act(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
  } finally {
    db.close();
  }
}

export async function loadDeviceKey(userId: string): Promise<StoredDeviceKey | null> {
  const found = await withStore<StoredDeviceKey | undefined>('readonly', (store) => store.get(userId) as IDBRequest<StoredDeviceKey | undefined>);
  return found ?? null;
}

export async function saveDeviceKey(key: StoredDeviceKey): Promise<void> {
  await withStore('readwrite', (store) => store.put(key));
}
