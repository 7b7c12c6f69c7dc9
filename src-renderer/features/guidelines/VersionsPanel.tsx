import { useState } from 'react';
import type { GuidelineView } from '../../../src-shared/contract/index.js';
import type { DiffPart, DiffRow } from '../../../src-shared/guidelines/diff.js';
import { useClient } from '../../app/client-context.js';
import { Field, FormActions, FormError, SelectField, useAction } from '../../kit/index.js';
import { when } from './labels.js';

function Parts({ parts, side }: { parts: DiffPart[]; side?: 'before' | 'after' }) {
  return (
    <>
      {parts.map((p, i) => {
        if (p.op === 'same') return <span key={i}>{p.text}</span>;
        if (p.op === 'del') return side === 'after' ? null : <del key={i}>{p.text}</del>;
        return side === 'before' ? null : <ins key={i}>{p.text}</ins>;
      })}
    </>
  );
}

/** Named versions, a comparison of any two (inline or side by side), and restoring one as a new version. */
export function VersionsPanel({ view, locked, onChange, onBodyChange, onCompare }: { view: GuidelineView; locked: boolean; onChange: (v: GuidelineView) => void; onBodyChange: () => Promise<void>; onCompare: (c: Comparison) => void }) {
  const call = useClient();
  const id = view.guideline.id;
  const versions = view.guideline.versions;
  const [name, setName] = useState('');
  const [from, setFrom] = useState(versions[0]?.id ?? 'actual');
  const [to, setTo] = useState('actual');
  const action = useAction();
  const options = [...versions.map((v) => ({ value: v.id, label: v.name })), { value: 'actual', label: 'Texto actual' }];
  const label = (ref: string) => options.find((o) => o.value === ref)?.label ?? '';
  return (
    <section aria-label="Versiones">
      {!locked && (
        <form
          className="card"
          onSubmit={action.submit(async () => {
            onChange({ ...view, guideline: await call('guidelines.saveVersion', { id, name }) });
            setName('');
          })}
        >
          <Field label="Nombre de la versión" value={name} onChange={(e) => setName(e.target.value)} placeholder="Proyecto presentado en la sesión IEM-CMI-SEORD-05/2023" />
          <FormActions submit="Guardar versión" busy={action.busy} />
        </form>
      )}
      <FormError error={action.error} />
      <ul className="gl-versions" aria-label="Versiones guardadas">
        {[...versions].reverse().map((v) => (
          <li key={v.id}>
            <strong>{v.name}</strong> <span className="muted">· {v.by} · {when(v.at)}</span>
            {!locked && (
              <button type="button" className="button-ghost" disabled={action.busy} onClick={() => action.run(async () => { await call('guidelines.restore', { id, versionId: v.id }); await onBodyChange(); })}>
                Restaurar
              </button>
            )}
          </li>
        ))}
      </ul>
      {versions.length > 0 && (
        <div className="card">
          <h3>Comparar</h3>
          <div className="form-row">
            <SelectField label="De" aria-label="Comparar desde" options={options} value={from} onChange={(e) => setFrom(e.target.value)} />
            <SelectField label="A" aria-label="Comparar con" options={options} value={to} onChange={(e) => setTo(e.target.value)} />
          </div>
          <button type="button" className="button-ghost" disabled={action.busy} onClick={() => action.run(async () => onCompare({ rows: await call('guidelines.compare', { id, from, to }), from: label(from), to: label(to) }))}>
            Comparar
          </button>
        </div>
      )}
    </section>
  );
}

const VIEWS = [
  { value: 'inline', label: 'En línea' },
  { value: 'lado', label: 'Lado a lado' },
];

export interface Comparison {
  rows: DiffRow[];
  from: string;
  to: string;
}

/** The comparison across the page's full width: insertions underlined in green, deletions struck in red. */
export function DiffView({ comparison, onClose }: { comparison: Comparison; onClose: () => void }) {
  const { rows } = comparison;
  const [mode, setMode] = useState<'inline' | 'lado'>('inline');
  return (
    <section className="card gl-diff-card" aria-label="Comparación de versiones">
      <div className="page-header">
        <h2>
          «{comparison.from}» → «{comparison.to}»
        </h2>
        <div className="actions">
          <SelectField label="Vista" aria-label="Vista de la comparación" options={VIEWS} value={mode} onChange={(e) => setMode(e.target.value as 'inline' | 'lado')} />
          <button type="button" className="button-ghost" onClick={onClose}>
            Cerrar comparación
          </button>
        </div>
      </div>
      {rows.every((r) => r.op === 'same') && <p className="muted">Las dos versiones son iguales.</p>}
      {mode === 'inline' && (
        <div className="gl-diff" aria-label="Comparación en línea">
          {rows.map((r, i) => (
            <p key={i} className={`gl-diff-${r.op}`}>
              <Parts parts={r.parts} />
            </p>
          ))}
        </div>
      )}
      {mode === 'lado' && (
        <table className="gl-diff gl-diff-side" aria-label="Comparación lado a lado">
          <thead>
            <tr>
              <th scope="col">{comparison.from}</th>
              <th scope="col">{comparison.to}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i} className={`gl-diff-${r.op}`}>
                <td>{r.op === 'ins' ? null : <Parts parts={r.parts} side="before" />}</td>
                <td>{r.op === 'del' ? null : <Parts parts={r.parts} side="after" />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
