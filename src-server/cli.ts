/**
 * `sesiona server …`: start the central server, or add an account. Messages in English, non-zero
 * exit on error (the CLI's convention); returns the exit code.
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { commissionSchema, officeSchema, ROLES, roleSchema, usernameSchema } from '../src-shared/sync/protocol.js';
import { addUser, removeMembership, setDisabled } from './accounts.js';
import { openDatabase } from './db.js';
import { migrate } from './migrations.js';
import { startServer } from './start.js';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const SERVER_USAGE = `  server start --port P [--host H] [--database-url URL | --data-dir DIR]
               [--tls-cert CERT.pem --tls-key KEY.pem] [--trust-proxy] [--log-level L]
                          run the central sync server (PostgreSQL at URL or $DATABASE_URL;
                          otherwise embedded PGlite in DIR, default $SESIONA_SERVER_DIR or
                          ~/.sesiona-server); JSON logs on stdout; stops on SIGINT/SIGTERM
  server add-user --username U --password-file F --commission CMI --role ROLE
                  [--office O] [--display-name N] [--person ID] [--database-url URL | --data-dir DIR]
                          create an account (or set its password and role); ROLE is one of
                          ${ROLES.join(', ')}; a revisor (an office answering
                          guideline review rounds) needs --office, as the rounds name it; --person links
                          it to the app's person id (sesiona people list), needed to sign
  server disable-user --username U [--database-url URL | --data-dir DIR]
  server enable-user --username U [--database-url URL | --data-dir DIR]
                          refuse (or allow again) the account at once; laptops drop it from
                          their offline sign-in at their next sync
  server remove-user --username U --commission CMI [--database-url URL | --data-dir DIR]
                          take the account out of the commission`;

class Usage extends Error {}

const dbFlags = { 'database-url': { type: 'string' }, 'data-dir': { type: 'string' } } as const;

function parse<T extends Record<string, { type: 'string' | 'boolean' }>>(argv: string[], spec: T) {
  try {
    return parseArgs({ args: argv, options: spec, strict: true, allowPositionals: false }).values as {
      [K in keyof T]?: T[K]['type'] extends 'string' ? string : boolean;
    };
  } catch (e) {
    throw new Usage((e as Error).message);
  }
}

function databaseOptions(f: { 'database-url'?: string; 'data-dir'?: string }, env: NodeJS.ProcessEnv) {
  if (f['database-url'] && f['data-dir']) throw new Usage('give either --database-url or --data-dir, not both');
  const databaseUrl = f['database-url'] ?? (f['data-dir'] ? undefined : env.DATABASE_URL);
  if (databaseUrl) {
    if (!/^postgres(ql)?:\/\//.test(databaseUrl)) throw new Usage('--database-url must start with postgres:// or postgresql://');
    return { databaseUrl };
  }
  return { dataDir: f['data-dir'] ?? env.SESIONA_SERVER_DIR ?? join(homedir(), '.sesiona-server') };
}

async function readSecretFile(path: string | undefined, flag: string): Promise<string> {
  if (!path) throw new Usage(`missing ${flag}`);
  try {
    return (await readFile(path, 'utf8')).replace(/\r?\n$/, '');
  } catch {
    throw new Usage(`cannot read ${flag} ${path}`);
  }
}

export async function serverCli(argv: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env, signals: NodeJS.Process = process): Promise<number> {
  const [action, ...rest] = argv;
  try {
    if (action === 'start') {
      const f = parse(rest, {
        ...dbFlags,
        port: { type: 'string' },
        host: { type: 'string' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        'trust-proxy': { type: 'boolean' },
        'log-level': { type: 'string' },
      });
      const port = Number(f.port);
      if (f.port === undefined || !Number.isInteger(port) || port < 0 || port > 65535) throw new Usage('--port must be a number from 0 to 65535');
      if (Boolean(f['tls-cert']) !== Boolean(f['tls-key'])) throw new Usage('--tls-cert and --tls-key go together');
      let tls: { cert: Buffer; key: Buffer } | undefined;
      if (f['tls-cert'] && f['tls-key']) {
        try {
          tls = { cert: await readFile(f['tls-cert']), key: await readFile(f['tls-key']) };
        } catch (e) {
          throw new Usage(`cannot read the TLS files: ${(e as Error).message}`);
        }
      }
      const level = f['log-level'] ?? 'info';
      if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(level)) throw new Usage(`unknown --log-level ${level}`);
      const server = await startServer({
        port,
        ...(f.host ? { host: f.host } : {}),
        ...databaseOptions(f, env),
        ...(tls ? { tls } : {}),
        trustProxy: Boolean(f['trust-proxy']),
        logger: { level },
      });
      io.err(`sesiona server listening on ${server.url} (${server.db.kind})`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          signals.off('SIGINT', stop);
          signals.off('SIGTERM', stop);
          resolve();
        };
        signals.on('SIGINT', stop);
        signals.on('SIGTERM', stop);
      });
      await server.close();
      return 0;
    }
    if (action === 'add-user') {
      const f = parse(rest, {
        ...dbFlags,
        username: { type: 'string' },
        'password-file': { type: 'string' },
        commission: { type: 'string' },
        role: { type: 'string' },
        office: { type: 'string' },
        'display-name': { type: 'string' },
        person: { type: 'string' },
      });
      const username = usernameSchema.safeParse(f.username);
      if (!username.success) throw new Usage(`--username must be lowercase letters, digits, dot, dash or underscore (2 to 64), got ${JSON.stringify(f.username ?? '')}`);
      const commission = commissionSchema.safeParse(f.commission);
      if (!commission.success) throw new Usage(`--commission must be an acronym in capitals such as CMI, got ${JSON.stringify(f.commission ?? '')}`);
      const role = roleSchema.safeParse(f.role);
      if (!role.success) throw new Usage(`--role must be one of ${ROLES.join(', ')}, got ${JSON.stringify(f.role ?? '')}`);
      if (role.data === 'revisor' && !officeSchema.safeParse(f.office).success) throw new Usage('--role revisor needs --office, the office as the review rounds name it (up to 300 characters)');
      if (role.data !== 'revisor' && f.office !== undefined) throw new Usage('--office goes only with --role revisor');
      if (f.person !== undefined && !/^[0-9A-Za-z_-]{1,64}$/.test(f.person)) throw new Usage(`--person must be the person's id in the app (sesiona people list), got ${JSON.stringify(f.person)}`);
      const password = await readSecretFile(f['password-file'], '--password-file');
      if (password.length < 8) throw new Usage('the password must have at least 8 characters');
      const db = await openDatabase(databaseOptions(f, env));
      try {
        await migrate(db);
        const { created } = await addUser(db, {
          username: username.data,
          password,
          commission: commission.data,
          role: role.data,
          ...(role.data === 'revisor' ? { office: officeSchema.parse(f.office) } : {}),
          ...(f['display-name'] ? { displayName: f['display-name'] } : {}),
          ...(f.person ? { personId: f.person } : {}),
        });
        io.err(`${created ? 'created' : 'updated'} account ${username.data}: ${role.data} in ${commission.data}${role.data === 'revisor' ? ` for ${officeSchema.parse(f.office)}` : ''}`);
      } finally {
        await db.close();
      }
      return 0;
    }
    if (action === 'disable-user' || action === 'enable-user' || action === 'remove-user') {
      const f = parse(rest, { ...dbFlags, username: { type: 'string' }, ...(action === 'remove-user' ? { commission: { type: 'string' } } : {}) }) as {
        username?: string;
        commission?: string;
        'database-url'?: string;
        'data-dir'?: string;
      };
      const username = usernameSchema.safeParse(f.username);
      if (!username.success) throw new Usage(`--username must be lowercase letters, digits, dot, dash or underscore (2 to 64), got ${JSON.stringify(f.username ?? '')}`);
      const commission = action === 'remove-user' ? commissionSchema.safeParse(f.commission) : undefined;
      if (commission && !commission.success) throw new Usage(`--commission must be an acronym in capitals such as CMI, got ${JSON.stringify(f.commission ?? '')}`);
      const db = await openDatabase(databaseOptions(f, env));
      try {
        await migrate(db);
        const done = commission?.success ? await removeMembership(db, username.data, commission.data) : await setDisabled(db, username.data, action === 'disable-user');
        if (!done) {
          io.err(`error: no account ${username.data}${commission?.success ? ` in ${commission.data}` : ''}`);
          return 1;
        }
        io.err(`${action === 'remove-user' ? 'removed' : action === 'disable-user' ? 'disabled' : 'enabled'} account ${username.data}`);
      } finally {
        await db.close();
      }
      return 0;
    }
    throw new Usage('server needs one of: start, add-user, disable-user, enable-user, remove-user');
  } catch (e) {
    if (e instanceof Usage) {
      io.err(`error: ${e.message}\n\nusage:\n${SERVER_USAGE}`);
      return 2;
    }
    io.err(`error: ${(e as Error).message}`);
    return 1;
  }
}
