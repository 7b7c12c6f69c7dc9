import type { ReactNode, SelectHTMLAttributes } from 'react';
import { Field } from './Field.js';

export interface Choice {
  value: string;
  label: ReactNode;
}

type SelectFieldProps = {
  label: ReactNode;
  options: readonly Choice[];
  /** The text of a first option whose value is '' ("Todas", "Elija a la persona…"). */
  empty?: string;
  error?: string | undefined;
  inline?: boolean;
} & SelectHTMLAttributes<HTMLSelectElement>;

/** A <Field> whose control is a select over `options`; the option's text is what a user picks by. */
export function SelectField({ label, options, empty, error, inline, ...select }: SelectFieldProps) {
  return (
    <Field label={label} error={error} inline={inline}>
      <select {...select}>
        {empty !== undefined && <option value="">{empty}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** Choices from an enum's values and their Spanish labels (a record or a function). */
export function choices<T extends string>(values: readonly T[], label: Record<T, ReactNode> | ((value: T) => ReactNode)): Choice[] {
  return values.map((value) => ({ value, label: typeof label === 'function' ? label(value) : label[value] }));
}
