import { useEffect, useState } from 'react';
import { listOutbox, onOutboxChange, type OutboxItem } from './outbox.ts';

/** What the device still holds: taps waiting for the network, and taps the server refused. */
export function useOutbox(): { items: OutboxItem[]; waiting: OutboxItem[]; refused: OutboxItem[] } {
  const [items, setItems] = useState<OutboxItem[]>([]);
  useEffect(() => {
    let live = true;
    const load = () =>
      void listOutbox()
        .then((list) => {
          if (live) setItems(list);
        })
        .catch(() => undefined);
    load();
    const off = onOutboxChange(load);
    return () => {
      live = false;
      off();
    };
  }, []);
  return { items, waiting: items.filter((i) => i.state === 'waiting'), refused: items.filter((i) => i.state === 'refused') };
}
