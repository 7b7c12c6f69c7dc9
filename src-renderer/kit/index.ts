export { Field, FileField, Toggle } from './Field.js';
export { FormError } from './FormError.js';
export { FormActions } from './FormActions.js';
export { DataTable, Badge, RowLink, type Column } from './DataTable.js';
export { useForm, type Form } from './useForm.js';
export { checkArgs, sentence, type Problems, type CheckOptions } from './validate.js';
export { ReasonForm } from './ReasonForm.js';
