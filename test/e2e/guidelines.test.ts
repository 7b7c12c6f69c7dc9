import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import mammoth from 'mammoth';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offlineContext, openPage, shot, startE2E, stopE2E, type E2E } from '../support/e2e.js';
import type { HostProcess } from '../support/host-process.js';

let browser: Browser;
let context: BrowserContext;
let dir: E2E['dir'];
let host: HostProcess;
const blocked: string[] = [];

beforeAll(async () => {
  ({ dir, host, browser } = await startE2E('sesiona-e2e-guidelines-'));
  context = await offlineContext(browser, host, blocked);
});

afterAll(async () => {
  await context?.close();
  await stopE2E({ browser, host, dir });
});

async function download(page: Page, button: string, as: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const path = join(dir.path, as);
  await file.saveAs(path);
  return path;
}

/** The numbered article lines as the editor shows them. */
async function articles(page: Page): Promise<string[]> {
  const texts = await page.locator('.gl-body .gl-articulo').allInnerTexts();
  return texts.map((t) => t.replace(/\s+/g, ' ').trim());
}

const body = (page: Page) => page.getByRole('textbox', { name: 'Texto del lineamiento' });
const saved = (page: Page) => page.getByRole('status').filter({ hasText: 'Guardado en este equipo' }).waitFor();

async function newBlock(page: Page, kind: string, text: string) {
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.getByRole('toolbar', { name: 'Estructura y formato' }).getByRole('button', { name: kind, exact: true }).click();
  await page.keyboard.type(text);
}

describe('drafting a guideline offline, in Chromium', () => {
  it('structures, moves, cross-references, comments, versions, exports and finds it all after a reload', async () => {
    const page = await openPage(context);
    await page.goto(host.url);
    await page.getByRole('link', { name: 'Lineamientos' }).click();
    await page.getByRole('button', { name: 'Nuevo lineamiento' }).click();
    await page.getByLabel('Título').fill('Lineamientos para el uso de las TIC');
    await page.getByRole('button', { name: 'Crear lineamiento' }).click();
    await body(page).waitFor();

    // Two chapters, five articles. The new guideline opens with chapter I and article 1.
    await page.locator('.gl-body .gl-articulo').first().click();
    await page.keyboard.press('End');
    await page.keyboard.type(' regular el uso de las tecnologías.');
    await newBlock(page, 'Artículo', 'Lo no previsto se resolverá conforme al ');
    const picker = page.getByLabel('Remitir a un artículo');
    await picker.selectOption((await picker.locator('option', { hasText: 'Artículo 1. Los presentes' }).getAttribute('value'))!);
    await page.keyboard.type('.');
    await newBlock(page, 'Artículo', 'Son sujetos obligados:');
    await newBlock(page, 'Fracción', 'El personal del Instituto;');
    await newBlock(page, 'Fracción', 'Los prestadores de servicios.');
    await newBlock(page, 'Capítulo', 'De las contraseñas');
    await newBlock(page, 'Artículo', 'Las contraseñas tendrán doce caracteres.');
    await newBlock(page, 'Artículo', 'Las contraseñas se cambian cada noventa días.');
    expect(await articles(page)).toEqual([
      'Artículo 1. Los presentes lineamientos tienen por objeto regular el uso de las tecnologías.',
      'Artículo 2. Lo no previsto se resolverá conforme al artículo 1.',
      'Artículo 3. Son sujetos obligados:',
      'Artículo 4. Las contraseñas tendrán doce caracteres.',
      'Artículo 5. Las contraseñas se cambian cada noventa días.',
    ]);
    await expect.poll(() => page.locator('.gl-body .gl-capitulo').allInnerTexts()).toEqual(['CAPÍTULO I\nDISPOSICIONES GENERALES', 'CAPÍTULO II\nDE LAS CONTRASEÑAS']);

    // Article 1 moves down twice: it becomes article 3, and article 2's reference follows it.
    await page.locator('.gl-body .gl-articulo').first().click();
    await page.getByRole('button', { name: 'Bajar artículo' }).click();
    await page.getByRole('button', { name: 'Bajar artículo' }).click();
    expect(await articles(page)).toEqual([
      'Artículo 1. Lo no previsto se resolverá conforme al artículo 3.',
      'Artículo 2. Son sujetos obligados:',
      'Artículo 3. Los presentes lineamientos tienen por objeto regular el uso de las tecnologías.',
      'Artículo 4. Las contraseñas tendrán doce caracteres.',
      'Artículo 5. Las contraseñas se cambian cada noventa días.',
    ]);
    // Fracciones moved with nothing: they stay in article 2.
    expect(await page.locator('.gl-body .gl-fraccion').allInnerTexts()).toEqual(['I. El personal del Instituto;', 'II. Los prestadores de servicios.']);
    await saved(page);
    await shot(page, 'lineamiento-editor');

    // Comment on article 4, reply, resolve.
    await page.locator('.gl-body .gl-articulo').nth(3).click();
    await expect.poll(() => page.getByRole('region', { name: 'Comentarios' }).innerText()).toContain('Sobre el artículo 4');
    await page.getByLabel('Comentario', { exact: true }).fill('¿Doce o dieciséis caracteres?');
    await page.getByRole('button', { name: 'Comentar' }).click();
    const comment = page.getByRole('listitem', { name: /Comentario de/ });
    await comment.getByText('¿Doce o dieciséis caracteres?').waitFor();
    await comment.getByLabel('Respuesta').fill('Doce, como la norma.');
    await comment.getByRole('button', { name: 'Responder' }).click();
    await comment.getByText('Doce, como la norma.').waitFor();
    await comment.getByRole('button', { name: 'artículo 4' }).waitFor();
    await shot(page, 'lineamiento-comentarios');
    await comment.getByRole('button', { name: 'Resolver' }).click();
    await page.getByText('Sin comentarios abiertos.').waitFor();

    // Name a version, change the text, name another, compare them.
    await page.getByRole('tab', { name: 'Versiones' }).click();
    await page.getByLabel('Nombre de la versión').fill('Proyecto presentado en la sesión IEM-CMI-SEORD-05/2023');
    await page.getByRole('button', { name: 'Guardar versión' }).click();
    await page.getByRole('list', { name: 'Versiones guardadas' }).getByText('Proyecto presentado en la sesión IEM-CMI-SEORD-05/2023', { exact: true }).waitFor();
    await page.locator('.gl-body .gl-articulo').nth(3).click();
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    await page.keyboard.type(' como mínimo.');
    await saved(page);
    await page.getByLabel('Nombre de la versión').fill('Con observaciones de las oficinas');
    await page.getByRole('button', { name: 'Guardar versión' }).click();
    await page.getByRole('list', { name: 'Versiones guardadas' }).getByText('Con observaciones de las oficinas', { exact: true }).waitFor();
    await page.getByLabel('Comparar desde').selectOption({ label: 'Proyecto presentado en la sesión IEM-CMI-SEORD-05/2023' });
    await page.getByLabel('Comparar con').selectOption({ label: 'Con observaciones de las oficinas' });
    await page.getByRole('button', { name: 'Comparar', exact: true }).click();
    const inline = page.getByLabel('Comparación en línea');
    await expect.poll(() => inline.locator('ins').allInnerTexts()).toEqual([expect.stringContaining('como mínimo.')]);
    expect(await inline.locator('del').allInnerTexts()).toEqual([expect.stringContaining('caracteres.')]);
    await page.getByLabel('Vista de la comparación').selectOption('lado');
    await expect.poll(() => page.getByLabel('Comparación lado a lado').locator('del').allInnerTexts()).toEqual([expect.stringContaining('caracteres.')]);
    // Each column is headed by the version it shows.
    expect(await page.getByLabel('Comparación lado a lado').getByRole('columnheader').allInnerTexts()).toEqual([
      'Proyecto presentado en la sesión IEM-CMI-SEORD-05/2023',
      'Con observaciones de las oficinas',
    ]);
    await shot(page, 'lineamiento-comparacion');

    // Exports: the PDF's and the DOCX's text carry the numbering and the moved reference.
    const pdf = await download(page, 'Exportar PDF', 'lineamiento.pdf');
    const pdfText = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(pdfText).toContain('INSTITUTO ELECTORAL DE MICHOACÁN');
    expect(pdfText).toMatch(/Artículo 1\.\s+Lo no previsto se resolverá conforme al artículo 3\./);
    expect(pdfText).toMatch(/Artículo 4\.\s+Las contraseñas tendrán doce caracteres como mínimo\./);
    expect(pdfText).toContain('CAPÍTULO II');
    const docx = await download(page, 'Exportar Word', 'lineamiento.docx');
    const html = (await mammoth.convertToHtml({ buffer: await readFile(docx) })).value;
    expect(html).toContain('<h2>CAPÍTULO I. Disposiciones generales</h2>');
    expect(html).toMatch(/<strong>Artículo 1\. <\/strong>Lo no previsto se resolverá conforme al artículo 3\./);
    expect(html).toMatch(/II\. Los prestadores de servicios\./);

    // Reload: everything is still there.
    await page.reload();
    await body(page).waitFor();
    expect(await articles(page)).toEqual([
      'Artículo 1. Lo no previsto se resolverá conforme al artículo 3.',
      'Artículo 2. Son sujetos obligados:',
      'Artículo 3. Los presentes lineamientos tienen por objeto regular el uso de las tecnologías.',
      'Artículo 4. Las contraseñas tendrán doce caracteres como mínimo.',
      'Artículo 5. Las contraseñas se cambian cada noventa días.',
    ]);
    await page.getByText('Sin comentarios abiertos.').waitFor();
    await page.getByLabel('Mostrar los resueltos').check();
    await page.getByText(/Resuelto por/).waitFor();
    await page.getByRole('tab', { name: 'Versiones' }).click();
    await page.getByRole('list', { name: 'Versiones guardadas' }).getByText('Con observaciones de las oficinas', { exact: true }).waitFor();

    // The list shows it with its status and no open comments.
    await page.getByRole('link', { name: '← Lineamientos' }).click();
    const row = page.getByRole('row', { name: /Lineamientos para el uso de las TIC/ });
    await expect.poll(() => row.innerText()).toMatch(/CMI\s+Borrador[\s\S]*\s0\s/);
    await shot(page, 'lineamientos-lista');

    // Importing: a file that is not Word is refused with a clear message and adds nothing;
    // the DOCX exported above comes back as a second guideline with the same articles.
    await page.getByRole('button', { name: 'Importar de Word' }).click();
    const notWord = join(dir.path, 'notas.docx');
    await writeFile(notWord, 'esto no es un documento de Word');
    await page.getByLabel('Archivo .docx').setInputFiles(notWord);
    await page.getByRole('button', { name: 'Importar', exact: true }).click();
    await page.getByText('El archivo no es un documento de Word (.docx): no se importó nada.').waitFor();
    expect(await page.getByRole('row').count()).toBe(2);
    await page.getByLabel('Archivo .docx').setInputFiles(docx);
    await page.getByRole('button', { name: 'Importar', exact: true }).click();
    await page.getByText('Todo el contenido se acomodó en la estructura.').waitFor();
    await page.getByRole('link', { name: 'Abrir el lineamiento' }).click();
    await body(page).waitFor();
    expect(await articles(page)).toEqual([
      'Artículo 1. Lo no previsto se resolverá conforme al artículo 3.',
      'Artículo 2. Son sujetos obligados:',
      'Artículo 3. Los presentes lineamientos tienen por objeto regular el uso de las tecnologías.',
      'Artículo 4. Las contraseñas tendrán doce caracteres como mínimo.',
      'Artículo 5. Las contraseñas se cambian cada noventa días.',
    ]);
    expect(blocked).toEqual([]);
  }, 180_000);
  it('a cross-reference to a deleted article is shown and blocks presenting; a restored version comes back as a new one; once published the text cannot be edited on screen', async () => {
    const page = await openPage(context);
    await page.goto(host.url);
    await page.getByRole('link', { name: 'Lineamientos' }).click();
    await page.getByRole('button', { name: 'Nuevo lineamiento' }).click();
    const commission = page.getByLabel('Comisión');
    await commission.selectOption((await commission.locator('option', { hasText: 'CMI' }).getAttribute('value'))!);
    await page.getByLabel('Título').fill('Lineamientos de la firma electrónica avanzada');
    await page.getByRole('button', { name: 'Crear lineamiento' }).click();
    await body(page).waitFor();

    // Article 2 refers to article 1; then article 1 is deleted (its text selected and removed, the empty block joined away).
    await page.locator('.gl-body .gl-articulo').first().click();
    await newBlock(page, 'Artículo', 'La firma se rige por el ');
    const picker = page.getByLabel('Remitir a un artículo');
    await picker.selectOption((await picker.locator('option', { hasText: 'Artículo 1.' }).getAttribute('value'))!);
    await page.keyboard.type('.');
    await page.locator('.gl-body .gl-articulo').first().click();
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+End');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await saved(page);
    expect(await articles(page)).toEqual(['Artículo 1. La firma se rige por el [artículo eliminado].']);
    const problem = 'El artículo 1 remite a un artículo que fue eliminado; corrija la referencia.';
    await page.getByRole('alert').filter({ hasText: problem }).waitFor();

    // Presenting is refused with the same message, and the status does not change.
    await page.getByRole('tab', { name: 'Estado' }).click();
    const state = page.getByRole('region', { name: 'Estado' });
    const chooseSession = async () => {
      const sessionSelect = state.getByLabel('Sesión');
      await sessionSelect.selectOption((await sessionSelect.locator('option', { hasText: 'IEM-CMI-SEORD-03/2023' }).getAttribute('value'))!);
      const item = state.getByLabel('Punto del orden del día');
      await expect.poll(() => item.locator('option').count()).toBeGreaterThan(1);
      await item.selectOption({ index: 1 });
    };
    await chooseSession();
    await state.getByRole('button', { name: 'Marcar como presentado' }).click();
    await state.getByRole('alert').filter({ hasText: problem }).waitFor();
    await expect.poll(() => state.innerText()).toContain('Estado: Borrador');
    await shot(page, 'lineamiento-referencia-rota');

    // The reference removed, it goes through the lifecycle to published.
    await page.locator('.gl-body .gl-articulo').first().click();
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('Código Fiscal de la Federación.');
    const final = ['Artículo 1. La firma se rige por el Código Fiscal de la Federación.'];
    expect(await articles(page)).toEqual(final);
    await saved(page);

    // A named version, a later edit, and restoring the version brings the text back as a new version.
    await page.getByRole('tab', { name: 'Versiones' }).click();
    await page.getByLabel('Nombre de la versión').fill('Antes de la revisión');
    await page.getByRole('button', { name: 'Guardar versión' }).click();
    const versions = page.getByRole('list', { name: 'Versiones guardadas' });
    await versions.getByText('Antes de la revisión', { exact: true }).waitFor();
    await page.locator('.gl-body .gl-articulo').first().click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Y su reglamento.');
    await saved(page);
    await versions.getByRole('listitem').filter({ hasText: 'Antes de la revisión' }).getByRole('button', { name: 'Restaurar' }).click();
    await versions.getByText('Restauración de «Antes de la revisión»', { exact: true }).waitFor();
    await expect.poll(() => articles(page)).toEqual(final);

    await page.getByRole('tab', { name: 'Estado' }).click();
    await chooseSession();
    await state.getByRole('button', { name: 'Marcar como presentado' }).click();
    await expect.poll(() => state.innerText()).toContain('Estado: Presentado');
    expect(await page.getByRole('alert').filter({ hasText: problem }).count()).toBe(0);
    await state.getByRole('button', { name: 'Marcar como aprobado' }).click();
    await state.getByRole('button', { name: 'Publicar (bloquea el texto)' }).click();
    // Publishing makes the PDF and seals it: it takes a moment.
    await expect.poll(() => state.innerText(), { timeout: 30_000 }).toContain('Estado: Publicado');

    // Published: no toolbar, no comment form, and typing changes nothing, even after a reload.
    await page.getByText('Publicado: el texto está bloqueado y su PDF pasa a firma en Documentos.').waitFor();
    expect(await page.getByRole('toolbar', { name: 'Estructura y formato' }).count()).toBe(0);
    expect(await body(page).getAttribute('contenteditable')).toBe('false');
    await page.locator('.gl-body .gl-articulo').first().click();
    await page.keyboard.type(' Texto que no debe entrar.');
    expect(await articles(page)).toEqual(final);
    await page.getByRole('tab', { name: 'Comentarios' }).click();
    expect(await page.getByRole('button', { name: 'Comentar' }).count()).toBe(0);
    await shot(page, 'lineamiento-publicado');
    await page.reload();
    await body(page).waitFor();
    expect(await articles(page)).toEqual(final);
    expect(blocked).toEqual([]);
  }, 120_000);
});
