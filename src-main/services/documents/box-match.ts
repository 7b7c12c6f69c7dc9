import type { BoxCheck } from '../../../src-shared/contract/calls.js';
import { bindCertificate } from '../../../src-shared/identity/binding.js';
import { certificateInfo } from '../certificates/info.js';

/** What a box expects: the person printed under it, with the ids on record when known. */
export interface ExpectedBox {
  fieldName: string;
  personName: string;
  rfc: string | null;
  curp: string | null;
}

interface SignedField {
  fieldName: string;
  signerName: string | null;
  signerCertificate: { der: string } | null;
}

/** The signature field Sesiona writes for a box: "Firma " and the printed name, PDF-safe. */
export function boxFieldName(printedName: string): string {
  return `Firma ${printedName}`.replace(/[^\p{L}\p{N} _-]/gu, '');
}

const TITLES = new Set(['LIC', 'LICDA', 'LICENCIADA', 'LICENCIADO', 'MTRA', 'MTRO', 'MAESTRA', 'MAESTRO', 'DR', 'DRA', 'DOCTORA', 'DOCTOR', 'ING', 'C', 'PROF', 'PROFA', 'ARQ', 'CP']);

/** Name as a certificate and a page may both spell it: no accents, no titles, one space. */
export function comparableName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9 ]/g, ' ')
    .split(/\s+/)
    .filter((w) => w && !TITLES.has(w))
    .join(' ');
}

function holder(der: string | undefined) {
  if (!der) return null;
  try {
    return certificateInfo(Buffer.from(der, 'base64'));
  } catch {
    return null;
  }
}

/**
 * For every box, whether its signature comes from the person printed under it. With the
 * person's RFC/CURP on record (the app) the ids decide; for a bare file (`sesiona verify`) the
 * certificate holder's name must be the printed name. A mismatch is a problem, never "válida".
 */
export function matchBoxes(signatures: SignedField[], expected?: ExpectedBox[]): BoxCheck[] {
  const boxes: ExpectedBox[] =
    expected ??
    signatures
      .filter((s) => s.fieldName.startsWith('Firma '))
      .map((s) => ({ fieldName: s.fieldName, personName: s.fieldName.slice('Firma '.length), rfc: null, curp: null }));
  return boxes.map((box) => {
    const sig = signatures.find((s) => s.fieldName === box.fieldName);
    if (!sig) return { fieldName: box.fieldName, personName: box.personName, signerName: null, matches: null, by: null, problem: null };
    const cert = holder(sig.signerCertificate?.der);
    const signerName = cert?.subjectName ?? sig.signerName;
    const base = { fieldName: box.fieldName, personName: box.personName, signerName };
    if (!cert) return { ...base, matches: false, by: null, problem: `No se pudo leer el certificado de la firma del recuadro de ${box.personName}.` };
    if (box.rfc || box.curp) {
      const b = bindCertificate({ name: box.personName, rfc: box.rfc, curp: box.curp }, cert);
      return b.ok
        ? { ...base, matches: true, by: b.by, problem: null }
        : { ...base, matches: false, by: null, problem: `El recuadro de ${box.personName} lo firmó otra persona: ${b.message}` };
    }
    const same = comparableName(cert.subjectName) === comparableName(box.personName);
    return same
      ? { ...base, matches: true, by: 'nombre' as const, problem: null }
      : {
          ...base,
          matches: false,
          by: 'nombre' as const,
          problem: `El recuadro de ${box.personName} lo firmó ${cert.subjectName}${cert.rfc ? ` (RFC ${cert.rfc})` : ''}: no es la persona impresa bajo el recuadro.`,
        };
  });
}
