import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src-main/services/api.js';
import { openApp, type OpenedApp } from '../../src-main/services/app/open-app.js';
import type { ArchiveEntry, AuditEntry, DocumentSummary } from '../../src-shared/contract/calls.js';
import { DOCUMENT_KIND_LABEL } from '../../src-shared/format.js';
import { tempDir } from '../support/temp.js';
import { forgetUpgrades, storeAsOldVersion } from '../support/upgrades.js';

let dir: Awaited<ReturnType<typeof tempDir>>;
let app: OpenedApp;

beforeEach(async () => {
  dir = await tempDir();
  app = await openApp({ dataDir: dir.path, host: 'cli', actor: 'secretaria' });
});
afterEach(async () => {
  await app.close();
  await dir.cleanup();
});

async function ok<T>(name: Parameters<typeof dispatch>[1], args: unknown): Promise<T> {
  const reply = await dispatch(app.handlers, name, args);
  if (!reply.ok) throw new Error(`${String(name)}: ${reply.error.message}`);
  return reply.value as T;
}


describe('the programa as a document of its own kind', () => {
  it('keeps a programa as "Programa anual de trabajo", apart from the informes in the archive filter', async () => {
    const programa = await ok<DocumentSummary>('reports.createDocument', { kind: 'programa', commission: 'CVSPE', year: 2020 });
    const informe = await ok<DocumentSummary>('reports.createDocument', { kind: 'informe', commission: 'CMI', year: 2023, period: 2 });
    expect(programa.kind).toBe('programa');
    expect(DOCUMENT_KIND_LABEL[programa.kind]).toBe('Programa anual de trabajo');
    expect(DOCUMENT_KIND_LABEL[informe.kind]).toBe('Informe cuatrimestral');
    const programas = await ok<ArchiveEntry[]>('archive.list', { kind: 'programa' });
    expect(programas.map((d) => d.id)).toEqual([programa.id]);
    const informes = await ok<ArchiveEntry[]>('archive.list', { kind: 'informe' });
    expect(informes.map((d) => d.id)).toEqual([informe.id]);
  });

  it('gives programas stored as "informe" by earlier versions their kind when the folder is opened, once, leaving informes alone', async () => {
    const programa = await ok<DocumentSummary>('reports.createDocument', { kind: 'programa', commission: 'CVSPE', year: 2020 });
    const informe = await ok<DocumentSummary>('reports.createDocument', { kind: 'informe', commission: 'CMI', year: 2023, period: 2 });
    await app.store.mutate(storeAsOldVersion, { id: programa.id }, 'sistema');
    await app.store.mutate(forgetUpgrades, {}, 'sistema');
    expect(app.store.get('documents', programa.id)!.kind).toBe('informe');
    await app.close();

    app = await openApp({ dataDir: dir.path, host: 'cli', actor: 'secretaria' });
    expect(app.store.get('documents', programa.id)!.kind).toBe('programa');
    expect(app.store.get('documents', informe.id)!.kind).toBe('informe');
    await app.close();

    // A second open finds nothing to change and writes nothing.
    app = await openApp({ dataDir: dir.path, host: 'cli', actor: 'secretaria' });
    expect(app.store.get('documents', programa.id)!.kind).toBe('programa');
    const log = await ok<AuditEntry[]>('audit.list', { limit: 1000 });
    // Since the folder was left as an earlier version would (newest entries first).
    const since = log.slice(0, log.findIndex((e) => e.mutation === 'test.forgetUpgrades'));
    const retyped = since.filter((e) => e.mutation === 'documents.retypeProgramas');
    expect(retyped).toHaveLength(1);
    // The change and the record that the step ran, in one journal entry.
    expect(retyped[0]!.records).toEqual([
      { collection: 'documents', id: programa.id },
      { collection: 'upgrades', id: 'documents.retypeProgramas' },
    ]);
  });
});
