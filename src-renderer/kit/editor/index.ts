export { YjsEditor } from './YjsEditor.js';
export { Autosave, type SaveState } from './autosave.js';
export { useYjsDoc, SaveStatus, ToolButton, type Saving } from './useYjsDoc.js';
