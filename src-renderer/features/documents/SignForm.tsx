import { useEffect, useState } from 'react';
import type { CertificateView, DocumentSummary, PersonView } from '../../../src-shared/contract/index.js';
import { CallFailed, messageOf } from '../../api/client.js';
import { useClient, useLoad } from '../../app/client-context.js';
import { useUi } from '../../app/ui-store.js';
import { Field, FormActions, FormError, SelectField, Toggle, useForm } from '../../kit/index.js';
import { CredentialInputs, useCredentialFiles } from '../certificates/CredentialFiles.js';
import { canEditPeople, useSession } from '../identity/session-store.js';

type Signer = DocumentSummary['signers'][number];

const NO_RFC = /no tiene RFC registrado/;

/** The person printed under a box: the seat's person. */
function usePersonOf(signer: Signer): PersonView | undefined {
  const [people] = useLoad((c) => c('people.list', {}), []);
  return people.state === 'ready' ? people.value.find((p) => p.memberships.some((m) => m.memberId === signer.memberId)) : undefined;
}

/**
 * The next signer's turn, bound to the person printed under the box: their certificate (their
 * saved one by default) and, optionally, the ink enrolled for them with its PIN.
 */
export function SignForm({ doc, signer, onDone }: { doc: DocumentSummary; signer: Signer; onDone: (text: string) => void }) {
  const call = useClient();
  const status = useSession((s) => s.status);
  const notify = useUi((s) => s.notify);
  const person = usePersonOf(signer);
  const [certs] = useLoad((c) => c('certificates.list', {}), []);
  const [signatures] = useLoad((c) => c('signatures.list', {}), []);
  const form = useForm({ kind: 'sat', password: '', signatureId: '', pin: '', rubricaId: '', rubricaPin: '' });
  const [needsRfc, setNeedsRfc] = useState(false);
  const { kind, password, signatureId, pin, rubricaId, rubricaPin } = form.values;
  const files = useCredentialFiles(kind);
  // Only this person's saved certificates and ink are offered: nobody signs in another's box.
  const stored = certs.state === 'ready' ? certs.value.filter((c) => c.keyKept && person?.rfc && c.info.rfc === person.rfc) : [];
  const own = signatures.state === 'ready' && person ? signatures.value.filter((s) => s.personId === person.id && s.status === 'activa') : [];
  const inks = own.filter((s) => s.use === 'firma');
  // The newest rúbrica is offered first: enrolling again adds one, never overwrites.
  const rubricas = own.filter((s) => s.use === 'rubrica').sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const defaultCert = stored[0]?.id;
  const defaultRubrica = rubricas[0]?.id;
  useEffect(() => {
    if (defaultCert) form.set('kind', defaultCert);
  }, [defaultCert]);
  useEffect(() => {
    if (defaultRubrica) form.set('rubricaId', defaultRubrica);
  }, [defaultRubrica]);
  // A choice changed: the message about the previous one no longer applies.
  const choose = (name: 'kind' | 'signatureId' | 'rubricaId', value: string) => {
    form.fail('', '');
    setNeedsRfc(false);
    form.set(name, value);
  };
  const sign = form.submit(async () => {
    const credentials = kind === 'sat' || kind === 'p12' ? await files.read() : { kind: 'stored' as const, certificateId: kind };
    const draft = {
      id: doc.id,
      memberId: signer.memberId,
      credentials: credentials ?? undefined,
      password,
      ...(signatureId ? { handwritten: { signatureId, pin } } : {}),
      ...(rubricaId ? { rubrica: { signatureId: rubricaId, pin: rubricaPin } } : {}),
    };
    const args = form.check('documents.sign', draft, { skip: credentials ? [] : ['credentials'] });
    if (!credentials || !args) return;
    try {
      const signed = await call('documents.sign', args);
      form.set('password', '');
      const mine = signed.signers.find((s) => s.memberId === signer.memberId);
      const done = signed.signers.filter((s) => s.status === 'firmado').length;
      onDone(
        `Firma de ${signer.name} aplicada (${done} de ${signed.signers.length} firmas).` +
          (mine?.timestampProblem ? ` Se firmó sin sello de tiempo: ${mine.timestampProblem}` : ''),
      );
    } catch (e) {
      // A wrong password is retyped; anything else (another person's certificate, a TSA failure) keeps it.
      if (e instanceof CallFailed && /contraseña/i.test(e.message)) form.set('password', '');
      if (e instanceof CallFailed && NO_RFC.test(e.message)) setNeedsRfc(true);
      throw e;
    }
  });
  const adoptRfc = async () => {
    const credentials = await files.read();
    if (!credentials || credentials.kind !== 'sat' || !person) return form.fail('', 'Elija el archivo .cer de la persona para tomar su RFC.');
    try {
      await call('people.rfcFromCertificate', { personId: person.id, certificate: credentials.cer, confirm: true });
      setNeedsRfc(false);
      form.fail('', '');
      notify({ kind: 'ok', text: `RFC registrado para ${signer.name} desde su certificado. Ya puede firmar.` });
    } catch (e) {
      form.fail('', messageOf(e));
    }
  };
  return (
    <div className="card">
      <h2>Firma de {signer.name}</h2>
      <p className="muted">
        {signer.role}. Solo se acepta el certificado y la firma autógrafa de {signer.name}
        {person?.rfc ? ` (RFC ${person.rfc})` : ''}. La contraseña solo se usa para esta firma y no se guarda.
      </p>
      <form onSubmit={sign}>
        <div className="form-row">
          <CredentialInputs
            kindLabel="Certificado"
            kind={kind}
            onKind={(k) => choose('kind', k)}
            moreKinds={savedOptions(stored)}
            files={files}
            password={form.field('password')}
          />
        </div>
        <div className="form-row">
          <SelectField
            label="Firma autógrafa en el recuadro"
            options={inks.map((s) => ({ value: s.id, label: `${s.personName} (registrada el ${new Date(s.createdAt).toLocaleDateString('es-MX')})` }))}
            empty="Sin firma autógrafa"
            error={form.errors.handwritten}
            value={signatureId}
            onChange={(e) => choose('signatureId', e.target.value)}
          />
          {signatureId && <Field label="PIN de la firma autógrafa" type="password" inputMode="numeric" autoComplete="off" {...form.field('pin')} />}
        </div>
        <div className="form-row">
          <Field label="Rúbrica en el margen de cada página" error={form.errors.rubrica}>
            <select value={rubricaId} onChange={(e) => choose('rubricaId', e.target.value)}>
              <option value="">Sin rúbrica</option>
              {rubricas.map((s) => (
                <option key={s.id} value={s.id}>
                  Rúbrica de {s.personName} (registrada el {new Date(s.createdAt).toLocaleDateString('es-MX')})
                </option>
              ))}
            </select>
          </Field>
          {rubricaId && <Field label="PIN de la rúbrica" type="password" inputMode="numeric" autoComplete="off" {...form.field('rubricaPin')} />}
        </div>
        <FormError error={form.error} />
        {needsRfc && canEditPeople(status) && kind === 'sat' && (
          <div className="actions">
            <button type="button" className="button-ghost" onClick={() => void adoptRfc()}>
              Registrar como RFC de {signer.name} el del certificado elegido
            </button>
          </div>
        )}
        <FormActions submit="Firmar" busy={form.busy} busyLabel="Firmando…" />
      </form>
      <RefuseForm doc={doc} signer={signer} person={person} stored={stored} onDone={onDone} />
    </div>
  );
}

/**
 * A signer may refuse to sign. Only they can: with their own ink's PIN or their own certificate
 * (saved or from its files, with the key's password), and after confirming. The refusal and its
 * reason are recorded in their box.
 */
function RefuseForm({
  doc,
  signer,
  person,
  stored,
  onDone,
}: {
  doc: DocumentSummary;
  signer: Signer;
  person: PersonView | undefined;
  stored: CertificateView[];
  onDone: (text: string) => void;
}) {
  const call = useClient();
  const [signatures] = useLoad((c) => c('signatures.list', {}), []);
  const form = useForm({ reason: '', method: 'pin', proof: '', secret: '', kind: stored[0]?.id ?? 'sat', password: '', confirm: '' });
  const files = useCredentialFiles(form.values.kind);
  const inks = signatures.state === 'ready' && person ? signatures.value.filter((s) => s.personId === person.id && s.status === 'activa' && s.use === 'firma') : [];
  const byCertificate = form.values.method === 'certificado';
  const refuse = form.submit(async () => {
    const { reason, proof, secret, kind, password, confirm } = form.values;
    let evidence;
    if (byCertificate) {
      const credentials = kind === 'sat' || kind === 'p12' ? await files.read() : { kind: 'stored' as const, certificateId: kind };
      if (!credentials) return;
      evidence = { kind: 'certificate' as const, credentials, password };
    } else {
      if (!proof) return form.fail('proof', `Elija la firma autógrafa de ${signer.name}.`);
      evidence = { kind: 'pin' as const, signatureId: proof, pin: secret };
    }
    const args = form.check(
      'documents.refuse',
      { id: doc.id, memberId: signer.memberId, reason, proof: evidence, ...(confirm ? { confirm: true } : {}) } as never,
      { fields: { proof: byCertificate ? 'password' : 'secret' } },
    );
    if (!args) return;
    try {
      await call('documents.refuse', args);
    } catch (e) {
      if (e instanceof CallFailed && /contraseña/i.test(e.message)) form.set('password', '');
      throw e;
    }
    onDone(`${signer.name} rechazó firmar; queda registrado.`);
  });
  return (
    <details>
      <summary className="summary-touch">Rechazar firmar</summary>
      <form onSubmit={refuse}>
        <p className="muted">El rechazo solo puede registrarlo {signer.name}: con el PIN de su firma autógrafa o con su certificado.</p>
        <div className="form-row">
          <Field label="Motivo" {...form.field('reason')} />
          <SelectField
            label="Quien rechaza se identifica con"
            options={[
              { value: 'pin', label: 'El PIN de su firma autógrafa' },
              { value: 'certificado', label: 'Su certificado (e.firma)' },
            ]}
            {...form.field('method')}
          />
        </div>
        <div className="form-row">
          {byCertificate ? (
            <CredentialInputs
              kindLabel="Certificado de quien rechaza"
              kind={form.values.kind}
              onKind={(k) => form.set('kind', k)}
              moreKinds={savedOptions(stored)}
              files={files}
              password={form.field('password')}
            />
          ) : (
            <>
              <SelectField label="Firma autógrafa de quien rechaza" options={inks.map((s) => ({ value: s.id, label: s.personName }))} empty="Elija…" {...form.field('proof')} />
              <Field label="PIN" type="password" inputMode="numeric" autoComplete="off" {...form.field('secret')} />
            </>
          )}
        </div>
        <Toggle label={`Confirmo que ${signer.name} rechaza firmar este documento.`} checked={form.values.confirm === 'sí'} onChange={(on) => form.set('confirm', on ? 'sí' : '')} />
        {form.errors.confirm && <p className="field-error">{form.errors.confirm}</p>}
        <FormError error={form.error} />
        <FormActions submit="Registrar rechazo" ghost busy={form.busy} busyLabel="Registrando…" />
      </form>
    </details>
  );
}

/** The signer's own certificates kept on this computer, as choices beside the two file kinds. */
function savedOptions(stored: CertificateView[]) {
  return stored.map((c) => ({ value: c.id, label: `Certificado guardado: ${c.info.subjectName} (${c.info.certificateNumber})` }));
}
