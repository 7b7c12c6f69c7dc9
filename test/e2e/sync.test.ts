/**
 * Issue 14's end-to-end: two web hosts with separate data folders share one sync server. The
 * secretary connects both laptops in Ajustes → Sincronización, creates a session on one while it
 * cannot reach the server, and once the server answers again the other laptop's open list shows
 * the new session without being reloaded.
 */
import { writeFile } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src-server/db.js';
import { launchBrowser, SCREENSHOT_DIR } from '../support/browser.js';
import { sesiona, startHostProcess, type HostProcess } from '../support/host-process.js';
import { tempDir } from '../support/temp.js';
import { openBackend, PASSWORD, startTestServer, type TestServer } from '../server/harness.js';
import { Cable, connectToServer } from '../support/sync-e2e.js';

let db: Database;
let server: TestServer;
let cable: Cable;
let browser: Browser;
let dirA: Awaited<ReturnType<typeof tempDir>>;
let dirB: Awaited<ReturnType<typeof tempDir>>;
let hostA: HostProcess;
let hostB: HostProcess | undefined;
let contextA: BrowserContext;
let contextB: BrowserContext;

beforeAll(async () => {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  db = await openBackend('pglite');
  server = await startTestServer(db);
  await server.user('secretaria', 'CMI', 'secretaria');
  cable = new Cable(Number(new URL(server.url).port));
  await cable.plug();
  dirA = await tempDir('sesiona-e2e-sync-a-');
  dirB = await tempDir('sesiona-e2e-sync-b-');
  hostA = await startHostProcess(dirA.path);
  browser = await launchBrowser();
  contextA = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  contextB = await browser.newContext({ viewport: { width: 1366, height: 768 } });
});

afterAll(async () => {
  await contextA?.close();
  await contextB?.close();
  await browser?.close();
  await hostA?.stop();
  await hostB?.stop();
  await server?.close();
  await cable?.pull().catch(() => undefined);
  await db?.close();
  await dirA?.cleanup();
  await dirB?.cleanup();
});

const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });

async function open(context: BrowserContext, host: HostProcess): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => {
    throw e;
  });
  await page.goto(host.url);
  await page.getByRole('link', { name: 'IEM-CMI-SEORD-03/2023' }).waitFor();
  return page;
}

describe('two laptops through one sync server, in Chromium', () => {
  it('a session created offline on one laptop appears on the other one\'s open list once the first is back online', async () => {
    const a = await open(contextA, hostA);
    await connectToServer(a, `http://127.0.0.1:${cable.port}`);
    await a.getByRole('button', { name: 'Sincronizar ahora' }).click();
    await a.getByText(/^Enviados: \d+ · Recibidos: 0$/).waitFor();
    const facts = a.getByRole('definition');
    await expect.poll(() => facts.allInnerTexts()).toContain('En línea');
    await shot(a, 'sincronizacion-ajustes');

    // The second laptop starts from the server's copy (no demo data of its own), then opens the app.
    const pw = join(dirB.path, '..', `sesiona-sync-pw-${process.pid}`);
    await writeFile(pw, `${PASSWORD}\n`, { mode: 0o600 });
    const out = await sesiona(['sync', '--data-dir', dirB.path, '--server', server.url, '--username', 'secretaria', '--password-file', pw]);
    expect(out).toMatch(/^pushed 0, pulled [1-9]\d*, rejected 0$/m);
    hostB = await startHostProcess(dirB.path);
    const b = await open(contextB, hostB);
    await connectToServer(b, server.url);
    await b.getByRole('link', { name: 'Sesiones' }).click();
    await b.getByRole('link', { name: 'IEM-CMI-SEORD-03/2023' }).waitFor();
    expect(await b.getByRole('link', { name: 'IEM-CMI-SEORD-06/2023' }).count()).toBe(0);

    // The cable is pulled: laptop A works offline.
    await cable.pull();
    await a.getByRole('link', { name: 'Sesiones' }).click();
    await a.getByRole('button', { name: 'Nueva sesión' }).click();
    await a.getByLabel('Fecha (AAAA-MM-DD)').fill('2023-11-14');
    await a.getByLabel('Modalidad').selectOption('virtual');
    await a.getByRole('button', { name: 'Crear sesión' }).click();
    await a.getByRole('heading', { name: 'IEM-CMI-SEORD-06/2023' }).waitFor();
    await a.getByRole('link', { name: 'Ajustes' }).click();
    await expect.poll(() => facts.allInnerTexts(), { timeout: 15_000 }).toContain('Sin conexión');
    await expect.poll(async () => (await facts.allInnerTexts()).some((t) => /cambio\(s\) por enviar/.test(t))).toBe(true);
    await shot(a, 'sincronizacion-sin-conexion');

    // Back online: A retries by itself; B's list (never reloaded) shows the new session.
    await cable.plug();
    await b.getByRole('link', { name: 'IEM-CMI-SEORD-06/2023' }).waitFor({ timeout: 30_000 });
    await expect.poll(() => facts.allInnerTexts(), { timeout: 15_000 }).toContain('Ninguno');
    await shot(b, 'sincronizacion-recibida');
  }, 180_000);
});
