import { getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { prosemirrorJSONToYDoc, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { docFromBlocks, FRAGMENT, plainText, readBlocks } from '../../src-main/services/drafts/rich-text.js';

const schema = getSchema([StarterKit]);

describe('the acta body and the editor', () => {
  it('opens a body drafted by the service in the editor’s schema, and reads back one written by the editor', () => {
    const drafted = docFromBlocks([
      { kind: 'heading', level: 1, runs: [{ text: 'ACTA DE LA SESIÓN ORDINARIA IEM-CMI-SEORD-05/2023' }] },
      { kind: 'paragraph', runs: [{ text: 'Se aprobó ' }, { text: 'por unanimidad', bold: true }, { text: '.' }] },
      { kind: 'item', ordered: false, number: 1, runs: [{ text: '2.1 PROYECTO DE LINEAMIENTOS PARA EL USO ADECUADO DE LAS TICS' }] },
    ]);
    const root = yXmlFragmentToProseMirrorRootNode(drafted.getXmlFragment(FRAGMENT), schema);
    root.check();
    expect(root.content.content.map((n) => n.type.name)).toEqual(['heading', 'paragraph', 'bulletList']);
    expect(root.child(0).attrs.level).toBe(1);
    expect(root.child(1).child(1).marks.map((m) => m.type.name)).toEqual(['bold']);
    expect(root.textContent).toContain('2.1 PROYECTO DE LINEAMIENTOS');

    // What the editor stores (y-prosemirror's own mapping) reads back as the PDF needs it.
    const fromEditor = prosemirrorJSONToYDoc(schema, root.toJSON(), FRAGMENT) as Y.Doc;
    const blocks = readBlocks(fromEditor);
    expect(blocks.map((b) => [b.kind, plainText(b.runs)])).toEqual([
      ['heading', 'ACTA DE LA SESIÓN ORDINARIA IEM-CMI-SEORD-05/2023'],
      ['paragraph', 'Se aprobó por unanimidad.'],
      ['item', '2.1 PROYECTO DE LINEAMIENTOS PARA EL USO ADECUADO DE LAS TICS'],
    ]);
    expect(blocks[1]!.runs.find((r) => r.text === 'por unanimidad')?.bold).toBe(true);
  });
});
