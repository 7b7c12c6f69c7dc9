import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { signPdf } from '../../src-main/services/pdfsign/incremental.js';
import { verifyPdf } from '../../src-main/services/pdfsign/verify.js';
import { verifyPrint } from '../../src-main/services/printcheck/verify-print.js';
import { AppError } from '../../src-shared/contract/errors.js';
import { testPki } from '../support/pdfsign-certs.js';

/** Deterministic PRNG so a failure can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(pdf: Buffer, rnd: () => number): Buffer {
  const out = Buffer.from(pdf);
  switch (Math.floor(rnd() * 4)) {
    case 0: // flip a few bytes anywhere
      for (let i = 0; i < 1 + rnd() * 8; i++) out[Math.floor(rnd() * out.length)] = Math.floor(rnd() * 256);
      return out;
    case 1: // truncate
      return out.subarray(0, Math.floor(rnd() * out.length));
    case 2: {
      // break a number in the xref or trailer area
      const at = out.lastIndexOf('startxref') + 10 + Math.floor(rnd() * 6);
      if (at < out.length) out[at] = 0x39;
      return out;
    }
    default: // splice in garbage
      return Buffer.concat([out.subarray(0, Math.floor(rnd() * out.length)), Buffer.from('<< /Type /XRef >> ] ) >> endobj'), out.subarray(Math.floor(rnd() * out.length))]);
  }
}

describe('untrusted PDFs', () => {
  it('never crash verification: 400 corrupted signed files give a result or a Spanish AppError', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    doc.addPage([612, 792]).drawText('Acta IEM-CMI-SEORD-03/2023', { x: 72, y: 700, size: 12, font });
    const pki = testPki();
    const signed = signPdf(signPdf(Buffer.from(await doc.save()), pki.signers[0]), pki.signers[1]);
    const rnd = prng(20231124);
    let errors = 0;
    for (let i = 0; i < 400; i++) {
      const bad = mutate(signed, rnd);
      for (const check of [() => verifyPdf(bad), () => verifyPrint(`SESIONA|1|01ARZ3NDEKTSV4RRFFQ69G5FAV|${bad.length}|${'0'.repeat(64)}`, bad)]) {
        try {
          check();
        } catch (e) {
          errors++;
          expect(e, `mutation ${i}: ${String(e)}`).toBeInstanceOf(AppError);
          expect((e as AppError).message).toMatch(/[a-záéíóúñ]/i);
        }
      }
    }
    expect(errors).toBeGreaterThan(0);
  });
});
