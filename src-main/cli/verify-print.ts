/**
 * `sesiona verify-print --qr PAYLOAD --pdf FILE [--json] [--trust ROOT.cer ...]`: does a printed
 * copy, through the QR code on its "CADENA ORIGINAL Y SELLO" page, match the signed PDF?
 * Exit codes: 0 the copy matches, 1 it does not, 2 bad usage or unreadable input.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { AppError } from '../../src-shared/contract/errors.js';
import { verifyPrint, type PrintCheckFailure } from '../services/printcheck/verify-print.js';

export interface VerifyPrintIo {
  out(text: string): void;
  err(text: string): void;
}

export const VERIFY_PRINT_USAGE = 'usage: sesiona verify-print --qr PAYLOAD --pdf FILE [--json] [--trust ROOT.cer ...]';

const ENGLISH: Record<PrintCheckFailure, string> = {
  'qr-mismatch': 'the QR code does not belong to this document',
  'modified-after-seal': 'the document was modified after it was sealed',
  'no-seal': 'the file holds no Sesiona cadena original and sello',
  'seal-misplaced': 'the seal was not added right after the locked version of the document',
  'cadena-mismatch': "the file's cadena original does not match the QR code",
  'sello-invalid': 'the sello does not verify against the cadena original',
  'seal-untrusted': 'the seal certificate does not chain to a trusted root',
  'changed-after-seal': 'the document has changes after the seal that are not signatures',
  unsigned: 'the document has no electronic signatures',
  'signature-invalid': 'a signature is not valid',
  'modified-after-signing': 'the document was modified after it was signed',
  'signature-untrusted': 'a signature does not chain to a trusted root',
};

async function readInput(path: string, what: string, io: VerifyPrintIo): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (e) {
    io.err(`cannot read ${what} ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return null;
  }
}

export async function verifyPrintCommand(argv: string[], io: VerifyPrintIo): Promise<number> {
  let values: { qr?: string; pdf?: string; json?: boolean; trust?: string[] };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { qr: { type: 'string' }, pdf: { type: 'string' }, json: { type: 'boolean' }, trust: { type: 'string', multiple: true } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    io.err(`${(e as Error).message}\n${VERIFY_PRINT_USAGE}`);
    return 2;
  }
  if (!values.qr || !values.pdf) {
    io.err(`missing ${!values.qr ? '--qr' : '--pdf'}\n${VERIFY_PRINT_USAGE}`);
    return 2;
  }
  const pdf = await readInput(values.pdf, '--pdf', io);
  if (!pdf) return 2;
  const roots: Buffer[] = [];
  for (const path of values.trust ?? []) {
    const der = await readInput(path, '--trust', io);
    if (!der) return 2;
    roots.push(der);
  }

  let result;
  try {
    result = verifyPrint(values.qr, pdf, values.trust ? roots : undefined);
  } catch (e) {
    if (e instanceof AppError) {
      io.err(`cannot check the printed copy: ${e.message}`);
      return 2;
    }
    throw e;
  }

  if (values.json) {
    io.out(JSON.stringify(result, null, 2));
  } else if (result.matches) {
    io.out(`MATCH: the printed copy matches the signed document ${result.documentId} (${result.signatures} valid signature(s), valid sello).`);
  } else {
    io.out(`NO MATCH: the printed copy does not match ${values.pdf} (document ${result.documentId}):`);
    for (const f of result.failures) io.out(`  - ${ENGLISH[f]}`);
  }
  return result.matches ? 0 : 1;
}
