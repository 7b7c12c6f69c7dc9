import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import mammoth from 'mammoth';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offlineContext, openPage, shot, startE2E, stopE2E, type E2E } from '../support/e2e.js';
import type { HostProcess } from '../support/host-process.js';
import { embeddedFonts, pageTexts } from '../support/pdf-text.js';

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

/** Every block of the body as the screen shows it: its number, then its text. */
async function blocks(page: Page): Promise<string[]> {
  const texts = await page.locator('.gl-body > *').allInnerTexts();
  return texts.map((t) => t.replace(/\s+/g, ' ').trim());
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
  it('numbers títulos, capítulos, secciones, artículos, fracciones and incisos as they are made and moved, on screen and in the PDF and Word files; a reference to a deleted article is marked and named', async () => {
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

    // Article 3 deleted with its fracciones and incisos: article 2's reference says so, an alert
    // names the article that holds it, and the exports print the same mark instead of a number.
    await page.locator('.gl-body .gl-articulo').nth(2).tap();
    await page.keyboard.press('Home');
    for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+End');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await expect.poll(() => blocks(page)).toEqual([
      'TÍTULO PRIMERO DEL USO DE LAS TECNOLOGÍAS',
      'CAPÍTULO I DISPOSICIONES GENERALES',
      'Artículo 1. Los presentes lineamientos tienen por objeto regular las cuentas.',
      'SECCIÓN PRIMERA DE LAS CUENTAS',
      'Artículo 2. Lo dispuesto en el [artículo eliminado] obliga a todo el personal.',
      'CAPÍTULO II DE LAS CONTRASEÑAS',
      'Artículo 3. Las contraseñas tendrán doce caracteres.',
    ]);
    await saved(page);
    await page.getByRole('alert').filter({ hasText: 'El artículo 2 remite a un artículo que fue eliminado; corrija la referencia.' }).waitFor();
    expect(pageTexts(await download(page, 'Exportar PDF', 'referencia-rota.pdf')).join(' ')).toContain('Artículo 2. Lo dispuesto en el [artículo eliminado] obliga a todo el personal.');
    expect((await mammoth.extractRawText({ path: await download(page, 'Exportar Word', 'referencia-rota.docx') })).value).toContain('Artículo 2. Lo dispuesto en el [artículo eliminado] obliga a todo el personal.');
    expect(blocked).toEqual([]);
  });

  it('Negritas, Cursivas and Lista format the text, which keeps its format after a reload and in the Word and PDF files', async () => {
    const page = await openPage(context);
    await newGuideline(page, 'Lineamientos de las contraseñas');
    await page.locator('.gl-body .gl-articulo').tap();
    await page.keyboard.press('End');
    await page.keyboard.type(' regular las contraseñas.');
    // Bold on a selected word: the word before the final period.
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Shift+Control+ArrowLeft');
    await tool(page, 'Negritas').tap();
    await expect.poll(() => tool(page, 'Negritas').getAttribute('aria-pressed')).toBe('true');
    // Italic switched on and off while typing.
    await page.keyboard.press('End');
    await page.keyboard.type(' Se guardan ');
    await tool(page, 'Cursivas').tap();
    await page.keyboard.type('cifradas');
    await tool(page, 'Cursivas').tap();
    await page.keyboard.type(' y deben tener:');
    await page.keyboard.press('Enter');
    await tool(page, 'Lista').tap();
    await page.keyboard.type('mayúsculas y minúsculas;');
    await page.keyboard.press('Enter');
    await page.keyboard.type('números y signos.');
    await expect.poll(() => tool(page, 'Lista').getAttribute('aria-pressed')).toBe('true');

    const onScreen = async () => ({
      bold: await page.locator('.gl-body strong').allInnerTexts(),
      // Chromium types the space before the italic word into it; what shows is the word in italics.
      italic: (await page.locator('.gl-body em').allInnerTexts()).map((t) => t.trim()),
      list: await page.locator('.gl-body ul > li').allInnerTexts(),
      article: (await page.locator('.gl-body .gl-articulo').innerText()).replace(/\s+/g, ' ').trim(),
    });
    const expected = {
      bold: ['contraseñas'],
      italic: ['cifradas'],
      list: ['mayúsculas y minúsculas;', 'números y signos.'],
      article: 'Artículo 1. Los presentes lineamientos tienen por objeto regular las contraseñas. Se guardan cifradas y deben tener:',
    };
    expect(await onScreen()).toEqual(expected);
    await saved(page);
    await shot(page, 'lineamiento-formato');

    await page.reload();
    await body(page).waitFor();
    expect(await onScreen()).toEqual(expected);
    // The buttons say what the cursor's text is.
    await page.locator('.gl-body strong').tap();
    await expect.poll(() => tool(page, 'Negritas').getAttribute('aria-pressed')).toBe('true');
    expect(await tool(page, 'Cursivas').getAttribute('aria-pressed')).toBe('false');
    expect(await tool(page, 'Lista').getAttribute('aria-pressed')).toBe('false');

    // Word: a bold run, an italic run and a bulleted list.
    const docx = await readFile(await download(page, 'Exportar Word', 'formato.docx'));
    const html = (await mammoth.convertToHtml({ buffer: docx })).value;
    expect(html).toMatch(/<p><strong>Artículo 1\. <\/strong>Los presentes lineamientos tienen por objeto regular las <strong>contraseñas<\/strong>\. Se guardan ?<em> ?cifradas<\/em> y deben tener:<\/p>/);
    expect(html).toContain('<ul><li>mayúsculas y minúsculas;</li><li>números y signos.</li></ul>');

    // PDF: the bold word in the bold face of "Artículo 1.", the italic word in the oblique one.
    const pdfPath = await download(page, 'Exportar PDF', 'formato.pdf');
    expect(pageTexts(pdfPath).join(' ')).toMatch(/regular las contraseñas\. Se guardan cifradas y deben tener: • mayúsculas y minúsculas; • números y signos\./);
    const fonts = await fontOfWords(pdfPath);
    for (const word of ['Artículo', 'regular', 'contraseñas', 'cifradas']) expect(fonts.get(word), word).toBeTruthy();
    expect(fonts.get('contraseñas')).toBe(fonts.get('Artículo'));
    expect(fonts.get('contraseñas')).not.toBe(fonts.get('regular'));
    expect(fonts.get('cifradas')).not.toBe(fonts.get('regular'));
    expect(fonts.get('cifradas')).not.toBe(fonts.get('Artículo'));
    expect(embeddedFonts(pdfPath).join('\n')).toContain('Oblique');
    expect(blocked).toEqual([]);
  });

  it('tapping an entry of the outline brings that article into view with the cursor in it', async () => {
    // A long guideline imported from Word: three chapters of eight articles.
    const children: Paragraph[] = [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun('Lineamientos de la ventanilla digital')] })];
    for (let c = 1, n = 1; c <= 3; c++) {
      children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(`CAPÍTULO ${'I'.repeat(c)}. Del tema ${c}`)] }));
      for (let k = 0; k < 8; k++, n++) children.push(new Paragraph({ children: [new TextRun(`Artículo ${n}. Texto del artículo número ${n} de la ventanilla, con la extensión de un párrafo ordinario de lineamientos que ocupa dos renglones.`)] }));
    }
    const commissions = await host.call<{ id: string; acronym: string }[]>('commissions.list', {});
    const cmi = commissions.body.value!.find((c) => c.acronym === 'CMI')!.id;
    const docx = Buffer.from(await Packer.toBuffer(new Document({ sections: [{ children }] }))).toString('base64');
    const imported = await host.call<{ id: string; report: string[] }>('guidelines.import', { commissionId: cmi, docx });
    expect(imported.body.value?.report).toEqual([]);

    const page = await openPage(context);
    await page.goto(host.url);
    await page.getByRole('link', { name: 'Lineamientos' }).tap();
    await page.getByRole('link', { name: 'Lineamientos de la ventanilla digital' }).tap();
    await body(page).waitFor();
    const outline = page.getByRole('navigation', { name: 'Índice del lineamiento' });
    const article20 = page.locator('.gl-body .gl-articulo').nth(19);
    expect(await inView(article20)).toBe(false);

    await outline.getByRole('button', { name: /^Artículo 20\./ }).tap();
    await expect.poll(() => inView(article20)).toBe(true);
    await expect.poll(() => page.getByRole('region', { name: 'Comentarios' }).innerText()).toContain('Sobre el artículo 20');
    // Typing goes into the article the outline jumped to.
    await page.keyboard.type('Reformado: ');
    await expect.poll(async () => (await article20.innerText()).replace(/\s+/g, ' ')).toMatch(/^Artículo 20\. Reformado: Texto del artículo número 20 /);
    await shot(page, 'lineamiento-indice');

    // And back up to a chapter.
    const chapter1 = page.locator('.gl-body .gl-capitulo').first();
    expect(await inView(chapter1)).toBe(false);
    await outline.getByRole('button', { name: /^CAPÍTULO I Del tema 1/ }).tap();
    await expect.poll(() => inView(chapter1)).toBe(true);
    expect(await inView(article20)).toBe(false);
    expect(blocked).toEqual([]);
  });

  it('opening a guideline and moving around it stores nothing: no change to save, none to sync', async () => {
    const cmi = (await host.call<{ id: string; acronym: string }[]>('commissions.list', {})).body.value!.find((c) => c.acronym === 'CMI')!.id;
    const g = (await host.call<{ id: string; draftId: string }>('guidelines.create', { commissionId: cmi, title: 'Lineamientos que solo se leen' })).body.value!;
    const seq = async () => (await host.call<{ seq: number }>('drafts.get', { id: g.draftId })).body.value!.seq;
    const before = await seq();
    const page = await openPage(context);
    await page.goto(host.url);
    await page.getByRole('link', { name: 'Lineamientos' }).tap();
    await page.getByRole('link', { name: 'Lineamientos que solo se leen' }).tap();
    await body(page).waitFor();
    await page.getByRole('navigation', { name: 'Índice del lineamiento' }).getByRole('button', { name: /^Artículo 1\./ }).tap();
    await page.locator('.gl-body .gl-capitulo').tap();
    expect(await toolbar(page).getByRole('status').innerText()).toBe('Guardado en este equipo');
    // Leaving the editor sends whatever it holds unsaved; the list comes after.
    await page.getByRole('link', { name: '← Lineamientos' }).tap();
    await page.getByRole('link', { name: 'Lineamientos que solo se leen' }).tap();
    await body(page).waitFor();
    expect(await seq()).toBe(before);
    expect(blocked).toEqual([]);
  });
});

/** Whether the element is wholly inside the window's visible area. */
async function inView(locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const height = locator.page().viewportSize()!.height;
  return !!box && box.height > 0 && box.y >= 0 && box.y + box.height <= height;
}

/** The PDF font each word is drawn in (pdf.js's name for it), by the word's text. */
async function fontOfWords(path: string): Promise<Map<string, string>> {
  const pdf = await getDocument({ data: new Uint8Array(await readFile(path)), useSystemFonts: false }).promise;
  const out = new Map<string, string>();
  for (let p = 1; p <= pdf.numPages; p++) {
    const content = await (await pdf.getPage(p)).getTextContent();
    for (const item of content.items) {
      if (!('str' in item)) continue;
      for (const word of item.str.split(/\s+/)) if (word && !out.has(word.replace(/[.,;:]$/, ''))) out.set(word.replace(/[.,;:]$/, ''), item.fontName);
    }
  }
  await pdf.destroy();
  return out;
}
