import { useState } from 'react';
import { fileBase64 } from '../../api/files.js';

export type CredentialFilesValue = { kind: 'sat'; cer: string; key: string } | { kind: 'p12'; p12: string };

/**
 * The file inputs for an e.firma (.cer + .key) or a PKCS#12, shared by certificate import and
 * signing. `kind` may also be something else (a stored certificate's id): then no inputs show.
 */
export function useCredentialFiles(kind: string) {
  const [cer, setCer] = useState<File | null>(null);
  const [key, setKey] = useState<File | null>(null);
  const [p12, setP12] = useState<File | null>(null);
  const inputs =
    kind === 'sat' ? (
      <>
        <label className="field">
          <span>Certificado (.cer)</span>
          <input type="file" accept=".cer,.crt,.der" onChange={(e) => setCer(e.target.files?.[0] ?? null)} />
        </label>
        <label className="field">
          <span>Clave privada (.key)</span>
          <input type="file" accept=".key" onChange={(e) => setKey(e.target.files?.[0] ?? null)} />
        </label>
      </>
    ) : kind === 'p12' ? (
      <label className="field">
        <span>Archivo .p12 / .pfx</span>
        <input type="file" accept=".p12,.pfx" onChange={(e) => setP12(e.target.files?.[0] ?? null)} />
      </label>
    ) : null;
  /** The chosen files, read; throws an Error with a Spanish message when some are missing. */
  const read = async (): Promise<CredentialFilesValue> => {
    if (kind === 'sat') {
      if (!cer || !key) throw new Error('Elija su certificado (.cer) y su clave privada (.key).');
      return { kind: 'sat', cer: await fileBase64(cer), key: await fileBase64(key) };
    }
    if (!p12) throw new Error('Elija su archivo .p12 o .pfx.');
    return { kind: 'p12', p12: await fileBase64(p12) };
  };
  return { inputs, read };
}

export const CREDENTIAL_KINDS = (
  <>
    <option value="sat">e.firma del SAT (.cer y .key)</option>
    <option value="p12">PKCS#12 (.p12 o .pfx)</option>
  </>
);
