import Collaboration from '@tiptap/extension-collaboration';
import type { Editor } from '@tiptap/core';
import { useEditor, useEditorState } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useRef } from 'react';
import type * as Y from 'yjs';
import { numberBlocks, blockText, articleNumbers } from '../../../src-shared/guidelines/structure.js';
import { mergeBody } from '../../../src-shared/guidelines/merge.js';
import { collapseDuplicateArticles, moveArticleInDoc } from '../../../src-shared/guidelines/move.js';
import { EditorFrame, ToolButton, useYjsDoc } from '../../kit/editor/index.js';
import { blocksOf, guidelineNodes, KIND_NODE, newUid, topBlocks } from './schema.js';

// Guidelines are reviewed while they are written: their edits reach the store sooner than an acta's.
const TIMING = { delayMs: 800, minIntervalMs: 1500 };

/** Where the cursor is: the article it sits in and the selected text, for comments. */
export interface Focus {
  articleUid: string | null;
  articleLabel: string | null;
  quote: string;
}

interface Props {
  /** The body's draft: edits merged into it by sync reach the open editor. */
  draftId: string;
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

/** The start of a block's text for the outline and the picker, cut at a word and marked as cut. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

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
// Collaboration binds the editor to Yjs's default fragment.
const collapse = (doc: Y.Doc) => {
  collapseDuplicateArticles(doc.getXmlFragment('default'));
};

/**
 * A merge into the open body: what this editor typed after the state the store had merged
 * (`seen`), and that the merge voided (e.g. typed inside an article another laptop moved), is
 * carried into the live copy here; the store repaired what it already held.
 */
const mergeOpen = (doc: Y.Doc, apply: () => void, seen: Map<number, number> | null) => {
  if (!seen) return apply();
  mergeBody(doc, apply, (client, clock) => client === doc.clientID && clock >= (seen.get(client) ?? 0));
};

export function GuidelineEditor({ draftId, initial, save, readOnly, onFocus, onReady }: Props) {
  const { doc, saving, merged } = useYjsDoc(initial, save, TIMING, { draftId, normalize: readOnly ? undefined : collapse, merge: readOnly ? undefined : mergeOpen });
  const onFocusRef = useRef(onFocus);
  onFocusRef.current = onFocus;
  const editor = useEditor(
    {
      editable: !readOnly,
      extensions: [StarterKit.configure({ undoRedo: false, trailingNode: false, heading: false, blockquote: false, codeBlock: false, code: false, horizontalRule: false }), ...guidelineNodes, Collaboration.configure({ document: doc })],
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
                {o.text ? ` ${clip(o.text, 48)}` : ''}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <EditorFrame
        editor={editor}
        toolbarLabel="Estructura y formato"
        saving={saving}
        merged={merged}
        tools={
          readOnly ? null : (
            <>
              {BLOCK_BUTTONS.map(([kind, label]) => (
                <ToolButton key={kind} onClick={() => setBlock(kind)}>
                  {label}
                </ToolButton>
              ))}
              <span className="gl-sep" aria-hidden="true" />
              <ToolButton pressed={ui?.bold ?? false} onClick={() => editor?.chain().focus().toggleBold().run()}>
                Negritas
              </ToolButton>
              <ToolButton pressed={ui?.italic ?? false} onClick={() => editor?.chain().focus().toggleItalic().run()}>
                Cursivas
              </ToolButton>
              <ToolButton pressed={ui?.list ?? false} onClick={() => editor?.chain().focus().toggleBulletList().run()}>
                Lista
              </ToolButton>
              <span className="gl-sep" aria-hidden="true" />
              <ToolButton disabled={!ui?.article.uid} onClick={() => move(-1)}>
                Subir artículo
              </ToolButton>
              <ToolButton disabled={!ui?.article.uid} onClick={() => move(1)}>
                Bajar artículo
              </ToolButton>
              <label className="gl-ref-picker">
                <span>Remitir a</span>
                <select aria-label="Remitir a un artículo" value="" onChange={(e) => insertRef(e.target.value)}>
                  <option value="">artículo…</option>
                  {articles.map((a) => (
                    <option key={a.pos} value={a.uid}>
                      {a.label} {clip(a.text, 40)}
                    </option>
                  ))}
                </select>
              </label>
            </>
          )
        }
      />
    </div>
  );
}
