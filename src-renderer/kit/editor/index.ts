export { YjsEditor } from './YjsEditor.js';
export { Autosave, type SaveState } from './autosave.js';
export { useYjsDoc, MergeNotice, SaveStatus, ToolButton, type LiveDraft, type Saving } from './useYjsDoc.js';
export { EditorFrame } from './EditorFrame.js';
