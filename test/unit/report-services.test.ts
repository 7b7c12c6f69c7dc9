import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addEvidence, linkScheduleRows, removeEvidence, setActivityProgress } from '../../src-main/services/activities/activities.js';
import { activityFlags, overallProgress } from '../../src-main/services/activities/flags.js';
import { ensureDemo } from '../../src-main/services/demo/load-demo.js';
import {
  addScheduleRow,
  copyProgramme,
  createProgramme,
  moveScheduleRow,
  removeScheduleRow,
  saveSection,
  scheduleWarnings,
  updateScheduleRow,
} from '../../src-main/services/programme/programme.js';
import { exportProgress } from '../../src-main/services/reports/export.js';
import { saveReport } from '../../src-main/services/reports/reports.js';
import { Store } from '../../src-main/services/store/store.js';
import type { Activity } from '../../src-shared/domain/index.js';
import { makePng, pngFromIdat } from '../support/images.js';
import { deflateSync } from 'node:zlib';
import { tempDir } from '../support/temp.js';

let dir: Awaited<ReturnType<typeof tempDir>>;
let store: Store;

beforeEach(async () => {
  dir = await tempDir();
  store = await Store.open(dir.path);
  await ensureDemo(store, 'sistema');
});
afterEach(async () => {
  await store.close();
  await dir.cleanup();
});

const cmi = () => store.all('commissions').find((c) => c.acronym === 'CMI')!;
const cvspe = () => store.all('commissions').find((c) => c.acronym === 'CVSPE')!;
const activity = (kind: Activity['kind'], number: number) =>
  store.all('activities').find((a) => a.commissionId === cmi().id && a.kind === kind && a.number === number)!;
const blobCount = async () => (await readdir(join(dir.path, 'blobs'))).length;

async function rejects(p: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  await expect(p).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
}

describe('activity progress', () => {
  it('keeps every update in the history with who and when, also under 100 concurrent calls', async () => {
    const a = activity('ordinaria', 4);
    await Promise.all(
      Array.from({ length: 100 }, (_, i) => store.mutate(setActivityProgress, { id: a.id, period: 3, percent: i, narrative: `Avance ${i}` }, `persona-${i % 3}`)),
    );
    const after = store.get('activities', a.id)!;
    expect(after.history).toHaveLength(100);
    expect(new Set(after.history!.map((h) => h.percent)).size).toBe(100);
    expect(after.history!.every((h) => /^persona-[012]$/.test(h.actor) && !Number.isNaN(Date.parse(h.at)))).toBe(true);
    expect(after.progress.filter((p) => p.period === 3)).toHaveLength(1);
    expect(after.progress.find((p) => p.period === 2)!.percent).toBe(80);
    await store.close();
    store = await Store.open(dir.path);
    expect(store.get('activities', a.id)!.history).toHaveLength(100);
  });

  it('refuses a percentage outside 0–100 and a period that does not exist, changing nothing', async () => {
    const a = activity('ordinaria', 1);
    const before = JSON.stringify(store.get('activities', a.id));
    await rejects(store.mutate(setActivityProgress, { id: a.id, period: 2, percent: 101, narrative: '' }, 'x'), 'INVALID_ARGUMENT', /percent.*máximo 100/);
    await rejects(store.mutate(setActivityProgress, { id: a.id, period: 2, percent: -1, narrative: '' }, 'x'), 'INVALID_ARGUMENT', /mínimo 0/);
    await rejects(store.mutate(setActivityProgress, { id: a.id, period: 4, percent: 10, narrative: '' }, 'x'), 'INVALID_ARGUMENT', /period/);
    expect(JSON.stringify(store.get('activities', a.id))).toBe(before);
  });
});

describe('evidence images', () => {
  it('stores a real image as a blob with its size and caption, numbered by the report', async () => {
    const a = activity('especifica', 1);
    const png = makePng(64, 48, 3);
    const updated = await addEvidence(store, { id: a.id, period: 2, caption: 'Firma electrónica avanzada.' }, png, 'secretaria');
    const images = updated.progress.find((p) => p.period === 2)!.images!;
    expect(images).toEqual([expect.objectContaining({ mediaType: 'image/png', width: 64, height: 48, caption: 'Firma electrónica avanzada.' })]);
    expect(Buffer.compare(await store.blobs.get(images[0]!.sha256), png)).toBe(0);
    expect(updated.history!.at(-1)).toMatchObject({ actor: 'secretaria', change: 'imagen_agregada', imageSha256: images[0]!.sha256 });
    await rejects(addEvidence(store, { id: a.id, period: 2 }, png, 'x'), 'CONFLICT', /ya está/);
    const removed = await store.mutate(removeEvidence, { id: a.id, period: 2, sha256: images[0]!.sha256 }, 'x');
    expect(removed.progress.find((p) => p.period === 2)!.images).toEqual([]);
  });

  it('refuses what is not an image (text, a truncated or forged PNG, a bad period) and writes nothing', async () => {
    const a = activity('especifica', 2);
    const before = JSON.stringify(store.get('activities', a.id));
    const blobs = await blobCount();
    const png = makePng(40, 40);
    const forged = Buffer.concat([png.subarray(0, 33), Buffer.from('no es una imagen')]);
    await rejects(addEvidence(store, { id: a.id, period: 2 }, Buffer.from('hola, soy un texto'), 'x'), 'INVALID_ARGUMENT', /no es una imagen PNG o JPEG/);
    await rejects(addEvidence(store, { id: a.id, period: 2 }, png.subarray(0, png.length - 30), 'x'), 'INVALID_ARGUMENT', /no es una imagen/);
    await rejects(addEvidence(store, { id: a.id, period: 2 }, forged, 'x'), 'INVALID_ARGUMENT', /no es una imagen/);
    await rejects(addEvidence(store, { id: a.id, period: 2 }, new Uint8Array(0), 'x'), 'INVALID_ARGUMENT', /vacío/);
    const short = pngFromIdat(40, 40, deflateSync(Buffer.alloc(41 * 20)));
    await rejects(addEvidence(store, { id: a.id, period: 2 }, short, 'x'), 'INVALID_ARGUMENT', /incompletos/);
    const cut = pngFromIdat(40, 40, deflateSync(Buffer.alloc(121 * 40)).subarray(0, 20));
    await rejects(addEvidence(store, { id: a.id, period: 2 }, cut, 'x'), 'INVALID_ARGUMENT', /dañados/);
    await rejects(addEvidence(store, { id: a.id, period: 5 }, png, 'x'), 'INVALID_ARGUMENT', /period/);
    expect(await blobCount()).toBe(blobs);
    expect(JSON.stringify(store.get('activities', a.id))).toBe(before);
  });
});

describe('programme editing', () => {
  const row = (months: number[], total = months.reduce((s, v) => s + v, 0)) => ({
    lineOfAction: 'Dar seguimiento a los lineamientos',
    unit: 'Documento',
    goal: 'Lineamientos aprobados',
    physicalQuantity: total,
    months,
  });

  it('creates a programme, adds, edits, reorders and removes schedule rows', async () => {
    const p = await store.mutate(createProgramme, { commissionId: cmi().id, year: 2024 }, 'x');
    expect(p.title).toBe('Programa Anual de Trabajo 2024');
    await rejects(store.mutate(createProgramme, { commissionId: cmi().id, year: 2024 }, 'x'), 'CONFLICT', /ya tiene/);
    const withSection = await store.mutate(saveSection, { programmeId: p.id, section: { number: '3', title: 'Modernización' } }, 'x');
    const sectionId = withSection.sections[0]!.id;
    const one = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    await store.mutate(addScheduleRow, { programmeId: p.id, sectionId, row: { ...row(one), lineOfAction: 'A' } }, 'x');
    await store.mutate(addScheduleRow, { programmeId: p.id, sectionId, row: { ...row(one), lineOfAction: 'B' } }, 'x');
    let current = await store.mutate(addScheduleRow, { programmeId: p.id, sectionId, row: { ...row(one), lineOfAction: 'C' } }, 'x');
    const ids = current.sections[0]!.schedule.map((r) => r.id);
    current = await store.mutate(moveScheduleRow, { programmeId: p.id, sectionId, rowId: ids[2]!, toIndex: 0 }, 'x');
    expect(current.sections[0]!.schedule.map((r) => r.lineOfAction)).toEqual(['C', 'A', 'B']);
    current = await store.mutate(updateScheduleRow, { programmeId: p.id, sectionId, rowId: ids[0]!, row: { ...row([0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3]), lineOfAction: 'A2' } }, 'x');
    expect(current.sections[0]!.schedule[1]).toMatchObject({ id: ids[0], lineOfAction: 'A2', physicalQuantity: 5 });
    current = await store.mutate(removeScheduleRow, { programmeId: p.id, sectionId, rowId: ids[1]! }, 'x');
    expect(current.sections[0]!.schedule.map((r) => r.lineOfAction)).toEqual(['C', 'A2']);

    // Sections keep the order of their numbers, whatever the order they are added or renumbered in.
    for (const number of ['4.10', '4', '4.2']) current = await store.mutate(saveSection, { programmeId: p.id, section: { number, title: `Apartado ${number}` } }, 'x');
    expect(current.sections.map((s) => s.number)).toEqual(['3', '4', '4.2', '4.10']);
    current = await store.mutate(saveSection, { programmeId: p.id, sectionId, section: { number: '5', title: 'Modernización' } }, 'x');
    expect(current.sections.map((s) => s.number)).toEqual(['4', '4.2', '4.10', '5']);
    expect(current.sections.at(-1)!.schedule.map((r) => r.lineOfAction)).toEqual(['C', 'A2']);
  });

  it('refuses a negative month value, changing nothing', async () => {
    const p = store.all('programmes')[0]!;
    const before = JSON.stringify(p);
    const months = [1, 1, -1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
    await rejects(store.mutate(addScheduleRow, { programmeId: p.id, sectionId: p.sections[0]!.id, row: row(months, 10) }, 'x'), 'INVALID_ARGUMENT', /negativo/);
    await rejects(store.mutate(addScheduleRow, { programmeId: p.id, sectionId: p.sections[0]!.id, row: row([1, 2, 3]) }, 'x'), 'INVALID_ARGUMENT', /12 meses/);
    expect(JSON.stringify(store.get('programmes', p.id))).toBe(before);
  });

  it('warns, never refuses, when months do not add up to the total, as in the seed’s section 6.2', async () => {
    const p = store.all('programmes')[0]!;
    const warnings = scheduleWarnings(p);
    expect(warnings.map((w) => w.sectionNumber)).toEqual(['6.2', '6.2']);
    expect(warnings[0]).toMatchObject({ total: 9, monthsSum: 10 });
    expect(warnings[0]!.message).toMatch(/los meses suman 10 y la cuantificación física es 9/);
    const added = await store.mutate(addScheduleRow, { programmeId: p.id, sectionId: p.sections[0]!.id, row: row([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], 7) }, 'x');
    expect(scheduleWarnings(added)).toHaveLength(3);
  });

  it('copies last year’s programme as the start of the next, with new ids and no approval', async () => {
    const source = store.all('programmes')[0]!;
    const copy = await store.mutate(copyProgramme, { commissionId: cvspe().id, fromYear: 2020, toYear: 2021 }, 'x');
    expect(copy.title).toBe('Programa Anual de Trabajo 2021');
    expect(copy.year).toBe(2021);
    expect(copy.approval).toBe('');
    expect(copy.sections.flatMap((s) => s.schedule)).toHaveLength(68);
    const oldIds = new Set(source.sections.flatMap((s) => [s.id, ...s.schedule.map((r) => r.id)]));
    expect(copy.sections.flatMap((s) => [s.id, ...s.schedule.map((r) => r.id)]).some((id) => oldIds.has(id))).toBe(false);
    expect(copy.sections.map((s) => s.specificObjectives)).toEqual(source.sections.map((s) => s.specificObjectives));
    await rejects(store.mutate(copyProgramme, { commissionId: cvspe().id, fromYear: 2020, toYear: 2021 }, 'x'), 'CONFLICT', /ya tiene/);
    expect(store.get('programmes', source.id)!.year).toBe(2020);
  });
});

describe('flags and overall progress', () => {
  it('flags as stalled the activities that did not advance in the second period', () => {
    const today = new Date('2023-09-15T00:00:00Z');
    const stalled = store
      .all('activities')
      .filter((a) => a.commissionId === cmi().id && activityFlags(a, [], today).stalled.includes(2))
      .map((a) => `${a.kind} ${a.number}`)
      .sort();
    // From seed 000: "ventanilla de servicios digitales" 50%→50% and "Aula IEM" 25%→25%.
    expect(stalled).toEqual(['especifica 3', 'especifica 7']);
    // Before the period ends and with nothing reported for it, nothing is stalled yet.
    expect(activityFlags(activity('ordinaria', 1), [], new Date('2023-06-01T00:00:00Z')).stalled).toEqual([]);
  });

  it('flags as behind schedule an activity whose linked row planned a month that passed without progress', async () => {
    const p = await store.mutate(createProgramme, { commissionId: cmi().id, year: 2023 }, 'x');
    const s = await store.mutate(saveSection, { programmeId: p.id, section: { number: '3', title: 'Modernización' } }, 'x');
    const withRow = await store.mutate(
      addScheduleRow,
      { programmeId: p.id, sectionId: s.sections[0]!.id, row: { lineOfAction: 'Plataforma Moodle', unit: 'Plataforma', goal: 'Aula IEM', physicalQuantity: 2, months: [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0] } },
      'x',
    );
    const moodle = activity('especifica', 7);
    const linked = await store.mutate(linkScheduleRows, { id: moodle.id, rowIds: [withRow.sections[0]!.schedule[0]!.id] }, 'x');
    const programmes = store.all('programmes');
    expect(activityFlags(linked, programmes, new Date('2023-09-20T00:00:00Z')).behindSchedule).toBe(false);
    expect(activityFlags(linked, programmes, new Date('2023-10-02T00:00:00Z'))).toMatchObject({ behindSchedule: true, overdueMonths: [9] });
    const advanced = await store.mutate(setActivityProgress, { id: moodle.id, period: 3, percent: 60, narrative: 'Cursos en línea' }, 'x');
    expect(activityFlags(advanced, programmes, new Date('2023-11-02T00:00:00Z')).behindSchedule).toBe(false);
    await rejects(store.mutate(linkScheduleRows, { id: moodle.id, rowIds: [cmi().id] }, 'x'), 'NOT_FOUND', /no pertenecen/);
  });

  it('averages the commission’s progress per period for the chart', () => {
    const overall = overallProgress(store.all('activities').filter((a) => a.commissionId === cmi().id));
    // 14 activities of seed 000: first-period percentages add up to 520, second-period to 920.
    expect(overall).toEqual({ 1: Math.round((520 / 14) * 10) / 10, 2: Math.round((920 / 14) * 10) / 10, 3: null });
  });
});

describe('report record and export', () => {
  it('saves the report record of a period once, updating it in place', async () => {
    const first = await store.mutate(saveReport, { commissionId: cmi().id, year: 2023, period: 3, presentation: 'Borrador' }, 'x');
    const second = await store.mutate(saveReport, { commissionId: cmi().id, year: 2023, period: 3, presentation: 'Final' }, 'x');
    expect(second.id).toBe(first.id);
    expect(store.all('reports').filter((r) => r.period === 3)).toHaveLength(1);
    expect(store.get('reports', first.id)!.presentation).toBe('Final');
  });

  it('exports the progress table as CSV (BOM, quoted, no formulas) and XLSX with the cronograma', async () => {
    const a = activity('ordinaria', 2);
    await store.mutate(setActivityProgress, { id: a.id, period: 3, percent: 90, narrative: '=HYPERLINK("http://x","y"), y "comillas"' }, 'x');
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode((await exportProgress(store, { commission: 'CMI', year: 2023, format: 'csv' }, new Date('2023-09-15T00:00:00Z'))).bytes);
    expect(csv.startsWith('\uFEFFTipo,CVO.,Actividad,% avance 1er periodo')).toBe(true);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(15);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""y""), y ""comillas"""`);
    expect(csv).toContain('Específica,3,Seguimiento a la implementación en la página del Instituto de la ventanilla de servicios digitales,50,50,,Periodo 2');

    const xlsx = await exportProgress(store, { commission: 'CVSPE', year: 2020, format: 'xlsx', table: 'cronograma' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.bytes) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Cronograma')!;
    expect(sheet.rowCount).toBe(69);
    expect(sheet.getRow(1).values).toContain('Cuantificación física');
    expect(sheet.getRow(2).getCell(5).value).toBe(12);
    await rejects(exportProgress(store, { commission: 'CMI', year: 2023, format: 'ods' }), 'INVALID_ARGUMENT', /csv o xlsx/);
  });
});
