import { mkdir, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApp, type OpenedApp } from '../../src-main/services/app/open-app.js';
import { startHost, type RunningHost } from '../../src-main/host/main.js';
import { createHostServer } from '../../src-main/host/server.js';
import { tempDir } from '../support/temp.js';

let dir: Awaited<ReturnType<typeof tempDir>>;
let rendererDir: string;

beforeEach(async () => {
  dir = await tempDir();
  rendererDir = join(dir.path, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Sesiona</title>');
});
afterEach(async () => {
  await dir.cleanup();
});

describe('web host token', () => {
  let host: RunningHost;
  beforeEach(async () => {
    host = await startHost({ dataDir: join(dir.path, 'datos'), rendererDir });
  });
  afterEach(async () => {
    await host.close();
  });

  it('prints an address whose token sits in the fragment, which browsers never send', () => {
    const url = new URL(host.url);
    expect(url.search).toBe('');
    expect(url.hash).toBe(`#token=${host.token}`);
  });

  it('serves the page without setting any cookie, and answers calls only with the Bearer header', async () => {
    const origin = new URL(host.url).origin;
    const page = await fetch(`${origin}/app/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('set-cookie')).toBeNull();
    expect(await page.text()).toContain('<title>Sesiona</title>');
    const asCookie = await fetch(`${origin}/api/app.info`, { method: 'POST', headers: { Cookie: `sesiona_token=${host.token}` } });
    expect(asCookie.status).toBe(401);
    const inQuery = await fetch(`${origin}/api/app.info?token=${host.token}`, { method: 'POST' });
    expect(inQuery.status).toBe(401);
    const bearer = await fetch(`${origin}/api/app.info`, { method: 'POST', headers: { Authorization: `Bearer ${host.token}` } });
    expect(bearer.status).toBe(200);
    expect(((await bearer.json()) as { value: { host: string } }).value.host).toBe('web');
  });

  it('refuses changes until someone signs in, then attributes them to that account', async () => {
    const origin = new URL(host.url).origin;
    const call = async (name: string, args: unknown) =>
      (await (await fetch(`${origin}/api/${name}`, { method: 'POST', headers: { Authorization: `Bearer ${host.token}` }, body: JSON.stringify(args) })).json()) as {
        ok: boolean;
        value: never;
        error?: { code: string; message: string };
      };
    const activities = (await call('activities.list', {})).value as { id: string }[];
    expect(await call('activities.setProgress', { id: activities[0]!.id, period: 1, percent: 10 })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED', message: 'Inicie sesión para continuar.' },
    });
    expect(((await call('auth.status', {})).value as { needsSetup: boolean }).needsSetup).toBe(true);
    expect((await call('auth.setup', { username: 'admin', password: 'clave-segura-1' })).ok).toBe(true);
    expect((await call('activities.setProgress', { id: activities[0]!.id, period: 1, percent: 10 })).ok).toBe(true);
    const [entry] = (await call('audit.list', { limit: 1 })).value as { actor: string }[];
    expect(entry!.actor).toBe('admin');
    expect(entry!.actor).not.toBe(`${userInfo().username}@${hostname()}`);
  });
});

describe('stalled requests', () => {
  let opened: OpenedApp;
  beforeEach(async () => {
    opened = await openApp({ dataDir: join(dir.path, 'datos'), host: 'web', actor: 'prueba' });
  });
  afterEach(async () => {
    await opened.close();
  });

  it('answers 408 and closes a request that announces a large body and then stalls', async () => {
    const { server, token } = createHostServer({ handlers: opened.handlers, rendererDir, bodyIdleMs: 300 });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const port = (server.address() as { port: number }).port;
    try {
      const socket = connect(port, '127.0.0.1');
      let received = '';
      socket.on('data', (d) => (received += d.toString()));
      const closed = new Promise<number>((ok) => {
        const started = Date.now();
        socket.on('close', () => ok(Date.now() - started));
      });
      socket.write(
        `POST /api/sessions.list HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 50000000\r\n\r\n{"a":`,
      );
      const elapsed = await closed;
      expect(received).toMatch(/^HTTP\/1\.1 408/);
      expect(received).toContain('La solicitud se detuvo antes de terminar de llegar.');
      // Closed by the server, after the idle limit and long before any OS timeout.
      expect(elapsed).toBeGreaterThanOrEqual(250);
      expect(elapsed).toBeLessThan(10_000);
    } finally {
      await new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      });
    }
  });
});

describe('slow headers', () => {
  it('drops a connection whose headers never finish', async () => {
    const opened = await openApp({ dataDir: join(dir.path, 'datos'), host: 'web', actor: 'prueba' });
    const { server } = createHostServer({ handlers: opened.handlers, rendererDir, headersTimeoutMs: 500 });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const port = (server.address() as { port: number }).port;
    try {
      const socket = connect(port, '127.0.0.1');
      let received = '';
      socket.on('data', (d) => (received += d.toString()));
      const closed = new Promise<void>((ok) => socket.on('close', () => ok()));
      socket.write(`GET /app/ HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Slow: a`);
      await closed;
      expect(received).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      await new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      });
      await opened.close();
    }
  });
});

describe('openApp', () => {
  it('refuses changes once closing has begun, and nothing of them reaches the disk', async () => {
    const opened = await openApp({ dataDir: join(dir.path, 'datos'), host: 'web', actor: 'prueba' });
    const { dispatch } = await import('../../src-main/services/api.js');
    const activities = (await dispatch(opened.handlers, 'activities.list', {})) as { value: { id: string }[] };
    const entries = (await opened.store.auditEntries(10_000)).length;
    const closing = opened.close();
    const late = await dispatch(opened.handlers, 'activities.setProgress', { id: activities.value[0]!.id, period: 1, percent: 10 });
    expect(late).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } });
    await closing;
    const again = await openApp({ dataDir: join(dir.path, 'datos'), host: 'web', actor: 'prueba' });
    expect((await again.store.auditEntries(10_000)).length).toBe(entries);
    await again.close();
  });
});
