/**
 * Whether a certificate belongs to the person printed under a signature box. The RFC decides;
 * the CURP is used only when the certificate carries no RFC (PKCS#12 files from other issuers).
 */
export interface PersonIds {
  name: string;
  rfc?: string | null;
  curp?: string | null;
}

export interface CertificateIds {
  subjectName: string;
  rfc: string | null;
  curp: string | null;
}

export type Binding =
  | { ok: true; by: 'rfc' | 'curp' }
  | { ok: false; reason: 'person-without-ids' | 'certificate-without-ids' | 'other-person'; message: string };

const same = (a: string | null | undefined, b: string | null | undefined): boolean =>
  Boolean(a && b && a.trim().toUpperCase() === b.trim().toUpperCase());

export function bindCertificate(person: PersonIds, cert: CertificateIds): Binding {
  if (!person.rfc && !person.curp) {
    return {
      ok: false,
      reason: 'person-without-ids',
      message: `${person.name} no tiene RFC registrado. Una persona administradora o la Secretaría Técnica debe registrarlo antes de firmar con certificado.`,
    };
  }
  if (!cert.rfc && !cert.curp) {
    return { ok: false, reason: 'certificate-without-ids', message: `El certificado de ${cert.subjectName} no trae RFC ni CURP; no se puede saber a quién pertenece.` };
  }
  if (cert.rfc && person.rfc) {
    return same(cert.rfc, person.rfc)
      ? { ok: true, by: 'rfc' }
      : {
          ok: false,
          reason: 'other-person',
          message: `El certificado es de ${cert.subjectName} (RFC ${cert.rfc}), no de ${person.name} (RFC ${person.rfc}). Cada quien firma solo en su propio recuadro.`,
        };
  }
  if (same(cert.curp, person.curp)) return { ok: true, by: 'curp' };
  return {
    ok: false,
    reason: 'other-person',
    message: `El certificado es de ${cert.subjectName}, no de ${person.name}. Cada quien firma solo en su propio recuadro.`,
  };
}
