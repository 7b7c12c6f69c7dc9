// @vitest-environment jsdom
import { act, cleanup, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Editor } from '@tiptap/react';
import * as Y from 'yjs';
import { createClient, type Transport } from '../../../src-renderer/api/client.js';
import { ClientContext } from '../../../src-renderer/app/client-context.js';
import { useSyncWatch } from '../../../src-renderer/app/sync-watch.js';
import { GuidelineEditor } from '../../../src-renderer/features/guidelines/GuidelineEditor.js';
import { fromBase64, toBase64 } from '../../../src-renderer/kit/editor/base64.js';
import type { SyncStatus } from '../../../src-shared/contract/index.js';
import { moveArticleInDoc } from '../../../src-shared/guidelines/move.js';
import { KIND_NODE } from '../../../src-shared/guidelines/nodes.js';

const DRAFT = '01HZZZZZZZZZZZZZZZZZZZZZG1';

const blocks = [
  ['capitulo', 'c1', 'Disposiciones generales'],
  ['articulo', 'a', 'Objeto.'],
  ['articulo', 'b', 'Definiciones.'],
  ['fraccion', null, 'Contraseña;'],
  ['articulo', 'c', 'Del correo.'],
] as const;

/** The body as the editor stores it in Yjs. */
function docFromGuideline(): Y.Doc {
  const doc = new Y.Doc();
  doc.getXmlFragment('default').insert(
    0,
    blocks.map(([kind, uid, text]) => {
      const el = new Y.XmlElement(KIND_NODE[kind]);
      if (uid) el.setAttribute('uid', uid);
      el.insert(0, [new Y.XmlText(text)]);
      return el;
    }),
  );
  return doc;
}

/** The body on this laptop, and the same body on another laptop that moved article `b` down. */
function laptops() {
  const here = docFromGuideline();
  const there = new Y.Doc();
  Y.applyUpdate(there, Y.encodeStateAsUpdate(here));
  moveArticleInDoc(there.getXmlFragment('default'), 'b', 1);
  return { here, there };
}

const status = (merges: SyncStatus['merges']) => ({ configured: true, server: 's', username: 'u', displayName: null, commission: 'CMI', signedIn: true, online: true, pending: 0, lastSync: null, lastError: null, rejected: [], received: merges.length, merges }) as SyncStatus;

function open(initial: Y.Doc, stored: () => Y.Doc, saves: Uint8Array[]) {
  const transport: Transport = async (name) =>
    name === 'drafts.get' ? { ok: true, value: { id: DRAFT, state: toBase64(Y.encodeStateAsUpdate(stored())), seq: 3, locked: false } } : { ok: false, error: { code: 'NOT_FOUND', message: 'No existe.' } };
  useSyncWatch.getState().set(status([]));
  return render(
    <ClientContext.Provider value={createClient(transport)}>
      <GuidelineEditor draftId={DRAFT} initial={toBase64(Y.encodeStateAsUpdate(initial))} readOnly={false} onFocus={() => undefined} save={async (u) => void saves.push(fromBase64(u))} />
    </ClientContext.Provider>,
  );
}

const shown = (container: HTMLElement) => [...container.querySelectorAll('.gl-body .gl-articulo')].map((e) => e.textContent);
const copiesOfB = (doc: Y.Doc) => doc.getXmlFragment('default').toArray().filter((n) => n instanceof Y.XmlElement && n.getAttribute('uid') === 'b').length;

afterEach(cleanup);

describe('the guideline editor and an article two laptops moved at once', () => {
  it('opening a body that holds two copies shows one and stores the collapse', async () => {
    const { here, there } = laptops();
    moveArticleInDoc(here.getXmlFragment('default'), 'b', 1);
    Y.applyUpdate(here, Y.encodeStateAsUpdate(there));
    expect(copiesOfB(here)).toBe(2);
    const saves: Uint8Array[] = [];
    const { container } = open(here, () => here, saves);
    await waitFor(() => expect(shown(container)).toEqual(['Artículo 1. Objeto.', 'Artículo 2. Del correo.', 'Artículo 3. Definiciones.']), { timeout: 10_000 });
    await waitFor(() => expect(saves.length).toBeGreaterThan(0), { timeout: 10_000 });
    for (const u of saves) Y.applyUpdate(here, u);
    expect(copiesOfB(here)).toBe(1);
  });

  it('a merge that brings the second copy while the editor is open is collapsed, not kept under a new number', async () => {
    const { here, there } = laptops();
    const local = new Y.Doc();
    Y.applyUpdate(local, Y.encodeStateAsUpdate(here));
    moveArticleInDoc(local.getXmlFragment('default'), 'b', 1);
    // What sync stored: this laptop's move and the other's.
    const stored = new Y.Doc();
    Y.applyUpdate(stored, Y.encodeStateAsUpdate(local));
    Y.applyUpdate(stored, Y.encodeStateAsUpdate(there));
    const saves: Uint8Array[] = [];
    const { container } = open(local, () => stored, saves);
    await waitFor(() => expect(shown(container)).toEqual(['Artículo 1. Objeto.', 'Artículo 2. Del correo.', 'Artículo 3. Definiciones.']), { timeout: 10_000 });
    act(() => useSyncWatch.getState().set(status([{ draftId: DRAFT, accounts: ['tecnica'], at: new Date(Date.now() + 1000).toISOString() }])));
    await waitFor(() => expect(container.textContent).toContain('Se incorporaron cambios de tecnica en este texto.'), { timeout: 10_000 });
    expect(shown(container)).toEqual(['Artículo 1. Objeto.', 'Artículo 2. Del correo.', 'Artículo 3. Definiciones.']);
    await waitFor(() => expect(saves.length).toBeGreaterThan(0), { timeout: 10_000 });
    for (const u of saves) Y.applyUpdate(stored, u);
    expect(copiesOfB(stored)).toBe(1);
  });

  it('text typed in the open editor into an article that a merge moves stays, in the moved article', async () => {
    const { here, there } = laptops();
    // What sync stored: the body as it was here, and the other laptop's move of article b.
    const stored = new Y.Doc();
    Y.applyUpdate(stored, Y.encodeStateAsUpdate(here));
    const seen = toBase64(Y.encodeStateVector(stored));
    Y.applyUpdate(stored, Y.encodeStateAsUpdate(there));
    const saves: Uint8Array[] = [];
    const { container } = open(here, () => stored, saves);
    await waitFor(() => expect(shown(container)).toEqual(['Artículo 1. Objeto.', 'Artículo 2. Definiciones.', 'Artículo 3. Del correo.']), { timeout: 10_000 });
    // Typed at the end of article b, before the store heard of it.
    const editor = (container.querySelector('.ProseMirror') as HTMLElement & { editor: Editor }).editor;
    act(() => {
      let end = -1;
      editor.state.doc.forEach((node, offset) => {
        if (node.attrs.uid === 'b') end = offset + 1 + node.content.size;
      });
      editor.commands.insertContentAt(end, ' Y sus anexos.');
    });
    expect(shown(container)).toContain('Artículo 2. Definiciones. Y sus anexos.');
    act(() => useSyncWatch.getState().set(status([{ draftId: DRAFT, accounts: ['tecnica'], at: new Date(Date.now() + 1000).toISOString(), seen }])));
    await waitFor(() => expect(container.textContent).toContain('Se incorporaron cambios de tecnica en este texto.'), { timeout: 10_000 });
    await waitFor(() => expect(shown(container)).toEqual(['Artículo 1. Objeto.', 'Artículo 2. Del correo.', 'Artículo 3. Definiciones. Y sus anexos.']), { timeout: 10_000 });
    // What the editor saves carries the text into the stored body too.
    await waitFor(() => {
      const check = new Y.Doc();
      Y.applyUpdate(check, Y.encodeStateAsUpdate(stored));
      for (const u of saves) Y.applyUpdate(check, u);
      const b = check.getXmlFragment('default').toArray().find((n) => n instanceof Y.XmlElement && n.getAttribute('uid') === 'b') as Y.XmlElement;
      expect(b.toArray().map((t) => (t instanceof Y.XmlText ? t.toString() : '')).join('')).toBe('Definiciones. Y sus anexos.');
    }, { timeout: 10_000 });
  });
});
