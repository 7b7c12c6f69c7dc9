import { useClient } from '../../app/client-context.js';
import { Field, FormActions, FormError, useForm } from '../../kit/index.js';
import { ACUSE_FIELDS, AcuseFields } from './AcuseFields.js';
import type { Signed } from './SignedDocument.js';

/** Signs an acknowledgement with an enrolled signature; the holder's PIN unlocks it. */
export function UseSignature({
  target,
  onClose,
  onUsed,
}: {
  target: { id: string; personName: string };
  onClose: () => void;
  onUsed: (u: Signed) => void;
}) {
  const call = useClient();
  const form = useForm({ folio: '', name: '', role: '', pin: '' });
  const sign = form.submit(async () => {
    const { folio, name, role, pin } = form.values;
    const args = form.check('documents.acknowledge', { signatureId: target.id, pin, folio, name, signerRole: role }, ACUSE_FIELDS);
    if (!args) return;
    const r = await call('documents.acknowledge', args);
    onUsed({ ...r, personName: target.personName, role: args.signerRole });
  });
  return (
    <form className="card" onSubmit={sign}>
      <h2>Firmar un acuse de recibo con la firma de {target.personName}</h2>
      <p className="muted">El uso queda registrado en la bitácora. Se requiere el PIN de la persona titular.</p>
      <div className="form-row">
        <AcuseFields form={form} />
        <Field label="PIN" type="password" inputMode="numeric" autoComplete="off" {...form.field('pin')} />
      </div>
      <FormError error={form.error} />
      <FormActions submit="Confirmar" busy={form.busy} busyLabel="Firmando…" onCancel={onClose} />
    </form>
  );
}
