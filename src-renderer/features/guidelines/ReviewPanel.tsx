import { useState } from 'react';
import type { GuidelineView } from '../../../src-shared/contract/index.js';
import type { GuidelineComment } from '../../../src-shared/domain/guideline.js';
import { useClient } from '../../app/client-context.js';
import { Field, FormActions, FormError, Toggle, useAction } from '../../kit/index.js';
import type { Focus } from './GuidelineEditor.js';
import { when } from './labels.js';

const SUGGESTION_LABEL = { pendiente: 'Cambio sugerido', aceptada: 'Cambio aceptado', rechazada: 'Cambio rechazado' } as const;

/** Comments on the article at the cursor (or the selected text), threads, resolution and suggested changes. */
export function ReviewPanel({ view, focus, locked, onChange, onBodyChange, jump }: { view: GuidelineView; focus: Focus; locked: boolean; onChange: (v: GuidelineView) => void; onBodyChange: () => Promise<void>; jump: (uid: string) => void }) {
  const call = useClient();
  const id = view.guideline.id;
  const [text, setText] = useState('');
  const [suggest, setSuggest] = useState(false);
  const [replacement, setReplacement] = useState('');
  const [showResolved, setShowResolved] = useState(false);
  const action = useAction();
  const update = (work: () => Promise<unknown>) =>
    action.run(async () => {
      await work();
      onChange(await call('guidelines.get', { id }));
    });
  const comments = view.guideline.comments.filter((c) => showResolved || !c.resolved);
  const send = () =>
    update(async () => {
      await call('guidelines.comment', {
        id,
        text,
        ...(focus.articleUid ? { articleUid: focus.articleUid } : {}),
        ...(focus.quote ? { quote: focus.quote } : {}),
        ...(suggest ? { replacement } : {}),
      });
      setText('');
      setReplacement('');
      setSuggest(false);
    });
  return (
    <section aria-label="Comentarios">
      {!locked && (
        <form
          className="card"
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          <p className="muted">
            {focus.articleLabel ? `Sobre el ${focus.articleLabel.replace(/\.$/, '').replace('Artículo', 'artículo')}` : 'Sobre el lineamiento en general'}
            {focus.quote ? `: «${focus.quote.slice(0, 80)}»` : ''}
          </p>
          <Field label="Comentario">
            <textarea value={text} onChange={(e) => setText(e.target.value)} rows={3} />
          </Field>
          {focus.quote && <Toggle label="Sugerir un cambio al texto seleccionado" checked={suggest} onChange={setSuggest} />}
          {suggest && (
            <Field label="Texto propuesto">
              <textarea value={replacement} onChange={(e) => setReplacement(e.target.value)} rows={2} />
            </Field>
          )}
          <FormActions submit="Comentar" busy={action.busy} />
        </form>
      )}
      <FormError error={action.error} />
      <Toggle label="Mostrar los resueltos" checked={showResolved} onChange={setShowResolved} />
      {comments.length === 0 && <p className="muted">Sin comentarios abiertos.</p>}
      <ul className="gl-comments">
        {comments.map((c) => (
          <Comment key={c.id} c={c} article={c.articleUid ? (view.articles[c.articleUid] ?? null) : undefined} locked={locked} busy={action.busy} jump={jump} run={update} id={id} onBodyChange={onBodyChange} />
        ))}
      </ul>
    </section>
  );
}

function Comment({ c, article, locked, busy, jump, run, id, onBodyChange }: { c: GuidelineComment; article: number | null | undefined; locked: boolean; busy: boolean; jump: (uid: string) => void; run: (w: () => Promise<unknown>) => Promise<void>; id: string; onBodyChange: () => Promise<void> }) {
  const call = useClient();
  const [reply, setReply] = useState('');
  return (
    <li className={c.resolved ? 'card gl-comment gl-resolved' : 'card gl-comment'} aria-label={`Comentario de ${c.by}`}>
      <p className="muted">
        <strong>{c.by}</strong> · {when(c.at)}
        {' · '}
        {article === undefined && 'sobre el lineamiento'}
        {article === null && <span className="text-error">sobre un artículo eliminado</span>}
        {typeof article === 'number' && (
          <button type="button" className="gl-link" onClick={() => jump(c.articleUid!)}>
            artículo {article}
          </button>
        )}
      </p>
      {c.quote && <blockquote>«{c.quote}»</blockquote>}
      <p>{c.text}</p>
      {c.suggestion && (
        <p>
          <strong>{SUGGESTION_LABEL[c.suggestion]}:</strong> <del>{c.quote}</del> → <ins>{c.replacement || '(suprimir)'}</ins>
        </p>
      )}
      {c.replies.map((r) => (
        <p key={r.id} className="gl-reply">
          <strong>{r.by}</strong> <span className="muted">· {when(r.at)}</span>
          <br />
          {r.text}
        </p>
      ))}
      {c.resolved && (
        <p className="muted">
          Resuelto por {c.resolved.by} · {when(c.resolved.at)}
        </p>
      )}
      {!locked && !c.resolved && (
        <div className="actions">
          <input aria-label="Respuesta" placeholder="Responder…" value={reply} onChange={(e) => setReply(e.target.value)} />
          <button type="button" className="button-ghost" disabled={busy || !reply.trim()} onClick={() => run(async () => { await call('guidelines.reply', { id, commentId: c.id, text: reply }); setReply(''); })}>
            Responder
          </button>
          {c.suggestion === 'pendiente' ? (
            <>
              <button type="button" className="button" disabled={busy} onClick={() => run(async () => { await call('guidelines.decide', { id, commentId: c.id, decision: 'aceptada' }); await onBodyChange(); })}>
                Aceptar cambio
              </button>
              <button type="button" className="button-ghost" disabled={busy} onClick={() => run(() => call('guidelines.decide', { id, commentId: c.id, decision: 'rechazada' }))}>
                Rechazar cambio
              </button>
            </>
          ) : (
            <button type="button" className="button-ghost" disabled={busy} onClick={() => run(() => call('guidelines.resolve', { id, commentId: c.id }))}>
              Resolver
            </button>
          )}
        </div>
      )}
    </li>
  );
}
