import { useEffect, useRef, useState } from 'react';
import * as Y from 'yjs';
import { useClient } from '../../app/client-context.js';
import { openDraft, useSyncWatch } from '../../app/sync-watch.js';
import { fromBase64 } from './base64.js';

/**
 * Keeps an open editor's Yjs document up to date with what sync merges into its draft: when the
 * sync status reports a merge into `draftId`, the stored body is read again and applied to the
 * live document (Yjs applies only what is missing; the cursor and unsaved typing stay), then
 * `normalize` runs and the editor says whose edits came in. The app-wide notice is left to
 * drafts no editor has open.
 */
export function useRemoteMerges(doc: Y.Doc, draftId: string | undefined, normalize?: (doc: Y.Doc) => void, merge?: (doc: Y.Doc, apply: () => void, seen: Map<number, number> | null) => void): string | null {
  const call = useClient();
  const merges = useSyncWatch((s) => s.status?.merges);
  const since = useRef(new Date().toISOString());
  const taken = useRef(new Set<string>());
  const live = useRef(true);
  const normalizeRef = useRef(normalize);
  normalizeRef.current = normalize;
  const mergeRef = useRef(merge);
  mergeRef.current = merge;
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    live.current = true;
    const close = draftId ? openDraft(draftId) : undefined;
    return () => {
      live.current = false;
      close?.();
    };
  }, [draftId]);

  useEffect(() => {
    if (!draftId || !merges) return;
    const fresh = merges.filter((m) => m.draftId === draftId && m.at >= since.current && !taken.current.has(m.at));
    if (!fresh.length) return;
    for (const m of fresh) taken.current.add(m.at);
    const who = [...new Set(fresh.flatMap((m) => m.accounts))].join(', ');
    call('drafts.get', { id: draftId }).then(
      (draft) => {
        if (!live.current) return;
        const apply = () => Y.applyUpdate(doc, fromBase64(draft.state), 'remote');
        if (mergeRef.current) mergeRef.current(doc, apply, earliestSeen(fresh));
        else apply();
        normalizeRef.current?.(doc);
        setNotice(`Se incorporaron cambios de ${who} en este texto.`);
      },
      () => {
        // Read again with the next status: the merge is stored, only this read failed.
        for (const m of fresh) taken.current.delete(m.at);
      },
    );
  }, [merges, draftId, doc, call]);

  return notice;
}

/**
 * The body's state before the earliest of these merges: what this editor typed after it may have
 * reached the laptop's store only after the merge was repaired there. Null when a merge does not
 * say (the editor then repairs nothing: the store did).
 */
function earliestSeen(merges: readonly { seen?: string }[]): Map<number, number> | null {
  let out: Map<number, number> | null = null;
  for (const m of merges) {
    if (!m.seen) return null;
    let sv: Map<number, number>;
    try {
      sv = Y.decodeStateVector(fromBase64(m.seen));
    } catch {
      return null;
    }
    if (!out) out = sv;
    else for (const [client, clock] of sv) out.set(client, Math.min(out.get(client) ?? 0, clock));
  }
  return out;
}
