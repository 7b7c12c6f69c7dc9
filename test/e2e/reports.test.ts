import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR } from '../support/browser.js';
import { openPage, startE2E, stopE2E, type E2E } from '../support/e2e.js';
import type { HostProcess } from '../support/host-process.js';
import { makePng } from '../support/images.js';
import { pageTexts } from '../support/pdf-text.js';

let browser: Browser;
let dir: E2E['dir'];
let host: HostProcess;

beforeAll(async () => {
  ({ dir, host, browser } = await startE2E('sesiona-e2e-informes-'));
});

afterAll(() => stopE2E({ browser, host, dir }));

const cmiId = async () => (await host.call<{ id: string; acronym: string }[]>('commissions.list')).body.value!.find((c) => c.acronym === 'CMI')!.id;

/** Informes at 1366×768 with touch, signed in; any error thrown in the page fails the test. */
async function openInformes() {
  const page = await openPage(browser, { hasTouch: true, acceptDownloads: true });
  await page.goto(host.url);
  await page.getByRole('link', { name: 'Informes' }).click();
  await page.getByRole('heading', { name: 'Actividades' }).waitFor();
  return { page, main: page.locator('main') };
}

describe('Informes in the browser', () => {
  it('shows the progress board with the stalled activities, the cronograma and the calendar, and downloads the informe', async () => {
    const { page, main } = await openInformes();
    await expect.poll(() => main.innerText()).toContain('Implementar la Biblioteca digital');
    const text = await main.innerText();
    expect(text).toMatch(/Mayo–Agosto\s+65\.7%/);
    expect(text).toMatch(/Sin avance en el periodo 2/);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'informes.png') });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Generar informe cuatrimestral' }).click()]);
    expect(download.suggestedFilename()).toBe('informe-CMI-2023-2.pdf');
    const pdf = join(dir.path, 'informe.pdf');
    await download.saveAs(pdf);
    expect((await readFile(pdf)).subarray(0, 5).toString()).toBe('%PDF-');
    expect(pageTexts(pdf)[0]).toContain('SEGUNDO INFORME CUATRIMESTRAL MAYO - AGOSTO 2023');

    // Entering progress: percent, narrative and an evidence image in one form.
    const moodle = page.locator('tbody tr', { hasText: 'Plataforma Moodle' });
    await moodle.getByRole('button', { name: 'Registrar avance' }).click();
    const form = page.getByRole('form', { name: /Registrar avance de la actividad 7/ });
    await form.getByLabel('Periodo').selectOption({ label: 'Septiembre–Diciembre' });
    await form.getByLabel('Porcentaje de avance').fill('150');
    await form.getByRole('button', { name: 'Guardar avance' }).click();
    await form.getByRole('alert').filter({ hasText: 'El porcentaje debe ser un número de 0 a 100.' }).waitFor();
    await form.getByLabel('Porcentaje de avance').fill('40');
    await form.getByLabel('Narrativa').fill('Se diseñaron los planes de cursos con Educación Cívica.');
    // A file that is not an image, named as one: refused, and neither the percentage nor the narrative is saved.
    await form.getByLabel(/Imagen de evidencia/).setInputFiles({ name: 'foto.png', mimeType: 'image/png', buffer: Buffer.from('esto no es una imagen') });
    await form.getByRole('button', { name: 'Guardar avance' }).click();
    await form.getByRole('alert').filter({ hasText: 'El archivo no es una imagen PNG o JPEG válida (formato no reconocido).' }).waitFor();
    const moodleNow = (await host.call<{ activities: { activity: { title: string; progress: { period: number }[] } }[] }>('progress.board', { commissionId: await cmiId(), year: 2023 })).body.value!;
    expect(moodleNow.activities.find((r) => /Moodle/.test(r.activity.title))!.activity.progress.map((p) => p.period)).toEqual([1, 2]);
    await form.getByLabel(/Imagen de evidencia/).setInputFiles({ name: 'aula.png', mimeType: 'image/png', buffer: makePng(120, 80, 7) });
    await form.getByLabel('Pie de imagen').fill('Aula IEM en pruebas.');
    await form.getByRole('button', { name: 'Guardar avance' }).click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => moodle.innerText()).toMatch(/25%\s+25%\s+40%/);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'informes-avance.png') });

    await page.locator('main select').first().selectOption({ label: 'CVSPE — Comisión de Vinculación y Servicio Profesional Electoral' });
    await page.getByRole('button', { name: 'Generar programa anual' }).waitFor();
    await expect.poll(() => main.innerText()).toContain('Del lunes 27 al viernes 31');
    expect(await page.locator('td.planned').count()).toBeGreaterThan(300);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'informes-cronograma.png') });
    await page.close();
  });

  it('edits the programme, adds an activity linked to its row and saves the informe text, all of which the PDFs print', async () => {
    const { page, main } = await openInformes();

    // Programme: created for CMI 2023, a section, two rows (one whose months do not add up), reordered.
    await page.getByRole('tab', { name: 'Programa anual de trabajo' }).click();
    await page.getByRole('button', { name: 'Crear programa 2023' }).click();
    await page.getByRole('button', { name: 'Nuevo apartado' }).click();
    const section = page.getByRole('form', { name: 'Nuevo apartado' });
    await section.getByLabel('Número (p. ej. 3 o 4.1)').fill('3');
    await section.getByLabel('Título del apartado').fill('Archivo institucional');
    const objectives = section.getByLabel(/^Objetivos específicos/);
    await objectives.fill('- Clasificar los expedientes por serie');
    await section.getByRole('button', { name: 'Guardar apartado' }).click();
    await section.getByText(/es una línea de acción sin objetivo/).waitFor();
    await objectives.fill('Conservar el archivo de trámite de la Comisión\n- Clasificar los expedientes por serie\n- Digitalizar las actas firmadas\n\nDar acceso a la información\n- Publicar el índice de expedientes');
    await section.getByRole('button', { name: 'Guardar apartado' }).click();
    await page.getByRole('heading', { name: '3. Archivo institucional' }).waitFor();

    const addRow = async (line: string, total: string, months: [string, string][]) => {
      await page.getByRole('button', { name: 'Agregar fila' }).click();
      const row = page.getByRole('form', { name: 'Nueva fila del cronograma' });
      await row.getByLabel('Línea de acción').fill(line);
      await row.getByLabel('Unidad de medida').fill('Expediente');
      await row.getByLabel('Meta', { exact: true }).fill('Expedientes digitalizados');
      await row.getByLabel('Cuantificación física').fill(total);
      for (const [m, v] of months) await row.getByLabel(m, { exact: true }).fill(v);
      return row;
    };
    const first = await addRow('Digitalizar los expedientes de sesiones', '12', [['Ene', '6'], ['Feb', '-1']]);
    await first.getByRole('button', { name: 'Agregar fila' }).click();
    await first.getByRole('alert').filter({ hasText: 'Un mes no puede tener un valor negativo' }).waitFor();
    await first.getByLabel('Feb', { exact: true }).fill('4');
    await first.getByRole('status').filter({ hasText: 'Los meses suman 10 y la cuantificación física es 12' }).waitFor();
    await first.getByRole('button', { name: 'Agregar fila' }).click();
    await first.waitFor({ state: 'detached' });
    await page.getByText('1 fila(s) cuyos meses no suman su cuantificación física').waitFor();
    const second = await addRow('Clasificar el archivo de trámite', '3', [['Mar', '3']]);
    await second.getByRole('button', { name: 'Agregar fila' }).click();
    await second.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Subir fila 2' }).click();
    await expect.poll(async () => (await main.locator('tbody tr td:first-child').allInnerTexts()).slice(0, 2)).toEqual([
      'Clasificar el archivo de trámite',
      'Digitalizar los expedientes de sesiones',
    ]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'informes-programa-editor.png') });

    // An activity reporting on the first row.
    await page.getByRole('tab', { name: 'Avance de actividades' }).click();
    await page.getByRole('button', { name: 'Nueva actividad' }).click();
    const activity = page.getByRole('form', { name: 'Nueva actividad' });
    await activity.getByLabel('Grupo').selectOption({ label: 'Específica' });
    await activity.getByLabel('Actividad').fill('Digitalizar el archivo de la Comisión');
    await activity.getByLabel('3. Digitalizar los expedientes de sesiones').check();
    await activity.getByRole('button', { name: 'Guardar actividad' }).click();
    await activity.waitFor({ state: 'detached' });
    const row = page.locator('tbody tr', { hasText: 'Digitalizar el archivo de la Comisión' });
    await row.waitFor();
    await row.getByRole('button', { name: /Editar la actividad/ }).click();
    await expect.poll(() => page.getByLabel('3. Digitalizar los expedientes de sesiones').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Cancelar' }).click();

    // Progress reported for January–April marks those months of its row in the cronograma.
    await row.getByRole('button', { name: 'Registrar avance' }).click();
    const progress = page.getByRole('form', { name: /Registrar avance de la actividad/ });
    await progress.getByLabel('Periodo').selectOption({ label: 'Enero–Abril' });
    await progress.getByLabel('Porcentaje de avance').fill('30');
    await progress.getByRole('button', { name: 'Guardar avance' }).click();
    await progress.waitFor({ state: 'detached' });
    const cronograma = page.locator('tbody tr', { hasText: 'Digitalizar los expedientes de sesiones' });
    await expect.poll(() => cronograma.locator('td.reported').count()).toBe(4);
    // Planned in January (6) and February (4), both reported; March and April reported without a plan.
    expect(await cronograma.locator('td.planned.reported').allInnerTexts()).toEqual(['6 ✓', '4 ✓']);
    expect(await page.locator('tbody tr', { hasText: 'Clasificar el archivo de trámite' }).locator('td.reported').count()).toBe(0);
    // Who entered it and when: the activity's history.
    await row.getByText(/^Historial \(1\)$/).click();
    expect(await row.locator('ul.history').innerText()).toMatch(/^\d{1,2}\/\d{1,2}\/\d{4}.* · e2e-admin · Enero–Abril: avance registrado, 30%$/);
    await cronograma.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'informes-cronograma-reportado.png') });

    // The informe's own text for May–August, kept with the report record.
    await page.getByRole('tab', { name: 'Texto del informe' }).click();
    const record = page.getByRole('form', { name: 'Texto del informe' });
    await record.getByLabel(/I\. Presentación/).fill('Este informe se redactó en la pantalla de Informes de Sesiona.');
    await record.getByLabel('Fecha de la sesión que lo aprobó').fill('2023-10-06');
    await record.getByRole('button', { name: 'Guardar texto del informe' }).click();
    await record.getByRole('status').filter({ hasText: 'Texto del informe guardado' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'informes-texto.png') });

    const [informe] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Generar informe cuatrimestral' }).click()]);
    const informePath = join(dir.path, 'informe-editado.pdf');
    await informe.saveAs(informePath);
    const informeText = pageTexts(informePath).join('\n').replace(/\s+/g, ' ');
    expect(informeText).toContain('Este informe se redactó en la pantalla de Informes de Sesiona.');
    expect(informeText).toContain('Digitalizar el archivo de la Comisión');
    expect(informeText.toLowerCase()).toContain('el 6 de octubre de 2023');

    const [programa] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Generar programa anual' }).click()]);
    const programaPath = join(dir.path, 'programa-editado.pdf');
    await programa.saveAs(programaPath);
    const programaText = pageTexts(programaPath).join('\n').replace(/\s+/g, ' ');
    expect(programaText).toContain('Clasificar el archivo de trámite');
    expect(programaText).toContain('a) Conservar el archivo de trámite de la Comisión');
    expect(programaText).toContain('b) Dar acceso a la información');
    expect(programaText).toContain('Publicar el índice de expedientes');
    expect(programaText.indexOf('Clasificar el archivo de trámite')).toBeLessThan(programaText.indexOf('Digitalizar los expedientes de sesiones'));
    await page.close();
  });
});
