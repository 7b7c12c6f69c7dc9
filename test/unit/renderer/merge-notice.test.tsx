// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createClient, type Transport } from '../../../src-renderer/api/client.js';
import { ClientContext } from '../../../src-renderer/app/client-context.js';
import { useSyncWatch } from '../../../src-renderer/app/sync-watch.js';
import { YjsEditor } from '../../../src-renderer/kit/editor/index.js';
import { toBase64 } from '../../../src-renderer/kit/editor/base64.js';
import type { SyncStatus } from '../../../src-shared/contract/index.js';

const DRAFT = '01HZZZZZZZZZZZZZZZZZZZZZD1';

/** An acta body with one paragraph, as the editor stores it. */
function paragraphDoc(text: string): Y.Doc {
  const doc = new Y.Doc();
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment('default').insert(0, [p]);
  return doc;
}

const status = (merges: SyncStatus['merges']): SyncStatus => ({
  configured: true,
  server: 'http://servidor',
  username: 'secretaria',
  displayName: null,
  commission: 'CMI',
  signedIn: true,
  online: true,
  pending: 0,
  lastSync: null,
  lastError: null,
  rejected: [],
  received: merges.length,
  merges,
});

afterEach(cleanup);

describe('the acta editor when sync merges someone else’s edits into it', () => {
  it('shows their text in the open editor without reloading and says whose it was; merges into other drafts change nothing', async () => {
    const here = paragraphDoc('Siendo las diez horas');
    const stored = new Y.Doc();
    Y.applyUpdate(stored, Y.encodeStateAsUpdate(here));
    // Someone else's edit, already merged into the stored body by sync.
    const theirs = stored.getXmlFragment('default').toArray()[0] as Y.XmlElement;
    (theirs.toArray()[0] as Y.XmlText).insert(0, 'En Morelia, ');
    const gets: string[] = [];
    const saves: string[] = [];
    const transport: Transport = async (name, args) => {
      if (name === 'drafts.get') {
        gets.push((args as { id: string }).id);
        return { ok: true, value: { id: DRAFT, state: toBase64(Y.encodeStateAsUpdate(stored)), seq: 2, locked: false } };
      }
      return { ok: false, error: { code: 'NOT_FOUND', message: 'No existe.' } };
    };
    useSyncWatch.getState().set(status([]));
    render(
      <ClientContext.Provider value={createClient(transport)}>
        <YjsEditor initial={toBase64(Y.encodeStateAsUpdate(here))} save={async (u) => void saves.push(u)} label="Texto del acta" draftId={DRAFT} />
      </ClientContext.Provider>,
    );
    const box = await screen.findByRole('textbox', { name: 'Texto del acta' });
    await waitFor(() => expect(box.textContent).toBe('Siendo las diez horas'), { timeout: 10_000 });

    const later = () => new Date(Date.now() + 1000).toISOString();
    act(() => useSyncWatch.getState().set(status([{ draftId: '01HZZZZZZZZZZZZZZZZZZZZZD2', accounts: ['tecnica'], at: later() }])));
    await new Promise((r) => setTimeout(r, 50));
    expect(gets).toEqual([]);
    expect(screen.queryByRole('status', { name: 'Cambios incorporados' })).toBeNull();

    act(() => useSyncWatch.getState().set(status([{ draftId: DRAFT, accounts: ['tecnica'], at: later() }])));
    await waitFor(() => expect(box.textContent).toBe('En Morelia, Siendo las diez horas'), { timeout: 10_000 });
    // The notice may come a render after the merged text on a busy machine.
    const notice = await screen.findByRole('status', { name: 'Cambios incorporados' }, { timeout: 10_000 });
    expect(notice.textContent).toBe('Se incorporaron cambios de tecnica en este texto.');
    expect(gets).toEqual([DRAFT]);
    // What arrived is already stored: the autosave does not send it back.
    await new Promise((r) => setTimeout(r, 2500));
    expect(saves).toEqual([]);
  });
});
