import { z } from 'zod';
import { call, CredentialFiles, NoArgs } from './spec.js';

export interface CertificateView {
  id: string;
  kind: 'sat' | 'p12';
  info: {
    subjectName: string;
    rfc: string | null;
    curp: string | null;
    certificateNumber: string;
    issuerName: string;
    notBefore: string;
    notAfter: string;
  };
  keyKept: boolean;
  validity: 'valid' | 'expired' | 'not-yet-valid';
  warning: string | null;
}

/** SAT e.firma and PKCS#12 certificates kept for signing. */
export const certificatesCalls = {
  'certificates.list': call<CertificateView[]>()(NoArgs),
  'certificates.import': call<CertificateView>()(
    z
      .object({
        credentials: CredentialFiles,
        password: z.string().min(1, 'Escriba la contraseña de su clave privada.').max(200),
        keepKey: z.boolean(),
      })
      .strict(),
    true,
  ),
};
