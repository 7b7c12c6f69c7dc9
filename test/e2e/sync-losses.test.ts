/**
 * What a sync could not carry, as the user reads it in Ajustes → Sincronización (Chromium, touch,
 * 1366×768): an offline comment on a guideline another laptop deleted first ("Cambios que no
 * contaron", with who deleted it and when), and an image whose file the server never received
 * ("Archivos por recibir"). The two laptops sync in-process through the real server; the
 * second laptop's folder is then opened by the web host, so the screen reads what is on disk.
 */
import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src-server/db.js';
import { makePng } from '../support/images.js';
import { launchBrowser, SCREENSHOT_DIR } from '../support/browser.js';
import { startHostProcess, type HostProcess } from '../support/host-process.js';
import { openBackend, PASSWORD, startTestServer, type TestServer } from '../server/harness.js';
import { laptop, type Laptop } from '../server/laptop.js';

let db: Database;
let server: TestServer;
let a: Laptop;
let b: Laptop;
let host: HostProcess | undefined;
let browser: Browser | undefined;
let image = '';

beforeAll(async () => {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  db = await openBackend('pglite');
  server = await startTestServer(db);
  await server.user('secretaria', 'CMI', 'secretaria');
  a = await laptop(true);
  b = await laptop(false);
  for (const l of [a, b]) {
    await l.call('sync.signIn', { server: server.url, username: 'secretaria', password: PASSWORD });
    await l.call('sync.now', {});
  }
  const cmi = a.app.store.all('commissions').find((c) => c.acronym === 'CMI')!;
  const doomed = await a.call('guidelines.create', { commissionId: cmi.id, title: 'Lineamientos para el uso de las TIC' });
  await a.call('sync.now', {});
  await b.call('sync.now', {});
  await b.call('guidelines.comment', { id: doomed.id, text: 'Falta definir la vigencia.' });
  await a.call('drafts.delete', { kind: 'lineamiento', id: doomed.id, reason: 'Se fusiona con otro lineamiento', confirm: true });
  // An image whose file is missing from A's folder when A syncs: the record travels, the file cannot.
  const activity = a.app.store.all('activities')[0]!;
  const added = await a.call('progress.addEvidence', { id: activity.id, period: 1, caption: 'Reunión.', image: makePng(20, 20, 3).toString('base64') });
  image = added.progress.find((p) => p.period === 1)!.evidence.at(-1)!;
  await rename(join(a.app.store.dataDir, 'blobs', image), join(a.dir, 'apartado'));
  await a.call('sync.now', {});
  const round = await b.call('sync.now', {});
  expect(round.status.lost).toHaveLength(1);
  expect(round.status.awaitingFiles).toBe(1);
  // B's folder, as the app finds it on disk next time.
  await b.app.close();
  host = await startHostProcess(join(b.dir, 'datos'));
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await a?.close();
  await b?.close().catch(() => undefined);
  await server?.close();
  await db?.close();
});

describe('what a sync could not carry, in Ajustes → Sincronización', () => {
  it('names the change that did not count, who deleted the record and when, and the file still to be received', async () => {
    const context = await browser!.newContext({ viewport: { width: 1366, height: 768 }, hasTouch: true });
    const page = await context.newPage();
    page.on('pageerror', (e) => {
      throw e;
    });
    await page.goto(host!.url);
    await page.getByRole('link', { name: 'Ajustes' }).click();
    const lost = page.getByRole('region', { name: 'Cambios que no contaron' });
    await lost.waitFor();
    const item = lost.getByRole('listitem');
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.innerText()).toMatch(
      /^«Lineamientos para el uso de las TIC» \(Lineamientos\) fue eliminado por la cuenta «secretaria» el \d+ de \w+ de \d{4} a las \d{1,2}:\d{2} [ap]\.\s?m\.; su comentario, hecho en este equipo el .+, no contó y se conserva en este equipo\. \(/,
    );
    const facts = page.getByRole('definition');
    await expect.poll(() => facts.allInnerTexts()).toContainEqual(expect.stringMatching(/^1 archivo\(s\) pendiente\(s\) de recibir: otro equipo guardó registros que los usan/));
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'sincronizacion-cambios-que-no-contaron.png'), fullPage: true });
    await context.close();
  });
});
