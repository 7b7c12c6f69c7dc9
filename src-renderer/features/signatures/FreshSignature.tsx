import { useState } from 'react';
import type { SignatureCapture } from '../../../src-shared/domain/index.js';
import { useClient } from '../../app/client-context.js';
import { Field, FormActions, FormError, useForm } from '../../kit/index.js';
import { ACUSE_FIELDS, AcuseFields } from './AcuseFields.js';
import { SignatureCapturePad } from './SignatureCapturePad.js';
import { SignedDocument, type Signed } from './SignedDocument.js';

const EMPTY_SIGNATURE = 'La firma está vacía: trace su firma antes de firmar.';

/** Signs one acknowledgement with a capture made for it alone; nothing is enrolled. */
export function FreshSignature({ onCancel }: { onCancel: () => void }) {
  const call = useClient();
  const form = useForm({ signerName: '', folio: '', name: '', role: '' });
  const [capture, setCapture] = useState<SignatureCapture | null>(null);
  const [signed, setSigned] = useState<Signed | null>(null);
  const sign = form.submit(async () => {
    const { signerName, folio, name, role } = form.values;
    const args = form.check(
      'documents.acknowledgeFresh',
      { signerName, signerRole: role, folio, name, capture: capture ?? undefined },
      { ...ACUSE_FIELDS, messages: { capture: EMPTY_SIGNATURE } },
    );
    if (!args) return;
    const r = await call('documents.acknowledgeFresh', args);
    setSigned({ ...r, personName: args.signerName, role: args.signerRole });
  });
  if (signed) return <SignedDocument signed={signed} />;
  return (
    <form className="card" onSubmit={sign}>
      <h2>Firmar un acuse con una captura nueva</h2>
      <p className="muted">La firma se dibuja solo para este documento y no se guarda en el almacén.</p>
      <div className="form-row">
        <Field label="Quién firma" {...form.field('signerName')} />
        <AcuseFields form={form} />
      </div>
      <SignatureCapturePad signerName={form.values.signerName} onChange={setCapture} />
      <FormError error={form.error} />
      <FormActions submit="Firmar acuse" busy={form.busy} busyLabel="Firmando…" onCancel={onCancel} />
    </form>
  );
}
