import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { Autosave } from '../../../src-renderer/kit/editor/autosave.js';
import { fromBase64 } from '../../../src-renderer/kit/editor/base64.js';

describe('editor autosave', () => {
  it('saves only the edits since the last save, and keeps them when a save fails', async () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'x'.repeat(20_000));
    const stored = Y.encodeStateAsUpdate(doc);
    const saved: Uint8Array[] = [];
    let fail = false;
    const autosave = new Autosave(
      doc,
      async (u) => {
        if (fail) throw new Error('sin conexión con el servicio');
        saved.push(fromBase64(u));
      },
      () => undefined,
      60_000,
    );
    const text = doc.getText('t');
    text.insert(0, 'Hola');
    await autosave.flush();
    expect(saved).toHaveLength(1);
    expect(saved[0]!.length).toBeLessThan(100);

    fail = true;
    text.insert(4, ', mundo');
    await autosave.flush();
    expect([autosave.state, autosave.error]).toEqual(['error', 'sin conexión con el servicio']);
    fail = false;
    text.insert(11, '.');
    await autosave.flush();
    expect(autosave.state).toBe('guardado');

    // The stored document plus what was saved gives back every edit, the failed one included.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, stored);
    for (const u of saved) Y.applyUpdate(copy, u);
    expect(copy.getText('t').toString().slice(0, 14)).toBe('Hola, mundo.xx');
    autosave.destroy();
  });
});
