export { YjsEditor } from './YjsEditor.js';
export { Autosave, type SaveState } from './autosave.js';
