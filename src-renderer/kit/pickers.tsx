import type { ComponentProps } from 'react';
import type { PersonView } from '../../src-shared/contract/index.js';
import type { Commission } from '../../src-shared/domain/index.js';
import { Field } from './Field.js';
import { SelectField } from './SelectField.js';

type PickerProps = Omit<ComponentProps<typeof SelectField>, 'options' | 'label'> & { label?: string };

/** A commission by "CMI — Comisión de …", or by its acronym alone where the row is narrow. */
export function CommissionSelect({ commissions, short, label = 'Comisión', ...rest }: PickerProps & { commissions: readonly Pick<Commission, 'id' | 'acronym' | 'name'>[]; short?: boolean }) {
  const options = commissions.map((c) => ({ value: c.id, label: short ? c.acronym : `${c.acronym} — ${c.name}` }));
  return <SelectField label={label} options={options} {...rest} />;
}

/** A person by title and name as printed. */
export function PersonSelect({ people, label = 'Persona', ...rest }: PickerProps & { people: readonly Pick<PersonView, 'id' | 'title' | 'name'>[] }) {
  const options = people.map((p) => ({ value: p.id, label: `${p.title} ${p.name}`.trim() }));
  return <SelectField label={label} options={options} {...rest} />;
}

type Bound = { value: string; onChange: ComponentProps<'input'>['onChange']; error?: string | undefined };

/** A new password or PIN and its repetition: both hidden, both "new-password" for the password manager. */
export function NewSecretFields({ label, repeatLabel, secret, repeat, numeric }: { label: string; repeatLabel: string; secret: Bound; repeat: Bound; numeric?: boolean }) {
  const common = { type: 'password', autoComplete: 'new-password', ...(numeric ? { inputMode: 'numeric' as const } : {}) };
  return (
    <>
      <Field label={label} {...common} {...secret} />
      <Field label={repeatLabel} {...common} {...repeat} />
    </>
  );
}
