import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { VectorStrokes } from '../../src-shared/domain/index.js';
import { decodeBase30 } from '../../src-shared/signature/base30.js';
import { readPkcs12File } from '../services/certificates/pkcs12.js';
import { readSatFiles } from '../services/certificates/sat.js';
import { createSigner, type Signer } from '../services/certificates/signer.js';
import { assertUsableForSigning } from '../services/certificates/stored.js';
import { signatureAppearance } from '../services/documents/appearance.js';
import { verificationReport } from '../services/documents/report.js';
import type { BoxCheck } from '../../src-shared/contract/calls.js';
import { signBatch, verifyPdf, type SignOptions } from '../services/pdfsign/index.js';


export class UsageError extends Error {}

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  progress?: (text: string) => void;
}

type Spec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;

function flags<T extends Spec>(argv: string[], spec: T, positionals = false) {
  try {
    return parseArgs({ args: argv, options: spec, strict: true, allowPositionals: positionals });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

async function secret(path: string | undefined): Promise<string> {
  if (!path) throw new UsageError('missing --password-file');
  try {
    return (await readFile(path, 'utf8')).replace(/\r?\n$/, '');
  } catch {
    throw new UsageError(`cannot read --password-file ${path}`);
  }
}

const CREDENTIAL_FLAGS = {
  cer: { type: 'string' },
  key: { type: 'string' },
  p12: { type: 'string' },
  'password-file': { type: 'string' },
  reason: { type: 'string' },
  location: { type: 'string' },
  strokes: { type: 'string' },
} as const;

async function signerFrom(v: { cer?: string; key?: string; p12?: string; 'password-file'?: string }): Promise<Signer> {
  const password = await secret(v['password-file']);
  if (v.p12 && (v.cer || v.key)) throw new UsageError('give either --cer and --key, or --p12, not both');
  if (!v.p12 && (!v.cer || !v.key)) throw new UsageError('give --cer and --key (SAT e.firma) or --p12');
  const credentials = v.p12 ? await readPkcs12File(v.p12, password) : await readSatFiles(v.cer!, v.key!, password);
  assertUsableForSigning(credentials.info);
  return createSigner(credentials);
}

/** --strokes: a JSON strokes array [{"x":[…],"y":[…]}] or a jSignature base30 string. */
async function strokesFrom(path: string | undefined): Promise<VectorStrokes | undefined> {
  if (!path) return undefined;
  const text = (await readFile(path, 'utf8')).trim();
  try {
    return text.startsWith('[') ? (JSON.parse(text) as VectorStrokes) : decodeBase30(text);
  } catch (e) {
    throw new UsageError(`--strokes ${path} is neither a JSON strokes array nor base30: ${(e as Error).message}`);
  }
}

/** Visible box at the foot of the last page when strokes are given; otherwise an invisible signature. */
async function options(v: { reason?: string; location?: string; strokes?: string }, signer: Signer, lastPage: number): Promise<SignOptions> {
  const strokes = await strokesFrom(v.strokes);
  const signingTime = new Date();
  const base: SignOptions = {
    signingTime,
    name: signer.info.subjectName,
    ...(v.reason ? { reason: v.reason } : {}),
    ...(v.location ? { location: v.location } : {}),
  };
  if (!strokes) return base;
  const rect: [number, number, number, number] = [72, 60, 292, 160];
  return {
    ...base,
    visible: { page: lastPage, rect },
    appearance: signatureAppearance(rect[2] - rect[0], rect[3] - rect[1], {
      strokes,
      signedAt: signingTime,
      certificateNumber: signer.info.certificateNumber,
      rfc: signer.info.rfc,
      holder: signer.info.subjectName,
    }),
  };
}

async function pageCount(pdf: Buffer): Promise<number> {
  const { PDFDocument } = await import('pdf-lib');
  return (await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: true })).getPageCount();
}

export async function sign(argv: string[], io: Io): Promise<void> {
  const { values: v } = flags(argv, { in: { type: 'string' }, out: { type: 'string' }, ...CREDENTIAL_FLAGS });
  if (!v.in || !v.out) throw new UsageError('missing --in or --out');
  const signer = await signerFrom(v);
  const input = await readFile(v.in).catch(() => {
    throw new UsageError(`cannot read --in ${v.in}`);
  });
  const opts = await options(v, signer, v.strokes ? (await pageCount(input).catch(() => 1)) - 1 : 0);
  const result = await signBatch([{ in: v.in, out: v.out }], signer, opts, undefined, { durable: true });
  if (result.failed.length) throw new Error(`signing failed, no output written: ${result.failed[0]!.message}`);
  io.err(`signed ${v.out} as ${signer.info.subjectName} (certificate ${signer.info.certificateNumber})`);
}

export async function signBatchCommand(argv: string[], io: Io): Promise<void> {
  const { values: v } = flags(argv, { 'in-dir': { type: 'string' }, 'out-dir': { type: 'string' }, ...CREDENTIAL_FLAGS });
  if (!v['in-dir'] || !v['out-dir']) throw new UsageError('missing --in-dir or --out-dir');
  const signer = await signerFrom(v);
  const names = (await readdir(v['in-dir']).catch(() => {
    throw new UsageError(`cannot read --in-dir ${v['in-dir']}`);
  })).filter((n) => n.toLowerCase().endsWith('.pdf'));
  if (names.length === 0) throw new UsageError(`no .pdf files in ${v['in-dir']}`);
  const files = names.sort().map((n) => ({ in: join(v['in-dir']!, n), out: join(v['out-dir']!, basename(n)) }));
  const opts = await options({ ...v, strokes: undefined }, signer, 0);
  const started = performance.now();
  let last = 0;
  const result = await signBatch(files, signer, opts, (p) => {
    const now = performance.now();
    if (now - last > 200 || p.done === p.total) {
      last = now;
      const rate = p.done / ((now - started) / 1000);
      (io.progress ?? io.err)(`signed ${p.done}/${p.total} (${rate.toFixed(0)}/s)`);
    }
  });
  for (const f of result.failed) io.err(`failed ${f.file.in}: ${f.message}`);
  io.err(`${result.signed} signed, ${result.failed.length} failed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (result.failed.length) throw new Error(`${result.failed.length} file(s) could not be signed`);
}

const VERDICT_TEXT = {
  valid: 'valid',
  untrusted: 'INTACT BUT UNTRUSTED ISSUER',
  modified: 'MODIFIED AFTER SIGNING',
  invalid: 'INVALID',
} as const;

/**
 * `verify FILE.pdf [--json] [--trust ROOT.cer ...] [--allow-untrusted]`: exit 0 only when every
 * signature is valid and trusted (or intact, with --allow-untrusted).
 */
export async function verify(argv: string[], io: Io): Promise<void> {
  const { values: v, positionals } = flags(
    argv,
    { json: { type: 'boolean' }, trust: { type: 'string', multiple: true }, 'allow-untrusted': { type: 'boolean' } },
    true,
  );
  if (positionals.length !== 1) throw new UsageError('verify needs exactly one FILE.pdf');
  const file = positionals[0]!;
  const pdf = await readFile(file).catch(() => {
    throw new UsageError(`cannot read ${file}`);
  });
  const roots = await Promise.all(
    ((v.trust as string[] | undefined) ?? []).map((p) =>
      readFile(p).catch(() => {
        throw new UsageError(`cannot read --trust ${p}`);
      }),
    ),
  );
  const report = verificationReport(verifyPdf(pdf, roots.length ? roots : undefined));
  if (v.json) io.out(JSON.stringify(report, null, 2));
  else if (!report.isSignedPdf) io.out(`${file}: not a signed PDF`);
  else {
    for (const s of report.signatures) {
      io.out(
        [
          `${s.fieldName}: ${VERDICT_TEXT[s.verdict]}`,
          `  signer: ${s.signerName ?? '?'}${s.rfc ? `, RFC ${s.rfc}` : ''}${s.certificateNumber ? `, certificate ${s.certificateNumber}` : ''}`,
          `  signed at: ${s.signingTime ?? 'unknown'}; timestamp: ${s.timestamp ? s.timestamp.time : 'none'}`,
          `  integrity: ${s.integrity ? 'intact' : 'BROKEN'}; chain: ${s.chainTrusted === null ? 'not checked (no --trust)' : s.chainTrusted ? 'trusted' : 'NOT trusted'}; later revisions: ${s.laterRevisions}`,
          ...new Set(s.modifications.map((m) => `  modified: ${m.object ? `object ${m.object}` : 'bytes outside any revision'}${m.page ? `, page ${m.page}` : ''}`)),
          ...s.problems.map((p) => `  problem: ${p}`),
          ...boxLine(report.boxes?.find((b) => b.fieldName === s.fieldName)),
        ].join('\n'),
      );
    }
  }
  if (!report.isSignedPdf) throw new ExitCode(1, v.json ? '' : 'the file is not a signed PDF');
  if (report.allValid) return;
  if (v['allow-untrusted'] && report.allIntact) return;
  if (report.allIntact) throw new ExitCode(1, v.json ? '' : 'at least one signature does not chain to a trusted root (give --trust ROOT.cer, or --allow-untrusted)');
  if (report.boxes?.some((b) => b.matches === false)) throw new ExitCode(1, v.json ? '' : "at least one box is signed by someone other than the person printed under it");
  throw new ExitCode(1, v.json ? '' : 'at least one signature is invalid or the document changed after it');
}

function boxLine(box: BoxCheck | undefined): string[] {
  if (!box || box.matches === null) return [];
  return [box.matches ? `  box: signed by the person printed under it (${box.personName})` : `  box: SIGNER IS NOT THE PERSON PRINTED UNDER IT (${box.personName})`];
}

/** Ends the command with a non-zero code and an optional message (verify's verdicts). */
export class ExitCode extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}
