/**
 * `sesiona session create`, `agenda add`, `convocatoria` and `acta pdf`: the technical
 * secretary's scriptable steps, over the same services as the screens. Errors are English with
 * a non-zero exit (2 bad usage, 1 refused), and a refused command stores nothing.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { AppError } from '../../src-shared/contract/errors.js';
import { IsoDate, Modality, SessionType } from '../../src-shared/domain/index.js';
import { openApp, type OpenedApp } from '../services/app/open-app.js';
import { resolveDataDir } from '../services/data-dir.js';
import { minutesPdf } from '../services/minutes/minutes.js';
import { addItem } from '../services/sessions/agenda.js';
import { convocatoriaFile } from '../services/sessions/convene.js';
import { SessionError } from '../services/sessions/errors.js';
import { createSession, currentMinutes } from '../services/sessions/sessions.js';
import { ExitCode, UsageError } from './sign-commands.js';

export interface SessionIo {
  out(text: string): void;
  err(text: string): void;
}

export const SESSION_USAGE = `  session create --commission CMI --type ordinaria|extraordinaria|extraordinaria_urgente
                 --date YYYY-MM-DD [--time HH:MM] [--modality presencial|virtual|hibrida]
                 [--place P] [--number N] [--data-dir DIR]
                          create a session; prints its key (IEM-CMI-SEORD-03/2023)
  agenda add --session KEY --text T [--approves KEY] [--data-dir DIR]
                          add an item to a session's agenda (--approves: reading and approval
                          of that session's minutes)
  convocatoria --session KEY --out F.pdf [--data-dir DIR]
                          write the session's notice (convocatoria) as a PDF
  acta pdf --session KEY --out F.pdf [--data-dir DIR]
                          write the session's minutes (acta) as a PDF`;

type Spec = Record<string, { type: 'string' }>;

function flags<T extends Spec>(argv: string[], spec: T): { [K in keyof T]?: string } & { 'data-dir'?: string } {
  try {
    return parseArgs({ args: argv, options: { ...spec, 'data-dir': { type: 'string' } }, strict: true }).values as never;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

function need(value: string | undefined, flag: string): string {
  if (value === undefined) throw new UsageError(`missing ${flag}`);
  return value;
}

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

function sessionByKey(app: OpenedApp, key: string) {
  const session = app.store.all('sessions').find((s) => s.key === key.trim());
  if (!session) throw new ExitCode(1, `no session with key ${key}`);
  return session;
}

async function writeOut(path: string, base64: string, io: SessionIo): Promise<void> {
  await writeFile(path, Buffer.from(base64, 'base64'));
  io.err(`wrote ${path}`);
}

export async function sessionCommand(argv: string[], io: SessionIo): Promise<void> {
  const [action, ...rest] = argv;
  if (action !== 'create') throw new UsageError('session needs: create');
  const f = flags(rest, {
    commission: { type: 'string' },
    type: { type: 'string' },
    date: { type: 'string' },
    time: { type: 'string' },
    modality: { type: 'string' },
    place: { type: 'string' },
    number: { type: 'string' },
  });
  const acronym = need(f.commission, '--commission').toUpperCase();
  const type = SessionType.safeParse(need(f.type, '--type'));
  if (!type.success) throw new UsageError(`--type must be one of: ${SessionType.options.join(', ')}`);
  const date = need(f.date, '--date');
  if (!IsoDate.safeParse(date).success) throw new UsageError(`--date ${date} is not a real date (YYYY-MM-DD)`);
  const modality = Modality.safeParse(f.modality ?? 'presencial');
  if (!modality.success) throw new UsageError(`--modality must be one of: ${Modality.options.join(', ')}`);
  if (f.time !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(f.time)) throw new UsageError(`--time ${f.time} is not a time (HH:MM)`);
  const number = f.number === undefined ? undefined : Number(f.number);
  if (number !== undefined && (!Number.isInteger(number) || number < 1 || number > 999)) throw new UsageError('--number must be a whole number from 1 to 999');
  await withApp(f['data-dir'], async (app) => {
    const commission = app.store.all('commissions').find((c) => c.acronym === acronym);
    if (!commission) throw new ExitCode(1, `no commission ${acronym} in this data folder (load the demo data with: sesiona demo)`);
    const session = await app.store.mutate(
      createSession,
      {
        commissionId: commission.id,
        type: type.data,
        date,
        modality: modality.data,
        ...(f.time ? { time: f.time } : {}),
        ...(f.place ? { place: f.place } : {}),
        ...(number ? { number } : {}),
      },
      app.context.actor,
    );
    io.out(session.key);
  });
}

export async function agendaCommand(argv: string[], io: SessionIo): Promise<void> {
  const [action, ...rest] = argv;
  if (action !== 'add') throw new UsageError('agenda needs: add');
  const f = flags(rest, { session: { type: 'string' }, text: { type: 'string' }, approves: { type: 'string' } });
  const key = need(f.session, '--session');
  const text = need(f.text, '--text').trim();
  if (!text) throw new UsageError('--text is empty: an agenda item needs its text');
  await withApp(f['data-dir'], async (app) => {
    const session = sessionByKey(app, key);
    let approves: string | undefined;
    if (f.approves) {
      const target = sessionByKey(app, f.approves);
      if (!currentMinutes(app.store, target.id)) throw new ExitCode(1, `session ${target.key} has no minutes to approve`);
      approves = target.id;
    }
    const updated = await app.store.mutate(
      addItem,
      { sessionId: session.id, text, ...(approves ? { kind: 'aprobacion', approvesSessionId: approves } : {}) },
      app.context.actor,
    );
    io.out(`${updated.key}: ${updated.agenda.length} item(s)`);
  });
}

export async function convocatoriaCommand(argv: string[], io: SessionIo): Promise<void> {
  const f = flags(argv, { session: { type: 'string' }, out: { type: 'string' } });
  const key = need(f.session, '--session');
  const out = need(f.out, '--out');
  await withApp(f['data-dir'], async (app) => {
    const file = await convocatoriaFile(app.store, sessionByKey(app, key).id);
    await writeOut(out, file.base64, io);
  });
}

export async function actaCommand(argv: string[], io: SessionIo): Promise<void> {
  const [action, ...rest] = argv;
  if (action !== 'pdf') throw new UsageError('acta needs: pdf');
  const f = flags(rest, { session: { type: 'string' }, out: { type: 'string' } });
  const key = need(f.session, '--session');
  const out = need(f.out, '--out');
  await withApp(f['data-dir'], async (app) => {
    const session = sessionByKey(app, key);
    const minutes = currentMinutes(app.store, session.id);
    if (!minutes) throw new ExitCode(1, `session ${session.key} has no minutes yet (draft them in the app first)`);
    const file = await minutesPdf(app.store, minutes.id);
    await writeOut(out, file.base64, io);
  });
}
