/**
 * `sesiona audit verify`, `sesiona search` and `sesiona export-session`: the archive and the audit
 * trail from the command line, over the same services as the screens.
 */
import { readdir, rename, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ArchiveFilter } from '../../src-shared/contract/archive.js';
import { AppError } from '../../src-shared/contract/errors.js';
import { DOCUMENT_KIND_LABEL } from '../../src-shared/format.js';
import { openApp, type OpenedApp } from '../services/app/open-app.js';
import { listArchive } from '../services/archive/archive.js';
import { exportSession } from '../services/archive/export-session.js';
import { resolveDataDir } from '../services/data-dir.js';
import { ExitCode, UsageError } from './sign-commands.js';
import { anchorProblemInEnglish } from '../services/store/head-anchor.js';

interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const ARCHIVE_USAGE = `  audit verify [--data-dir DIR] [--json]
                          check the hash chain of the audit log, its sealed segments and the
                          records; exit 1 naming the first broken entry (segment and sequence)
  search [--data-dir DIR] "text" [--kind K] [--signer NAME] [--session KEY] [--status S] [--json]
                          find documents by the text inside their PDFs, title, session or signer
  export-session [--data-dir DIR] --session KEY --out FILE.zip
                          a session's whole file: its PDFs, each document's constancia, the
                          agenda and a manifest with every file's SHA-256`;

type Spec = Record<string, { type: 'string' | 'boolean' }>;
function parse<T extends Spec>(argv: string[], options: T, positionals = false) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: positionals }) as {
      values: { [K in keyof T]?: T[K]['type'] extends 'string' ? string : boolean };
      positionals: string[];
    };
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

async function withApp<T>(dataDir: string | undefined, fn: (app: OpenedApp) => Promise<T>): Promise<T> {
  const app = await openApp({ dataDir: resolveDataDir(dataDir, process.env), host: 'cli', demo: false });
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

/** The journal segment (audit/log-<first seq>.jsonl) that holds an entry. */
export async function segmentOf(auditDir: string, seq: number): Promise<string | undefined> {
  const firsts = (await readdir(auditDir).catch(() => [] as string[]))
    .map((f) => /^log-(\d{10})\.jsonl$/.exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ file: m[0], first: Number(m[1]) }))
    .filter((s) => s.first <= seq)
    .sort((a, b) => b.first - a.first);
  return firsts[0]?.file;
}

export async function auditCommand(argv: string[], io: Io): Promise<void> {
  const [action, ...rest] = argv;
  if (action !== 'verify') throw new UsageError('audit needs: verify');
  const { values } = parse(rest, { 'data-dir': { type: 'string' }, json: { type: 'boolean' } });
  const check = await withApp(values['data-dir'], async (app) => ({ ...(await app.store.verifyAudit()), dir: app.store.dataDir })).catch((e: unknown) => {
    // A line that is not even JSON stops the store from opening; the store names its file and line.
    const head = e instanceof AppError ? anchorProblemInEnglish(e.message) : undefined;
    if (head) throw new ExitCode(1, head);
    const m = e instanceof AppError ? /audit\/(log-(\d{10})\.jsonl), línea (\d+)/.exec(e.message) : null;
    if (!m) throw e;
    const seq = Number(m[2]) + Number(m[3]) - 1;
    throw new ExitCode(1, `audit log broken: entry sequence ${seq} (line ${m[3]}) in segment audit/${m[1]} is unreadable; the data folder cannot be opened`);
  });
  const segment = check.brokenAt !== undefined ? await segmentOf(`${check.dir}/audit`, check.brokenAt) : undefined;
  if (values.json) {
    io.out(JSON.stringify({ ok: check.ok, entries: check.entries, brokenAt: check.brokenAt ?? null, segment: segment ?? null, problems: check.problems ?? [] }, null, 2));
    if (!check.ok) throw new ExitCode(1, '');
    return;
  }
  if (check.ok) {
    io.out(`audit log intact: ${check.entries} entries, hash chain and sealed segments verified`);
    return;
  }
  for (const p of check.problems ?? []) io.err(`  detail (es): ${p}`);
  if (check.brokenAt !== undefined) {
    throw new ExitCode(1, `audit log broken: first altered entry is sequence ${check.brokenAt} in segment audit/${segment ?? '?'}`);
  }
  throw new ExitCode(1, `audit log check failed: ${(check.problems ?? []).length} problem(s), listed above`);
}

export async function searchCommand(argv: string[], io: Io): Promise<void> {
  const { values, positionals } = parse(
    argv,
    {
      'data-dir': { type: 'string' },
      json: { type: 'boolean' },
      kind: { type: 'string' },
      signer: { type: 'string' },
      session: { type: 'string' },
      status: { type: 'string' },
    },
    true,
  );
  if (positionals.length > 1) throw new UsageError('search takes one text; quote it: sesiona search "texto a buscar"');
  const text = positionals[0]?.trim();
  if (!text && !values.signer && !values.kind && !values.session && !values.status) throw new UsageError('search needs a text to look for');
  await withApp(values['data-dir'], async ({ store }) => {
    let sessionId: string | undefined;
    if (values.session) {
      sessionId = store.all('sessions').find((s) => s.key === values.session)?.id;
      if (!sessionId) throw new ExitCode(1, `no session with key ${values.session}`);
    }
    const filter = ArchiveFilter.safeParse({
      ...(text ? { text } : {}),
      ...(values.kind ? { kind: values.kind } : {}),
      ...(values.signer ? { signer: values.signer } : {}),
      ...(values.status ? { status: values.status } : {}),
      ...(sessionId ? { sessionId } : {}),
    });
    if (!filter.success) throw new UsageError(`invalid search: ${filter.error.issues.map((i) => `--${i.path.join('.')}`).join(', ')}`);
    const found = await listArchive(store, filter.data);
    if (values.json) {
      io.out(JSON.stringify(found, null, 2));
      return;
    }
    if (!found.length) {
      io.err('no documents match');
      return;
    }
    for (const d of found) {
      const signed = d.signers.filter((s) => s.status === 'firmado').map((s) => s.name);
      io.out(`${d.id}  ${d.createdAt.slice(0, 10)}  ${DOCUMENT_KIND_LABEL[d.kind]}  ${d.title}${d.session ? `  [${d.session.key}]` : ''}`);
      if (signed.length) io.out(`    signed by: ${signed.join('; ')}`);
      if (d.excerpt) io.out(`    ${d.excerpt}`);
    }
    io.err(`${found.length} document(s)`);
  });
}

export async function exportSessionCommand(argv: string[], io: Io): Promise<void> {
  const { values } = parse(argv, { 'data-dir': { type: 'string' }, session: { type: 'string' }, out: { type: 'string' } });
  if (!values.session) throw new UsageError('missing --session KEY (such as IEM-CMI-SEORD-03/2023)');
  if (!values.out) throw new UsageError('missing --out FILE.zip');
  const out = values.out;
  await withApp(values['data-dir'], async ({ store }) => {
    const session = store.all('sessions').find((s) => s.key === values.session || s.id === values.session);
    if (!session) throw new ExitCode(1, `no session with key ${values.session}`);
    const { zip } = await exportSession(store, session.id);
    // Written beside and renamed, so a reader never sees half a ZIP.
    const tmp = `${out}.${process.pid}.tmp`;
    try {
      await writeFile(tmp, zip);
      await rename(tmp, out);
    } catch (e) {
      throw new ExitCode(1, `cannot write ${out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const docs = store.all('documents').filter((d) => d.sessionId === session.id).length;
    io.err(`wrote ${out}: session ${session.key}, ${docs} document(s), ${zip.length} bytes`);
  });
}
