import { Command, InvalidArgumentError } from 'commander';
import { createApp, createContext } from '../app.ts';
import { loadConfig } from '../config.ts';
import { DEMO_ORGS, DEMO_PASSWORD, isDatabaseEmpty, seedDemo, type DemoLogin } from '../demo/demo.service.ts';
import { DomainError } from '../domain/errors.ts';
import { verifyAuditLog } from '../services/audit.service.ts';
import { initMediator } from '../services/identity.service.ts';
import { mediatorSigningKey } from '../services/feeds.service.ts';
import { findRegistryDuplicates, reindexNames } from '../services/registry-index.service.ts';
import { syncPlaces } from '../services/places.service.ts';
import { findOrgByName } from '../store/orgs.repository.ts';
import { migrateToLatest, openDatabase } from '../store/database.ts';
import { printNamePairScores } from './names-score.ts';
import { addSigningCommands } from './keys.ts';
import { addWitnessCommand } from './witness.ts';
import { addEvidenceCommands } from './evidence.ts';
import { verifyCapFile } from './cap-verify.ts';
import { backupDatabase, restoreDatabase } from './backup.ts';

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('a port number from 0 to 65535');
  return port;
}

function parseScore(value: string): number {
  const score = Number(value);
  if (!(score > 0.5 && score <= 1)) throw new InvalidArgumentError('a score above 0.5 and at most 1');
  return score;
}

function printDemoLogins(logins: DemoLogin[]): void {
  const lines = [
    '',
    'Demo logins (demo data only: never use these on a real deployment)',
    `  password for every account: ${DEMO_PASSWORD}`,
    ...logins.map((l) => `  ${l.email.padEnd(27)} ${l.role.padEnd(13)} ${l.org}`),
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function serve(options: { demo?: boolean; port?: number }): Promise<void> {
  const config = loadConfig();
  if (options.port !== undefined) config.port = options.port;
  const app = await createApp(config);
  if (options.demo) {
    const demoPresent = (await findOrgByName(app.ctx.db, DEMO_ORGS[0]?.name ?? '')) !== undefined;
    if ((await isDatabaseEmpty(app.ctx)) || demoPresent) {
      printDemoLogins(await seedDemo(app.ctx));
    } else {
      process.stdout.write('This database holds real organisations: the demo is not loaded.\n');
    }
  } else {
    await syncPlaces(app.ctx);
  }
  const stop = async (signal: string): Promise<void> => {
    app.server.log.info({ signal }, 'shutting down');
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  const address = await app.server.listen({ port: config.port, host: config.host });
  process.stdout.write(
    `Safe Passage on ${app.database.dialect} (${app.database.safeUrl})\n  public site  ${address}/\n  console      ${address}/ops\n  API docs     ${address}/api/docs\n`,
  );
}

async function withContext<T>(run: (ctx: Awaited<ReturnType<typeof createContext>>['ctx']) => Promise<T>): Promise<T> {
  const context = await createContext();
  try {
    return await run(context.ctx);
  } finally {
    await context.close();
  }
}

export function buildCli(): Command {
  const program = new Command('safe-passage')
    .description('Safe Passage: coordination of humanitarian corridors')
    .showHelpAfterError();

  program
    .command('serve')
    .description('start the server (migrates the database first)')
    .option('--demo', 'load the demo organisations and users into an empty database and print the logins')
    .option('-p, --port <port>', 'port to listen on (default PORT or 8080)', parsePort)
    .action(serve);

  program
    .command('migrate')
    .description('bring the database to the current schema')
    .action(async () => {
      const database = openDatabase(loadConfig().databaseUrl);
      try {
        const applied = await migrateToLatest(database.db);
        process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'schema is current\n');
      } finally {
        await database.close();
      }
    });

  program
    .command('init')
    .description('create the mediator organisation and its admin user (idempotent for the same email)')
    .requiredOption('--org <name>', 'name of the mediator organisation')
    .requiredOption('--email <email>', "admin's email")
    .requiredOption('--password <password>', "admin's password (at least 10 characters)")
    .option('--name <name>', "admin's display name")
    .action(async (options: { org: string; email: string; password: string; name?: string }) => {
      await withContext(async (ctx) => {
        const result = await initMediator(ctx, {
          orgName: options.org,
          email: options.email,
          password: options.password,
          name: options.name,
        });
        await syncPlaces(ctx);
        const what = result.created.user ? 'created' : 'already present';
        process.stdout.write(`mediator "${result.org.name}" (${result.org.id}); admin ${result.user.email}: ${what}\n`);
      });
    });

  program
    .command('demo')
    .description('load the demo organisations, users and places (adds only what is missing)')
    .action(async () => {
      await withContext(async (ctx) => printDemoLogins(await seedDemo(ctx)));
    });

  program
    .command('backup <file>')
    .description('copy the database to a file while the server runs (SQLite online backup; PostgreSQL: pg_dump custom format)')
    .action(async (file: string) => {
      await backupDatabase(loadConfig().databaseUrl, file);
      process.stdout.write(`backup written to ${file}\n`);
    });

  program
    .command('restore <file>')
    .description('replace the database with a backup (stop every server first; PostgreSQL: pg_restore in one transaction)')
    .action(async (file: string) => {
      await restoreDatabase(loadConfig().databaseUrl, file);
      process.stdout.write(`restored from ${file}; run "safe-passage audit verify" to check the chain\n`);
    });

  const audit = program.command('audit').description('the hash-chained audit log');
  audit
    .command('verify')
    .description('check every event of the audit chain; exit 1 naming the first broken one')
    .action(async () => {
      const verdict = await withContext((ctx) => verifyAuditLog(ctx));
      if (verdict.ok) {
        process.stdout.write(`${verdict.count} events, chain intact\n`);
      } else {
        process.stdout.write(`event ${verdict.seq}: ${verdict.reason}\n`);
        process.exitCode = 1;
      }
    });

  const names = program.command('names').description('name matching across scripts and transliterations');
  names
    .command('score')
    .description('score pairs of full names: CSV with columns a,b in; a,b,score,match out on stdout')
    .requiredOption('--pairs <file.csv>', 'CSV file whose header has columns "a" and "b"')
    .action(async (options: { pairs: string }) => {
      await printNamePairScores(options.pairs);
    });

  const people = program.command('people').description('the people registry: name index and duplicates');
  people
    .command('duplicates')
    .description('every pair of people likely to be one person: CSV a,b,score of person ids on stdout (no names), a summary on stderr')
    .option('--org <id>', 'only this organisation\'s people')
    .option('--threshold <score>', 'duplicate score from which a pair is listed (default: the registration threshold)', parseScore)
    .action(async (options: { org?: string; threshold?: number }) => {
      const stats = await withContext(async (ctx) => {
        process.stdout.write('a,b,score\n');
        return findRegistryDuplicates(ctx, (a, b, score) => process.stdout.write(`${a},${b},${score.toFixed(4)}\n`), { orgId: options.org, threshold: options.threshold });
      });
      process.stderr.write(
        `${stats.people} people, ${stats.coreNames} core names: ${stats.found} pairs in ${(stats.passMs / 1000).toFixed(1)} s (${stats.corePairs} pairs of core names and ${stats.personPairs} pairs of people compared)\n`,
      );
    });
  people
    .command('reindex')
    .description('rebuild the blocking keys of every core name (after an upgrade that changes the name rules)')
    .action(async () => {
      const { coreNames } = await withContext((ctx) => reindexNames(ctx));
      process.stdout.write(`${coreNames} core names indexed\n`);
    });

  program
    .command('cap')
    .description('CAP alerts of the public feed')
    .command('verify <file>')
    .description("check a CAP alert's XML signature against the mediator's key; exit 1 when it does not verify")
    .option('--key <base64>', "the mediator's public key (SPKI, base64) as /feeds/signing-key gives it; default: this database's mediator key")
    .action(async (file: string, options: { key?: string }) => {
      const key = options.key ?? (await withContext(async (ctx) => (await mediatorSigningKey(ctx))?.publicKey));
      if (!key) throw new InvalidArgumentError('no mediator key in this database: pass --key');
      const ok = verifyCapFile(file, key);
      process.stdout.write(ok ? `${file}: signature valid\n` : `${file}: signature INVALID\n`);
      if (!ok) process.exitCode = 1;
    });

  addSigningCommands(program);
  addWitnessCommand(program);
  addEvidenceCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (error) {
    const message = error instanceof DomainError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`safe-passage: ${message}\n`);
    process.exitCode = 1;
  }
}
