/** Opens the database, runs the migrations and starts listening: what `sesiona server start` does. */
import type { FastifyInstance } from 'fastify';
import { buildServer, type ServerOptions } from './app.js';
import { openDatabase, type Database } from './db.js';
import { migrate } from './migrations.js';

export interface StartOptions extends Omit<ServerOptions, 'db'> {
  port: number;
  host?: string;
  databaseUrl?: string;
  dataDir?: string;
}

export interface RunningServer {
  app: FastifyInstance;
  db: Database;
  url: string;
  close(): Promise<void>;
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { port, host, databaseUrl, dataDir, ...rest } = options;
  let app: FastifyInstance | undefined;
  const db = await openDatabase({ databaseUrl, dataDir, onListenError: (e) => app?.log.error({ err: e }, 'database connection lost') });
  try {
    const applied = await migrate(db);
    app = await buildServer({ ...rest, db });
    if (applied.length) app.log.info({ migrations: applied }, 'database migrated');
    const url = await app.listen({ port, host: host ?? '127.0.0.1' });
    app.log.info({ database: db.kind, url }, 'sesiona server listening');
    const running = app;
    return {
      app: running,
      db,
      url,
      async close() {
        await running.close();
        await db.close();
      },
    };
  } catch (e) {
    await app?.close().catch(() => undefined);
    await db.close();
    throw e;
  }
}
