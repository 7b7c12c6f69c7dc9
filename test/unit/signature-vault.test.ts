import { createHash } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, dispatch, type Handlers } from '../../src-main/services/api.js';
import { VaultKey } from '../../src-main/services/keystore/vault-key.js';
import { Store } from '../../src-main/services/store/store.js';
import type { ImportReportRow, SignatureSummary, UsedSignature } from '../../src-shared/contract/calls.js';
import { encodeBase30 } from '../../src-shared/signature/base30.js';
import { savePerson } from '../../src-main/services/people/people.js';
import { tempDir } from '../support/temp.js';

let dir: Awaited<ReturnType<typeof tempDir>>;
let store: Store;
let handlers: Handlers;

/** A plausible signature: two strokes with time and pressure, as signature_pad records them. */
function capture(offset = 0) {
  const stroke = (y0: number, n: number) => ({
    pointerType: 'pen' as const,
    points: Array.from({ length: n }, (_, i) => ({
      x: 40 + i * 7.25 + offset,
      y: y0 + Math.sin(i / 3) * 18.5,
      time: 1_700_000_000_000 + i * 16,
      pressure: 0.4 + (i % 5) / 20,
    })),
  });
  return { strokes: [stroke(80, 40), stroke(120, 25)], canvas: { width: 800, height: 300, pixelRatio: 2 } };
}

async function ok<T>(name: Parameters<typeof dispatch>[1], args: unknown): Promise<T> {
  const reply = await dispatch(handlers, name, args);
  if (!reply.ok) throw new Error(`${String(name)}: ${reply.error.message}`);
  return reply.value as T;
}

async function filesUnder(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(root, { withFileTypes: true })) {
    const p = join(root, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(p)));
    else out.push(p);
  }
  return out;
}

/** Signatures are enrolled for a person chosen from the people. */
async function person(name: string): Promise<string> {
  const found = store.all('people').find((p) => p.name === name);
  if (found) return found.id;
  return (await store.mutate(savePerson, { title: '', name }, 'secretaria')).id;
}

beforeEach(async () => {
  dir = await tempDir();
  store = await Store.open(dir.path);
  const vault = new VaultKey(dir.path, undefined);
  await vault.unlockWithPassphrase('frase de acceso segura');
  handlers = createHandlers({ store, vault, host: 'web', actor: 'consejera' });
});
afterEach(async () => {
  await store.close();
  await dir.cleanup();
});

describe('signature vault', () => {
  it('enrolls a signature and leaves no plaintext strokes anywhere on disk', async () => {
    const cap = capture();
    const enrolled = await ok<SignatureSummary>('signatures.enroll', { personId: await person('CAROL BERENICE ARELLANO RANGEL'), pin: '202323', capture: cap });
    expect(enrolled).toMatchObject({ strokeCount: 2, pointCount: 65, status: 'activa', source: 'captura' });

    const base30 = encodeBase30(cap.strokes.map((s) => ({ x: s.points.map((p) => p.x), y: s.points.map((p) => p.y) })));
    const needles = [base30, base30.slice(0, 24), '"pressure"', String(cap.strokes[0]!.points[3]!.x), '"points"'];
    const files = await filesUnder(dir.path);
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      const text = (await readFile(file)).toString('latin1');
      for (const needle of needles) expect(text.includes(needle), `${needle} found in ${file}`).toBe(false);
    }
  });

  it('gives the strokes back with the owner’s PIN and audits the use', async () => {
    const cap = capture();
    const { id } = await ok<SignatureSummary>('signatures.enroll', { personId: await person('ARACELI GUTIÉRREZ CORTÉZ'), pin: '482121', capture: cap });
    const used = await ok<UsedSignature>('signatures.use', { id, pin: '482121', purpose: 'Acta IEM-CMI-SEORD-03/2023' });
    expect(used.strokes).toHaveLength(2);
    expect(used.strokes[0]!.x.slice(0, 3)).toEqual([40, 47, 55]); // rounded as jSignature does
    expect(used.canvas).toEqual(cap.canvas);
    const [last] = await store.auditEntries(1);
    expect(last).toMatchObject({ mutation: 'signature.use', actor: 'consejera', records: [{ collection: 'signatures', id }] });
  });

  it('refuses a wrong PIN, counts down, then locks only that signature', async () => {
    const a = await ok<SignatureSummary>('signatures.enroll', { personId: await person('A'), pin: '111111', capture: capture() });
    const b = await ok<SignatureSummary>('signatures.enroll', { personId: await person('B'), pin: '222222', capture: capture(5) });
    const first = await dispatch(handlers, 'signatures.use', { id: a.id, pin: '999999', purpose: 'Acta' });
    expect(first).toEqual({ ok: false, error: { code: 'UNAUTHORIZED', message: 'PIN incorrecto. Le quedan 4 intento(s).' } });
    for (let i = 0; i < 4; i++) await dispatch(handlers, 'signatures.use', { id: a.id, pin: '000000', purpose: 'Acta' });
    const locked = await dispatch(handlers, 'signatures.use', { id: a.id, pin: '111111', purpose: 'Acta' });
    expect(locked).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await ok<UsedSignature>('signatures.use', { id: b.id, pin: '222222', purpose: 'Acta' })).toMatchObject({ personName: 'B' });
    const refusals = (await store.auditEntries(20)).filter((e) => e.mutation === 'signature.refused');
    expect(refusals).toHaveLength(5);
  });

  it('reports a corrupted vault entry clearly and keeps the others usable', async () => {
    const a = await ok<SignatureSummary>('signatures.enroll', { personId: await person('A'), pin: '111111', capture: capture() });
    const b = await ok<SignatureSummary>('signatures.enroll', { personId: await person('B'), pin: '222222', capture: capture(9) });
    const sealedA = store.get('signatures', a.id)!.sealed;
    const blob = join(dir.path, 'blobs', sealedA);
    const bytes = await readFile(blob);
    bytes[bytes.length - 3]! ^= 0xff;
    await writeFile(blob, bytes);
    const reply = await dispatch(handlers, 'signatures.use', { id: a.id, pin: '111111', purpose: 'Acta' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'STORAGE' } });
    expect(!reply.ok && reply.error.message).toMatch(/dañada.*las demás firmas no se ven afectadas/);
    expect((await ok<UsedSignature>('signatures.use', { id: b.id, pin: '222222', purpose: 'Acta' })).personName).toBe('B');
  });

  it('detects tampered ciphertext: a sealed blob moved onto another record does not open', async () => {
    const a = await ok<SignatureSummary>('signatures.enroll', { personId: await person('A'), pin: '111111', capture: capture() });
    const b = await ok<SignatureSummary>('signatures.enroll', { personId: await person('B'), pin: '111111', capture: capture(3) });
    await store.close();
    const shard = join(dir.path, 'data', 'signatures', 'all.json');
    const data = JSON.parse(await readFile(shard, 'utf8')) as { records: { id: string; sealed: string }[] };
    const sealedB = data.records.find((r) => r.id === b.id)!.sealed;
    data.records.find((r) => r.id === a.id)!.sealed = sealedB;
    const edited = JSON.stringify(data);
    await writeFile(shard, edited);
    // A careful attacker also fixes the checkpoint manifest; otherwise opening restores the record from the journal.
    const manifestPath = join(dir.path, 'data', 'checkpoint.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { files: Record<string, string> };
    manifest.files['signatures/all.json'] = createHash('sha256').update(edited).digest('hex');
    await writeFile(manifestPath, JSON.stringify(manifest));
    store = await Store.open(dir.path);
    const vault = new VaultKey(dir.path, undefined);
    await vault.unlockWithPassphrase('frase de acceso segura');
    handlers = createHandlers({ store, vault, host: 'web', actor: 'consejera' });
    const reply = await dispatch(handlers, 'signatures.use', { id: a.id, pin: '111111', purpose: 'Acta' });
    expect(!reply.ok && reply.error.message).toMatch(/fue alterada/);
    expect((await ok<UsedSignature>('signatures.use', { id: b.id, pin: '111111', purpose: 'Acta' })).personName).toBe('B');
  });

  it('imports legacy base30 signatures from CSV with a per-row report', async () => {
    const good = encodeBase30([{ x: [10, 20, 35], y: [5, 9, 2] }]);
    const csv = [
      'nombre;firma',
      `"MARÍA DE LOURDES BECERRA PÉREZ";"image/jsignature;base30,${good}"`,
      ';3E_6O',
      'PERSONA DOS;1_2_3',
      'PERSONA TRES;1_Z?',
      `"GÓMEZ, JUAN PEDRO";${good}`,
    ].join('\r\n');
    const report = await ok<ImportReportRow[]>('signatures.import', { format: 'csv', content: csv, pin: '202020' });
    expect(report.map((r) => [r.row, r.status])).toEqual([
      [2, 'importada'],
      [3, 'rechazada'],
      [4, 'rechazada'],
      [5, 'rechazada'],
      [6, 'importada'],
    ]);
    expect(report[1]!.reason).toBe('Falta el nombre de la persona.');
    expect(report[2]!.reason).toMatch(/impar|trazo/i);
    expect(report[3]!.reason).toMatch(/car[aá]cter/i);
    const list = await ok<SignatureSummary[]>('signatures.list', {});
    expect(list.map((s) => s.personName)).toEqual(['GÓMEZ, JUAN PEDRO', 'MARÍA DE LOURDES BECERRA PÉREZ']);
    const used = await ok<UsedSignature>('signatures.use', { id: report[0]!.id, pin: '202020', purpose: 'Acuse' });
    expect(used.strokes).toEqual([{ x: [10, 20, 35], y: [5, 9, 2] }]);
  });

  it('imports legacy signatures from a JSON export too', async () => {
    const good = encodeBase30([{ x: [1, 5, 9], y: [2, 2, 7] }]);
    const json = JSON.stringify([
      { nombre: 'HUMBERTO URQUIZA MARTÍNEZ', firma: `data:image/jsignature;base30,${good}` },
      { nombre: 'SIN FIRMA', firma: '' },
    ]);
    const report = await ok<ImportReportRow[]>('signatures.import', { format: 'json', content: json, pin: '202020' });
    expect(report.map((r) => [r.row, r.personName, r.status])).toEqual([
      [1, 'HUMBERTO URQUIZA MARTÍNEZ', 'importada'],
      [2, 'SIN FIRMA', 'rechazada'],
    ]);
    expect(report[1]!.reason).toBe('Los datos de la firma están vacíos.');
  });

  it('lets the owner replace the PIN, and only with the current one', async () => {
    const { id } = await ok<SignatureSummary>('signatures.enroll', { personId: await person('A'), pin: '111111', capture: capture() });
    const wrong = await dispatch(handlers, 'signatures.changePin', { id, pin: '999999', newPin: '246868' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    const weak = await dispatch(handlers, 'signatures.changePin', { id, pin: '111111', newPin: '12' });
    expect(!weak.ok && weak.error.message).toMatch(/6 a 12 dígitos/);
    await ok('signatures.changePin', { id, pin: '111111', newPin: '246868' });
    expect(await dispatch(handlers, 'signatures.use', { id, pin: '111111', purpose: 'Acta' })).toMatchObject({ ok: false });
    expect(await ok<UsedSignature>('signatures.use', { id, pin: '246868', purpose: 'Acta' })).toMatchObject({ personName: 'A' });
  });

  it('rejects an unreadable import file without storing anything', async () => {
    const bad = await dispatch(handlers, 'signatures.import', { format: 'json', content: '{"no":', pin: '202020' });
    expect(bad).toEqual({ ok: false, error: { code: 'INVALID_ARGUMENT', message: 'El archivo JSON no es válido.' } });
    const noCols = await dispatch(handlers, 'signatures.import', { format: 'csv', content: 'a,b\n1,2', pin: '202020' });
    expect(!noCols.ok && noCols.error.message).toMatch(/columna «nombre»/);
    expect(store.count('signatures')).toBe(0);
    expect((await stat(join(dir.path, 'blobs'))).isDirectory()).toBe(true);
  });

  it('signs a document with a fresh capture without enrolling it', async () => {
    const reply = await ok<{ document: { title: string; inkFrom?: string[] }; strokes: unknown[] }>('documents.acknowledgeFresh', {
      signerName: 'VIRIDIANA VILLASEÑOR AGUIRRE',
      signerRole: 'Consejera Presidenta',
      folio: 'CVSPE-2020-001',
      name: 'Juan Pedro Gómez Arreola',
      capture: capture(),
    });
    expect(reply.document.title).toBe('Acuse de recibo CVSPE-2020-001 — Juan Pedro Gómez Arreola');
    expect(reply.strokes).toHaveLength(2);
    expect(store.count('signatures')).toBe(0);
    expect(store.count('documents')).toBe(1);
  });
});
