import type { Editor } from '@tiptap/core';
import { EditorContent } from '@tiptap/react';
import type { ReactNode } from 'react';
import { MergeNotice, SaveStatus, type Saving } from './useYjsDoc.js';

/**
 * What every Yjs editor shows around its text: the toolbar (none when read-only) ending with the
 * autosave state, the notice of edits merged by sync, and the text itself.
 */
export function EditorFrame({ editor, tools, toolbarLabel, saving, merged }: { editor: Editor | null; tools: ReactNode | null; toolbarLabel: string; saving: Saving; merged: string | null }) {
  return (
    <div className="editor">
      {tools && (
        <div className="editor-toolbar" role="toolbar" aria-label={toolbarLabel}>
          {tools}
          <SaveStatus saving={saving} />
        </div>
      )}
      <MergeNotice merged={merged} />
      <EditorContent editor={editor} />
    </div>
  );
}
