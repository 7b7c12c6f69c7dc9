/**
 * The archive over a folder with a signed acta: what staff see listed and find by a signer's
 * name or a phrase of the acta, the document's timeline, printing through the port (audited),
 * checking a printed copy from its QR alone, the constancia and the session's export.
 */
import { execFileSync } from 'node:child_process';
import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src-main/services/api.js';
import { usePrinters } from '../../src-main/services/printing/jobs.js';
import { PrintError, type PrinterPort, type PrintOptions } from '../../src-main/services/printing/index.js';
import type { ArchiveEntry, BatchStatus, BatchSummary, PrintedCopyCheck, PrintJobSummary, TimelineEvent } from '../../src-shared/contract/calls.js';
import { signedActaFolder, type SignedActa } from '../support/signed-acta.js';
import { tempDir } from '../support/temp.js';

let dir: Awaited<ReturnType<typeof tempDir>>;
let f: SignedActa;
const sent: { file: string; options: PrintOptions; bytes: Buffer }[] = [];

/** A printer port that keeps what it was sent; "Apagada" fails as CUPS does for a missing printer. */
const fakePort: PrinterPort = {
  kind: 'prueba',
  list: async () => [
    { name: 'Oficina', isDefault: true, state: 'lista' },
    { name: 'Atascada', isDefault: false, state: 'detenida' },
    { name: 'Lenta', isDefault: false, state: 'imprimiendo' },
    { name: 'Muda', isDefault: false, state: 'desconocido' },
  ],
  print: async (file, options) => {
    // Both time out after the scheduler took the job; only Lenta's history can be read.
    if (options.printer === 'Lenta' || options.printer === 'Muda') {
      queued.set(options.title.split(' ').at(-1)!, options.printer);
      throw new PrintError('FAILED', 'El servicio de impresión no respondió a tiempo.', 'lp timed out');
    }
    if (options.printer === 'Atascada') throw new PrintError('FAILED', 'La impresora «Atascada» no aceptó el trabajo: sin papel', 'refused');
    if (options.printer === 'Apagada') throw new PrintError('NO_PRINTER', 'La impresora «Apagada» no existe en este equipo.', 'no such printer');
    const { readFile } = await import('node:fs/promises');
    sent.push({ file, options, bytes: await readFile(file) });
    return { printer: options.printer ?? 'Oficina', jobId: `Oficina-${sent.length}` };
  },
  findJob: async (key) => {
    const printer = queued.get(key);
    if (printer === 'Muda') throw new PrintError('NO_SERVICE', 'No se pudo consultar el servicio de impresión (CUPS).', 'no answer');
    return printer ? { printer, jobId: `${printer}-77` } : null;
  },
};
const queued = new Map<string, string>();

beforeAll(async () => {
  dir = await tempDir();
  f = await signedActaFolder(dir.path);
  usePrinters(contextOf(), fakePort);
}, 120_000);
afterAll(async () => {
  await f?.store.close();
  await dir?.cleanup();
});

function contextOf() {
  // The printer port is chosen per open store; the context only needs to carry it.
  return { store: f.store } as Parameters<typeof usePrinters>[0];
}

describe('the archive', () => {
  it('lists the signed acta with its commission, session, signers and status', async () => {
    const all = await f.ok<ArchiveEntry[]>('archive.list', {});
    const acta = all.find((d) => d.id === f.acta.id)!;
    expect(acta).toMatchObject({ kind: 'acta', status: 'firmado', commission: { acronym: 'CMI' }, session: { key: 'IEM-CMI-SEORD-03/2023' } });
    expect(acta.signers.map((s) => s.status)).toEqual(f.acta.signers.map(() => 'firmado'));
    expect(acta.signers.every((s) => /^\d{20}$/.test(s.certificateNumber ?? ''))).toBe(true);
  });

  it('finds the acta by a signer’s name typed without accents, and by a phrase of its text', async () => {
    const someone = f.acta.signers[1]!.name; // e.g. LICDA. ARACELI GUTIÉRREZ CORTÉZ
    const plain = someone.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().split(' ').slice(-2).join(' ');
    const bySigner = await f.ok<ArchiveEntry[]>('archive.list', { signer: plain });
    expect(bySigner.map((d) => d.id)).toEqual([f.acta.id]);
    const byText = await f.ok<ArchiveEntry[]>('archive.list', { text: 'hoja de firmas' });
    expect(byText.map((d) => d.id)).toEqual([f.acta.id]);
    expect(byText[0]!.excerpt).toMatch(/HOJA DE FIRMAS/);
    expect(await f.ok<ArchiveEntry[]>('archive.list', { text: 'palabra-que-no-esta-en-ningun-documento' })).toEqual([]);
    expect(await f.ok<ArchiveEntry[]>('archive.list', { text: 'hoja de firmas', kind: 'acuse' })).toEqual([]);
    expect(await f.ok<ArchiveEntry[]>('archive.list', { from: '2030-01-01' })).toEqual([]);
  });

  it('answers the same search sent 100 times at once, each with the same result', async () => {
    const results = await Promise.all(Array.from({ length: 100 }, () => f.ok<ArchiveEntry[]>('archive.list', { text: 'IEM-CMI-SEORD-03/2023 firmas' })));
    expect(new Set(results.map((r) => r.map((d) => d.id).join()))).toEqual(new Set([f.acta.id]));
  });

  it('keeps the extracted text on disk for the next start, and ignores a cache file that was edited', async () => {
    const { TextIndex } = await import('../../src-main/services/archive/archive.js');
    const sha = f.store.get('documents', f.acta.id)!.pdf;
    const path = join(dir.path, 'index', 'text', `${sha}.txt`);
    const { readFile } = await import('node:fs/promises');
    const cached = await readFile(path, 'utf8');
    expect(cached).toMatch(/^sesiona-text 1 [0-9a-f]{64}\n/);
    expect(cached).toContain('HOJA DE FIRMAS');
    // A fresh index (a restart) reads the cache; an edited cache file is not trusted.
    expect((await new TextIndex(f.store).text(sha)).text).toBe(cached.slice(cached.indexOf('\n') + 1));
    await writeFile(path, cached.replace('HOJA DE FIRMAS', 'HOJA FALSIFICADA'));
    const again = await new TextIndex(f.store).text(sha);
    expect(again.text).toContain('HOJA DE FIRMAS');
    expect(again.text).not.toContain('HOJA FALSIFICADA');
  });

  it('refuses a hostile filter with a Spanish message', async () => {
    const r = await dispatch(f.handlers, 'archive.list', { text: 'x'.repeat(500) });
    expect(r.ok).toBe(false);
    const bad = await dispatch(f.handlers, 'archive.list', { kind: 'virus' });
    expect(!bad.ok && bad.error.code).toBe('INVALID_ARGUMENT');
  });
});

describe('the seal page of the signed acta', () => {
  it('tells a reader how to check the copy without Sesiona’s command line', async () => {
    const { base64 } = await f.ok<{ base64: string }>('documents.pdf', { id: f.acta.id });
    const path = join(dir.path, 'sellada.pdf');
    await writeFile(path, Buffer.from(base64, 'base64'));
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('abra «Comprobar copia impresa»');
    expect(text).toMatch(/Sin Sesiona: obtenga el PDF firmado/);
    expect(text).not.toContain('sesiona verify-print');
  });
});

describe('the audit trail of a document', () => {
  it('shows created, locked and signed by each member, in order', async () => {
    const events = await f.ok<TimelineEvent[]>('audit.timeline', { documentId: f.acta.id });
    expect(events.map((e) => e.kind)).toEqual(['creado', 'bloqueado', ...f.acta.signers.map(() => 'firmado')]);
    expect(events.filter((e) => e.kind === 'firmado').map((e) => e.label)).toEqual(
      f.acta.signers.map((s) => expect.stringContaining(`Firmado por ${s.name} (certificado `) as unknown as string),
    );
    expect(events.every((e) => e.actor === 'secretaria@oficina')).toBe(true);
  });

  it('gives a constancia PDF with the signers, certificate numbers, hashes and history', async () => {
    const { fileName, base64 } = await f.ok<{ fileName: string; base64: string }>('audit.constancia', { id: f.acta.id });
    expect(fileName).toMatch(/^constancia-.*\.pdf$/);
    const path = join(dir.path, fileName);
    await writeFile(path, Buffer.from(base64, 'base64'));
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
    const { base64: pdf } = await f.ok<{ base64: string }>('documents.pdf', { id: f.acta.id });
    expect(text).toContain('CONSTANCIA DE HISTORIAL Y FIRMAS');
    expect(text).toContain(createHash('sha256').update(Buffer.from(pdf, 'base64')).digest('hex'));
    for (const s of (await f.ok<ArchiveEntry[]>('archive.list', {})).find((d) => d.id === f.acta.id)!.signers) {
      expect(text).toContain(s.name);
      expect(text).toContain(s.certificateNumber!);
    }
    expect(text).toMatch(/La cadena de hashes de la bitácora está íntegra/);
  });
});

describe('printing from the app', () => {
  it('sends the stored PDF with the options asked for and audits the job', async () => {
    const job = await f.ok<PrintJobSummary>('printing.print', { id: f.acta.id, printer: 'Oficina', copies: 2, duplex: 'doble-cara', pages: '1-2' });
    expect(job).toMatchObject({ printer: 'Oficina', copies: 2, duplex: 'doble-cara', pages: '1-2', printedBy: 'secretaria@oficina' });
    const last = sent.at(-1)!;
    const { base64 } = await f.ok<{ base64: string }>('documents.pdf', { id: f.acta.id });
    expect(last.bytes.equals(Buffer.from(base64, 'base64'))).toBe(true);
    expect(last.options).toMatchObject({ copies: 2, duplex: 'doble-cara', pages: '1-2' });
    const events = await f.ok<TimelineEvent[]>('audit.timeline', { documentId: f.acta.id });
    expect(events.at(-1)).toMatchObject({ kind: 'impreso', label: 'Impreso por secretaria@oficina en Oficina (2 copias, doble cara, páginas 1-2)' });
    // Recorded before and after sending, shown once.
    expect(events.filter((e) => e.label.includes('Oficina (2 copias'))).toHaveLength(1);
    expect((await f.store.auditEntries(1))[0]!.mutation).toBe('document.print');
    expect((await f.ok<ArchiveEntry[]>('archive.list', {})).find((d) => d.id === f.acta.id)!.prints).toBeGreaterThanOrEqual(1);
  });

  it('says clearly when the printer does not exist, and records nothing', async () => {
    const before = (await f.ok<PrintJobSummary[]>('printing.jobs', { documentId: f.acta.id })).length;
    const r = await dispatch(f.handlers, 'printing.print', { id: f.acta.id, printer: 'Apagada', copies: 1 });
    expect(r).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'La impresora «Apagada» no existe en este equipo.' } });
    const bad = await dispatch(f.handlers, 'printing.print', { id: f.acta.id, copies: 1, pages: '3-1' });
    expect(!bad.ok && bad.error.message).toMatch(/intervalo de páginas no es válido/);
    // A range past the last page would send nothing to paper yet be audited as a print.
    const beyond = await dispatch(f.handlers, 'printing.print', { id: f.acta.id, copies: 1, pages: '40-45' });
    expect(!beyond.ok && beyond.error.message).toMatch(/^Ninguna página del intervalo «40-45» existe: el documento tiene \d+ páginas\.$/);
    expect(await f.ok<PrintJobSummary[]>('printing.jobs', { documentId: f.acta.id })).toHaveLength(before);
  });

  it('keeps a job the printer refused after it was recorded as not sent, and does not count it as a print', async () => {
    const prints = async () => (await f.ok<ArchiveEntry[]>('archive.list', {})).find((d) => d.id === f.acta.id)!.prints;
    const before = await prints();
    const r = await dispatch(f.handlers, 'printing.print', { id: f.acta.id, printer: 'Atascada', copies: 3 });
    expect(r).toEqual({ ok: false, error: { code: 'UNAVAILABLE', message: 'La impresora «Atascada» no aceptó el trabajo: sin papel' } });
    const [job] = await f.ok<PrintJobSummary[]>('printing.jobs', { documentId: f.acta.id });
    expect(job).toMatchObject({ printer: 'Atascada', copies: 3, state: 'no-enviado', jobId: '' });
    const events = await f.ok<TimelineEvent[]>('audit.timeline', { documentId: f.acta.id });
    expect(events.slice(-2).map((e) => e.label)).toEqual([
      'Impresión solicitada por secretaria@oficina en Atascada (3 copias)',
      'La impresión en Atascada (3 copias) no llegó a la impresora',
    ]);
    expect(await prints()).toBe(before);
  });

  it('asks the printing system when lp timed out: a job it took is recorded as sent, an unanswered one stays to be settled', async () => {
    const job = await f.ok<PrintJobSummary>('printing.print', { id: f.acta.id, printer: 'Lenta', copies: 1 });
    expect(job).toMatchObject({ printer: 'Lenta', jobId: 'Lenta-77', state: 'enviado' });
    const r = await dispatch(f.handlers, 'printing.print', { id: f.acta.id, printer: 'Muda', copies: 1 });
    expect(r).toEqual({ ok: false, error: { code: 'UNAVAILABLE', message: 'El servicio de impresión no respondió a tiempo.' } });
    const [muda] = await f.ok<PrintJobSummary[]>('printing.jobs', { documentId: f.acta.id });
    expect(muda).toMatchObject({ printer: 'Muda', state: 'enviando' });
  });

  it('records each of 20 prints sent at once', async () => {
    const before = (await f.ok<PrintJobSummary[]>('printing.jobs', {})).length;
    await Promise.all(Array.from({ length: 20 }, () => f.ok('printing.print', { id: f.acta.id, copies: 1 })));
    expect(await f.ok<PrintJobSummary[]>('printing.jobs', {})).toHaveLength(before + 20);
    expect((await f.store.verifyAudit()).ok).toBe(true);
  });
});

describe('checking a printed copy with no document chosen first', () => {
  it('names the document, says it matches and lists its signers', async () => {
    const doc = await f.ok<{ sealPayload: string }>('documents.get', { id: f.acta.id });
    const check = await f.ok<PrintedCopyCheck>('printing.checkCopy', { payload: doc.sealPayload });
    expect(check).toMatchObject({ matches: true, document: { id: f.acta.id, sessionKey: 'IEM-CMI-SEORD-03/2023' } });
    expect(check.signers.map((s) => s.name)).toEqual(f.acta.signers.map((s) => s.name));
  });

  it('says a code from another institution is not one of ours, and text that is no code is not a code', async () => {
    const other = `SESIONA|1|01JQ8ZK3V7M2N4P6R8T0W2Y4A7|1234|${'ab'.repeat(32)}`;
    const r = await dispatch(f.handlers, 'printing.checkCopy', { payload: other });
    expect(!r.ok && r.error.message).toMatch(/no corresponde a ningún documento de este archivo: puede ser de otra institución/);
    const junk = await dispatch(f.handlers, 'printing.checkCopy', { payload: 'https://example.com/qr' });
    expect(!junk.ok && junk.error.message).toMatch(/no es un código de verificación de Sesiona/);
  });
});

describe('downloads', () => {
  it('zips a selection with a manifest of SHA-256 hashes', async () => {
    const { fileName, base64 } = await f.ok<{ fileName: string; base64: string }>('archive.zip', { ids: [f.acta.id, f.acta.id] });
    expect(fileName).toMatch(/^documentos-\d{4}-\d{2}-\d{2}\.zip$/);
    const files = unzipSync(Buffer.from(base64, 'base64'));
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as { files: { name: string; sha256: string }[] };
    expect(manifest.files).toHaveLength(1);
    for (const m of manifest.files) expect(createHash('sha256').update(files[m.name]!).digest('hex')).toBe(m.sha256);
  });

  it('exports the session with the acta, its constancia, the agenda and a manifest that matches every file', async () => {
    const { fileName, base64 } = await f.ok<{ fileName: string; base64: string }>('archive.exportSession', { sessionId: f.sessionId });
    expect(fileName).toBe('expediente-IEM-CMI-SEORD-03-2023.zip');
    const files = unzipSync(Buffer.from(base64, 'base64'));
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as { session: string; files: { name: string; sha256: string; bytes: number }[] };
    expect(manifest.session).toBe('IEM-CMI-SEORD-03/2023');
    const names = manifest.files.map((m) => m.name);
    expect(names).toEqual(expect.arrayContaining(['orden-del-dia.txt', 'sesion.json', expect.stringMatching(/^documentos\/acta-.*\.pdf$/), expect.stringMatching(/^constancias\/constancia-acta-.*\.pdf$/)]));
    for (const m of manifest.files) {
      expect(files[m.name]!.length).toBe(m.bytes);
      expect(createHash('sha256').update(files[m.name]!).digest('hex')).toBe(m.sha256);
    }
    expect(new TextDecoder().decode(files['orden-del-dia.txt'])).toMatch(/ORDEN DEL DÍA\nPRIMERO\. /);
  });
});

describe('batches of acknowledgements in the archive', () => {
  it('lists a finished batch and downloads it as one ZIP; a file changed afterwards is refused', async () => {
    const points = Array.from({ length: 40 }, (_, i) => ({ x: 20 + i * 6, y: 60 + 30 * Math.sin(i / 5), time: i * 16, pressure: 0.5 }));
    const enrolled = await f.ok<{ id: string }>('signatures.enroll', {
      personId: f.store.all('people').find((p) => p.name === 'CAROL BERENICE ARELLANO RANGEL')!.id,
      pin: '246813',
      capture: { strokes: [{ points }], canvas: { width: 420, height: 160, pixelRatio: 1 } },
    });
    let job = await f.ok<BatchStatus>('batch.start', {
      signatureId: enrolled.id,
      pin: '246813',
      signerRole: 'Consejera Presidenta',
      csv: 'folio,nombre\nA-1,ANA PÉREZ\nA-2,LUIS GÓMEZ\nA-3,EVA RUIZ\n',
      concept: 'Entrega de constancias',
    });
    for (let i = 0; i < 300 && job.state === 'en-curso'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = await f.ok<BatchStatus>('batch.status', { jobId: job.jobId });
    }
    expect(job.state).toBe('terminado');
    const batches = await f.ok<BatchSummary[]>('archive.batches', {});
    expect(batches[0]).toMatchObject({ jobId: job.jobId, title: 'Lote de 3 acuses de recibo — Entrega de constancias', written: 3, failed: 0, cancelled: false });
    const { fileName, base64 } = await f.ok<{ fileName: string; base64: string }>('archive.batchZip', { jobId: job.jobId });
    expect(fileName).toMatch(new RegExp(`^lote-\\d{4}-\\d{2}-\\d{2}-${job.jobId}\\.zip$`));
    const files = unzipSync(Buffer.from(base64, 'base64'));
    expect(Object.keys(files).filter((n) => n.endsWith('.pdf'))).toHaveLength(3);
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as { files: { name: string; sha256: string }[] };
    for (const m of manifest.files) expect(createHash('sha256').update(files[m.name]!).digest('hex')).toBe(m.sha256);

    await appendFile(join(job.outDir, manifest.files[0]!.name), '% añadido después');
    const refused = await dispatch(f.handlers, 'archive.batchZip', { jobId: job.jobId });
    expect(!refused.ok && refused.error).toMatchObject({ code: 'STORAGE', message: expect.stringMatching(/fueron modificados o faltan/) as unknown as string });
  });
});
