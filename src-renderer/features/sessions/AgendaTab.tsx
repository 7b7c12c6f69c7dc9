import { useState, type KeyboardEvent } from 'react';
import type { SessionDetail } from '../../../src-shared/contract/index.js';
import type { AgendaItem } from '../../../src-shared/domain/index.js';
import { agendaOrdinal, formatDate } from '../../../src-shared/format.js';
import { useClient } from '../../app/client-context.js';
import { Field, FormActions, FormError, useAction, useForm } from '../../kit/index.js';

const GENERAL = 'ASUNTOS GENERALES.';
const approvalText = (key: string, date: string, commission: string) =>
  `LECTURA DEL PROYECTO DE ACTA DE LA SESIÓN DE LA ${commission.toUpperCase()}, DE ${formatDate(date).toUpperCase()}, IDENTIFICADA BAJO LA CLAVE ${key}; Y APROBACIÓN EN SU CASO.`;

/** Add, edit, reorder (drag, buttons, Alt+↑/↓) and remove items; ordinals are computed. */
export function AgendaTab({ detail, refresh }: { detail: SessionDetail; refresh: () => Promise<void> }) {
  const call = useClient();
  const { session, commission } = detail;
  const form = useForm({ text: '', approves: detail.approvable[0]?.id ?? '' });
  const action = useAction();
  const [editing, setEditing] = useState<string | null>(null);
  const [dragged, setDragged] = useState<string | null>(null);
  const locked = session.status === 'cancelada';
  const items = session.agenda;

  const act = (work: () => Promise<unknown>) =>
    action.run(async () => {
      await work();
      await refresh();
    });
  const move = (item: AgendaItem, to: number) => {
    if (to < 0 || to >= items.length) return;
    void act(() => call('agenda.move', { sessionId: session.id, itemId: item.id, to }));
  };
  const onKey = (e: KeyboardEvent, item: AgendaItem, index: number) => {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    move(item, index + (e.key === 'ArrowUp' ? -1 : 1));
  };
  const add = form.submit(async () => {
    const args = form.check('agenda.add', { sessionId: session.id, text: form.values.text });
    if (!args) return;
    await call('agenda.add', args);
    form.set('text', '');
    await refresh();
  });
  const addTemplate = (kind: 'aprobacion' | 'asuntos_generales') =>
    act(async () => {
      if (kind === 'asuntos_generales') return call('agenda.add', { sessionId: session.id, text: GENERAL, kind });
      const target = detail.approvable.find((s) => s.id === form.values.approves);
      if (!target) {
        action.fail('No hay una sesión anterior con acta para someter a aprobación.');
        return undefined;
      }
      return call('agenda.add', { sessionId: session.id, text: approvalText(target.key, target.date, commission.name), kind, approvesSessionId: target.id });
    });

  return (
    <div>
      {items.length === 0 && <p className="muted">El orden del día está vacío: agregue el primer punto.</p>}
      <ol className="agenda agenda-edit" aria-label="Orden del día">
        {items.map((item, i) => (
          <li
            key={item.id}
            tabIndex={0}
            draggable={!locked}
            aria-label={`${agendaOrdinal(i, items.length)}. ${item.text}`}
            aria-describedby="agenda-keys"
            className={dragged === item.id ? 'dragging' : undefined}
            onKeyDown={(e) => onKey(e, item, i)}
            onDragStart={() => setDragged(item.id)}
            onDragEnd={() => setDragged(null)}
            onDragOver={(e) => e.preventDefault()}
            onDrop={(e) => {
              e.preventDefault();
              const from = items.find((x) => x.id === dragged);
              if (from && from.id !== item.id) move(from, i);
              setDragged(null);
            }}
          >
            {editing === item.id ? (
              <ItemEditor
                item={item}
                onCancel={() => setEditing(null)}
                onSave={(text, subitems) =>
                  act(async () => {
                    await call('agenda.update', { sessionId: session.id, itemId: item.id, text, subitems });
                    setEditing(null);
                  })
                }
              />
            ) : (
              <div className="agenda-row">
                <div>
                  <strong>{agendaOrdinal(i, items.length)}.</strong> {item.text}
                  {item.kind === 'aprobacion' && item.approvesSessionId && (
                    <p className="muted">Aprueba el acta de {detail.approvable.find((s) => s.id === item.approvesSessionId)?.key ?? 'una sesión anterior'}.</p>
                  )}
                  {item.subitems.length > 0 && (
                    <ul className="subitems">
                      {item.subitems.map((sub) => (
                        <li key={sub}>{sub}</li>
                      ))}
                    </ul>
                  )}
                </div>
                {!locked && (
                  <div className="order-buttons">
                    <button type="button" className="button-ghost" aria-label={`Subir ${agendaOrdinal(i, items.length)}`} disabled={i === 0} onClick={() => move(item, i - 1)}>
                      ↑
                    </button>
                    <button type="button" className="button-ghost" aria-label={`Bajar ${agendaOrdinal(i, items.length)}`} disabled={i === items.length - 1} onClick={() => move(item, i + 1)}>
                      ↓
                    </button>
                    <button type="button" className="button-ghost" onClick={() => setEditing(item.id)}>
                      Editar
                    </button>
                    <button type="button" className="button-ghost" onClick={() => act(() => call('agenda.remove', { sessionId: session.id, itemId: item.id }))}>
                      Quitar
                    </button>
                  </div>
                )}
              </div>
            )}
          </li>
        ))}
      </ol>
      <p id="agenda-keys" className="muted small">
        Para reordenar: arrastre un punto, use las flechas, o Alt + ↑/↓ con el punto seleccionado.
      </p>
      {!locked && (
        <form className="card" onSubmit={add} aria-label="Agregar punto">
          <Field label="Nuevo punto del orden del día" {...form.field('text')} />
          <FormActions submit="Agregar punto" busy={form.busy}>
            <button type="button" className="button-ghost" onClick={() => addTemplate('asuntos_generales')} disabled={form.busy}>
              + Asuntos generales
            </button>
            {detail.approvable.length > 0 && (
              <>
                <select aria-label="Acta a aprobar" value={form.values.approves} onChange={(e) => form.set('approves', e.target.value)}>
                  {detail.approvable.map((s) => (
                    <option key={s.id} value={s.id}>
                      Acta {s.key}
                    </option>
                  ))}
                </select>
                <button type="button" className="button-ghost" onClick={() => addTemplate('aprobacion')} disabled={form.busy}>
                  + Lectura y aprobación del acta
                </button>
              </>
            )}
          </FormActions>
          <FormError error={form.error || action.error} />
        </form>
      )}
    </div>
  );
}

function ItemEditor({ item, onSave, onCancel }: { item: AgendaItem; onSave: (text: string, subitems: string[]) => void; onCancel: () => void }) {
  const [text, setText] = useState(item.text);
  const [subs, setSubs] = useState(item.subitems.join('\n'));
  return (
    <div className="item-editor">
      <Field label="Texto del punto">
        <textarea value={text} onChange={(e) => setText(e.target.value)} rows={3} />
      </Field>
      <Field label="Subpuntos (uno por renglón, p. ej. 2.1 …)">
        <textarea value={subs} onChange={(e) => setSubs(e.target.value)} rows={3} />
      </Field>
      <div className="actions">
        <button
          type="button"
          className="button"
          onClick={() =>
            onSave(
              text,
              subs
                .split('\n')
                .map((s) => s.trim())
                .filter(Boolean),
            )
          }
        >
          Guardar punto
        </button>
        <button type="button" className="button-ghost" onClick={onCancel}>
          Cancelar
        </button>
      </div>
    </div>
  );
}
