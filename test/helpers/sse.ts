/** A minimal server-sent events reader over fetch, for tests of the live streams. */
export interface SseEvent {
  event: string;
  data: unknown;
  /** The event's id line, when it has one (what Last-Event-ID sends back). */
  id?: string;
}

export interface SseClient {
  events: SseEvent[];
  /** Resolves with the first event (already received or to come) that matches. */
  waitFor(match: (event: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  close(): void;
  /** Resolves when the server ends the stream (not when close() aborts it). */
  ended: Promise<void>;
}

export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
  if (!response.ok || !response.body) throw new Error(`stream ${url}: ${response.status}`);
  const events: SseEvent[] = [];
  const waiters = new Set<{ match: (event: SseEvent) => boolean; resolve: (event: SseEvent) => void }>();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let serverEnded: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => {
    serverEnded = resolve;
  });
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          serverEnded();
          return;
        }
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split('\n');
          const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
          const data = lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
          if (!event) continue;
          const id = lines.find((l) => l.startsWith('id: '))?.slice(4);
          const parsed: SseEvent = { event, data: JSON.parse(data), ...(id === undefined ? {} : { id }) };
          events.push(parsed);
          for (const waiter of waiters) {
            if (waiter.match(parsed)) {
              waiters.delete(waiter);
              waiter.resolve(parsed);
            }
          }
        }
      }
    } catch {
      // Aborted by close().
    }
  })();
  return {
    events,
    ended,
    waitFor(match, timeoutMs = 10_000) {
      const found = events.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve };
        waiters.add(waiter);
        setTimeout(() => {
          if (waiters.delete(waiter)) reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events)}`));
        }, timeoutMs);
      });
    },
    close() {
      controller.abort();
    },
  };
}
