import { cloneElement, useId, type ChangeEvent, type InputHTMLAttributes, type ReactElement, type ReactNode } from 'react';

interface ControlA11y {
  id?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

type FieldProps = {
  label: ReactNode;
  /** Shown beside the control and tied to it, so a screen reader reads it with the field. */
  error?: string | undefined;
  /** A select, a file input or any control of its own; without it the field is an <input>. */
  children?: ReactElement<ControlA11y>;
  /** Label and control on one line (a filter above a list). */
  inline?: boolean;
} & InputHTMLAttributes<HTMLInputElement>;

/** A label, its control and the control's own error. The label alone names the control. */
export function Field({ label, error, children, inline, ...input }: FieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const a11y: ControlA11y = { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? errorId : undefined };
  return (
    <div className={inline ? 'field-inline' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children ? cloneElement(children, a11y) : <input {...input} {...a11y} />}
      {error && (
        <span id={errorId} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

/** A multi-line text field; takes `form.field(name)` like `Field`. */
export function TextAreaField({ label, rows = 3, value, onChange, error }: { label: string; rows?: number; value: string; onChange: (e: ChangeEvent<HTMLTextAreaElement>) => void; error?: string | undefined }) {
  return (
    <Field label={label} error={error}>
      <textarea rows={rows} value={value} onChange={onChange} />
    </Field>
  );
}

/** A file input; `onFile` receives the chosen file, or null when the choice is cleared. */
export function FileField({ label, accept, error, onFile }: { label: string; accept: string; error?: string | undefined; onFile: (file: File | null) => void }) {
  return <Field label={label} type="file" accept={accept} error={error} onChange={(e) => onFile(e.target.files?.[0] ?? null)} />;
}

/** A checkbox with its sentence beside it; the whole line is the touch target. */
export function Toggle({ label, checked, onChange }: { label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label className="toggle">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>{label}</span>
    </label>
  );
}
