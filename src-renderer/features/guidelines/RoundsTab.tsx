import { useState } from 'react';
import type { GuidelineView } from '../../../src-shared/contract/index.js';
import { formatDate } from '../../../src-shared/format.js';
import { useClient } from '../../app/client-context.js';
import { Field, FormActions, FormError, useAction, useForm } from '../../kit/index.js';
import { when } from './labels.js';

/** Review rounds ("reuniones de retroalimentación"): offices, due date, and who has answered. */
export function RoundsTab({ view, locked, onChange }: { view: GuidelineView; locked: boolean; onChange: (v: GuidelineView) => void }) {
  const call = useClient();
  const id = view.guideline.id;
  const [open, setOpen] = useState(false);
  const form = useForm({ name: 'Reunión de retroalimentación', due: '', offices: '' });
  const action = useAction();
  const submit = form.submit(async () => {
    const offices = form.values.offices.split(/[\n;]+/).map((s) => s.trim()).filter(Boolean);
    const args = form.check('guidelines.sendRound', { id, name: form.values.name, due: form.values.due.trim(), offices });
    if (!args) return;
    onChange({ ...view, guideline: await call('guidelines.sendRound', args) });
    setOpen(false);
  });
  return (
    <section aria-label="Rondas de revisión">
      {!locked && !open && (
        <button type="button" className="button" onClick={() => setOpen(true)}>
          Enviar a revisión
        </button>
      )}
      {open && (
        <form className="card" onSubmit={submit} aria-label="Nueva ronda de revisión">
          <Field label="Nombre" {...form.field('name')} />
          <Field label="Fecha límite" type="date" {...form.field('due')} />
          {view.reviewerOffices.length > 0 && <p className="muted">Oficinas con cuenta de revisión propia (responden ellas mismas): {view.reviewerOffices.join('; ')}</p>}
          <Field label="Oficinas (una por línea)" error={form.errors.offices}>
            <textarea rows={4} value={form.values.offices} onChange={(e) => form.set('offices', e.target.value)} />
          </Field>
          <FormActions submit="Enviar" busy={form.busy} busyLabel="Enviando…" onCancel={() => setOpen(false)}>
            <FormError error={form.error} />
          </FormActions>
        </form>
      )}
      <FormError error={action.error} />
      {view.guideline.rounds.length === 0 && <p className="muted">Aún no se ha enviado a revisión.</p>}
      {[...view.guideline.rounds].reverse().map((r) => {
        const answered = r.offices.filter((o) => o.answeredAt).length;
        return (
          <div key={r.id} className="card" aria-label={r.name}>
            <h3>{r.name}</h3>
            <p className="muted">
              Enviada {when(r.sentAt)} · fecha límite {formatDate(r.due)} · {answered} de {r.offices.length} respondieron
            </p>
            <ul>
              {r.offices.map((o) => (
                <li key={o.name}>
                  {o.name}: {o.answeredAt ? `respondió el ${when(o.answeredAt)}${o.answeredBy ? ` (${o.answeredBy})` : ''}` : 'sin respuesta'}
                  {!o.answeredAt && (
                    <button
                      type="button"
                      className="button-ghost"
                      disabled={action.busy}
                      onClick={() => action.run(async () => onChange({ ...view, guideline: await call('guidelines.answerRound', { id, roundId: r.id, office: o.name }) }))}
                    >
                      Registrar respuesta
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
