/**
 * Every subscriber of a stream bench is one descriptor in a server process and one in a reader
 * process. Benches call `raiseToHardLimit()` first: it re-runs the bench with the soft `ulimit -n`
 * raised to the hard one (children inherit it). More than the hard limit needs the host's help
 * (`ulimit -Hn`, or LimitNOFILE under systemd).
 */
import { spawnSync } from 'node:child_process';

export function raiseToHardLimit(): void {
  if (process.env.SP_BENCH_ULIMIT === '1') return;
  const run = spawnSync('bash', ['-c', 'ulimit -n "$(ulimit -Hn)" && exec "$@"', 'bash', process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, SP_BENCH_ULIMIT: '1' },
  });
  process.exit(run.status ?? 1);
}

/** This process's soft descriptor limit (Infinity when unlimited). */
export function descriptorLimit(): number {
  const limit = Number(spawnSync('bash', ['-c', 'ulimit -n'], { encoding: 'utf8' }).stdout.trim());
  return Number.isFinite(limit) ? limit : Infinity;
}
