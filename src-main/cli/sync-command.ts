import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { AppError } from '../../src-shared/contract/errors.js';
import type { ArgsOf, CallName, ResultOf } from '../../src-shared/contract/index.js';
import { dispatch } from '../services/api.js';
import { engineFor } from '../services/sync/registry.js';
import { awaitingLine, lostChangeLine, notCountedSummary, signatureLine } from './sync-report.js';
import { openApp } from '../services/app/open-app.js';
import { resolveDataDir } from '../services/data-dir.js';
import { PassphraseKeyStore } from '../services/keystore/passphrase-keystore.js';
import { ExitCode, UsageError, type Io } from './sign-commands.js';

export const SYNC_USAGE = `  sync --data-dir D --server URL --username U --password-file F [--commission CMI] [--passphrase-file P]
                          one full round with the central server: push this folder's changes,
                          pull the others'; prints what moved, what the server refused, the
                          changes and signatures that did not count and the files still awaited`;

/** `sesiona sync`: sign in, one round, a summary. Exit 1 when the round fails or something was refused. */
export async function syncCommand(argv: string[], io: Io): Promise<void> {
  let f;
  try {
    f = parseArgs({
      args: argv,
      options: {
        'data-dir': { type: 'string' },
        server: { type: 'string' },
        username: { type: 'string' },
        'password-file': { type: 'string' },
        commission: { type: 'string' },
        'passphrase-file': { type: 'string' },
      },
      strict: true,
    }).values;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  for (const flag of ['server', 'username', 'password-file'] as const) if (!f[flag]) throw new UsageError(`missing --${flag}`);
  const read = async (path: string, flag: string) => {
    try {
      return (await readFile(path, 'utf8')).replace(/\r?\n$/, '');
    } catch {
      throw new UsageError(`cannot read ${flag} ${path}`);
    }
  };
  const password = await read(f['password-file']!, '--password-file');
  // With the passphrase the refresh token is kept sealed for the app; without it, only in memory.
  const passphrase = f['passphrase-file'] ? await read(f['passphrase-file'], '--passphrase-file') : process.env.SESIONA_PASSPHRASE;
  const app = await openApp({
    dataDir: resolveDataDir(f['data-dir'], process.env),
    host: 'cli',
    demo: false,
    ...(passphrase ? { keyStore: new PassphraseKeyStore(passphrase) } : {}),
  });
  const call = async <K extends CallName>(name: K, args: ArgsOf<K>): Promise<ResultOf<K>> => {
    const reply = await dispatch(app.handlers, name, args);
    if (!reply.ok) throw new AppError(reply.error.code, reply.error.message);
    return reply.value as ResultOf<K>;
  };
  try {
    try {
      await call('sync.signIn', { server: f.server!, username: f.username!, password, ...(f.commission ? { commission: f.commission } : {}) });
    } catch (e) {
      if (e instanceof AppError && e.code === 'UNAUTHORIZED') throw new UsageError(`cannot sign in to ${f.server} as ${f.username}: ${e.message}`);
      if (e instanceof AppError && e.code === 'UNAVAILABLE') throw new AppError('UNAVAILABLE', `cannot reach the server ${f.server}`);
      throw e;
    }
    const engine = await engineFor(app.store, app.vault);
    // Kept only here, never synced: the ones that are new after the round are this round's.
    const lostBefore = new Set(app.store.all('lostChanges').map((x) => x.id));
    const round = await engine.sync();
    const status = engine.status();
    io.out(`pushed ${round.pushed}, pulled ${round.pulled}, rejected ${round.rejected.length}`);
    for (const r of round.rejected) io.out(`rejected ${r.kind} ${r.collection}/${r.id}: ${r.reason}`);
    const lost = app.store.all('lostChanges').filter((x) => !lostBefore.has(x.id)).sort((a, b) => a.at.localeCompare(b.at));
    const signatures = round.signatures.flatMap((id) => app.store.get('signatureConflicts', id) ?? []);
    const awaiting = engine.awaitingFiles();
    io.out(notCountedSummary(lost.length, signatures.length, awaiting.length));
    for (const x of lost) io.out(lostChangeLine(x));
    for (const x of signatures) io.out(signatureLine(x));
    for (const a of awaiting) io.out(awaitingLine(a));
    io.out(`pending ${status.pending}, commission ${status.commission}, server ${status.server}`);
    if (round.rejected.length) throw new ExitCode(1, `the server refused ${round.rejected.length} change(s); they are kept in this folder`);
  } finally {
    await app.close();
  }
}
