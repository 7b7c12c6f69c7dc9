import { useEffect, useRef } from 'react';
import { create } from 'zustand';
import type { SyncStatus } from '../../src-shared/contract/index.js';
import { useClient } from './client-context.js';
import { useUi } from './ui-store.js';

interface SyncWatch {
  /** Grows when a sync merged someone else's changes: every loaded screen reloads, quietly. */
  generation: number;
  status: SyncStatus | null;
  set(status: SyncStatus): void;
}

export const useSyncWatch = create<SyncWatch>((set, get) => ({
  generation: 0,
  status: null,
  set: (status) => {
    const before = get().status;
    const grew = before !== null && status.received > before.received;
    set({ status, generation: grew ? get().generation + 1 : get().generation });
  },
}));

const POLL_MS = 2000;

/** Runs `reload` each time sync merges another laptop's changes here (not on mount): for screens that keep their own state. */
export function useOnSync(reload: () => void): void {
  const generation = useSyncWatch((s) => s.generation);
  const shown = useRef(generation);
  const reloadRef = useRef(reload);
  reloadRef.current = reload;
  useEffect(() => {
    if (shown.current === generation) return;
    shown.current = generation;
    reloadRef.current();
  }, [generation]);
}

/** Drafts an editor has open: that editor announces their merges itself (kit/editor/remoteMerges.ts). */
const openDrafts = new Map<string, number>();

/** Marks a draft as open in an editor until the returned function is called. */
export function openDraft(id: string): () => void {
  openDrafts.set(id, (openDrafts.get(id) ?? 0) + 1);
  return () => {
    const n = (openDrafts.get(id) ?? 1) - 1;
    if (n > 0) openDrafts.set(id, n);
    else openDrafts.delete(id);
  };
}

/**
 * Syncs when the app starts and whenever the window gains focus, and follows the sync status so
 * screens refresh when changes from another laptop arrive (the engine itself follows the
 * server's announcements). Tells the user when someone else's edits were merged into a draft.
 */
export function SyncWatcher() {
  const call = useClient();
  const notify = useUi((s) => s.notify);
  useEffect(() => {
    let live = true;
    const seen = new Set<string>();
    let first = true;
    const poll = () =>
      call('sync.status', {}).then(
        (status) => {
          if (!live) return;
          for (const m of status.merges) {
            const key = `${m.draftId}@${m.at}`;
            if (seen.has(key)) continue;
            seen.add(key);
            if (!first && !openDrafts.has(m.draftId)) notify({ kind: 'ok', text: `Se incorporaron cambios de ${m.accounts.join(', ')} en un borrador.` });
          }
          first = false;
          useSyncWatch.getState().set(status);
        },
        () => undefined, // the status is best effort; Ajustes shows errors
      );
    const now = (reason: 'focus' | 'start') => call('sync.now', { reason }).then(poll, () => undefined);
    void now('start');
    const timer = setInterval(() => void poll(), POLL_MS);
    const onFocus = () => void now('focus');
    window.addEventListener('focus', onFocus);
    return () => {
      live = false;
      clearInterval(timer);
      window.removeEventListener('focus', onFocus);
    };
  }, [call, notify]);
  return null;
}
