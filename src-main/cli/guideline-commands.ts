/**
 * `sesiona lineamiento import|export|list`: guidelines from and to Word files, over the same
 * services as the screens. Errors are English with a non-zero exit (2 bad usage, 1 refused),
 * and a refused command stores nothing.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { AppError } from '../../src-shared/contract/errors.js';
import { Id } from '../../src-shared/domain/index.js';
import { openApp, type OpenedApp } from '../services/app/open-app.js';
import { resolveDataDir } from '../services/data-dir.js';
import { exportGuideline, importGuideline, listGuidelines, STATUS_LABEL } from '../services/guidelines/guidelines.js';
import { SessionError } from '../services/sessions/errors.js';
import type { SessionIo } from './session-commands.js';
import { ExitCode, UsageError } from './sign-commands.js';

export const GUIDELINE_USAGE = `  lineamiento import --commission CMI [--title T] FILE.docx [--data-dir DIR]
                          import a Word draft as a guideline; prints its id, and on stderr
                          what could not be mapped
  lineamiento export --id ID --format pdf|docx --out F [--data-dir DIR]
                          write a guideline as PDF (with the letterhead) or DOCX
  lineamiento list [--json] [--data-dir DIR]
                          every guideline with its status, last change and open comments`;

async function withApp<T>(dataDir: string | undefined, fn: (app: OpenedApp) => Promise<T>): Promise<T> {
  const app = await openApp({ dataDir: resolveDataDir(dataDir, process.env), host: 'cli', demo: false });
  try {
    return await fn(app);
  } catch (e) {
    if (e instanceof SessionError) throw new ExitCode(1, e.english);
    if (e instanceof AppError && e.code === 'INVALID_ARGUMENT') throw new ExitCode(1, `invalid input (${e.message})`);
    throw e;
  } finally {
    await app.close();
  }
}

function parse(argv: string[], options: Record<string, { type: 'string' | 'boolean' }>, positionals = false): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    return parseArgs({ args: argv, options: { ...options, 'data-dir': { type: 'string' } }, strict: true, allowPositionals: positionals }) as never;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export async function guidelineCommand(argv: string[], io: SessionIo): Promise<void> {
  const [action, ...rest] = argv;
  if (action === 'import') {
    const { values, positionals } = parse(rest, { commission: { type: 'string' }, title: { type: 'string' } }, true);
    const acronym = (values.commission as string | undefined)?.toUpperCase();
    if (!acronym) throw new UsageError('missing --commission');
    if (positionals.length !== 1) throw new UsageError('give exactly one FILE.docx');
    let bytes: Buffer;
    try {
      bytes = await readFile(positionals[0]!);
    } catch (e) {
      throw new ExitCode(1, `cannot read ${positionals[0]}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    await withApp(values['data-dir'] as string | undefined, async (app) => {
      const commission = app.store.all('commissions').find((c) => c.acronym === acronym);
      if (!commission) throw new ExitCode(1, `no commission ${acronym} in this data folder (load the demo data with: sesiona demo)`);
      const title = values.title as string | undefined;
      const result = await importGuideline(app.store, { commissionId: commission.id, ...(title ? { title } : {}), docx: new Uint8Array(bytes) }, app.context.actor);
      for (const line of result.report) io.err(`not mapped: ${line}`);
      io.out(result.id);
    });
    return;
  }
  if (action === 'export') {
    const { values } = parse(rest, { id: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } });
    const id = values.id as string | undefined;
    const format = values.format as string | undefined;
    const out = values.out as string | undefined;
    if (!id) throw new UsageError('missing --id');
    if (!Id.safeParse(id).success) throw new UsageError(`--id ${id} is not a guideline id`);
    if (format !== 'pdf' && format !== 'docx') throw new UsageError('--format must be pdf or docx');
    if (!out) throw new UsageError('missing --out');
    await withApp(values['data-dir'] as string | undefined, async (app) => {
      const file = await exportGuideline(app.store, id, format);
      try {
        await writeFile(out, Buffer.from(file.base64, 'base64'));
      } catch (e) {
        throw new ExitCode(1, `cannot write ${out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
      io.err(`wrote ${out}`);
    });
    return;
  }
  if (action === 'list') {
    const { values } = parse(rest, { json: { type: 'boolean' } });
    await withApp(values['data-dir'] as string | undefined, async (app) => {
      const rows = listGuidelines(app.store);
      if (values.json) {
        io.out(JSON.stringify(rows, null, 2));
        return;
      }
      if (!rows.length) io.err('no guidelines');
      for (const r of rows) {
        const schedule = r.schedule ? `  schedule ${r.schedule.percent}%` : '';
        io.out(`${r.id}  ${r.commission}  ${STATUS_LABEL[r.status]}  ${r.updatedAt.slice(0, 16).replace('T', ' ')}  ${r.openComments} open comment(s)${schedule}  ${r.title}`);
      }
    });
    return;
  }
  throw new UsageError('lineamiento needs one of: import, export, list');
}
