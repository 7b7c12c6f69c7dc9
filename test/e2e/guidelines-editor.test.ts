import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import mammoth from 'mammoth';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offlineContext, openPage, shot, startE2E, stopE2E, type E2E } from '../support/e2e.js';
import type { HostProcess } from '../support/host-process.js';
import { pageTexts } from '../support/pdf-text.js';

// The editor's toolbar and outline as a commissioner's office uses them: on the touchscreen
// laptop, with the network off (only the local host answers).
let browser: Browser;
let context: BrowserContext;
let dir: E2E['dir'];
let host: HostProcess;
const blocked: string[] = [];

beforeAll(async () => {
  ({ dir, host, browser } = await startE2E('sesiona-e2e-guideline-editor-'));
  context = await offlineContext(browser, host, blocked, { hasTouch: true });
});

afterAll(async () => {
  await context?.close();
  await stopE2E({ browser, host, dir });
});

const body = (page: Page) => page.getByRole('textbox', { name: 'Texto del lineamiento' });
const toolbar = (page: Page) => page.getByRole('toolbar', { name: 'Estructura y formato' });
const tool = (page: Page, name: string) => toolbar(page).getByRole('button', { name, exact: true });
const saved = (page: Page) => page.getByRole('status').filter({ hasText: 'Guardado en este equipo' }).waitFor();

/** Every block of the body as the screen shows it: its number, then its text (the editor's empty last paragraph left out). */
async function blocks(page: Page): Promise<string[]> {
  const texts = await page.locator('.gl-body > *').allInnerTexts();
  return texts.map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

/** A new block after the cursor's, of the kind the toolbar button gives it. */
async function newBlock(page: Page, kind: string, text: string) {
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await tool(page, kind).tap();
  await page.keyboard.type(text);
}

async function download(page: Page, button: string, as: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).tap()]);
  const path = join(dir.path, as);
  await file.saveAs(path);
  return path;
}

async function newGuideline(page: Page, title: string) {
  await page.goto(host.url);
  await page.getByRole('link', { name: 'Lineamientos' }).tap();
  await page.getByRole('button', { name: 'Nuevo lineamiento' }).tap();
  await page.getByLabel('Título').fill(title);
  await page.getByRole('button', { name: 'Crear lineamiento' }).tap();
  await body(page).waitFor();
}

describe('the guideline editor on the touchscreen, offline, in Chromium', () => {
  it('numbers títulos, capítulos, secciones, artículos, fracciones and incisos as they are made and moved, on screen and in the PDF and Word files', async () => {
    const page = await openPage(context);
    await newGuideline(page, 'Lineamientos de las cuentas institucionales');

    // A título above the chapter the new guideline starts with.
    await page.locator('.gl-body .gl-capitulo').tap();
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowUp');
    await tool(page, 'Título').tap();
    await page.keyboard.type('Del uso de las tecnologías');
    await page.locator('.gl-body .gl-articulo').tap();
    await page.keyboard.press('End');
    await page.keyboard.type(' regular las cuentas.');
    await newBlock(page, 'Sección', 'De las cuentas');
    await newBlock(page, 'Artículo', 'Son cuentas institucionales:');
    await newBlock(page, 'Fracción', 'Las de correo, que pueden ser:');
    await newBlock(page, 'Inciso', 'de uso personal, o');
    await newBlock(page, 'Inciso', 'de uso de un área;');
    await newBlock(page, 'Fracción', 'Las de los sistemas.');
    await newBlock(page, 'Artículo', 'Lo dispuesto en el ');
    const picker = page.getByLabel('Remitir a un artículo');
    await picker.selectOption((await picker.locator('option', { hasText: 'Artículo 2. Son cuentas' }).getAttribute('value'))!);
    await page.keyboard.type(' obliga a todo el personal.');
    await newBlock(page, 'Capítulo', 'De las contraseñas');
    await newBlock(page, 'Artículo', 'Las contraseñas tendrán doce caracteres.');

    const before = [
      'TÍTULO PRIMERO DEL USO DE LAS TECNOLOGÍAS',
      'CAPÍTULO I DISPOSICIONES GENERALES',
      'Artículo 1. Los presentes lineamientos tienen por objeto regular las cuentas.',
      'SECCIÓN PRIMERA DE LAS CUENTAS',
      'Artículo 2. Son cuentas institucionales:',
      'I. Las de correo, que pueden ser:',
      'a) de uso personal, o',
      'b) de uso de un área;',
      'II. Las de los sistemas.',
      'Artículo 3. Lo dispuesto en el artículo 2 obliga a todo el personal.',
      'CAPÍTULO II DE LAS CONTRASEÑAS',
      'Artículo 4. Las contraseñas tendrán doce caracteres.',
    ];
    expect(await blocks(page)).toEqual(before);

    // Article 2 moves down past article 3: it takes its fracciones and incisos, both renumber,
    // and article 3's reference follows it.
    await page.locator('.gl-body .gl-articulo').nth(1).tap();
    await tool(page, 'Bajar artículo').tap();
    const after = [
      'TÍTULO PRIMERO DEL USO DE LAS TECNOLOGÍAS',
      'CAPÍTULO I DISPOSICIONES GENERALES',
      'Artículo 1. Los presentes lineamientos tienen por objeto regular las cuentas.',
      'SECCIÓN PRIMERA DE LAS CUENTAS',
      'Artículo 2. Lo dispuesto en el artículo 3 obliga a todo el personal.',
      'Artículo 3. Son cuentas institucionales:',
      'I. Las de correo, que pueden ser:',
      'a) de uso personal, o',
      'b) de uso de un área;',
      'II. Las de los sistemas.',
      'CAPÍTULO II DE LAS CONTRASEÑAS',
      'Artículo 4. Las contraseñas tendrán doce caracteres.',
    ];
    await expect.poll(() => blocks(page)).toEqual(after);
    // The outline follows too.
    expect((await page.getByRole('navigation', { name: 'Índice del lineamiento' }).getByRole('button').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim())).toEqual([
      'TÍTULO PRIMERO Del uso de las tecnologías',
      'CAPÍTULO I Disposiciones generales',
      'Artículo 1. Los presentes lineamientos tienen por objeto…',
      'SECCIÓN PRIMERA De las cuentas',
      'Artículo 2. Lo dispuesto en el artículo 3 obliga a todo el…',
      'Artículo 3. Son cuentas institucionales:',
      'CAPÍTULO II De las contraseñas',
      'Artículo 4. Las contraseñas tendrán doce caracteres.',
    ]);
    await saved(page);
    await shot(page, 'lineamiento-estructura');

    // The PDF prints the same numbers in the same order.
    const pdf = pageTexts(await download(page, 'Exportar PDF', 'estructura.pdf')).join(' ');
    const inPdf = [
      'TÍTULO PRIMERO DEL USO DE LAS TECNOLOGÍAS',
      'CAPÍTULO I DISPOSICIONES GENERALES',
      'Artículo 1. Los presentes lineamientos tienen por objeto regular las cuentas.',
      'SECCIÓN PRIMERA DE LAS CUENTAS',
      'Artículo 2. Lo dispuesto en el artículo 3 obliga a todo el personal.',
      'Artículo 3. Son cuentas institucionales:',
      'I. Las de correo, que pueden ser:',
      'a) de uso personal, o',
      'b) de uso de un área;',
      'II. Las de los sistemas.',
      'CAPÍTULO II DE LAS CONTRASEÑAS',
      'Artículo 4. Las contraseñas tendrán doce caracteres.',
    ];
    let at = 0;
    for (const line of inPdf) {
      const found = pdf.indexOf(line, at);
      expect(found, `«${line}» after character ${at} of the PDF's text`).toBeGreaterThanOrEqual(0);
      at = found + line.length;
    }

    // Word: títulos, capítulos and secciones as headings 1–3, numbers written into the text.
    const docx = await download(page, 'Exportar Word', 'estructura.docx');
    const html = (await mammoth.convertToHtml({ buffer: await readFile(docx) })).value;
    const paragraphs = [...html.matchAll(/<(h\d|p)>(.*?)<\/\1>/g)].map((m) => `${m[1]}: ${m[2]!.replace(/<[^>]+>/g, '')}`);
    expect(paragraphs).toEqual([
      'p: Lineamientos de las cuentas institucionales',
      'h1: TÍTULO PRIMERO. Del uso de las tecnologías',
      'h2: CAPÍTULO I. Disposiciones generales',
      'p: Artículo 1. Los presentes lineamientos tienen por objeto regular las cuentas.',
      'h3: SECCIÓN PRIMERA. De las cuentas',
      'p: Artículo 2. Lo dispuesto en el artículo 3 obliga a todo el personal.',
      'p: Artículo 3. Son cuentas institucionales:',
      'p: I. Las de correo, que pueden ser:',
      'p: a) de uso personal, o',
      'p: b) de uso de un área;',
      'p: II. Las de los sistemas.',
      'h2: CAPÍTULO II. De las contraseñas',
      'p: Artículo 4. Las contraseñas tendrán doce caracteres.',
    ]);

    // After a reload the structure and its numbers are the same.
    await page.reload();
    await body(page).waitFor();
    expect(await blocks(page)).toEqual(after);
    expect(blocked).toEqual([]);
  });
});
