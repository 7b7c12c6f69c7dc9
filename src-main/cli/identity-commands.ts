import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { CallName } from '../../src-shared/contract/names.js';
import type { ArgsOf, ResultOf } from '../../src-shared/contract/calls.js';
import { AppError } from '../../src-shared/contract/errors.js';
import { ACCOUNT_ROLE_LABELS, AccountRole } from '../../src-shared/domain/index.js';
import { bindCertificate } from '../../src-shared/identity/binding.js';
import { dispatch } from '../services/api.js';
import { openApp, type OpenedApp } from '../services/app/open-app.js';
import { openCredentials } from '../services/certificates/stored.js';
import { resolveDataDir } from '../services/data-dir.js';
import { PassphraseKeyStore } from '../services/keystore/passphrase-keystore.js';
import { displayName } from '../services/documents/signer-binding.js';
import { UsageError, type Io } from './sign-commands.js';

/**
 * People, accounts, actas and their signing from the command line, for scripts and tests. Every
 * write goes through the same contract as the screens; `--user U --password-file F` makes it that
 * account's, otherwise it is the operating-system user's (the data folder is owner-only).
 */

type Spec = Record<string, { type: 'string' | 'boolean' }>;

function flags<T extends Spec>(argv: string[], spec: T) {
  try {
    return parseArgs({ args: argv, options: { 'data-dir': { type: 'string' }, 'passphrase-file': { type: 'string' }, ...spec }, strict: true }).values as {
      [K in keyof T | 'data-dir' | 'passphrase-file']?: K extends keyof T ? (T[K]['type'] extends 'string' ? string : boolean) : string;
    };
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

function required(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`missing ${flag}`);
  return value;
}

async function secret(path: string | undefined, flag: string): Promise<string> {
  const file = required(path, flag);
  try {
    return (await readFile(file, 'utf8')).replace(/\r?\n$/, '');
  } catch {
    throw new UsageError(`cannot read ${flag} ${file}`);
  }
}

async function fileBase64(path: string, flag: string): Promise<string> {
  try {
    return (await readFile(path)).toString('base64');
  } catch {
    throw new UsageError(`cannot read ${flag} ${path}`);
  }
}

async function withApp<T>(
  f: { 'data-dir'?: string | undefined; 'passphrase-file'?: string | undefined; user?: string | boolean | undefined },
  userPasswordFile: string | undefined,
  fn: (app: OpenedApp, call: <K extends CallName>(name: K, args: ArgsOf<K>) => Promise<ResultOf<K>>) => Promise<T>,
): Promise<T> {
  if (typeof f.user === 'string' && !userPasswordFile) throw new UsageError('--user needs its password file');
  const user = typeof f.user === 'string' ? { username: f.user, password: await secret(userPasswordFile, 'password file') } : undefined;
  // The vault (sealed keys, the office seal used at lock time) opens with the passphrase, as in the web host.
  const passphrase = f['passphrase-file'] ? await secret(f['passphrase-file'], '--passphrase-file') : process.env.SESIONA_PASSPHRASE;
  let app: OpenedApp;
  try {
    app = await openApp({
      dataDir: resolveDataDir(f['data-dir'], process.env),
      host: 'cli',
      ...(user ? { user } : {}),
      ...(passphrase ? { keyStore: new PassphraseKeyStore(passphrase) } : {}),
    });
  } catch (e) {
    if (e instanceof AppError && e.code === 'UNAUTHORIZED') throw new UsageError(`cannot sign in as ${user?.username}: wrong username or password, or the account is disabled`);
    if (e instanceof AppError && e.code === 'LOCKED' && user) {
      throw new UsageError(`cannot sign in as ${user.username}: too many wrong passwords in a row; wait and try again, or ask an administrator to clear it`);
    }
    throw e;
  }
  const call = async <K extends CallName>(name: K, args: ArgsOf<K>): Promise<ResultOf<K>> => {
    const reply = await dispatch(app.handlers, name, args);
    if (!reply.ok) throw new AppError(reply.error.code, reply.error.message);
    return reply.value as ResultOf<K>;
  };
  try {
    return await fn(app, call);
  } finally {
    await app.close();
  }
}

async function people(argv: string[], io: Io): Promise<void> {
  const [action, ...rest] = argv;
  if (action === 'list') {
    const f = flags(rest, { json: { type: 'boolean' } });
    await withApp(f, undefined, async (_app, call) => {
      const list = await call('people.list', {});
      if (f.json) return io.out(JSON.stringify(list, null, 2));
      for (const p of list) {
        const seats = p.memberships.map((m) => `${m.commissionAcronym} ${m.roleLabel}`).join('; ');
        io.out(`${p.id}  ${displayName(p)}  RFC ${p.rfc ?? '-'}  CURP ${p.curp ?? '-'}  ${seats}`);
      }
    });
    return;
  }
  if (action === 'set') {
    const f = flags(rest, { person: { type: 'string' }, rfc: { type: 'string' }, curp: { type: 'string' }, email: { type: 'string' }, user: { type: 'string' }, 'password-file': { type: 'string' } });
    const id = required(f.person, '--person');
    if (f.rfc === undefined && f.curp === undefined && f.email === undefined) throw new UsageError('people set needs --rfc, --curp or --email');
    await withApp(f, f['password-file'], async (app, call) => {
      const person = app.store.get('people', id);
      if (!person) throw new UsageError(`no person with id ${id} (see: sesiona people list)`);
      const saved = await call('people.save', {
        id,
        title: person.title,
        name: person.name,
        ...(f.rfc !== undefined ? { rfc: f.rfc } : {}),
        ...(f.curp !== undefined ? { curp: f.curp } : {}),
        ...(f.email !== undefined ? { email: f.email } : {}),
      });
      io.err(`saved ${displayName(saved)}: RFC ${saved.rfc ?? '-'}, CURP ${saved.curp ?? '-'}`);
    });
    return;
  }
  throw new UsageError('people needs one of: list, set');
}

async function users(argv: string[], io: Io): Promise<void> {
  const [action, ...rest] = argv;
  if (action !== 'add') throw new UsageError('users needs: add');
  const f = flags(rest, {
    username: { type: 'string' },
    'password-file': { type: 'string' },
    role: { type: 'string' },
    person: { type: 'string' },
    commission: { type: 'string' },
    office: { type: 'string' },
    user: { type: 'string' },
    'user-password-file': { type: 'string' },
  });
  const role = AccountRole.safeParse(f.role);
  if (!role.success) throw new UsageError(`--role must be one of: ${Object.keys(ACCOUNT_ROLE_LABELS).join(', ')}`);
  const username = required(f.username, '--username');
  const password = await secret(f['password-file'], '--password-file');
  await withApp(f, f['user-password-file'], async (app, call) => {
    let commissionId: string | undefined;
    if (f.commission) {
      commissionId = app.store.all('commissions').find((c) => c.acronym === f.commission!.toUpperCase())?.id;
      if (!commissionId) throw new UsageError(`no commission with acronym ${f.commission}`);
    }
    if (role.data !== 'admin' && !f.person) throw new UsageError('--person is required for every role but admin');
    if (role.data === 'revisor' && !f.office?.trim()) throw new UsageError('--office is required for the revisor role (the office whose review rounds the account answers)');
    const account = await call('accounts.create', {
      username,
      password,
      role: role.data,
      ...(f.person ? { personId: f.person } : {}),
      ...(commissionId ? { commissionId } : {}),
      ...(role.data === 'revisor' ? { office: f.office } : {}),
    });
    io.out(account.id);
    io.err(`account ${account.username} (${role.data}${account.personName ? `, ${account.personName}` : ''}) created`);
  });
}

async function documents(argv: string[], io: Io): Promise<void> {
  const [action, ...rest] = argv;
  if (action === 'list') {
    const f = flags(rest, { json: { type: 'boolean' } });
    await withApp(f, undefined, async (_app, call) => {
      const list = await call('documents.list', {});
      if (f.json) return io.out(JSON.stringify(list, null, 2));
      for (const d of list) {
        const signed = d.signers.filter((s) => s.status === 'firmado').length;
        io.out(`${d.id}  ${d.status}  ${d.signers.length ? `${signed}/${d.signers.length} signed  ` : ''}${d.title}`);
      }
    });
    return;
  }
  if (action === 'lock') {
    const f = flags(rest, { document: { type: 'string' }, user: { type: 'string' }, 'password-file': { type: 'string' } });
    const id = required(f.document, '--document');
    await withApp(f, f['password-file'], async (_app, call) => {
      const doc = await call('documents.lock', { id });
      io.err(`locked ${doc.title}`);
    });
    return;
  }
  if (action === 'sign') {
    const f = flags(rest, {
      document: { type: 'string' },
      person: { type: 'string' },
      cer: { type: 'string' },
      key: { type: 'string' },
      p12: { type: 'string' },
      'password-file': { type: 'string' },
      user: { type: 'string' },
      'user-password-file': { type: 'string' },
      rubrica: { type: 'string' },
      'rubrica-pin-file': { type: 'string' },
    });
    const id = required(f.document, '--document');
    const personId = required(f.person, '--person');
    if (Boolean(f.rubrica) !== Boolean(f['rubrica-pin-file'])) throw new UsageError('--rubrica needs --rubrica-pin-file (and the other way round)');
    const rubrica = f.rubrica ? { signatureId: f.rubrica, pin: await secret(f['rubrica-pin-file'], '--rubrica-pin-file') } : undefined;
    if (Boolean(f.p12) === Boolean(f.cer || f.key) || (!f.p12 && !(f.cer && f.key))) throw new UsageError('give either --cer and --key, or --p12');
    const credentials = f.p12
      ? { kind: 'p12' as const, p12: await fileBase64(f.p12, '--p12') }
      : { kind: 'sat' as const, cer: await fileBase64(f.cer!, '--cer'), key: await fileBase64(f.key!, '--key') };
    const password = await secret(f['password-file'], '--password-file');
    await withApp(f, f['user-password-file'], async (app, call) => {
      const doc = app.store.get('documents', id);
      if (!doc) throw new UsageError(`no document with id ${id} (see: sesiona documents list)`);
      const person = app.store.get('people', personId);
      if (!person) throw new UsageError(`no person with id ${personId} (see: sesiona people list)`);
      const session = doc.sessionId ? app.store.get('sessions', doc.sessionId) : undefined;
      // Informes and programas have no session: their commission is on the document.
      const commissionId = session?.commissionId ?? doc.commissionId;
      const commission = commissionId ? app.store.get('commissions', commissionId) : undefined;
      const seat = commission?.members.find((m) => m.personId === personId && doc.signers.some((s) => s.memberId === m.id));
      if (!seat) throw new UsageError(`${displayName(person)} has no signature box in ${doc.title}`);
      // Read the certificate first so a refusal can be explained in English (the service also refuses, and audits it).
      let certificate;
      try {
        certificate = openCredentials(credentials, password).info;
      } catch (e) {
        throw new UsageError(`cannot open the certificate: ${e instanceof AppError ? e.message : (e as Error).message}`);
      }
      const binding = bindCertificate({ name: displayName(person), rfc: person.rfc, curp: person.curp }, certificate);
      try {
        const signed = await call('documents.sign', { id, memberId: seat.id, credentials, password, ...(rubrica ? { rubrica } : {}) });
        const done = signed.signers.filter((s) => s.status === 'firmado').length;
        io.err(`signed ${doc.title} in the box of ${displayName(person)} (${done} of ${signed.signers.length} signed)`);
      } catch (e) {
        if (!binding.ok) {
          const why =
            binding.reason === 'person-without-ids'
              ? `${displayName(person)} has no RFC on record; record it first (sesiona people set --person ${personId} --rfc RFC)`
              : binding.reason === 'certificate-without-ids'
                ? `the certificate of ${certificate.subjectName} carries neither RFC nor CURP`
                : `the certificate belongs to ${certificate.subjectName}${certificate.rfc ? ` (RFC ${certificate.rfc})` : ''}, not to ${displayName(person)}${person.rfc ? ` (RFC ${person.rfc})` : ''}`;
          throw new Error(`${why}; nothing was signed`);
        }
        throw e;
      }
    });
    return;
  }
  throw new UsageError('documents needs one of: list, lock, sign');
}

async function acta(argv: string[], io: Io): Promise<void> {
  const [action, ...rest] = argv;
  if (action !== 'create') throw new UsageError('acta needs one of: create, pdf');
  const f = flags(rest, { session: { type: 'string' }, user: { type: 'string' }, 'password-file': { type: 'string' } });
  const key = required(f.session, '--session');
  await withApp(f, f['password-file'], async (app, call) => {
    const session = app.store.all('sessions').find((s) => s.key === key);
    if (!session) throw new UsageError(`no session with key ${key}`);
    const doc = await call('documents.createActa', { sessionId: session.id });
    io.out(doc.id);
  });
}

export const identityCommands: Record<string, (argv: string[], io: Io) => Promise<void>> = { people, users, documents, acta };

export const IDENTITY_USAGE = `  people list [--json]    every person: id, name as printed, RFC, CURP, seats on commissions
  people set --person ID [--rfc RFC] [--curp CURP] [--email E]
                          record a person's ids (checked: shape, date, check digit)
  users add --username U --password-file F --role admin|secretaria|consejeria|personal|revisor
            [--person ID] [--commission ACR] [--office NAME]
                          create a local account (--person may be left out only for an admin;
                          a revisor answers the guideline review rounds sent to --office)
  documents list [--json] every document with its status and signing progress
  acta create --session KEY
                          draft the acta of a session (e.g. IEM-CMI-SEORD-03/2023); prints its id
  documents lock --document ID
                          lock an acta for signing (adds the seal page)
  documents sign --document ID --person ID (--cer C --key K | --p12 P) --password-file F
                          sign the person's box; refused unless the certificate is that person's
  Writes take --user U --password-file F (documents sign, users add: --user-password-file F2)
  to be that account's; without them they are the operating-system user's. All take --data-dir DIR;
  lock and sign open the key store with --passphrase-file F (or $SESIONA_PASSPHRASE).`;
