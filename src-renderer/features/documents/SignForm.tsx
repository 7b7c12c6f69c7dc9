import type { DocumentSummary } from '../../../src-shared/contract/index.js';
import { useClient, useLoad } from '../../app/client-context.js';
import { Field, FormActions, FormError, useForm } from '../../kit/index.js';
import { CredentialInputs, useCredentialFiles } from '../certificates/CredentialFiles.js';
import { ActiveSignatureSelect } from '../signatures/ActiveSignatureSelect.js';

type Signer = DocumentSummary['signers'][number];

/** The next signer's turn: an e.firma, PKCS#12 or stored certificate, and optionally their ink. */
export function SignForm({ doc, signer, onDone }: { doc: DocumentSummary; signer: Signer; onDone: (text: string) => void }) {
  const call = useClient();
  const [certs] = useLoad((c) => c('certificates.list', {}), []);
  const form = useForm({ kind: 'sat', password: '', signatureId: '', pin: '' });
  const { kind, password, signatureId, pin } = form.values;
  const files = useCredentialFiles(kind);
  const sign = form.submit(async () => {
    const credentials = kind === 'sat' || kind === 'p12' ? await files.read() : { kind: 'stored' as const, certificateId: kind };
    const draft = {
      id: doc.id,
      memberId: signer.memberId,
      credentials: credentials ?? undefined,
      password,
      ...(signatureId ? { handwritten: { signatureId, pin } } : {}),
    };
    const args = form.check('documents.sign', draft, { skip: credentials ? [] : ['credentials'] });
    // The password serves this one signature: it is not kept in the form, whatever the outcome.
    form.set('password', '');
    if (!credentials || !args) return;
    await call('documents.sign', args);
    onDone(`Firma de ${signer.name} aplicada.`);
  });
  const stored = certs.state === 'ready' ? certs.value.filter((c) => c.keyKept) : [];
  return (
    <div className="card">
      <h2>Firma de {signer.name}</h2>
      <p className="muted">{signer.role}. La contraseña solo se usa para esta firma y no se guarda.</p>
      <form onSubmit={sign}>
        <div className="form-row">
          <CredentialInputs
            kindLabel="Tipo de certificado"
            kind={kind}
            onKind={(k) => form.set('kind', k)}
            moreKinds={stored.map((c) => (
              <option key={c.id} value={c.id}>
                Certificado guardado: {c.info.subjectName} ({c.info.certificateNumber})
              </option>
            ))}
            files={files}
            password={form.field('password')}
          />
        </div>
        <div className="form-row">
          <Field label="Firma autógrafa en el recuadro" error={form.errors.handwritten}>
            <ActiveSignatureSelect value={signatureId} onChange={(v) => form.set('signatureId', v)} none="Sin firma autógrafa" />
          </Field>
          {signatureId && <Field label="PIN de la firma autógrafa" type="password" inputMode="numeric" autoComplete="off" {...form.field('pin')} />}
        </div>
        <FormError error={form.error} />
        <FormActions submit="Firmar" busy={form.busy} busyLabel="Firmando…" />
      </form>
      <RefuseForm doc={doc} signer={signer} onDone={onDone} />
    </div>
  );
}

/** A signer may refuse; the refusal and its reason are recorded in their box. */
function RefuseForm({ doc, signer, onDone }: { doc: DocumentSummary; signer: Signer; onDone: (text: string) => void }) {
  const call = useClient();
  const form = useForm({ reason: '' });
  const refuse = form.submit(async () => {
    const args = form.check('documents.refuse', { id: doc.id, memberId: signer.memberId, reason: form.values.reason });
    if (!args) return;
    await call('documents.refuse', args);
    onDone(`${signer.name} rechazó firmar; queda registrado.`);
  });
  return (
    <details>
      <summary className="summary-touch">Rechazar firmar</summary>
      <form onSubmit={refuse}>
        <div className="form-row">
          <Field label="Motivo" {...form.field('reason')} />
        </div>
        <FormError error={form.error} />
        <FormActions submit="Registrar rechazo" ghost busy={form.busy} busyLabel="Registrando…" />
      </form>
    </details>
  );
}
