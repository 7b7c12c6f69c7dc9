import { useState } from 'react';
import type { ReviewRoundSummary, ReviewView } from '../../../src-shared/contract/index.js';
import { formatDate } from '../../../src-shared/format.js';
import { useClient, useLoad } from '../../app/client-context.js';
import { DataTable, Field, FormActions, FormError, useAction, useForm } from '../../kit/index.js';
import { when } from './labels.js';
import { Comment } from './ReviewPanel.js';

const answered = (r: ReviewRoundSummary) => (r.answeredAt ? `Respondida el ${when(r.answeredAt)}${r.answeredBy ? ` por ${r.answeredBy}` : ''}` : 'Sin responder');

/**
 * The only screen of an office's reviewer account: the review rounds sent to its office, the
 * guideline's text, its own comments and suggested changes, and the answer to the round.
 */
export function ReviewerPage() {
  const [rounds, reload] = useLoad((c) => c('review.rounds', {}), []);
  const [open, setOpen] = useState<{ id: string; roundId: string } | null>(null);
  if (open) return <RoundReview id={open.id} roundId={open.roundId} onBack={() => { setOpen(null); reload(); }} />;
  return (
    <section>
      <h1>Revisión de lineamientos</h1>
      {rounds.state === 'loading' && <p className="muted" role="status">Cargando…</p>}
      {rounds.state === 'error' && <p className="text-error" role="alert">{rounds.message}</p>}
      {rounds.state === 'ready' && (
        <DataTable
          rows={rounds.value}
          rowKey={(r) => r.roundId}
          middle
          empty="Aún no se ha enviado ninguna ronda de revisión a su oficina."
          columns={[
            { key: 'title', header: 'Lineamiento', cell: (r) => `${r.title} (${r.commission})` },
            { key: 'round', header: 'Ronda', cell: (r) => r.roundName },
            { key: 'due', header: 'Fecha límite', cell: (r) => formatDate(r.due) },
            { key: 'state', header: 'Respuesta', cell: answered },
            { key: 'comments', header: 'Comentarios', className: 'num', cell: (r) => r.comments },
            {
              key: 'open',
              header: 'Abrir',
              hiddenHeader: true,
              cell: (r) => (
                <button type="button" className="button" onClick={() => setOpen({ id: r.guidelineId, roundId: r.roundId })}>
                  Revisar
                </button>
              ),
            },
          ]}
        />
      )}
    </section>
  );
}

function RoundReview({ id, roundId, onBack }: { id: string; roundId: string; onBack: () => void }) {
  const call = useClient();
  const [loaded] = useLoad((c) => c('review.get', { id, roundId }), [id, roundId]);
  const [view, setView] = useState<ReviewView | null>(null);
  const form = useForm({ articleUid: '', text: '', quote: '', replacement: '' });
  const action = useAction();
  const current = view ?? (loaded.state === 'ready' ? loaded.value : null);
  const submit = form.submit(async () => {
    const { articleUid, text, quote, replacement } = form.values;
    if (replacement.trim() && !quote.trim()) return form.fail('quote', 'Copie aquí el texto que propone sustituir.');
    const args = form.check('review.comment', {
      id,
      roundId,
      text,
      ...(articleUid ? { articleUid } : {}),
      ...(quote.trim() ? { quote: quote.trim() } : {}),
      ...(replacement.trim() ? { replacement: replacement.trim() } : {}),
    });
    if (!args) return;
    setView(await call('review.comment', args));
    for (const k of ['text', 'quote', 'replacement'] as const) form.set(k, '');
  });
  if (loaded.state === 'error') return <p className="text-error" role="alert">{loaded.message}</p>;
  if (!current) return <p className="muted" role="status">Cargando…</p>;
  const { round } = current;
  const closed = Boolean(round.answeredAt) || round.status === 'publicado';
  const articles = current.blocks.filter((b) => b.kind === 'articulo' && b.uid);
  return (
    <section aria-label={`Revisión de ${round.title}`}>
      <button type="button" className="button-ghost" onClick={onBack}>
        ← Rondas de revisión
      </button>
      <h1>{round.title}</h1>
      <p className="muted">
        {round.roundName} · {round.office} · fecha límite {formatDate(round.due)} · {answered(round)}
      </p>
      <div className="gl-layout">
        <article className="card gl-body gl-review-text" aria-label="Texto del lineamiento">
          {current.blocks.map((b, i) => (
            <p key={i} className={`gl-block gl-${b.kind}`}>
              {b.line}
            </p>
          ))}
        </article>
        <aside className="gl-side">
          {!closed && (
            <form className="card" onSubmit={submit} aria-label="Nuevo comentario">
              <Field label="Sobre" error={form.errors.articleUid}>
                <select value={form.values.articleUid} onChange={(e) => form.set('articleUid', e.target.value)}>
                  <option value="">El lineamiento en general</option>
                  {articles.map((a) => (
                    <option key={a.uid} value={a.uid!}>
                      {a.line.slice(0, 60)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label="Comentario" error={form.errors.text}>
                <textarea rows={3} value={form.values.text} onChange={(e) => form.set('text', e.target.value)} />
              </Field>
              <Field label="Texto que propone sustituir (opcional)" {...form.field('quote')} />
              <Field label="Texto propuesto (opcional)" {...form.field('replacement')} />
              <FormActions submit="Comentar" busy={form.busy} busyLabel="Enviando…">
                <FormError error={form.error} />
              </FormActions>
            </form>
          )}
          {!closed && (
            <button
              type="button"
              className="button"
              disabled={action.busy}
              onClick={() => void action.run(async () => setView(await call('review.answer', { id, roundId })))}
            >
              Marcar la ronda como respondida
            </button>
          )}
          <FormError error={action.error} />
          <h2>Comentarios de su oficina</h2>
          {current.comments.length === 0 && <p className="muted">Aún no ha comentado en esta ronda.</p>}
          <ul className="gl-comments">
            {current.comments.map((c) => (
              <Comment key={c.id} c={c} article={articleNumber(current, c.articleUid)} locked busy={false} jump={() => undefined} run={async () => undefined} id={id} onBodyChange={async () => undefined} />
            ))}
          </ul>
        </aside>
      </div>
    </section>
  );
}

/** The article's current number as the text reads now, null when it was deleted, undefined for a general comment. */
function articleNumber(view: ReviewView, uid: string | undefined): number | null | undefined {
  if (!uid) return undefined;
  const at = view.blocks.filter((b) => b.kind === 'articulo').findIndex((b) => b.uid === uid);
  return at < 0 ? null : at + 1;
}
