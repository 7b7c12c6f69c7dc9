import { verify, X509Certificate } from 'node:crypto';
import { GENESIS_HASH } from './audit-log.js';
import { headPayload } from './checkpoint.js';

/**
 * A chain head (journal entry `seq` and its hash) signed with the office seal key. Everything
 * up to `seq` is then fixed: rewriting it changes the hash, and only the seal key can sign a
 * new one. The newest anchor is carried in every checkpoint manifest, also in those written
 * while the vault is locked; the entry that creates the seal carries the first one inside the
 * chain itself, so no crash can leave a sealed folder without an anchor.
 */
export interface HeadAnchor {
  seq: number;
  hash: string;
  /** sha256 of the seal certificate in blobs/. */
  certificate: string;
  /** base64 RSA-SHA256 signature over headPayload(seq, hash). */
  signature: string;
}

/** Signs each checkpoint's chain head; `certificate` is the sha256 of its certificate in blobs/. */
export interface HeadSigner {
  certificate: string;
  sign(data: Buffer): Buffer;
}

export function signHead(signer: HeadSigner, seq: number, hash: string): HeadAnchor {
  return { seq, hash, certificate: signer.certificate, signature: signer.sign(headPayload(seq, hash)).toString('base64') };
}

export function newer(a: HeadAnchor | undefined, b: HeadAnchor | undefined): HeadAnchor | undefined {
  if (!a) return b;
  if (!b) return a;
  return b.seq >= a.seq ? b : a;
}

export interface AnchorFacts {
  anchor: HeadAnchor | undefined;
  /** sha256 of the office seal certificate the stored settings name, if the office has a seal. */
  sealCertificate: string | undefined;
  lastSeq: number;
  /** Hash of journal entry `seq` as the journal has it now (undefined when it cannot be read). */
  hashAt(seq: number): Promise<string | undefined>;
  certificate(sha: string): Promise<Buffer>;
}

const RESTORE = 'No se borró nada. Restaure las carpetas data/ y audit/ desde un respaldo.';

/**
 * What is wrong with the folder's signed head, in Spanish, naming the file; undefined when
 * nothing is. A folder whose office has a seal must have an anchor: the seal's creation wrote
 * one, so none at all means the signature was deleted.
 */
export async function anchorProblem(f: AnchorFacts): Promise<string | undefined> {
  const a = f.anchor;
  if (!a) {
    if (!f.sealCertificate) return undefined;
    return (
      'Falta la firma del sello sobre la cabeza de la bitácora en data/checkpoint.json: esta oficina tiene sello, ' +
      `y desde que se creó cada punto de control lleva esa firma. La firma fue borrada o el punto de control reemplazado. ${RESTORE}`
    );
  }
  if (!f.sealCertificate) {
    return (
      'data/checkpoint.json lleva la firma de un sello, pero los datos ya no registran el sello de la oficina: ' +
      `fueron alterados. ${RESTORE}`
    );
  }
  if (a.certificate !== f.sealCertificate) {
    return `La cabeza de la bitácora en data/checkpoint.json está firmada con un certificado que no es el sello de la oficina. ${RESTORE}`;
  }
  let valid = false;
  try {
    const cert = new X509Certificate(await f.certificate(a.certificate));
    valid = verify('sha256', headPayload(a.seq, a.hash), cert.publicKey, Buffer.from(a.signature, 'base64'));
  } catch {
    // an unreadable certificate or signature is reported like a wrong one
  }
  if (!valid) {
    return `La firma del sello sobre la cabeza de la bitácora (data/checkpoint.json) no es válida: la bitácora o el punto de control fueron alterados. ${RESTORE}`;
  }
  if (a.seq > f.lastSeq) {
    return (
      `La bitácora termina en la entrada ${f.lastSeq}, antes de la entrada ${a.seq} que firmó el sello (data/checkpoint.json): ` +
      `le quitaron entradas. ${RESTORE}`
    );
  }
  const hash = a.seq === 0 ? GENESIS_HASH : await f.hashAt(a.seq);
  if (hash !== a.hash) {
    return (
      `La entrada ${a.seq} de la bitácora no es la que firmó el sello (data/checkpoint.json): la cadena fue reescrita. ${RESTORE}`
    );
  }
  return undefined;
}

/** The same refusals in English, for `sesiona audit verify` (the CLI speaks English); undefined for any other message. */
export function anchorProblemInEnglish(message: string): string | undefined {
  const file = 'data/checkpoint.json';
  const cases: [RegExp, (m: RegExpExecArray) => string][] = [
    [/^Falta la firma del sello/, () => `chain head signature missing from ${file}: this office has a seal, so every checkpoint since its creation carries one; it was deleted or the checkpoint replaced`],
    [/^data\/checkpoint\.json lleva la firma de un sello/, () => `${file} carries a seal signature but the stored settings no longer name the office seal: the data was altered`],
    [/firmada con un certificado que no es el sello/, () => `the chain head in ${file} is signed with a certificate that is not the office seal`],
    [/no es válida: la bitácora o el punto de control/, () => `the seal signature over the chain head in ${file} is invalid: the audit log or the checkpoint was altered`],
    [/^La bitácora termina en la entrada (\d+), antes de la entrada (\d+)/, (m) => `the audit log ends at entry ${m[1]}, before entry ${m[2]} signed in ${file}: entries were removed`],
    [/^La entrada (\d+) de la bitácora no es la que firmó el sello/, (m) => `audit log entry ${m[1]} is not the one the seal signed in ${file}: the chain was rewritten`],
  ];
  for (const [re, english] of cases) {
    const m = re.exec(message);
    if (m) return `${english(m)}; the data folder cannot be opened and nothing was deleted (restore data/ and audit/ from a backup)`;
  }
  return undefined;
}
