import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ExitCode, sign, signBatchCommand, UsageError, verify } from './cli/sign-commands.js';
import { verifyPrintCommand } from './cli/verify-print.js';
import { REPORT_USAGE, reportCommands } from './cli/report-commands.js';
import { GUIDELINE_USAGE, guidelineCommand } from './cli/guideline-commands.js';
import { IDENTITY_USAGE, identityCommands } from './cli/identity-commands.js';
import { PRINT_USAGE, printCommand, printersCommand } from './cli/print-commands.js';
import { actaCommand, agendaCommand, convocatoriaCommand, SESSION_USAGE, sessionCommand } from './cli/session-commands.js';
import { SYNC_USAGE, syncCommand } from './cli/sync-command.js';
import { exportCollections } from './services/app/export.js';
import { ARCHIVE_USAGE, auditCommand, exportSessionCommand, searchCommand } from './cli/archive-commands.js';
import { initCa, issueCertificate, issueP12 } from './services/certificates/test-ca.js';
import { AppError, type ErrorCode } from '../src-shared/contract/errors.js';
import { decodeBase30, encodeBase30 } from '../src-shared/signature/base30.js';
import { APP_VERSION } from '../src-shared/version.js';
import { resolveDataDir } from './services/data-dir.js';
import { loadDemo } from './services/demo/load-demo.js';
import type { Store } from './services/store/store.js';
import { localActor, openApp } from './services/app/open-app.js';


interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  stdin: () => Promise<string>;
}

const USAGE = `usage: sesiona <command> [options]

commands:
  demo   --data-dir DIR   load the demo data (from the seed documents) into an empty data folder
  export --data-dir DIR   print every stored record as JSON on stdout (without password or PIN
                          verifiers, tokens or passwords)
  base30 encode           read one JSON strokes array per line on stdin ([{"x":[…],"y":[…]}, …]),
                          print one jSignature base30 string per line
  base30 decode           the reverse: one base30 string per line (bare or with the
                          image/jsignature;base30, prefix), one JSON strokes array per line
  ca init --out DIR --password-file F [--name N]
                          create an institutional TEST certification authority (SAT-format files;
                          not legally equivalent to the SAT e.firma)
  ca issue --ca DIR --ca-password-file F --name N --rfc RFC [--curp C] [--email E]
           --out DIR --password-file F [--p12]
                          issue a test certificate as SAT-format <RFC>.cer + <RFC>.key (or a .p12)
  sign --in IN.pdf --out OUT.pdf (--cer C --key K | --p12 P) --password-file F
       [--reason R] [--location L] [--strokes S]
                          add a PAdES signature as an incremental update; with --strokes (JSON
                          strokes or base30) a visible box with the handwritten signature
  sign-batch --in-dir D --out-dir D2 (--cer C --key K | --p12 P) --password-file F
                          sign every PDF in D into D2, with a progress line
  verify FILE.pdf [--json] [--trust ROOT.cer ...] [--allow-untrusted]
                          report each signature; exit 0 only when every one is valid and
                          chains to a --trust root (--allow-untrusted: intact is enough)
  verify-print --qr PAYLOAD --pdf FILE [--json] [--trust ROOT.cer ...]
                          tell whether a printed copy (its QR) matches the signed original;
                          exit 0 when it does, 1 when not, 2 when it cannot be checked
${REPORT_USAGE}
${PRINT_USAGE}
${SESSION_USAGE}
${IDENTITY_USAGE}
${ARCHIVE_USAGE}
${GUIDELINE_USAGE}
${SYNC_USAGE}
  version                 print the version
  server start | add-user see \`sesiona server\` (the central sync server, src-server/)

DIR defaults to $SESIONA_DATA_DIR, then the platform's data folder.`;

function options(argv: string[]) {
  return flags(argv, { 'data-dir': { type: 'string' } });
}

type FlagSpec = Record<string, { type: 'string' | 'boolean' }>;

function flags<T extends FlagSpec>(argv: string[], spec: T) {
  try {
    return parseArgs({ args: argv, options: spec, strict: true }).values as { [K in keyof T]?: T[K]['type'] extends 'string' ? string : boolean };
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

function required(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`missing ${flag}`);
  return value;
}

async function readSecret(path: string | undefined, flag: string): Promise<string> {
  const file = required(path, flag);
  try {
    return (await readFile(file, 'utf8')).replace(/\r?\n$/, '');
  } catch {
    throw new UsageError(`cannot read ${flag} ${file}`);
  }
}

async function withStore<T>(argv: string[], fn: (store: Store) => Promise<T>): Promise<T> {
  const app = await openApp({ dataDir: resolveDataDir(options(argv)['data-dir'], process.env), host: 'cli', demo: false });
  try {
    return await fn(app.store);
  } finally {
    await app.close();
  }
}

const commands: Record<string, (argv: string[], io: Io) => Promise<void>> = {
  async demo(argv, io) {
    await withStore(argv, async (store) => {
      if (!store.isEmpty()) {
        throw new UsageError(`the data folder ${store.dataDir} already has records; demo data loads only into an empty folder`);
      }
      const { records } = await store.mutate(loadDemo, {}, localActor());
      io.err(`loaded ${records} demo records into ${store.dataDir}`);
    });
  },
  async export(argv, io) {
    await withStore(argv, async (store) => {
      const dump = {
        format: 'sesiona-export',
        version: APP_VERSION,
        schemaVersion: store.schemaVersion,
        exportedAt: new Date().toISOString(),
        collections: exportCollections(store),
      };
      io.out(JSON.stringify(dump, null, 2));
    });
  },
  async base30(argv, io) {
    const [direction, ...extra] = argv;
    if ((direction !== 'encode' && direction !== 'decode') || extra.length) {
      throw new UsageError('base30 needs exactly one of: encode, decode');
    }
    const lines = (await io.stdin()).split(/\r?\n/);
    if (lines.at(-1) === '') lines.pop();
    const out: string[] = [];
    for (const [i, line] of lines.entries()) {
      try {
        out.push(direction === 'encode' ? encodeBase30(parseStrokes(line)) : JSON.stringify(decodeBase30(line.trim())));
      } catch (e) {
        // Stop at the first bad line: later output lines must keep matching input lines.
        if (out.length) io.out(out.join('\n'));
        throw new Error(`line ${i + 1}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    if (out.length) io.out(out.join('\n'));
  },
  async ca(argv, io) {
    const [action, ...rest] = argv;
    if (action === 'init') {
      const f = flags(rest, { out: { type: 'string' }, name: { type: 'string' }, 'password-file': { type: 'string' } });
      const out = required(f.out, '--out');
      const meta = await initCa(out, { password: await readSecret(f['password-file'], '--password-file'), ...(f.name ? { name: f.name } : {}) });
      io.err(`test CA "${meta.info.subjectName}" written to ${out} (ca.cer, ca.key, ca.json). Not legally equivalent to the SAT e.firma.`);
      return;
    }
    if (action === 'issue') {
      const f = flags(rest, {
        ca: { type: 'string' },
        'ca-password-file': { type: 'string' },
        name: { type: 'string' },
        rfc: { type: 'string' },
        curp: { type: 'string' },
        email: { type: 'string' },
        out: { type: 'string' },
        'password-file': { type: 'string' },
        p12: { type: 'boolean' },
      });
      const options = {
        caDir: required(f.ca, '--ca'),
        caPassword: await readSecret(f['ca-password-file'], '--ca-password-file'),
        name: required(f.name, '--name'),
        rfc: required(f.rfc, '--rfc'),
        ...(f.curp ? { curp: f.curp } : {}),
        ...(f.email ? { email: f.email } : {}),
        password: await readSecret(f['password-file'], '--password-file'),
        outDir: required(f.out, '--out'),
      };
      if (f.p12) {
        const { p12Path, info } = await issueP12(options);
        io.err(`issued ${p12Path} (certificate number ${info.certificateNumber})`);
      } else {
        const { certificatePath, keyPath, info } = await issueCertificate(options);
        io.err(`issued ${certificatePath} and ${keyPath} (certificate number ${info.certificateNumber})`);
      }
      return;
    }
    throw new UsageError('ca needs one of: init, issue');
  },
  sign: (argv, io) => sign(argv, io),
  'sign-batch': (argv, io) => signBatchCommand(argv, io),
  verify: (argv, io) => verify(argv, io),
  'verify-print': async (argv, io) => {
    const code = await verifyPrintCommand(argv, io);
    if (code !== 0) throw new ExitCode(code, '');
  },
  // The central server lives in src-server/; loaded only when asked for.
  server: async (argv, io) => { const code = await (await import('../src-server/cli.js')).serverCli(argv, io); if (code) throw new ExitCode(code, ''); },
  printers: (argv, io) => printersCommand(argv, io),
  print: (argv, io) => printCommand(argv, io),
  session: (argv, io) => sessionCommand(argv, io),
  agenda: (argv, io) => agendaCommand(argv, io),
  convocatoria: (argv, io) => convocatoriaCommand(argv, io),
  ...identityCommands,
  // `acta create` drafts an acta (identity's commands), `acta pdf` prints the edited one (sessions').
  acta: (argv, io) => (argv[0] === 'pdf' ? actaCommand(argv, io) : identityCommands.acta!(argv, io)),
  audit: (argv, io) => auditCommand(argv, io),
  search: (argv, io) => searchCommand(argv, io),
  'export-session': (argv, io) => exportSessionCommand(argv, io),
  lineamiento: (argv, io) => guidelineCommand(argv, io),
  sync: (argv, io) => syncCommand(argv, io),
  async version(_argv, io) {
    io.out(APP_VERSION);
  },
  ...reportCommands,
};

function parseStrokes(line: string): { x: number[]; y: number[] }[] {
  const value: unknown = JSON.parse(line);
  if (!Array.isArray(value)) throw new Error('expected a JSON array of strokes like [{"x":[1,2],"y":[3,4]}]');
  return value as { x: number[]; y: number[] }[];
}

export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.out : io.err)(USAGE);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    io.err(`error: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  try {
    await command(rest, io);
    return 0;
  } catch (e) {
    if (e instanceof ExitCode) {
      if (e.message) io.err(`error: ${e.message}`);
      return e.code;
    }
    if (e instanceof UsageError) {
      io.err(`error: ${e.message}`);
      return 2;
    }
    if (e instanceof AppError) {
      io.err(`error: ${englishFor(e)}`);
      return 1;
    }
    io.err(`error: ${(e as Error).message}`);
    return 1;
  }
}

/** The CLI speaks English; services raise Spanish messages for screens. One code, one phrase. */
export function englishFor(e: AppError): string {
  const phrase: Record<ErrorCode, string> = {
    INVALID_ARGUMENT: 'invalid input',
    NOT_FOUND: 'not found',
    CONFLICT: 'conflicts with the stored data',
    UNKNOWN_CALL: 'unknown operation',
    UNAUTHORIZED: 'wrong password or not allowed',
    STORAGE: 'stored data is damaged or cannot be read',
    LOCKED: 'locked until unlocked',
    IN_USE: 'the data folder is in use by another Sesiona process',
    READ_ONLY: 'changes are not accepted now',
    UNAVAILABLE: 'a service Sesiona depends on is unavailable',
    INTERNAL: 'internal error',
  };
  return `${phrase[e.code] ?? e.code.toLowerCase()}: ${e.message}`;
}

function defaultIo(): Io {
  return {
    out: (t) => process.stdout.write(`${t}\n`),
    err: (t) => process.stderr.write(`${t}\n`),
    stdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}
