import Collaboration from '@tiptap/extension-collaboration';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useMemo, useRef, useState } from 'react';
import * as Y from 'yjs';
import { CallFailed } from '../../api/client.js';
import { Autosave, type SaveState } from './autosave.js';
import { fromBase64 } from './base64.js';

const STATE_LABEL: Record<SaveState, string> = {
  guardado: 'Guardado en este equipo',
  pendiente: 'Cambios sin guardar…',
  guardando: 'Guardando…',
  error: 'No se pudo guardar',
};

interface Props {
  /** The stored document as one Yjs update (base64). */
  initial: string;
  /** Stores one Yjs update (base64): the edits since the last save. */
  save: (update: string) => Promise<void>;
  readOnly?: boolean;
  label: string;
  /** Filled with a function that stores what is typed so far; it rejects when that fails. */
  saveNowRef?: { current: (() => Promise<void>) | null };
}

/**
 * A rich-text editor over a Yjs document (TipTap + its Yjs binding), autosaving small updates.
 * Reusable for any body kept in drafts: actas now, lineamientos later.
 */
export function YjsEditor({ initial, save, readOnly = false, label, saveNowRef }: Props) {
  const doc = useMemo(() => {
    const d = new Y.Doc();
    Y.applyUpdate(d, fromBase64(initial), 'remote');
    return d;
  }, [initial]);
  const [state, setState] = useState<{ state: SaveState; error: string }>({ state: 'guardado', error: '' });
  const saveRef = useRef(save);
  saveRef.current = save;
  const autosave = useMemo(() => new Autosave(doc, (u) => saveRef.current(u), (s, error) => setState({ state: s, error })), [doc]);
  useEffect(
    () => () => {
      void autosave.flush().finally(() => autosave.destroy());
    },
    [autosave],
  );
  useEffect(() => {
    if (!saveNowRef) return;
    saveNowRef.current = async () => {
      await autosave.flush();
      if (autosave.state === 'error') throw new CallFailed({ code: 'UNAVAILABLE', message: `No se guardó el último texto escrito: ${autosave.error}` });
    };
    return () => {
      saveNowRef.current = null;
    };
  }, [autosave, saveNowRef]);
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

  const editor = useEditor(
    {
      editable: !readOnly,
      extensions: [StarterKit.configure({ undoRedo: false }), Collaboration.configure({ document: doc })],
      editorProps: { attributes: { class: 'editor-body', 'aria-label': label, role: 'textbox', 'aria-multiline': 'true' } },
    },
    [doc, readOnly],
  );

  const tools: { label: string; run: () => void; active: boolean }[] = editor
    ? [
        { label: 'Negritas', run: () => editor.chain().focus().toggleBold().run(), active: editor.isActive('bold') },
        { label: 'Cursivas', run: () => editor.chain().focus().toggleItalic().run(), active: editor.isActive('italic') },
        { label: 'Título', run: () => editor.chain().focus().toggleHeading({ level: 2 }).run(), active: editor.isActive('heading') },
        { label: 'Lista', run: () => editor.chain().focus().toggleBulletList().run(), active: editor.isActive('bulletList') },
      ]
    : [];

  return (
    <div className="editor">
      {!readOnly && (
        <div className="editor-toolbar" role="toolbar" aria-label="Formato">
          {tools.map((t) => (
            <button key={t.label} type="button" className="button-ghost" aria-pressed={t.active} onMouseDown={(e) => e.preventDefault()} onClick={t.run}>
              {t.label}
            </button>
          ))}
          <span className={state.state === 'error' ? 'text-error' : 'muted'} role="status">
            {STATE_LABEL[state.state]}
            {state.error ? `: ${state.error}` : ''}
          </span>
        </div>
      )}
      <EditorContent editor={editor} />
    </div>
  );
}
