import Collaboration from '@tiptap/extension-collaboration';
import type { Editor } from '@tiptap/core';
import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useMemo, useRef, useState } from 'react';
import * as Y from 'yjs';
import { numberBlocks, blockText, articleNumbers } from '../../../src-shared/guidelines/structure.js';
import { Autosave, type SaveState } from '../../kit/editor/index.js';
import { fromBase64 } from '../../kit/editor/base64.js';
import { moveArticleInDoc } from '../../../src-shared/guidelines/move.js';
import { blocksOf, guidelineNodes, KIND_NODE, newUid, topBlocks } from './schema.js';

const STATE_LABEL: Record<SaveState, string> = {
  guardado: 'Guardado en este equipo',
  pendiente: 'Cambios sin guardar…',
  guardando: 'Guardando…',
  error: 'No se pudo guardar',
};

/** Where the cursor is: the article it sits in and the selected text, for comments. */
export interface Focus {
  articleUid: string | null;
  articleLabel: string | null;
  quote: string;
}

interface Props {
  initial: string;
  save: (update: string) => Promise<void>;
  readOnly: boolean;
  onFocus: (focus: Focus) => void;
  /** Lets the page jump to an article from a comment. */
  onReady?: (jump: (uid: string) => void) => void;
}

const BLOCK_BUTTONS = [
  ['titulo', 'Título'],
  ['capitulo', 'Capítulo'],
  ['seccion', 'Sección'],
  ['articulo', 'Artículo'],
  ['fraccion', 'Fracción'],
  ['inciso', 'Inciso'],
  ['paragraph', 'Párrafo'],
] as const;

function articleAt(editor: Editor): { uid: string | null; label: string | null } {
  const tops = topBlocks(editor.state.doc);
  const labels = numberBlocks(tops);
  const from = editor.state.selection.from;
  let found: { uid: string | null; label: string | null } = { uid: null, label: null };
  tops.forEach((b, i) => {
    if (b.pos > from) return;
    if (b.kind === 'articulo') found = { uid: b.uid ?? null, label: labels[i]! };
    else if (b.kind === 'titulo' || b.kind === 'capitulo' || b.kind === 'seccion') found = { uid: null, label: null };
  });
  return found;
}

/**
 * The guideline's structured editor: TipTap over the Yjs body (the same binding as the acta),
 * blocks for each level numbered live, articles moved up and down with their fracciones,
 * cross-references picked from the articles, an outline to jump, and autosave of small Yjs
 * updates that works with the network off (the host is this machine).
 */
export function GuidelineEditor({ initial, save, readOnly, onFocus, onReady }: Props) {
  const doc = useMemo(() => {
    const d = new Y.Doc();
    Y.applyUpdate(d, fromBase64(initial), 'remote');
    return d;
  }, [initial]);
  const [saveState, setSaveState] = useState<{ state: SaveState; error: string }>({ state: 'guardado', error: '' });
  const saveRef = useRef(save);
  saveRef.current = save;
  const autosave = useMemo(() => new Autosave(doc, (u) => saveRef.current(u), (s, error) => setSaveState({ state: s, error }), 800, 1500), [doc]);
  useEffect(() => () => void autosave.flush().finally(() => autosave.destroy()), [autosave]);
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
  const onFocusRef = useRef(onFocus);
  onFocusRef.current = onFocus;
  const editor = useEditor(
    {
      editable: !readOnly,
      extensions: [StarterKit.configure({ undoRedo: false, heading: false, blockquote: false, codeBlock: false, code: false, horizontalRule: false }), ...guidelineNodes, Collaboration.configure({ document: doc })],
      editorProps: { attributes: { class: 'editor-body gl-body', 'aria-label': 'Texto del lineamiento', role: 'textbox', 'aria-multiline': 'true' } },
      onSelectionUpdate: ({ editor: e }) => {
        const at = articleAt(e);
        const { from, to } = e.state.selection;
        onFocusRef.current({ articleUid: at.uid, articleLabel: at.label, quote: e.state.doc.textBetween(from, to, ' ') });
      },
    },
    [doc, readOnly],
  );
  const ui = useEditorState({
    editor,
    selector: ({ editor: e }) => {
      if (!e) return null;
      const tops = topBlocks(e.state.doc);
      const labels = numberBlocks(tops);
      const blocks = blocksOf(e.state.doc);
      const numbers = articleNumbers(blocks);
      return {
        bold: e.isActive('bold'),
        italic: e.isActive('italic'),
        list: e.isActive('bulletList'),
        outline: tops
          .map((b, i) => ({ pos: b.pos, kind: b.kind, uid: b.uid, label: labels[i]!, text: blockText(blocks[i]!, numbers) }))
          .filter((o) => o.kind === 'titulo' || o.kind === 'capitulo' || o.kind === 'seccion' || o.kind === 'articulo'),
        article: articleAt(e),
      };
    },
  });

  const jump = (uid: string) => {
    if (!editor) return;
    const target = topBlocks(editor.state.doc).find((b) => b.uid === uid);
    if (!target) return;
    editor.chain().focus().setTextSelection(target.pos + 1).run();
    (editor.view.nodeDOM(target.pos) as HTMLElement | null)?.scrollIntoView({ block: 'center' });
  };
  useEffect(() => {
    if (editor) onReady?.(jump);
  });

  const setBlock = (kind: (typeof BLOCK_BUTTONS)[number][0]) => {
    if (!editor) return;
    const name = KIND_NODE[kind];
    editor.chain().focus().setNode(name, kind === 'paragraph' || kind === 'fraccion' || kind === 'inciso' ? {} : { uid: newUid() }).run();
  };

  /** Moves the article at the cursor one place in the Yjs body; the editor follows the change. */
  const move = (direction: -1 | 1) => {
    if (!editor || !ui?.article.uid) return;
    const uid = ui.article.uid;
    // Collaboration binds the editor to Yjs's default fragment.
    if (moveArticleInDoc(doc.getXmlFragment('default'), uid, direction)) jump(uid);
  };

  const insertRef = (target: string) => {
    if (!editor || !target) return;
    editor.chain().focus().insertContent({ type: 'glRef', attrs: { target } }).run();
  };

  const articles = ui?.outline.filter((o) => o.kind === 'articulo') ?? [];
  return (
    <div className="gl-editor">
      <nav className="gl-outline card" aria-label="Índice del lineamiento">
        <h3>Índice</h3>
        <ol>
          {ui?.outline.map((o) => (
            <li key={`${o.pos}`} className={`gl-outline-${o.kind}`}>
              <button type="button" className="link-button" onClick={() => o.uid && jump(o.uid)}>
                {o.label}
                {o.text ? ` ${o.text.slice(0, 48)}` : ''}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <div className="editor">
        {!readOnly && (
          <div className="editor-toolbar" role="toolbar" aria-label="Estructura y formato">
            {BLOCK_BUTTONS.map(([kind, label]) => (
              <button key={kind} type="button" className="button-ghost" onMouseDown={(e) => e.preventDefault()} onClick={() => setBlock(kind)}>
                {label}
              </button>
            ))}
            <span className="gl-sep" aria-hidden="true" />
            <button type="button" className="button-ghost" aria-pressed={ui?.bold ?? false} onMouseDown={(e) => e.preventDefault()} onClick={() => editor?.chain().focus().toggleBold().run()}>
              Negritas
            </button>
            <button type="button" className="button-ghost" aria-pressed={ui?.italic ?? false} onMouseDown={(e) => e.preventDefault()} onClick={() => editor?.chain().focus().toggleItalic().run()}>
              Cursivas
            </button>
            <button type="button" className="button-ghost" aria-pressed={ui?.list ?? false} onMouseDown={(e) => e.preventDefault()} onClick={() => editor?.chain().focus().toggleBulletList().run()}>
              Lista
            </button>
            <span className="gl-sep" aria-hidden="true" />
            <button type="button" className="button-ghost" disabled={!ui?.article.uid} onMouseDown={(e) => e.preventDefault()} onClick={() => move(-1)}>
              Subir artículo
            </button>
            <button type="button" className="button-ghost" disabled={!ui?.article.uid} onMouseDown={(e) => e.preventDefault()} onClick={() => move(1)}>
              Bajar artículo
            </button>
            <label className="gl-ref-picker">
              <span>Remitir a</span>
              <select aria-label="Remitir a un artículo" value="" onChange={(e) => insertRef(e.target.value)}>
                <option value="">artículo…</option>
                {articles.map((a) => (
                  <option key={a.uid} value={a.uid}>
                    {a.label} {a.text.slice(0, 40)}
                  </option>
                ))}
              </select>
            </label>
            <span className={saveState.state === 'error' ? 'text-error' : 'muted'} role="status">
              {STATE_LABEL[saveState.state]}
              {saveState.error ? `: ${saveState.error}` : ''}
            </span>
          </div>
        )}
        <EditorContent editor={editor} />
      </div>
    </div>
  );
}
