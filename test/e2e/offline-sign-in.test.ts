/**
 * Issue 14's offline sign-in, on the screen: a new laptop is set up with `sesiona sync` by the
 * secretary; later, with the server gone and the browser offline, a commissioner who never used
 * that laptop picks her tile and signs in with her server password. A wrong one is refused in
 * Spanish.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src-server/accounts.js';
import type { Database } from '../../src-server/db.js';
import { launchBrowser, SCREENSHOT_DIR } from '../support/browser.js';
import { offlineContext, openPage, shot } from '../support/e2e.js';
import { sesiona, startHostProcess, type HostProcess } from '../support/host-process.js';
import { tempDir } from '../support/temp.js';
import { openBackend, PASSWORD, startTestServer, type TestServer } from '../server/harness.js';
import { laptop } from '../server/laptop.js';

let db: Database;
let server: TestServer | undefined;
let browser: Browser;
let dir: Awaited<ReturnType<typeof tempDir>>;
let host: HostProcess;
let context: BrowserContext;
const blocked: string[] = [];

beforeAll(async () => {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  db = await openBackend('pglite');
  server = await startTestServer(db);
  await server.user('secretaria', 'CMI', 'secretaria');
  await addUser(db, { username: 'araceli', password: 'clave-de-araceli', commission: 'CMI', role: 'integrante', displayName: 'MTRA. ARACELI GUTIÉRREZ CORTÉZ' });
  // The office's first laptop puts its records on the server.
  const first = await laptop(true);
  try {
    await first.call('sync.signIn', { server: server.url, username: 'secretaria', password: PASSWORD });
    await first.call('sync.now', {});
  } finally {
    await first.close();
  }
  // A new laptop, set up by the secretary from the command line.
  dir = await tempDir('sesiona-e2e-offline-signin-');
  const pw = join(dir.path, '..', `sesiona-offline-signin-pw-${process.pid}`);
  await writeFile(pw, `${PASSWORD}\n`, { mode: 0o600 });
  expect(await sesiona(['sync', '--data-dir', dir.path, '--server', server.url, '--username', 'secretaria', '--password-file', pw])).toMatch(/^pushed 0, pulled [1-9]\d*, rejected 0$/m);
  // The server is gone: nothing below can reach it.
  await server.close();
  server = undefined;
  host = await startHostProcess(dir.path, { signedIn: false });
  browser = await launchBrowser();
  context = await offlineContext(browser, host, blocked);
}, 180_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await host?.stop();
  await server?.close();
  await db?.close();
  await dir?.cleanup();
});

describe('offline sign-in with a server account, in Chromium', () => {
  it('a commissioner who never used this laptop signs in with the network off; a wrong password is refused in Spanish', async () => {
    const page = await openPage(context);
    await page.goto(host.url);
    const tiles = page.getByRole('list', { name: 'Cuentas de esta computadora' });
    await tiles.getByRole('button', { name: /MTRA\. ARACELI GUTIÉRREZ CORTÉZ/ }).click();
    await page.getByRole('heading', { name: 'Contraseña de MTRA. ARACELI GUTIÉRREZ CORTÉZ' }).waitFor();
    await page.getByLabel('Contraseña').fill('no-es-la-clave');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByText('Usuario o contraseña incorrectos.').waitFor();
    await shot(page, 'inicio-sin-conexion-rechazado');
    await page.getByLabel('Contraseña').fill('clave-de-araceli');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByText('MTRA. ARACELI GUTIÉRREZ CORTÉZ').first().waitFor();
    await expect.poll(() => page.getByRole('list', { name: 'Cuentas de esta computadora' }).count()).toBe(0);
    // The screens show the commission's records the laptop received.
    await page.getByRole('link', { name: 'Sesiones' }).click();
    await page.getByRole('link', { name: 'IEM-CMI-SEORD-03/2023' }).waitFor();
    await shot(page, 'inicio-sin-conexion-dentro');
    expect(blocked).toEqual([]);
  }, 120_000);
});
