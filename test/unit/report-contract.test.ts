import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, dispatch, type Handlers } from '../../src-main/services/api.js';
import { ensureDemo } from '../../src-main/services/demo/load-demo.js';
import { VaultKey } from '../../src-main/services/keystore/vault-key.js';
import { Store } from '../../src-main/services/store/store.js';
import type { GeneratedFile, ProgressBoard } from '../../src-shared/contract/calls.js';
import type { Activity, Programme } from '../../src-shared/domain/index.js';
import { makePng } from '../support/images.js';
import { tempDir } from '../support/temp.js';

let dir: Awaited<ReturnType<typeof tempDir>>;
let store: Store;
let handlers: Handlers;

beforeEach(async () => {
  dir = await tempDir();
  store = await Store.open(dir.path);
  await ensureDemo(store, 'sistema');
  handlers = createHandlers({ store, vault: new VaultKey(dir.path, undefined), host: 'web', actor: 'secretaria@equipo' });
});
afterEach(async () => {
  await store.close();
  await dir.cleanup();
});

async function ok<T>(name: Parameters<typeof dispatch>[1], args: unknown): Promise<T> {
  const reply = await dispatch(handlers, name, args);
  if (!reply.ok) throw new Error(`${String(name)}: ${reply.error.message}`);
  return reply.value as T;
}

const cmi = () => store.all('commissions').find((c) => c.acronym === 'CMI')!;

describe('reports, programmes and progress through the contract', () => {
  it('answers the progress board with flags and the overall progress per period', async () => {
    const board = await ok<ProgressBoard>('progress.board', { commissionId: cmi().id, year: 2023, today: '2023-09-15' });
    expect(board.activities).toHaveLength(14);
    expect(board.activities.filter((r) => r.stalled.includes(2)).map((r) => r.activity.number)).toEqual([3, 7]);
    expect(board.overall[2]).toBeGreaterThan(board.overall[1]!);
    expect(board.overall[3]).toBeNull();
  });

  it('adds evidence sent as base64 and refuses a file that is not an image with a Spanish message', async () => {
    const id = store.all('activities').find((a) => a.commissionId === cmi().id)!.id;
    const image = makePng(30, 20).toString('base64');
    const added = await ok<Activity>('progress.addEvidence', { id, period: 2, caption: 'Evidencia.', image });
    expect(added.progress.find((p) => p.period === 2)!.images).toHaveLength(1);
    expect(added.history!.at(-1)!.actor).toBe('secretaria@equipo');
    const bad = await dispatch(handlers, 'progress.addEvidence', { id, period: 2, image: Buffer.from('no soy imagen').toString('base64') });
    expect(bad).toEqual({ ok: false, error: { code: 'INVALID_ARGUMENT', message: 'El archivo no es una imagen PNG o JPEG válida (formato no reconocido).' } });
    const badPeriod = await dispatch(handlers, 'progress.addEvidence', { id, period: 4, image });
    expect(badPeriod).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('edits the cronograma and reports its warnings; a negative month is refused', async () => {
    const p = store.all('programmes')[0]!;
    const warnings = await ok<unknown[]>('programmes.warnings', { id: p.id });
    expect(warnings).toHaveLength(2);
    const row = { lineOfAction: 'Nueva línea', unit: 'Documento', goal: 'Meta', physicalQuantity: 2, months: [1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] };
    const updated = await ok<Programme>('programmes.addRow', { programmeId: p.id, sectionId: p.sections[0]!.id, row, index: 0 });
    expect(updated.sections[0]!.schedule[0]!.lineOfAction).toBe('Nueva línea');
    const negative = await dispatch(handlers, 'programmes.addRow', { programmeId: p.id, sectionId: p.sections[0]!.id, row: { ...row, months: [-1, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] } });
    expect(negative).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/Un mes no puede tener un valor negativo/) } });
  });

  it('returns the informe and the programa as PDFs, and keeps the informe as a document to sign', async () => {
    const informe = await ok<GeneratedFile>('reports.informe', { commission: 'CMI', year: 2023, period: 2 });
    expect(informe.fileName).toBe('informe-CMI-2023-2.pdf');
    expect(Buffer.from(informe.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(informe.pages).toBe(15);
    const programa = await ok<GeneratedFile>('reports.programa', { commission: 'CVSPE', year: 2020 });
    expect(programa.pages).toBeGreaterThan(30);
    const bad = await dispatch(handlers, 'reports.informe', { commission: 'CMI', year: 2023, period: 5 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/periodo debe ser 1/) } });
    const doc = await ok<{ kind: string; signers: unknown[] }>('reports.createDocument', { kind: 'informe', commission: 'CMI', year: 2023, period: 2 });
    expect(doc).toMatchObject({ kind: 'informe', signers: expect.any(Array) });
    expect(doc.signers).toHaveLength(4);
    const csv = await ok<GeneratedFile>('progress.export', { commission: 'CMI', year: 2023, format: 'csv' });
    expect(csv.fileName).toBe('avance-CMI-2023.csv');
  });

  it('creates an activity numbered after the last of its group, edits it, and refuses a number already taken or an empty name', async () => {
    const c = cmi();
    const especificas = store.all('activities').filter((a) => a.commissionId === c.id && a.year === 2023 && a.kind === 'especifica');
    const created = await ok<Activity>('activities.save', { commissionId: c.id, year: 2023, kind: 'especifica', title: 'Digitalizar el archivo de la Comisión' });
    expect(created.number).toBe(Math.max(...especificas.map((a) => a.number)) + 1);
    expect(created.progress).toEqual([]);
    const edited = await ok<Activity>('activities.save', { id: created.id, commissionId: c.id, year: 2023, kind: 'especifica', title: 'Digitalizar el archivo histórico' });
    expect(edited).toMatchObject({ id: created.id, number: created.number, title: 'Digitalizar el archivo histórico' });
    const taken = await dispatch(handlers, 'activities.save', { id: created.id, commissionId: c.id, year: 2023, kind: 'especifica', number: especificas[0]!.number, title: 'Otra' });
    expect(taken).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: `Ya hay una actividad con el consecutivo ${especificas[0]!.number} en este grupo.` } });
    const empty = await dispatch(handlers, 'activities.save', { commissionId: c.id, year: 2023, kind: 'ordinaria', title: '  ' });
    expect(empty).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/nombre de la actividad/) } });
    const before = store.count('activities');
    const concurrent = await Promise.all(Array.from({ length: 20 }, (_, i) => dispatch(handlers, 'activities.save', { commissionId: c.id, year: 2023, kind: 'proceso_electoral', title: `Actividad ${i}` })));
    expect(concurrent.every((r) => r.ok)).toBe(true);
    const numbers = store.all('activities').filter((a) => a.commissionId === c.id && a.year === 2023 && a.kind === 'proceso_electoral').map((a) => a.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(store.count('activities')).toBe(before + 20);
  });
});
