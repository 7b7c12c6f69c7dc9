import type { ReactNode } from 'react';
import type { ArgsOf, CallName, ResultOf } from '../../src-shared/contract/index.js';
import { useClient } from '../app/client-context.js';
import { Field } from './Field.js';
import { FormActions } from './FormActions.js';
import { FormError } from './FormError.js';
import { useForm } from './useForm.js';
import type { Draft } from './validate.js';

interface Props<K extends CallName> {
  title: string;
  /** What happens and what cannot be undone, read before the reason is typed. */
  children?: ReactNode;
  label?: string;
  submit: string;
  busyLabel: string;
  /** The call to make and its arguments with the reason typed (checked with the contract first). */
  call: K;
  args: (reason: string) => Draft<K>;
  onDone: (result: ResultOf<K>) => void;
  onCancel: () => void;
}

/**
 * An action an administrator or the secretary confirms by giving a reason that goes to the audit
 * log: unlocking a signature or an account, deleting a draft.
 */
export function ReasonForm<K extends CallName>({ title, children, label = 'Motivo', submit, busyLabel, call: name, args, onDone, onCancel }: Props<K>) {
  const call = useClient();
  const form = useForm({ reason: '' });
  const send = form.submit(async () => {
    const checked = form.check(name, args(form.values.reason));
    if (!checked) return;
    onDone(await call(name, checked as ArgsOf<K>));
  });
  return (
    <form className="card" onSubmit={send}>
      <h2>{title}</h2>
      {children}
      <Field label={label} {...form.field('reason')} />
      <FormError error={form.error} />
      <FormActions submit={submit} busy={form.busy} busyLabel={busyLabel} onCancel={onCancel} />
    </form>
  );
}
