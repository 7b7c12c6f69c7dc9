import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import * as Y from 'yjs';
import { Autosave, type SaveState } from './autosave.js';
import { fromBase64 } from './base64.js';

const STATE_LABEL: Record<SaveState, string> = {
  guardado: 'Guardado en este equipo',
  pendiente: 'Cambios sin guardar…',
  guardando: 'Guardando…',
  error: 'No se pudo guardar',
};

export interface Saving {
  state: SaveState;
  error: string;
}

/**
 * A Yjs document loaded from its stored update and autosaved in small updates; the last edits are
 * flushed when the editor closes and before the window unloads, so nothing typed is lost.
 */
export function useYjsDoc(initial: string, save: (update: string) => Promise<void>, timing?: { delayMs: number; minIntervalMs: number }) {
  const doc = useMemo(() => {
    const d = new Y.Doc();
    Y.applyUpdate(d, fromBase64(initial), 'remote');
    return d;
  }, [initial]);
  const [saving, setSaving] = useState<Saving>({ state: 'guardado', error: '' });
  const saveRef = useRef(save);
  saveRef.current = save;
  const delayMs = timing?.delayMs;
  const minIntervalMs = timing?.minIntervalMs;
  const autosave = useMemo(() => new Autosave(doc, (u) => saveRef.current(u), (state, error) => setSaving({ state, error }), delayMs, minIntervalMs), [doc, delayMs, minIntervalMs]);
  useEffect(
    () => () => {
      void autosave.flush().finally(() => autosave.destroy());
    },
    [autosave],
  );
  useEffect(() => {
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (autosave.state !== 'guardado') {
        void autosave.flush();
        e.preventDefault();
      }
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => window.removeEventListener('beforeunload', beforeUnload);
  }, [autosave]);
  return { doc, saving };
}

/** The autosave's state in words, at the end of the toolbar. */
export function SaveStatus({ saving }: { saving: Saving }) {
  return (
    <span className={saving.state === 'error' ? 'text-error' : 'muted'} role="status">
      {STATE_LABEL[saving.state]}
      {saving.error ? `: ${saving.error}` : ''}
    </span>
  );
}

/** A toolbar button that keeps the editor's selection (it acts on mouse up, not on focus). */
export function ToolButton({ pressed, disabled, onClick, children }: { pressed?: boolean; disabled?: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <button type="button" className="button-ghost" aria-pressed={pressed} disabled={disabled} onMouseDown={(e) => e.preventDefault()} onClick={onClick}>
      {children}
    </button>
  );
}
