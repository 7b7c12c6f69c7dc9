/**
 * Printing for real: a sealed and signed acta goes through CUPS to the CUPS-PDF virtual printer
 * (test/support/start-cups.sh, run by .ci/run), and what comes out of the printer is checked the
 * way a reader of the paper would: its text, the ink in the signer's box, and the QR.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdir, stat, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printCommand, printersCommand } from '../../src-main/cli/print-commands.js';
import { ExitCode } from '../../src-main/cli/sign-commands.js';
import { signatureAppearance } from '../../src-main/services/documents/appearance.js';
import { signPdf } from '../../src-main/services/pdfsign/index.js';
import { sealPdf } from '../../src-main/services/printcheck/seal.js';
import { CupsPrinters, PrintError } from '../../src-main/services/printing/index.js';
import { usePrinters } from '../../src-main/services/printing/jobs.js';
import { dispatch } from '../../src-main/services/api.js';
import { signedActaFolder } from '../support/signed-acta.js';
import { testPki } from '../support/pdfsign-certs.js';
import { readPgm } from '../support/pgm.js';
import { demoActa } from '../support/printcheck-fixtures.js';
import { tempDir } from '../support/temp.js';

// CUPS-PDF writes to the job owner's home as the password database has it, whatever $HOME says.
const PRINTED = join(userInfo().homedir, 'PDF');
let dir: Awaited<ReturnType<typeof tempDir>>;
let signedPath: string;
let payload: string;
let hojaPage: number;
let box: [number, number, number, number];

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) } };
}

async function exitOf(run: Promise<void>): Promise<{ code: number; message: string }> {
  try {
    await run;
    return { code: 0, message: '' };
  } catch (e) {
    if (e instanceof ExitCode) return { code: e.code, message: e.message };
    return { code: 2, message: (e as Error).message };
  }
}

/** CUPS-PDF names its output after the job title; wait until the file is complete. */
async function printedFile(token: string, timeoutMs = 30_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  let last = -1;
  while (Date.now() < until) {
    const names = await readdir(PRINTED).catch(() => [] as string[]);
    const name = names.find((n) => n.includes(token) && n.endsWith('.pdf'));
    if (name) {
      const path = join(PRINTED, name);
      const size = (await stat(path)).size;
      if (size > 0 && size === last && spawnSync('pdfinfo', [path]).status === 0) return path;
      last = size;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the virtual printer wrote no file for ${token} in ${PRINTED}`);
}

/** The words of a pdftotext output, in order (line breaks and spacing may differ on paper). */
function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

function grayPage(pdf: string, page: number, dpi: number) {
  const prefix = join(dir.path, `p${page}-${dpi}-${Math.random().toString(36).slice(2)}`);
  execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-f', String(page), '-l', String(page), '-singlefile', pdf, prefix]);
  return readPgm(`${prefix}.pgm`);
}

beforeAll(async () => {
  const running = spawnSync('lpstat', ['-r'], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
  if (!/scheduler is running/.test(running.stdout ?? '')) {
    throw new Error('CUPS is not running: run test/support/start-cups.sh (as .ci/run does) before these tests');
  }
  dir = await tempDir('sesiona-print-');
  const pki = testPki();
  const acta = await demoActa();
  const sealed = sealPdf(Buffer.from(acta.pdf), {
    documentId: '01JQ8ZK3V7M2N4P6R8T0W2Y4A7',
    kind: 'acta',
    title: `Acta ${acta.session.key}`,
    sessionKey: acta.session.key,
    lockedAt: new Date('2026-03-02T17:30:00Z'),
    signers: acta.slots.map((s) => s.name),
  }, pki.signers[2]);
  payload = sealed.payload;
  const slot = acta.slots[0]!;
  box = slot.rect;
  hojaPage = slot.page + 1;
  const [x1, y1, x2, y2] = slot.rect;
  const xs = Array.from({ length: 40 }, (_, i) => 10 + i * 6);
  const strokes = [{ x: xs, y: xs.map((_, i) => 40 + 25 * Math.sin(i / 4)) }];
  const signed = signPdf(sealed.pdf, pki.signers[0], {
    visible: { page: slot.page, rect: slot.rect },
    appearance: signatureAppearance(x2 - x1, y2 - y1, {
      strokes,
      signedAt: new Date('2026-03-03T16:00:00Z'),
      certificateNumber: '00001000000700000001',
      rfc: 'LORM800101AB1',
      holder: pki.signers[0].commonName,
    }),
  });
  signedPath = join(dir.path, 'acta-firmada.pdf');
  await writeFile(signedPath, signed);
});

afterAll(async () => {
  await dir?.cleanup();
});

describe('printing a signed acta through CUPS', () => {
  it('lists the virtual printer', async () => {
    const printers = await new CupsPrinters().list();
    expect(printers.map((p) => p.name)).toContain('PDF');
    const c = capture();
    await printersCommand([], c.io);
    expect(c.out.join('\n')).toMatch(/\bPDF\b/);
  });

  it('prints two copies whose paper keeps the text, the ink in the signer box and a QR that decodes', async () => {
    const token = `sesiona-${Date.now().toString(36)}`;
    const c = capture();
    const result = await exitOf(printCommand([signedPath, '--printer', 'PDF', '--copies', '2', '--title', token], c.io));
    expect(result).toEqual({ code: 0, message: '' });
    expect(c.err.join('\n')).toMatch(/sent 2 copies of acta-firmada\.pdf to PDF \(job PDF-\d+\)/);

    const printed = await printedFile(token);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [printed], { encoding: 'utf8' }))?.[1]);
    expect(pages).toBeGreaterThanOrEqual(hojaPage + 1);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', printed, '-'], { encoding: 'utf8' });
    // The paper's own text (CUPS-PDF prints through PostScript; the adapter asks for the renderer
    // that keeps the embedded DejaVu fonts as text): the acta, its signers and the seal page.
    expect(text).toContain('ACTA DE LA SESIÓN ORDINARIA IEM-CMI-SEORD-03/2023');
    expect(text).toContain('HOJA DE FIRMAS');
    expect(text).toContain('LICDA. CAROL BERENICE ARELLANO RANGEL');
    expect(text).toMatch(/Firmado electrónicamente por MARÍA FERNANDA LÓPEZ RUIZ/);
    expect(text).toContain('CADENA ORIGINAL Y SELLO');
    const sent = execFileSync('pdftotext', ['-enc', 'UTF-8', signedPath, '-'], { encoding: 'utf8' });
    expect(words(text)).toEqual(words(sent));

    // Ink: dark pixels in the upper part of the signer's box on the printed hoja de firmas.
    const img = grayPage(printed, hojaPage, 72);
    const [x1, , x2, y2] = box;
    let ink = 0;
    for (let y = Math.round(img.height - y2) + 6; y < Math.round(img.height - y2) + 60; y++)
      for (let x = Math.round(x1) + 4; x < Math.round(x2) - 4; x++) if (img.pixels[y * img.width + x]! < 128) ink++;
    expect(ink).toBeGreaterThan(40);

    // And as a reader sees it: each printed page looks most like the page sent in its place.
    const diff = (a: ReturnType<typeof grayPage>, b: ReturnType<typeof grayPage>): number => {
      expect([a.width, a.height]).toEqual([b.width, b.height]);
      let sum = 0;
      for (let i = 0; i < a.pixels.length; i++) sum += Math.abs(a.pixels[i]! - b.pixels[i]!);
      return sum / a.pixels.length;
    };
    const sentPages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [signedPath], { encoding: 'utf8' }))?.[1]);
    expect(pages).toBe(sentPages);
    const originals = Array.from({ length: pages }, (_, i) => grayPage(signedPath, i + 1, 30));
    for (let p = 1; p <= pages; p++) {
      const paper = grayPage(printed, p, 30);
      const distances = originals.map((o) => diff(paper, o));
      expect(distances.indexOf(Math.min(...distances)), `printed page ${p} resembles page ${distances.indexOf(Math.min(...distances)) + 1}`).toBe(p - 1);
    }

    // The QR on the seal page (the last page) reads back from a 150-dpi scan of the paper.
    const qr = grayPage(printed, pages, 150);
    const rgba = new Uint8ClampedArray(qr.width * qr.height * 4);
    for (let i = 0; i < qr.width * qr.height; i++) {
      const v = qr.pixels[i]!;
      rgba.set([v, v, v, 255], i * 4);
    }
    expect(jsQR(rgba, qr.width, qr.height)?.data).toBe(payload);
  });

  it('prints only the pages asked for', async () => {
    const token = `sesiona-pag-${Date.now().toString(36)}`;
    const c = capture();
    expect(await exitOf(printCommand([signedPath, '--printer', 'PDF', '--pages', '1', '--title', token], c.io))).toEqual({ code: 0, message: '' });
    const printed = await printedFile(token);
    expect(execFileSync('pdfinfo', [printed], { encoding: 'utf8' })).toMatch(/Pages:\s+1\n/);
  });
});

describe('printing refuses what cannot be printed, clearly', () => {
  it('names a printer that does not exist', async () => {
    const r = await exitOf(printCommand([signedPath, '--printer', 'NoExiste'], capture().io));
    expect(r).toEqual({ code: 1, message: 'printer "NoExiste" does not exist (see: sesiona printers)' });
    await expect(new CupsPrinters().print(signedPath, { printer: 'NoExiste', copies: 1, duplex: 'una-cara', title: 't' })).rejects.toThrow(
      'La impresora «NoExiste» no existe en este equipo.',
    );
  });

  it('says when CUPS is not running', async () => {
    const down = new CupsPrinters({ server: '127.0.0.1:9' });
    const r = await exitOf(printCommand([signedPath, '--printer', 'PDF'], capture().io, down));
    expect(r).toEqual({ code: 1, message: 'the CUPS scheduler is not running' });
    await expect(down.list()).rejects.toThrow(/CUPS\) no está en ejecución/);
  });

  it('says when CUPS is not installed', async () => {
    const none = new CupsPrinters({ binDir: join(dir.path, 'no-cups') });
    const e = await none.list().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(PrintError);
    expect((e as PrintError).spanish).toBe('CUPS no está instalado en este equipo; no se puede imprimir.');
  });

  it('refuses a file that is not a PDF, bad copies and bad page ranges before reaching the printer', async () => {
    const text = join(dir.path, 'nota.txt');
    await writeFile(text, 'no soy un PDF');
    expect(await exitOf(printCommand([text, '--printer', 'PDF'], capture().io))).toEqual({ code: 2, message: `${text} is not a PDF file` });
    expect((await exitOf(printCommand([signedPath, '--copies', '0'], capture().io))).message).toBe('copies must be a whole number from 1 to 99');
    expect((await exitOf(printCommand([signedPath, '--copies', 'dos'], capture().io))).code).toBe(2);
    expect((await exitOf(printCommand([signedPath, '--pages', '3-1'], capture().io))).message).toMatch(/invalid page range/);
    expect((await exitOf(printCommand([signedPath, '--pages', '1;rm -rf /'], capture().io))).code).toBe(2);
    expect((await exitOf(printCommand([signedPath, '--printer', 'a b'], capture().io))).message).toBe('invalid printer name "a b"');
    expect((await exitOf(printCommand([join(dir.path, 'missing.pdf')], capture().io))).code).toBe(2);
  });
});

describe('printing a signed acta from the app, through CUPS', () => {
  it('prints two copies of the stored acta with text, ink in every signer box and a QR that decodes, and audits the job', async () => {
    const data = join(dir.path, 'datos-app');
    const f = await signedActaFolder(data, 'personal@oficina');
    try {
      const doc = f.store.get('documents', f.acta.id)!;
      const original = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', ['-'], { input: await f.store.blobs.get(doc.pdf), encoding: 'utf8' }))?.[1]);
      const since = Date.now() - 1000;
      const job = await f.ok<{ printer: string; copies: number; jobId: string }>('printing.print', { id: doc.id, printer: 'PDF', copies: 2 });
      expect(job).toMatchObject({ printer: 'PDF', copies: 2 });
      const printed = await printedSince(since);
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [printed], { encoding: 'utf8' }))?.[1]);
      // CUPS-PDF writes one file per job whatever the copies (the copy count goes to the device), so the pages are the original's.
      expect(pages).toBe(original);
      // What came out of the printer reads as the stored acta does, word for word.
      const stored = join(dir.path, 'acta-guardada.pdf');
      await writeFile(stored, Buffer.from((await f.ok<{ base64: string }>('documents.pdf', { id: doc.id })).base64, 'base64'));
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', printed, '-'], { encoding: 'utf8' });
      expect(text).toContain('HOJA DE FIRMAS');
      expect(text).toContain(f.store.get('sessions', doc.sessionId!)!.key);
      for (const s of doc.signers) expect(text).toContain(s.name);
      expect(words(text)).toEqual(words(execFileSync('pdftotext', ['-enc', 'UTF-8', stored, '-'], { encoding: 'utf8' })));
      for (const s of doc.signers) {
        const img = grayPage(printed, s.page + 1, 150);
        const k = 150 / 72;
        const [x1, y1, x2, y2] = s.rect;
        let ink = 0;
        for (let y = Math.round(img.height - y2 * k) + 2; y < Math.round(img.height - y1 * k) - 2; y++)
          for (let x = Math.round(x1 * k) + 2; x < Math.round(x2 * k) - 2; x++) if (img.pixels[y * img.width + x]! < 128) ink++;
        expect(ink, s.name).toBeGreaterThan(200);
      }
      const qr = grayPage(printed, original, 150);
      const rgba = new Uint8ClampedArray(qr.width * qr.height * 4);
      for (let i = 0; i < qr.width * qr.height; i++) rgba.set([qr.pixels[i]!, qr.pixels[i]!, qr.pixels[i]!, 255], i * 4);
      expect(jsQR(rgba, qr.width, qr.height)?.data).toBe(doc.sealPayload);
      const events = await f.ok<{ kind: string; label: string }[]>('audit.timeline', { documentId: doc.id });
      expect(events.at(-1)).toEqual(expect.objectContaining({ kind: 'impreso', label: 'Impreso por personal@oficina en PDF (2 copias)' }));
    } finally {
      await f.store.close();
    }
  }, 120_000);

  it('refuses a printer that does not exist, and CUPS not running, without recording a print', async () => {
    const data = join(dir.path, 'datos-app-2');
    const f = await signedActaFolder(data);
    try {
      const missing = await dispatch(f.handlers, 'printing.print', { id: f.acta.id, printer: 'NoExiste', copies: 1 });
      expect(missing).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'La impresora «NoExiste» no existe en este equipo.' } });
      usePrinters({ store: f.store } as Parameters<typeof usePrinters>[0], new CupsPrinters({ server: '127.0.0.1:9' }));
      const down = await dispatch(f.handlers, 'printing.print', { id: f.acta.id, printer: 'PDF', copies: 1 });
      expect(!down.ok && down.error).toEqual({ code: 'UNAVAILABLE', message: 'El servicio de impresión (CUPS) no está en ejecución. Pida a soporte técnico que lo inicie.' });
      expect(f.store.all('printJobs')).toEqual([]);
    } finally {
      await f.store.close();
    }
  }, 120_000);
});

/** The newest complete PDF the virtual printer wrote after `since`. */
async function printedSince(since: number, timeoutMs = 30_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  let last = '';
  let lastSize = -1;
  while (Date.now() < until) {
    const found: { path: string; mtime: number; size: number }[] = [];
    for (const n of await readdir(PRINTED).catch(() => [] as string[])) {
      if (!n.endsWith('.pdf')) continue;
      const s = await stat(join(PRINTED, n));
      if (s.mtimeMs >= since) found.push({ path: join(PRINTED, n), mtime: s.mtimeMs, size: s.size });
    }
    const top = found.sort((a, b) => b.mtime - a.mtime)[0];
    if (top) {
      if (top.path === last && top.size === lastSize && top.size > 0 && spawnSync('pdfinfo', [top.path]).status === 0) return top.path;
      last = top.path;
      lastSize = top.size;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the virtual printer wrote nothing in ${PRINTED}`);
}
