import Collaboration from '@tiptap/extension-collaboration';
import { useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect } from 'react';
import { EditorFrame } from './EditorFrame.js';
import { ToolButton, useYjsDoc } from './useYjsDoc.js';

interface Props {
  /** The stored document as one Yjs update (base64). */
  initial: string;
  /** Stores one Yjs update (base64): the edits since the last save. */
  save: (update: string) => Promise<void>;
  readOnly?: boolean;
  label: string;
  /** The draft being edited: what sync merges into it reaches the open text, and is announced. */
  draftId?: string;
  /** Filled with a function that stores what is typed so far; it rejects when that fails. */
  saveNowRef?: { current: (() => Promise<void>) | null };
}

/**
 * A rich-text editor over a Yjs document (TipTap + its Yjs binding), autosaving small updates.
 * Reusable for any body kept in drafts: actas now, lineamientos later.
 */
export function YjsEditor({ initial, save, readOnly = false, label, draftId, saveNowRef }: Props) {
  const { doc, saving, saveNow, merged } = useYjsDoc(initial, save, undefined, { draftId });
  useEffect(() => {
    if (!saveNowRef) return;
    saveNowRef.current = saveNow;
    return () => {
      saveNowRef.current = null;
    };
  }, [saveNow, saveNowRef]);

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
    <EditorFrame
      editor={editor}
      toolbarLabel="Formato"
      saving={saving}
      merged={merged}
      tools={
        readOnly
          ? null
          : tools.map((t) => (
              <ToolButton key={t.label} pressed={t.active} onClick={t.run}>
                {t.label}
              </ToolButton>
            ))
      }
    />
  );
}
