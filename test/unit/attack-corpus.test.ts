/**
 * The attack corpus (test/fixtures/attacks, written by generate.ts with the project's own code):
 * every file gets its expected verdict from `sesiona verify`, `sesiona verify-print` and the
 * data the in-app verification panel shows, and pdfsig agrees on every legitimate file.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VerificationReport } from '../../src-shared/contract/calls.js';
import { AppError } from '../../src-shared/contract/errors.js';
import { main } from '../../src-main/cli.js';
import { verificationReport } from '../../src-main/services/documents/report.js';
import { verifyPdf } from '../../src-main/services/pdfsign/index.js';
import { generate, PANEL_REPORTS, panelReports, type CorpusEntry, type Verdict } from '../fixtures/attacks/generate.js';
import { pdfsigVerdicts, tool } from '../support/pdfsign-tools.js';
import { tempDir } from '../support/temp.js';

const CORPUS = resolve(import.meta.dirname, '../fixtures/attacks');
const entries = JSON.parse(readFileSync(join(CORPUS, 'expected.json'), 'utf8')) as CorpusEntry[];
const roots = (JSON.parse(readFileSync(join(CORPUS, 'trust-roots.json'), 'utf8')) as string[]).map((b) => Buffer.from(b, 'base64'));

let dir: Awaited<ReturnType<typeof tempDir>>;
let trustFlags: string[];

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), stdin: async () => '' } };
}

/** The verdict the panel's heading and rows amount to. */
function panelVerdict(report: VerificationReport): Verdict {
  if (report.allValid) return 'valid';
  const verdicts = report.signatures.map((s) => s.verdict);
  if (verdicts.includes('invalid')) return 'invalid';
  if (verdicts.includes('modified')) return 'modified';
  return report.allIntact ? 'untrusted' : 'invalid';
}

function panel(pdf: Buffer): { verdict: Verdict; report: VerificationReport | null; error: string | null } {
  try {
    const report = verificationReport(verifyPdf(pdf, roots));
    return { verdict: panelVerdict(report), report, error: null };
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return { verdict: 'error', report: null, error: e.message };
  }
}

beforeAll(async () => {
  dir = await tempDir('sesiona-corpus-test-');
  trustFlags = [];
  for (const [i, der] of roots.entries()) {
    const path = join(dir.path, `root-${i}.cer`);
    await writeFile(path, der);
    trustFlags.push('--trust', path);
  }
});

afterAll(async () => {
  await dir.cleanup();
});

describe('attack corpus', () => {
  it('covers every class the issue names', () => {
    const files = entries.map((e) => e.file);
    for (const name of [
      'shadow-unsigned-signature-fields',
      'byterange-short-10-bytes',
      'byterange-short-tail-edited',
      'byterange-ends-before-xref',
      'untrusted-same-name-and-rfc',
      'legit-resave-reordered',
      'decompression-bomb',
      'shadow-hidden-overlay',
      'replaced-page-content',
      'changed-form-value',
      'changed-annotation',
      'replaced-xref',
      'signature-wrapping',
      'usf-no-signerinfo',
      'usf-malformed-cms',
      'legit-three-signers',
      'legit-document-timestamp',
      'legit-qpdf-resaved-body',
      'timestamp-outside-validity',
      'tsa-without-timestamping-usage',
      'huge-xref-count',
    ]) {
      expect(files).toContain(`${name}.pdf`);
    }
  });

  describe.each(entries.map((e) => [e.file, e] as const))('%s', (file, entry) => {
    const path = join(CORPUS, file);
    const pdf = readFileSync(path);

    it(`the panel's data says ${entry.verdict}`, () => {
      const got = panel(pdf);
      expect(got.verdict).toBe(entry.verdict);
      if (entry.verdict === 'error') expect(got.error).toMatch(/^El PDF (excede los límites de lectura|está dañado)/);
      if (entry.verdict === 'modified') {
        const modified = got.report!.signatures.filter((s) => s.verdict === 'modified');
        expect(modified.length).toBeGreaterThan(0);
        for (const s of modified) expect(s.problems.some((p) => p.startsWith('Modificado después de firmar: '))).toBe(true);
      }
    });

    it('sesiona verify agrees (exit code and --json)', async () => {
      const run = capture();
      const code = await main(['verify', path, '--json', ...trustFlags], run.io);
      expect(code).toBe(entry.verdict === 'valid' ? 0 : 1);
      if (entry.verdict === 'error') {
        expect(run.err.join('\n')).toMatch(/invalid input: El PDF/);
        return;
      }
      const report = JSON.parse(run.out.join('')) as VerificationReport;
      expect(panelVerdict(report)).toBe(entry.verdict);
      const allowed = await main(['verify', path, '--allow-untrusted', ...trustFlags], capture().io);
      expect(allowed).toBe(entry.verdict === 'valid' || entry.verdict === 'untrusted' ? 0 : 1);
    });

    it('sesiona verify-print agrees', async () => {
      const run = capture();
      const code = await main(['verify-print', '--qr', entry.payload, '--pdf', path, ...trustFlags], run.io);
      expect(code).toBe(entry.verdict === 'valid' ? 0 : entry.verdict === 'error' ? 2 : 1);
      if (entry.verdict === 'untrusted') expect(run.out.join('\n')).toMatch(/a signature does not chain to a trusted root/);
      if (entry.verdict === 'modified') expect(run.out.join('\n')).toMatch(/modified after it was signed|changes after the seal/);
    });

    if (entry.kind === 'legitimate' || entry.verdict === 'untrusted') {
      it('pdfsig agrees: every signature it checks is valid, and it finds as many', () => {
        const report = verifyPdf(pdf, roots);
        const verdicts = pdfsigVerdicts(path);
        const timestamps = report.documentTimestamps?.length ?? 0;
        expect(verdicts).toHaveLength(report.signatures.length + timestamps);
        // pdfsig 22.12 does not verify document timestamps ("not yet been verified").
        expect(verdicts.filter((v) => v === 'Signature is Valid.')).toHaveLength(report.signatures.length);
        expect(tool('/usr/bin/qpdf', ['--check', path]).status).toBe(0);
      });
    }
  });

  it('names the object and the page of what a shadow attack added', () => {
    const report = panel(readFileSync(join(CORPUS, 'shadow-unsigned-signature-fields.pdf'))).report!;
    const first = report.signatures[0]!;
    expect(first.verdict).toBe('modified');
    expect(first.modifications).toContainEqual(expect.objectContaining({ page: 1, description: expect.stringMatching(/campo de firma sin firmar con apariencia visible/) }));
    expect(first.problems.join('\n')).toMatch(/objeto \d+, página 1: anotaciones de la página: agrega un campo de firma sin firmar/);
  });

  it('the untrusted signer is intact and reported apart from the trusted one', () => {
    const report = panel(readFileSync(join(CORPUS, 'untrusted-same-name-and-rfc.pdf'))).report!;
    expect(report).toMatchObject({ allValid: false, allIntact: true });
    const [trusted, stranger] = report.signatures;
    expect(trusted).toMatchObject({ verdict: 'valid', chainTrusted: true });
    expect(stranger).toMatchObject({ verdict: 'untrusted', integrity: true, chainTrusted: false, rfc: trusted!.rfc, signerName: trusted!.signerName });
  });

  it("the panel data the renderer's test draws is what verification gives today", async () => {
    expect(JSON.parse(readFileSync(join(CORPUS, PANEL_REPORTS), 'utf8'))).toEqual(await panelReports(CORPUS, roots));
  });

  it('the generator, run again, gives the same verdicts (the corpus is the code, not hand-made bytes)', async () => {
    const fresh = await generate(join(dir.path, 'fresh'));
    expect(fresh.map((e) => [e.file, e.verdict])).toEqual(entries.map((e) => [e.file, e.verdict]));
    const freshRoots = (JSON.parse(readFileSync(join(dir.path, 'fresh', 'trust-roots.json'), 'utf8')) as string[]).map((b) => Buffer.from(b, 'base64'));
    for (const e of fresh) {
      let got: Verdict;
      try {
        got = panelVerdict(verificationReport(verifyPdf(readFileSync(join(dir.path, 'fresh', e.file)), freshRoots)));
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        got = 'error';
      }
      expect([e.file, got]).toEqual([e.file, e.verdict]);
    }
  }, 120_000);
});
