import { useState } from 'react';
import { fileBase64 } from '../../api/files.js';
import { Field, FileField, SelectField, type Choice } from '../../kit/index.js';

export type CredentialFilesValue = { kind: 'sat'; cer: string; key: string } | { kind: 'p12'; p12: string };

type Slot = 'cer' | 'key' | 'p12';

const MISSING: Record<Slot, string> = {
  cer: 'Elija su certificado (.cer).',
  key: 'Elija su clave privada (.key).',
  p12: 'Elija su archivo .p12 o .pfx.',
};

/**
 * The file inputs for an e.firma (.cer + .key) or a PKCS#12, shared by certificate import and
 * signing. `kind` may also be something else (a stored certificate's id): then no inputs show.
 */
export function useCredentialFiles(kind: string) {
  const [files, setFiles] = useState<Partial<Record<Slot, File>>>({});
  const [errors, setErrors] = useState<Partial<Record<Slot, string>>>({});
  const input = (slot: Slot, label: string, accept: string) => (
    <FileField
      key={slot}
      label={label}
      accept={accept}
      error={errors[slot]}
      onFile={(file) => {
        setFiles((f) => ({ ...f, [slot]: file ?? undefined }));
        setErrors((x) => ({ ...x, [slot]: undefined }));
      }}
    />
  );
  const slots: Slot[] = kind === 'sat' ? ['cer', 'key'] : kind === 'p12' ? ['p12'] : [];
  const inputs =
    kind === 'sat'
      ? [input('cer', 'Certificado (.cer)', '.cer,.crt,.der'), input('key', 'Clave privada (.key)', '.key')]
      : kind === 'p12'
        ? input('p12', 'Archivo .p12 / .pfx', '.p12,.pfx')
        : null;
  /** The chosen files, read; null (and a message beside each empty input) when some are missing. */
  const read = async (): Promise<CredentialFilesValue | null> => {
    const missing = slots.filter((s) => !files[s]);
    setErrors(Object.fromEntries(missing.map((s) => [s, MISSING[s]])));
    if (missing.length > 0) return null;
    if (kind === 'sat') return { kind: 'sat', cer: await fileBase64(files.cer!), key: await fileBase64(files.key!) };
    return { kind: 'p12', p12: await fileBase64(files.p12!) };
  };
  return { inputs, read };
}

const CREDENTIAL_KINDS: Choice[] = [
  { value: 'sat', label: 'e.firma del SAT (.cer y .key)' },
  { value: 'p12', label: 'PKCS#12 (.p12 o .pfx)' },
];

interface CredentialInputsProps {
  kindLabel: string;
  kind: string;
  onKind: (kind: string) => void;
  /** More kinds than the two files (certificates kept on this computer). */
  moreKinds?: Choice[];
  files: ReturnType<typeof useCredentialFiles>;
  password: { value: string; onChange: (e: React.ChangeEvent<HTMLInputElement>) => void; error?: string | undefined };
}

/** The kind of credential, its files and the private key's password: the same for import and signing. */
export function CredentialInputs({ kindLabel, kind, onKind, moreKinds, files, password }: CredentialInputsProps) {
  return (
    <>
      <SelectField label={kindLabel} options={[...CREDENTIAL_KINDS, ...(moreKinds ?? [])]} value={kind} onChange={(e) => onKind(e.target.value)} />
      {files.inputs}
      <Field label="Contraseña de la clave privada" type="password" autoComplete="off" {...password} />
    </>
  );
}
