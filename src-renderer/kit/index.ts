export { Field, FileField, Toggle } from './Field.js';
export { SelectField, choices, type Choice } from './SelectField.js';
export { CommissionSelect, PersonSelect, NewSecretFields } from './pickers.js';
export { FormError, Saved } from './FormError.js';
export { FormActions } from './FormActions.js';
export { DataTable, Badge, RowLink, type Column } from './DataTable.js';
export { useForm, type Form } from './useForm.js';
export { checkArgs, sentence, type Problems, type CheckOptions } from './validate.js';
