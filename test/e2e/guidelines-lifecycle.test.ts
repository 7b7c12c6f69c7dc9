import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offlineContext, openPage, shot, startE2E, stopE2E, type E2E } from '../support/e2e.js';
import type { HostProcess } from '../support/host-process.js';

// The guideline's life outside the editor, on the touchscreen with the network off: the list
// screen, a review round, presenting in a session's agenda item, publishing for signature, and
// importing a Word draft with what could not be mapped.
let browser: Browser;
let context: BrowserContext;
let dir: E2E['dir'];
let host: HostProcess;
const blocked: string[] = [];

beforeAll(async () => {
  ({ dir, host, browser } = await startE2E('sesiona-e2e-guideline-lifecycle-'));
  context = await offlineContext(browser, host, blocked, { hasTouch: true });
});

afterAll(async () => {
  await context?.close();
  await stopE2E({ browser, host, dir });
});

async function value<T>(name: string, args: unknown): Promise<T> {
  const r = await host.call<T>(name, args);
  if (!r.body.ok) throw new Error(`${name}: ${r.body.error?.message}`);
  return r.body.value!;
}

const TITLE = 'Lineamientos para el uso de la firma electrónica avanzada';
const row = (page: Page) => page.getByRole('row', { name: new RegExp(TITLE) });
const cells = async (page: Page) => (await row(page).getByRole('cell').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());

describe('a guideline from draft to publication, in the list and on its screen, in Chromium', () => {
  it('the list shows status, last change, open comments and schedule progress; a round puts it in review; presenting names the session and agenda item; publishing hands it to signing', async () => {
    const activities = await value<{ id: string; title: string; commissionId: string; progress: { period: number; percent: number }[] }[]>('activities.list', {});
    const cmi = (await value<{ id: string; acronym: string }[]>('commissions.list', {})).find((c) => c.acronym === 'CMI')!.id;
    const activity = activities.find((a) => a.commissionId === cmi && a.progress.some((p) => p.percent > 0))!;
    const percent = [...activity.progress].sort((x, y) => y.period - x.period)[0]!.percent;

    const page = await openPage(context);
    await page.goto(host.url);
    await page.getByRole('link', { name: 'Lineamientos' }).tap();
    await page.getByRole('button', { name: 'Nuevo lineamiento' }).tap();
    const form = page.getByRole('form', { name: 'Nuevo lineamiento' });
    await form.getByLabel('Comisión').selectOption({ value: cmi });
    await form.getByLabel('Actividad del cronograma (opcional)').selectOption({ value: activity.id });
    await form.getByLabel('Título').fill(TITLE);
    await form.getByRole('button', { name: 'Crear lineamiento' }).tap();
    await page.getByRole('textbox', { name: 'Texto del lineamiento' }).waitFor();

    // Two comments on article 1, one resolved: one stays open.
    await page.locator('.gl-body .gl-articulo').first().tap();
    await expect.poll(() => page.getByRole('region', { name: 'Comentarios' }).innerText()).toContain('Sobre el artículo 1');
    for (const text of ['Falta el objeto.', 'Citar el Código Fiscal.']) {
      await page.getByLabel('Comentario', { exact: true }).fill(text);
      await page.getByRole('button', { name: 'Comentar' }).tap();
      await page.getByRole('listitem', { name: /Comentario de/ }).filter({ hasText: text }).waitFor();
    }
    await page.getByRole('listitem', { name: /Comentario de/ }).filter({ hasText: 'Falta el objeto.' }).getByRole('button', { name: 'Resolver' }).tap();
    await expect.poll(() => page.getByRole('listitem', { name: /Comentario de/ }).count()).toBe(1);

    // A review round to two named offices with a due date: the guideline goes to review.
    await page.getByRole('tab', { name: 'Rondas de revisión' }).tap();
    const rounds = page.getByRole('region', { name: 'Rondas de revisión' });
    await rounds.getByRole('button', { name: 'Enviar a revisión' }).tap();
    const roundForm = page.getByRole('form', { name: 'Nueva ronda de revisión' });
    await roundForm.getByLabel('Nombre').fill('Primera reunión de retroalimentación');
    await roundForm.getByLabel('Fecha límite').fill('2023-10-15');
    await roundForm.getByLabel('Oficinas (una por línea)').fill('Oficina de la Consejera Carol\nOficina del Consejero Juan');
    await roundForm.getByRole('button', { name: 'Enviar', exact: true }).tap();
    const round = rounds.getByLabel('Primera reunión de retroalimentación');
    await expect.poll(() => round.innerText()).toContain('0 de 2 respondieron');
    await round.getByRole('listitem').filter({ hasText: 'Oficina del Consejero Juan' }).getByRole('button', { name: 'Registrar respuesta' }).tap();
    await expect.poll(() => round.innerText()).toContain('1 de 2 respondieron');
    expect(await round.getByRole('listitem').filter({ hasText: 'Oficina del Consejero Juan' }).innerText()).toMatch(/respondió el .+\(e2e-admin\)/);
    expect(await round.getByRole('listitem').filter({ hasText: 'Oficina de la Consejera Carol' }).innerText()).toContain('sin respuesta');
    await expect.poll(() => page.locator('.page-header').innerText()).toContain('En revisión');

    // The list: status, who changed it last, one open comment, the schedule activity's progress.
    await page.getByRole('link', { name: '← Lineamientos' }).tap();
    await row(page).waitFor();
    const [title, commission, status, updated, open] = await cells(page);
    expect([title, commission, status, open]).toEqual([TITLE, 'CMI', 'En revisión', '1']);
    expect(updated).toMatch(/^\d{1,2} \w+\.? \d{4}, \d{1,2}:\d{2} [ap]\.\s?m\. · e2e-admin$/);
    const progress = row(page).getByRole('progressbar', { name: `Avance de «${activity.title}»` });
    expect(await progress.getAttribute('value')).toBe(String(percent));
    expect((await cells(page))[5]).toBe(`${percent}%`);
    await shot(page, 'lineamientos-lista-estado');

    // Presented in a session's agenda item: the screen names both.
    await row(page).getByRole('link', { name: TITLE }).tap();
    await page.getByRole('tab', { name: 'Estado' }).tap();
    const state = page.getByRole('region', { name: 'Estado' });
    const session = state.getByLabel('Sesión');
    await session.selectOption((await session.locator('option', { hasText: 'IEM-CMI-SEORD-03/2023' }).getAttribute('value'))!);
    const item = state.getByLabel('Punto del orden del día');
    await expect.poll(() => item.locator('option').count()).toBeGreaterThan(2);
    const second = (await item.locator('option').nth(2).innerText()).trim();
    expect(second).toMatch(/^SEGUNDO\. \S/);
    await item.selectOption({ index: 2 });
    await state.getByRole('button', { name: 'Marcar como presentado' }).tap();
    await expect.poll(() => state.innerText()).toContain('Estado: Presentado');
    await expect.poll(() => state.innerText()).toContain(`Presentado en la sesión IEM-CMI-SEORD-03/2023, punto ${second.replace(/^SEGUNDO\. /, 'SEGUNDO del orden del día: ')}.`);
    await shot(page, 'lineamiento-presentado');
    await state.getByRole('link', { name: 'IEM-CMI-SEORD-03/2023' }).waitFor();

    // Approved, then published: locked, and its PDF waits for the members' signatures in Documentos.
    await state.getByRole('button', { name: 'Marcar como aprobado' }).tap();
    await state.getByRole('button', { name: 'Publicar (bloquea el texto)' }).tap();
    await expect.poll(() => state.innerText(), { timeout: 30_000 }).toContain('Estado: Publicado');
    // This host's signature store is closed (its passphrase not given), so the seal waits for «Bloquear para firma».
    await expect.poll(() => state.innerText()).toContain('Documento para firma · aún no está bloqueado para firma: bloquéelo en Documentos para que los integrantes firmen.');
    await state.getByRole('link', { name: 'Documento para firma' }).tap();
    await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    const signers = page.getByRole('table');
    await expect.poll(() => signers.getByRole('row').count()).toBeGreaterThan(2);
    expect(await signers.getByRole('cell', { name: 'Pendiente', exact: true }).count()).toBe((await signers.getByRole('row').count()) - 1);
    await page.getByRole('button', { name: 'Bloquear para firma' }).waitFor();
    await shot(page, 'lineamiento-documento-firma');

    // The list says so.
    await page.getByRole('navigation').getByRole('link', { name: 'Lineamientos' }).tap();
    await expect.poll(async () => (await cells(page))[2]).toBe('Publicado');
    expect(blocked).toEqual([]);
  });

  it('a Word draft with a table and an unknown heading is imported with a report of what was left out', async () => {
    const docx = new Document({
      sections: [
        {
          children: [
            new Paragraph({ heading: HeadingLevel.TITLE, text: 'Lineamientos de la ventanilla digital' }),
            new Paragraph({ heading: HeadingLevel.HEADING_2, text: 'CAPÍTULO I. Disposiciones generales' }),
            new Paragraph('Artículo 1. La ventanilla recibe los trámites en línea.'),
            new Paragraph({ heading: HeadingLevel.HEADING_3, text: 'Anexo técnico' }),
            new Table({ rows: [new TableRow({ children: [new TableCell({ children: [new Paragraph('Trámite')] }), new TableCell({ children: [new Paragraph('Plazo')] })] })] }),
            new Paragraph('Artículo 2. Los plazos corren en días hábiles.'),
          ],
        },
      ],
    });
    const path = join(dir.path, 'ventanilla.docx');
    await writeFile(path, await Packer.toBuffer(docx));

    const page = await openPage(context);
    await page.goto(host.url);
    await page.getByRole('link', { name: 'Lineamientos' }).tap();
    await page.getByRole('table').waitFor();
    const before = await page.getByRole('row').count();
    await page.getByRole('button', { name: 'Importar de Word' }).tap();
    await page.getByLabel('Archivo .docx').setInputFiles(path);
    await page.getByRole('button', { name: 'Importar', exact: true }).tap();
    const report = page.getByRole('status').filter({ hasText: 'Documento importado.' });
    await report.getByText('Lo que no pudo acomodarse en la estructura:').waitFor();
    // The list below the heading may render a moment after it (the guideline list reloads beside it).
    const items = () => report.getByRole('listitem').allInnerTexts().then((t) => t.join('\n'));
    await expect.poll(items).toContain('1 tabla(s) no se importaron');
    expect(await items()).toContain('Encabezado sin estructura reconocible («Anexo técnico»)');
    await expect.poll(() => page.getByRole('row').count()).toBe(before + 1);
    await shot(page, 'lineamiento-importado-reporte');

    await report.getByRole('link', { name: 'Abrir el lineamiento' }).tap();
    await page.getByRole('heading', { name: 'Lineamientos de la ventanilla digital', level: 1 }).waitFor();
    const texts = (await page.locator('.gl-body > *').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(texts).toEqual([
      'CAPÍTULO I DISPOSICIONES GENERALES',
      'Artículo 1. La ventanilla recibe los trámites en línea.',
      'Anexo técnico',
      'Artículo 2. Los plazos corren en días hábiles.',
    ]);
    expect(blocked).toEqual([]);
  });

  it('a comment on selected text suggests a change: accepted, the text changes; rejected, it stays; both are resolved by whom', async () => {
    const cmi = (await value<{ id: string; acronym: string }[]>('commissions.list', {})).find((c) => c.acronym === 'CMI')!.id;
    await value('guidelines.create', { commissionId: cmi, title: 'Lineamientos de la red institucional' });
    const page = await openPage(context);
    await page.goto(host.url);
    await page.getByRole('link', { name: 'Lineamientos' }).tap();
    await page.getByRole('link', { name: 'Lineamientos de la red institucional' }).tap();
    const article = page.locator('.gl-body .gl-articulo').first();
    const articleText = async () => (await article.innerText()).replace(/\s+/g, ' ').trim();
    await article.waitFor();
    const panel = page.getByRole('region', { name: 'Comentarios' });

    /** Selects the last `words` words of article 1 and sends a suggestion to replace them. */
    const suggest = async (words: number, replacement: string, text: string) => {
      await article.tap();
      await page.keyboard.press('End');
      for (let i = 0; i < words; i++) await page.keyboard.press('Shift+Control+ArrowLeft');
      await expect.poll(() => panel.innerText()).toMatch(/Sobre el artículo 1: «/);
      await panel.getByLabel('Sugerir un cambio al texto seleccionado').tap();
      await panel.getByLabel('Texto propuesto').fill(replacement);
      await panel.getByLabel('Comentario', { exact: true }).fill(text);
      await panel.getByRole('button', { name: 'Comentar' }).tap();
      const comment = panel.getByRole('listitem', { name: /Comentario de/ }).filter({ hasText: text });
      await comment.waitFor();
      return comment;
    };

    const first = await suggest(3, 'regulan la red', 'Más directo.');
    expect(await first.locator('blockquote').innerText()).toBe('«tienen por objeto»');
    await expect.poll(() => first.innerText()).toContain('Cambio sugerido: tienen por objeto → regulan la red');
    await shot(page, 'lineamiento-sugerencia');
    await first.getByRole('button', { name: 'Aceptar cambio' }).tap();
    await expect.poll(articleText).toBe('Artículo 1. Los presentes lineamientos regulan la red');
    await expect.poll(() => panel.getByRole('listitem', { name: /Comentario de/ }).count()).toBe(0);

    const second = await suggest(1, 'ajustan', '¿Otro verbo?');
    await expect.poll(() => second.innerText()).toContain('Cambio sugerido: red → ajustan');
    await second.getByRole('button', { name: 'Rechazar cambio' }).tap();
    await expect.poll(() => panel.getByRole('listitem', { name: /Comentario de/ }).count()).toBe(0);
    expect(await articleText()).toBe('Artículo 1. Los presentes lineamientos regulan la red');

    // Both stay on record, with their decision and who resolved them; after a reload too.
    await page.reload();
    await article.waitFor();
    expect(await articleText()).toBe('Artículo 1. Los presentes lineamientos regulan la red');
    await panel.getByLabel('Mostrar los resueltos').tap();
    const resolved = panel.getByRole('listitem', { name: /Comentario de/ });
    await expect.poll(() => resolved.count()).toBe(2);
    const texts = (await resolved.allInnerTexts()).join('\n');
    expect(texts).toContain('Cambio aceptado: tienen por objeto → regulan la red');
    expect(texts).toContain('Cambio rechazado: red → ajustan');
    expect(texts.match(/Resuelto por e2e-admin/g)).toHaveLength(2);
    expect(blocked).toEqual([]);
  });
});
