import { spawn, type ChildProcess } from 'node:child_process';
import { BIN } from './cli.ts';

export interface ServerProcess {
  /** The base URL it listens on, e.g. http://127.0.0.1:40123 */
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything it printed, for a failing test's message. */
  output(): string;
  /** SIGTERM and wait for it to end. */
  stop(): Promise<void>;
  /** SIGKILL: no shutdown, no flushing; what the operating system does to a crashed process. */
  kill(): Promise<void>;
}

/**
 * Starts the real `safe-passage serve` bin on a port the system picks, as an operator runs it,
 * and resolves once it says where it listens.
 */
export function startServerProcess(args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const ended = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await ended;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start in ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const found = /public site\s+(http:\/\/[^\s/]+)\//.exec(out);
      if (!found?.[1]) return;
      clearTimeout(timer);
      const url = found[1].replace('0.0.0.0', '127.0.0.1');
      resolve({ url, port: Number(new URL(url).port), child, output: () => out, stop: () => end('SIGTERM'), kill: () => end('SIGKILL') });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code ?? signal}) before it listened:\n${out}`));
    });
  });
}
