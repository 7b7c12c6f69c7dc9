/** Starts the server in-process on a real port against PostgreSQL (the run's cluster) or PGlite. */
import { inject } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { addUser } from '../../src-server/accounts.js';
import { buildServer, type ServerOptions } from '../../src-server/app.js';
import { openDatabase, type Database } from '../../src-server/db.js';
import { migrate } from '../../src-server/migrations.js';
import type { LoginResponse, Mutation, Role } from '../../src-shared/sync/protocol.js';
import { createDatabase } from '../support/postgres.js';

export type Backend = 'postgres' | 'pglite';
export const BACKENDS: Backend[] = ['postgres', 'pglite'];

export async function openBackend(backend: Backend): Promise<Database> {
  const db = backend === 'postgres' ? await openDatabase({ databaseUrl: await createDatabase(inject('postgresUrl')) }) : await openDatabase({});
  await migrate(db);
  return db;
}

export interface TestServer {
  url: string;
  db: Database;
  app: FastifyInstance;
  clock: { now: number };
  user(username: string, commission: string, role: Role, password?: string): Promise<LoginResponse>;
  login(username: string, password?: string): Promise<LoginResponse>;
  close(): Promise<void>;
}

export const PASSWORD = 'contraseña-larga-1';

export async function startTestServer(db: Database, options: Partial<ServerOptions> = {}): Promise<TestServer> {
  const clock = { now: Date.now() };
  const app = await buildServer({ db, now: () => clock.now, ...options });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const server: TestServer = {
    url,
    db,
    app,
    clock,
    async user(username, commission, role, password = PASSWORD) {
      await addUser(db, { username, password, commission, role });
      return server.login(username, password);
    },
    async login(username, password = PASSWORD) {
      const res = await fetch(`${url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
      return (await res.json()) as LoginResponse;
    },
    async close() {
      await app.close();
    },
  };
  return server;
}

export async function call(server: { url: string }, method: string, path: string, token?: string, body?: unknown, contentType = 'application/json') {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': contentType } : {}),
    },
    body: body === undefined ? undefined : typeof body === 'string' || body instanceof Uint8Array ? (body as string) : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, json: json as Record<string, unknown> & { error?: { code: string; message: string; mutationId?: number } }, text };
}

let hlcCounter = 0;
/** A valid HLC stamp; `ms` orders them. */
export function hlc(ms: number, node = 'a'): string {
  return `${String(ms).padStart(13, '0')}-${String(hlcCounter++ % 10000).padStart(4, '0')}-${node}`;
}

export function put(mutationId: number, id: string, fields: Record<string, unknown>, stamp: string, collection = 'sessions'): Mutation {
  return { mutationId, type: 'put', collection, id, hlc: stamp, fields: fields as never };
}

/** Reads an SSE stream and resolves events as they come. */
export async function openEvents(server: { url: string }, commission: string, token: string) {
  const controller = new AbortController();
  const res = await fetch(`${server.url}/v1/commissions/${commission}/events`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
  const events: { event: string; data: unknown; at: number }[] = [];
  const waiters: (() => void)[] = [];
  let ended = false;
  const done = (async () => {
    if (!res.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let at: number;
        while ((at = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, at);
          buffer = buffer.slice(at + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event) events.push({ event, data: data ? JSON.parse(data) : null, at: performance.now() });
          waiters.splice(0).forEach((w) => w());
        }
      }
    } catch {
      // aborted
    }
    ended = true;
    waiters.splice(0).forEach((w) => w());
  })();
  return {
    status: res.status,
    events,
    get ended() {
      return ended;
    },
    async waitFor(pred: (e: { event: string; data: unknown }) => boolean, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!events.some(pred)) {
        if (ended) throw new Error(`stream ended; got ${JSON.stringify(events)}`);
        if (Date.now() > deadline) throw new Error(`timed out; got ${JSON.stringify(events)}`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 50);
        });
      }
      return events.find(pred)!;
    },
    async close() {
      controller.abort();
      await done;
    },
  };
}
