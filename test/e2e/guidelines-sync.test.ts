/**
 * Issue 13's two-laptop test, through issue 14's sync server: two people edit different articles of
 * the same guideline offline; after both sync, both edits are present in both laptops and on the
 * server. On the way, issue 14's "changes merged" notice: a laptop with the guideline open sees the
 * other's edit arrive over the server's event stream, and is told whose it is.
 *
 * Each laptop is a web host with its own data folder, in a browser context with the network off
 * (only its own host answers), reaching the one server through its own Cable.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readGuideline } from '../../src-main/services/guidelines/body.js';
import type { Database } from '../../src-server/db.js';
import { blockLines } from '../../src-shared/guidelines/structure.js';
import type { PullResponse } from '../../src-shared/sync/protocol.js';
import { openBackend, PASSWORD, startTestServer, type TestServer } from '../server/harness.js';
import { launchBrowser, SCREENSHOT_DIR } from '../support/browser.js';
import { offlineContext, openPage, shot } from '../support/e2e.js';
import { sesiona, startHostProcess, type HostProcess } from '../support/host-process.js';
import { Cable, connectToServer } from '../support/sync-e2e.js';
import { tempDir } from '../support/temp.js';

const TITLE = 'Lineamientos para el uso de contraseñas';

let db: Database;
let server: TestServer;
let browser: Browser;
const laptops: { name: string; user: string; dir: Awaited<ReturnType<typeof tempDir>>; cable: Cable; host?: HostProcess; context?: BrowserContext }[] = [];
const blocked: string[] = [];

beforeAll(async () => {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  db = await openBackend('pglite');
  server = await startTestServer(db);
  await server.user('secretaria', 'CMI', 'secretaria');
  await server.user('tecnica', 'CMI', 'secretaria');
  for (const [name, user] of [
    ['a', 'secretaria'],
    ['b', 'tecnica'],
  ] as const) {
    const cable = new Cable(Number(new URL(server.url).port));
    await cable.plug();
    laptops.push({ name, user, cable, dir: await tempDir(`sesiona-e2e-gsync-${name}-`) });
  }
  const a = laptops[0]!;
  [a.host, browser] = await Promise.all([startHostProcess(a.dir.path), launchBrowser()]);
  a.context = await offlineContext(browser, a.host, blocked);
}, 120_000);

afterAll(async () => {
  for (const l of laptops) await l.context?.close();
  await browser?.close();
  for (const l of laptops) await l.host?.stop();
  await server?.close();
  for (const l of laptops) await l.cable.pull().catch(() => undefined);
  await db?.close();
  for (const l of laptops) await l.dir.cleanup();
});

const body = (page: Page) => page.getByRole('textbox', { name: 'Texto del lineamiento' });
const saved = (page: Page) => page.getByRole('status').filter({ hasText: 'Guardado en este equipo' }).waitFor();
const notice = (page: Page) => page.getByRole('status', { name: 'Cambios incorporados' });

/** The numbered article lines as the editor shows them. */
async function articles(page: Page): Promise<string[]> {
  return (await page.locator('.gl-body .gl-articulo').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

/** Types at the end of the n-th article (0-based) and waits for the autosave. */
async function typeInArticle(page: Page, n: number, text: string) {
  const article = page.locator('.gl-body .gl-articulo').nth(n);
  const box = (await article.boundingBox())!;
  // On its last line: End alone stops at the end of the line clicked, and long articles wrap.
  await article.click({ position: { x: box.width - 4, y: box.height - 4 } });
  await page.keyboard.press('End');
  await page.keyboard.type(text);
  await saved(page);
}

/** The guideline's body as the server holds it: every body update it accepted for the draft, merged. */
async function serverLines(draftId: string): Promise<string[]> {
  const { accessToken } = await server.login('secretaria');
  const doc = new Y.Doc();
  for (let since = 0, more = true; more; ) {
    const res = await fetch(`${server.url}/v1/commissions/CMI/changes?since=${since}&limit=1000`, { headers: { authorization: `Bearer ${accessToken}` } });
    const page = (await res.json()) as PullResponse;
    for (const c of page.changes) if (c.type === 'body' && c.id === draftId) Y.applyUpdate(doc, Buffer.from(c.update, 'base64'));
    since = page.cursor;
    more = page.more;
  }
  // The editor keeps an empty paragraph at the end (TipTap's trailing node); it prints nothing.
  return blockLines(readGuideline(doc)).filter(Boolean);
}

describe('one guideline on two laptops through the sync server, in Chromium', () => {
  it('edits of different articles made offline on both laptops are on both screens and on the server after they sync; a merge into the open text is announced', async () => {
    // Laptop A (the demo data) signs in to the server in Ajustes and sends its records.
    const [la, lb] = laptops as [(typeof laptops)[number], (typeof laptops)[number]];
    const a = await openPage(la.context!);
    await a.goto(la.host!.url);
    await connectToServer(a, la.cable.url, la.user);
    await a.getByRole('button', { name: 'Sincronizar ahora' }).click();
    await a.getByText(/^Enviados: \d+ · Recibidos: 0$/).waitFor();
    // Laptop B starts from the server's copy (a folder of its own would hold other records), then signs in in Ajustes.
    const pw = join(lb.dir.path, '..', `sesiona-gsync-pw-${process.pid}`);
    await writeFile(pw, `${PASSWORD}\n`, { mode: 0o600 });
    await sesiona(['sync', '--data-dir', lb.dir.path, '--server', lb.cable.url, '--username', lb.user, '--password-file', pw]);
    lb.host = await startHostProcess(lb.dir.path);
    lb.context = await offlineContext(browser, lb.host, blocked);
    const b = await openPage(lb.context);
    await b.goto(lb.host.url);
    await connectToServer(b, lb.cable.url, lb.user);

    // A drafts the guideline: chapter I with two articles.
    await a.getByRole('link', { name: 'Lineamientos' }).click();
    await a.getByRole('button', { name: 'Nuevo lineamiento' }).click();
    const commission = a.getByLabel('Comisión');
    await commission.selectOption((await commission.locator('option', { hasText: 'CMI' }).getAttribute('value'))!);
    await a.getByLabel('Título').fill(TITLE);
    await a.getByRole('button', { name: 'Crear lineamiento' }).click();
    await body(a).waitFor();
    await typeInArticle(a, 0, ' establecer las reglas de las contraseñas.');
    await a.keyboard.press('Enter');
    await a.getByRole('toolbar', { name: 'Estructura y formato' }).getByRole('button', { name: 'Artículo', exact: true }).click();
    await a.keyboard.type('Las contraseñas tendrán doce caracteres.');
    await saved(a);

    // It reaches B, whose list was open before it existed.
    await b.getByRole('link', { name: 'Lineamientos' }).click();
    await b.getByRole('link', { name: TITLE }).click({ timeout: 20_000 });
    await body(b).waitFor();
    await expect.poll(() => articles(b), { timeout: 20_000 }).toEqual([
      'Artículo 1. Los presentes lineamientos tienen por objeto establecer las reglas de las contraseñas.',
      'Artículo 2. Las contraseñas tendrán doce caracteres.',
    ]);

    // Online, with the guideline open on B: A's edit arrives over the event stream and B is told whose it is.
    await typeInArticle(a, 1, ' Incluirán números.');
    await expect.poll(() => articles(b), { timeout: 20_000 }).toContain('Artículo 2. Las contraseñas tendrán doce caracteres. Incluirán números.');
    await expect(notice(b).textContent()).resolves.toBe('Se incorporaron cambios de secretaria en este texto.');
    await shot(b, 'lineamiento-cambios-incorporados');
    // A comment made on A appears in B's open side panel, which was never reloaded.
    await a.getByLabel('Comentario', { exact: true }).fill('¿Y los símbolos?');
    await a.getByRole('button', { name: 'Comentar' }).click();
    await a.getByRole('listitem', { name: /Comentario de/ }).getByText('¿Y los símbolos?').waitFor({ timeout: 20_000 });
    await b.getByRole('listitem', { name: /Comentario de/ }).getByText('¿Y los símbolos?').waitFor({ timeout: 20_000 });

    // Both cables pulled: each edits a different article offline.
    await Promise.all(laptops.map((l) => l.cable.pull()));
    await typeInArticle(a, 0, ' Aplican a todo el personal.');
    await typeInArticle(b, 1, ' Se cambian cada noventa días.');
    expect((await articles(a))[1]).not.toContain('noventa');
    expect((await articles(b))[0]).not.toContain('todo el personal');

    // Back online: each laptop retries by itself and receives the other's edit in its open editor.
    await Promise.all(laptops.map((l) => l.cable.plug()));
    const both = [
      'Artículo 1. Los presentes lineamientos tienen por objeto establecer las reglas de las contraseñas. Aplican a todo el personal.',
      'Artículo 2. Las contraseñas tendrán doce caracteres. Incluirán números. Se cambian cada noventa días.',
    ];
    await expect.poll(() => articles(a), { timeout: 40_000 }).toEqual(both);
    await expect.poll(() => articles(b), { timeout: 40_000 }).toEqual(both);
    await expect.poll(() => notice(a).textContent()).toBe('Se incorporaron cambios de tecnica en este texto.');
    await shot(a, 'lineamiento-dos-equipos-a');
    await shot(b, 'lineamiento-dos-equipos-b');

    // Stored on both laptops (a reload reads the data folder) and on the server.
    const { value: list } = (await laptops[0]!.host!.call<{ id: string; title: string }[]>('guidelines.list')).body;
    const id = list!.find((g) => g.title === TITLE)!.id;
    const { value: view } = (await laptops[0]!.host!.call<{ guideline: { draftId: string } }>('guidelines.get', { id })).body;
    await expect.poll(() => serverLines(view!.guideline.draftId), { timeout: 15_000 }).toEqual(['CAPÍTULO I. Disposiciones generales', ...both]);
    for (const page of [a, b]) {
      await page.reload();
      await body(page).waitFor();
      await expect.poll(() => articles(page)).toEqual(both);
    }
    expect(blocked).toEqual([]);
  }, 120_000);
});
