import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { CallFailed } from '../../api/client.js';
import * as Y from 'yjs';
import { Autosave, type SaveState } from './autosave.js';
import { fromBase64 } from './base64.js';
import { useRemoteMerges } from './remoteMerges.js';

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

export interface LiveDraft {
  /** The draft whose merged sync edits flow into the open document. */
  draftId?: string | undefined;
  /** Runs on the loaded document and after each merge (e.g. collapsing duplicated blocks); its edits are saved. */
  normalize?: ((doc: Y.Doc) => void) | undefined;
  /**
   * Applies a merged body (`apply`) and repairs what this editor typed after the state `seen`
   * that the merge voided (guidelines: src-shared/guidelines/merge.ts); its edits are saved.
   */
  merge?: ((doc: Y.Doc, apply: () => void, seen: Map<number, number> | null) => void) | undefined;
}

/**
 * A Yjs document loaded from its stored update and autosaved in small updates; the last edits are
 * flushed when the editor closes and before the window unloads, so nothing typed is lost. Edits
 * that sync merges into the draft while it is open are applied to it live, and `merged` says whose.
 */
export function useYjsDoc(initial: string, save: (update: string) => Promise<void>, timing?: { delayMs: number; minIntervalMs: number }, live: LiveDraft = {}) {
  const doc = useMemo(() => {
    // Deleted content is kept, so a merge can still read what was typed into a block another laptop moved.
    const d = new Y.Doc({ gc: false });
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
  const normalizeRef = useRef(live.normalize);
  normalizeRef.current = live.normalize;
  // After the autosave listens, so what normalizing changes is stored.
  useEffect(() => {
    normalizeRef.current?.(doc);
  }, [autosave, doc]);
  const merged = useRemoteMerges(doc, live.draftId, live.normalize, live.merge);
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
  /** Stores what is typed so far now; rejects when that fails, so an action never runs on stale text. */
  const saveNow = useCallback(async () => {
    await autosave.flush();
    if (autosave.state === 'error') throw new CallFailed({ code: 'UNAVAILABLE', message: `No se guardó el último texto escrito: ${autosave.error}` });
  }, [autosave]);
  return { doc, saving, saveNow, merged };
}

/** Says whose edits a sync merged into the open text. */
export function MergeNotice({ merged }: { merged: string | null }) {
  return merged ? (
    <p className="notice notice-ok" role="status" aria-label="Cambios incorporados">
      {merged}
    </p>
  ) : null;
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
