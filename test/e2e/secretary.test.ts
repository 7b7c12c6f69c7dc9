import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
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
  ({ dir, host, browser } = await startE2E('sesiona-e2e-secretary-'));
  context = await offlineContext(browser, host, blocked);
});

afterAll(async () => {
  await context?.close();
  await stopE2E({ browser, host, dir });
});

/** Every click, fill and choice the secretary makes, counted. */
function counter() {
  let n = 0;
  return {
    get count() {
      return n;
    },
    async click(locator: ReturnType<Page['locator']>) {
      n++;
      await locator.click();
    },
    async fill(locator: ReturnType<Page['locator']>, value: string) {
      n++;
      await locator.fill(value);
    },
    async select(locator: ReturnType<Page['locator']>, value: string) {
      n++;
      await locator.selectOption(value);
    },
  };
}

async function download(page: Page, name: RegExp, as: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
  const path = join(dir.path, as);
  await file.saveAs(path);
  return path;
}

const text = (pdf: string) => execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });

let sessionUrl = '';

/** A new tab gets the host's token from its URL, then goes to `url`'s route. */
async function open(url: string): Promise<Page> {
  const page = await openPage(context);
  await page.goto(host.url);
  await page.getByRole('link', { name: 'IEM-CMI-SEORD-03/2023' }).waitFor();
  const route = new URL(url).hash;
  if (route.startsWith('#/')) await page.evaluate((h) => ((globalThis as unknown as { location: { hash: string } }).location.hash = h), route);
  return page;
}

describe('the technical secretary, offline, in Chromium', () => {
  it('goes from nothing to a convened session with its convocatoria PDF in at most 15 interactions', async () => {
    const page = await openPage(context);
    await page.goto(host.url);
    await page.getByRole('link', { name: 'IEM-CMI-SEORD-03/2023' }).waitFor();
    const ui = counter();
    await ui.click(page.getByRole('button', { name: 'Nueva sesión' }));
    await ui.fill(page.getByLabel('Fecha (AAAA-MM-DD)'), '2023-09-29');
    await ui.fill(page.getByLabel('Hora'), '10:00');
    await ui.select(page.getByLabel('Modalidad'), 'virtual');
    await ui.fill(page.getByLabel('Enlace de la reunión'), 'https://reunion.iem.org.mx/cmi');
    await shot(page, 'sesion-nueva');
    await ui.click(page.getByRole('button', { name: 'Crear sesión' }));
    await page.getByRole('heading', { name: 'IEM-CMI-SEORD-06/2023' }).waitFor();
    sessionUrl = page.url();

    const item = page.getByLabel('Nuevo punto del orden del día');
    await ui.fill(item, 'INFORME DETALLADO DE LA INFRAESTRUCTURA DE RED, SERVICIOS DE INTERNET Y SERVIDORES.');
    await ui.click(page.getByRole('button', { name: 'Agregar punto' }));
    await page.getByText(/^ÚNICO\./).waitFor();
    await ui.fill(item, 'INFORME SOBRE EL AVANCE EN LA IMPLEMENTACIÓN DE LA FIRMA ELECTRÓNICA.');
    await ui.click(page.getByRole('button', { name: 'Agregar punto' }));
    await page.getByText(/^SEGUNDO\./).waitFor();
    await ui.click(page.getByRole('button', { name: '+ Asuntos generales' }));
    await page.getByText(/^TERCERO\. ASUNTOS GENERALES/).waitFor();
    await shot(page, 'sesion-orden-del-dia');

    await ui.click(page.getByRole('button', { name: 'Convocar' }));
    await page.getByText('Convocada', { exact: true }).waitFor();
    const pdf = await download(page, /Descargar convocatoria-IEM-CMI-SEORD-06-2023\.pdf/, 'convocatoria.pdf');
    const interactions = ui.count + 1;
    expect(interactions).toBeLessThanOrEqual(15);
    await shot(page, 'sesion-convocada');

    const content = text(pdf).replace(/\s+/g, ' ');
    expect(content).toContain('IEM-CMI-SEORD-06/2023');
    expect(content).toContain('29 veintinueve de septiembre de 2023 dos mil veintitrés');
    for (const o of ['PRIMERO.', 'SEGUNDO.', 'TERCERO.']) expect(content).toContain(o);
    for (const name of ['CAROL BERENICE ARELLANO', 'ARACELI GUTIÉRREZ CORTÉZ', 'VIRIDIANA VILLASEÑOR AGUIRRE', 'MARÍA DE LOURDES BECERRA PÉREZ']) expect(content).toContain(name);
    expect(content).toContain('https://reunion.iem.org.mx/cmi');
    expect(content).toMatch(/Página 1 de \d/);
    await page.close();
  });

  it('refuses bad input on screen in Spanish and stores nothing', async () => {
    const page = await open(sessionUrl);
    await page.getByRole('button', { name: 'Agregar punto' }).click();
    await page.getByText('El punto del orden del día está vacío.').waitFor();
    await page.getByRole('link', { name: 'Sesiones', exact: true }).click();
    await page.getByRole('button', { name: 'Nueva sesión' }).click();
    await page.getByLabel('Fecha (AAAA-MM-DD)').fill('2023-02-30');
    await page.getByRole('button', { name: 'Crear sesión' }).click();
    await page.getByText('Fecha inexistente.').waitFor();
    await shot(page, 'sesion-fecha-inexistente');
    const list = await host.call<{ key: string }[]>('sessions.list', {});
    expect(list.body.value!.filter((s) => s.key.endsWith('/2023')).map((s) => s.key)).not.toContain('IEM-CMI-SEORD-07/2023');
    await page.close();
  });

  it('records attendance and votes, refusing an absent member’s vote', async () => {
    const page = await open(sessionUrl);
    await page.getByRole('tab', { name: 'Asistencia y votación' }).click();
    for (const name of ['CAROL BERENICE ARELLANO RANGEL', 'ARACELI GUTIÉRREZ CORTÉZ', 'MARÍA DE LOURDES BECERRA PÉREZ']) {
      await page.getByRole('button', { name: new RegExp(name) }).click();
      await page.getByRole('button', { name: new RegExp(`${name}.*Presente`) }).waitFor();
    }
    await page.getByText('Hay quórum: 2 de 3').waitFor();
    const first = page.getByRole('region', { name: 'Votación del punto PRIMERO' });
    await first.getByRole('group', { name: 'Voto de VIRIDIANA VILLASEÑOR AGUIRRE' }).getByRole('button', { name: 'A favor' }).click();
    await page.getByText('VIRIDIANA VILLASEÑOR AGUIRRE no está presente; no puede votar.').waitFor();
    await shot(page, 'votacion-ausente');
    await page.getByRole('button', { name: /VIRIDIANA VILLASEÑOR AGUIRRE/ }).click();
    await page.getByText('Hay quórum: 3 de 3').waitFor();
    for (const ordinal of ['PRIMERO', 'SEGUNDO', 'TERCERO']) {
      const card = page.getByRole('region', { name: `Votación del punto ${ordinal}` });
      for (const name of ['CAROL BERENICE ARELLANO RANGEL', 'ARACELI GUTIÉRREZ CORTÉZ', 'VIRIDIANA VILLASEÑOR AGUIRRE']) {
        const button = card.getByRole('group', { name: `Voto de ${name}` }).getByRole('button', { name: 'A favor' });
        await button.click();
        await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
      }
      await card.getByText('Aprobado por unanimidad: 3 a favor, 0 en contra, 0 abstenciones.').waitFor();
    }
    const notes = page.getByLabel('Notas de la Secretaría Técnica — PRIMERO');
    await notes.fill('La Consejera Presidenta expuso el estado de los servidores.');
    await notes.blur();
    await expect.poll(async () => (await host.call<{ session: { agenda: { notes: string }[] } }>('sessions.get', { id: sessionUrl.split('/').pop()! })).body.value?.session.agenda[0]?.notes).toContain('servidores');
    await shot(page, 'asistencia-y-votacion');
    await page.close();
  });

  it('drafts and edits the acta, and finds everything after reloading the app', async () => {
    const page = await open(sessionUrl);
    await page.getByRole('tab', { name: 'Acta' }).click();
    await page.getByRole('button', { name: 'Redactar acta' }).click();
    const editor = page.getByRole('textbox', { name: 'Texto del acta' });
    await editor.waitFor();
    expect(await editor.innerText()).toContain('La Consejera Presidenta expuso el estado de los servidores.');
    expect(await editor.innerText()).toContain('aprobado por unanimidad');
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Se hace constar que la sesión concluyó a las 11:30 horas.');
    await page.getByText('Guardado en este equipo').waitFor();
    await shot(page, 'acta-editor');

    await page.reload();
    await page.getByRole('tab', { name: 'Acta' }).click();
    await page.getByRole('textbox', { name: 'Texto del acta' }).getByText('Se hace constar que la sesión concluyó a las 11:30 horas.').waitFor();
    await page.getByRole('tab', { name: 'Asistencia y votación' }).click();
    await page.getByText('Hay quórum: 3 de 3').waitFor();
    await page.getByRole('tab', { name: 'Acta' }).click();
    await page.getByRole('button', { name: 'Presentar como proyecto' }).click();
    await page.getByText('Proyecto presentado').waitFor();
    await page.close();
  });

  it('approves those minutes in a later session; the acta becomes lockable and its PDF carries the approval legend', async () => {
    const page = await open(host.url);
    await page.getByRole('button', { name: 'Nueva sesión' }).click();
    await page.getByLabel('Fecha (AAAA-MM-DD)').fill('2023-10-30');
    await page.getByLabel('Modalidad').selectOption('virtual');
    await page.getByRole('button', { name: 'Crear sesión' }).click();
    await page.getByRole('heading', { name: 'IEM-CMI-SEORD-07/2023' }).waitFor();
    await page.getByLabel('Acta a aprobar').selectOption({ label: 'Acta IEM-CMI-SEORD-06/2023' });
    await page.getByRole('button', { name: '+ Lectura y aprobación del acta' }).click();
    await page.getByText(/^ÚNICO\. LECTURA DEL PROYECTO DE ACTA/).waitFor();
    await page.getByRole('tab', { name: 'Asistencia y votación' }).click();
    for (const name of ['CAROL BERENICE ARELLANO RANGEL', 'ARACELI GUTIÉRREZ CORTÉZ', 'VIRIDIANA VILLASEÑOR AGUIRRE']) {
      await page.getByRole('button', { name: new RegExp(name) }).click();
      await page.getByRole('button', { name: new RegExp(`${name}.*Presente`) }).waitFor();
    }
    const card = page.getByRole('region', { name: 'Votación del punto ÚNICO' });
    for (const name of ['CAROL BERENICE ARELLANO RANGEL', 'ARACELI GUTIÉRREZ CORTÉZ', 'VIRIDIANA VILLASEÑOR AGUIRRE']) {
      const button = card.getByRole('group', { name: `Voto de ${name}` }).getByRole('button', { name: 'A favor' });
      await button.click();
      await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
    }
    await card.getByText(/Aprobado por unanimidad/).waitFor();

    await page.evaluate((h) => ((globalThis as unknown as { location: { hash: string } }).location.hash = h), new URL(sessionUrl).hash);
    await page.getByRole('tab', { name: 'Acta' }).click();
    await page.getByText('Aprobada', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Bloquear acta' }).click();
    await page.getByText('Bloqueada', { exact: true }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Texto del acta' }).getAttribute('contenteditable')).toBe('false');
    await page.getByRole('button', { name: 'Generar PDF' }).click();
    const pdf = await download(page, /Descargar acta-IEM-CMI-SEORD-06-2023\.pdf/, 'acta.pdf');
    await shot(page, 'acta-bloqueada');
    const content = text(pdf).replace(/\s+/g, ' ');
    expect(content).toContain('IEM-CMI-SEORD-06/2023');
    expect(content).toContain('HOJA DE FIRMAS');
    expect(content).toContain('Se hace constar que la sesión concluyó a las 11:30 horas.');
    expect(content).toContain(
      'La presente hoja de firmas corresponde al acta de la Sesión Ordinaria IEM-CMI-SEORD-06/2023 de la Comisión de Modernización Institucional del Instituto Electoral de Michoacán, celebrada el 29 de septiembre de 2023, aprobada en Sesión Ordinaria Virtual de dicha Comisión el 30 de octubre de 2023, por votación unánime de',
    );
    for (const name of ['CAROL BERENICE ARELLANO RANGEL', 'ARACELI GUTIÉRREZ CORTÉZ', 'VIRIDIANA VILLASEÑOR AGUIRRE', 'MARÍA DE LOURDES BECERRA PÉREZ']) expect(content).toContain(name);
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) expect(line.split(/\s+/).at(-5), line).toBe('yes');
    await page.close();
    expect(blocked).toEqual([]);
  });

  it('finds sessions by filters, search and month, and edits the calendar and the commission', async () => {
    const page = await open(host.url);
    await page.getByRole('searchbox', { name: 'Buscar' }).fill('SEORD-06');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    await page.getByRole('searchbox', { name: 'Buscar' }).fill('');
    await page.getByLabel('Tipo').selectOption('extraordinaria_urgente');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    expect(await page.locator('tbody').innerText()).toContain('IEM-CMI-SEXTU-04/2023');
    await page.getByLabel('Tipo').selectOption('');
    await page.getByLabel('Estado').selectOption('programada');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    expect(await page.locator('tbody').innerText()).toContain('IEM-CMI-SEORD-07/2023');
    await shot(page, 'sesiones-filtros');
    await page.getByLabel('Estado').selectOption('');

    await page.getByRole('tab', { name: 'Mes' }).click();
    await page.getByRole('heading', { name: 'Octubre de 2023' }).waitFor();
    await page.getByRole('button', { name: 'Mes anterior' }).click();
    await page.getByRole('gridcell').filter({ hasText: 'IEM-CMI-SEORD-06/2023' }).waitFor();
    await shot(page, 'sesiones-mes');

    await page.getByRole('tab', { name: 'Calendario de sesiones ordinarias' }).click();
    await page.getByLabel('Año').last().fill('2023');
    await page.getByLabel('Inicio de septiembre').fill('2023-09-25');
    await page.getByLabel('Fin de septiembre').fill('2023-09-28');
    await page.getByRole('button', { name: 'Guardar calendario' }).click();
    await page.getByText('Del lunes 25 al jueves 28').waitFor();
    await shot(page, 'calendario');

    await page.getByRole('tab', { name: 'Comisión e instituto' }).click();
    await page.getByRole('button', { name: 'Guardar comisión' }).waitFor();
    await page.getByLabel('Fundamento legal (un ordenamiento o artículo por renglón)').fill('Código Electoral del Estado de Michoacán de Ocampo, artículo 35.');
    await page.getByRole('button', { name: 'Guardar comisión' }).click();
    await page.getByText('Comisión guardada.').waitFor();
    await shot(page, 'comision-e-instituto');
    await page.close();

    // The session of 29 September now falls outside its window (25–28): the page says so.
    const session = await open(sessionUrl);
    await session.getByText(/queda fuera del periodo del calendario para septiembre \(Del lunes 25 al jueves 28\)/).waitFor();
    await session.close();
  });

  it('reorders the agenda by keyboard and by dragging, with ordinals recomputed', async () => {
    const page = await open(host.url);
    await page.getByRole('button', { name: 'Nueva sesión' }).click();
    await page.getByLabel('Fecha (AAAA-MM-DD)').fill('2023-11-28');
    await page.getByRole('button', { name: 'Crear sesión' }).click();
    await page.getByRole('heading', { name: /IEM-CMI-SEORD-\d+\/2023/ }).waitFor();
    const input = page.getByLabel('Nuevo punto del orden del día');
    for (const text of ['UNO.', 'DOS.', 'TRES.']) {
      await input.fill(text);
      await input.press('Enter');
      await page.getByText(new RegExp(`\\. ${text.replace('.', '\\.')}$`)).waitFor();
    }
    const order = async () => (await page.locator('.agenda-row > div:first-child').allInnerTexts()).map((t) => t.trim());
    await expect.poll(order).toEqual(['PRIMERO. UNO.', 'SEGUNDO. DOS.', 'TERCERO. TRES.']);
    await page.getByRole('listitem', { name: 'TERCERO. TRES.' }).focus();
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(order).toEqual(['PRIMERO. UNO.', 'SEGUNDO. TRES.', 'TERCERO. DOS.']);
    await page.getByRole('listitem', { name: 'TERCERO. DOS.' }).dragTo(page.getByRole('listitem', { name: 'PRIMERO. UNO.' }));
    await expect.poll(order).toEqual(['PRIMERO. DOS.', 'SEGUNDO. UNO.', 'TERCERO. TRES.']);
    await page.getByRole('button', { name: 'Quitar' }).nth(1).click();
    await expect.poll(order).toEqual(['PRIMERO. DOS.', 'SEGUNDO. TRES.']);
    await page.close();
  });
});
