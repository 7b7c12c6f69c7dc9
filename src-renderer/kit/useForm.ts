import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { messageOf } from '../api/client.js';
import type { CallName, ParsedArgsOf } from '../../src-shared/contract/index.js';
import { checkArgs, type CheckOptions, type Draft, type Problems } from './validate.js';

const NONE: Problems = { fields: {}, form: '' };

/**
 * A form's text values, its problems (one per field, one for the whole form) and its busy state.
 * `field(name)` gives what a <Field> needs; `submit(work)` gives the <form>'s onSubmit.
 */
export function useForm<V extends Record<string, string>>(initial: V) {
  const [values, setValues] = useState<V>(initial);
  const [problems, setProblems] = useState<Problems>(NONE);
  const [busy, setBusy] = useState(false);
  // A ref, not the state: a double tap submits before React re-renders the disabled button.
  const running = useRef(false);
  const formEl = useRef<HTMLFormElement | null>(null);

  // Keyboard and screen-reader users land on the first field to fix, which reads its own error.
  useEffect(() => {
    if (Object.keys(problems.fields).length > 0) formEl.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [problems]);

  const set = (name: keyof V & string, value: string) => setValues((v) => ({ ...v, [name]: value }));

  const field = (name: keyof V & string) => ({
    value: values[name] as string,
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => set(name, e.target.value),
    error: problems.fields[name],
  });

  /** The call's arguments checked with the contract's schema; null (and the problems shown) if they fail. */
  function check<K extends CallName>(name: K, args: Draft<K>, options?: CheckOptions): ParsedArgsOf<K> | null {
    const result = checkArgs(name, args, options);
    if (result.ok) return result.value;
    // A problem with an argument the form shows no field for (a drawn signature) is the form's.
    const shown = new Set([...Object.keys(values), ...Object.values(options?.fields ?? {})]);
    const fields: Record<string, string> = {};
    let form = result.problems.form;
    for (const [key, message] of Object.entries(result.problems.fields)) {
      if (shown.has(key)) fields[key] = message;
      else form ||= message;
    }
    setProblems({ fields, form });
    return null;
  }

  /** A problem found by the form itself (two PINs that differ); `field` '' means the whole form. */
  const fail = (fieldName: string, message: string) =>
    setProblems(fieldName ? { fields: { [fieldName]: message }, form: '' } : { fields: {}, form: message });

  /** Runs `work` once at a time; a refused call's Spanish message becomes the form's error. */
  const run = async (work: () => Promise<unknown> | void) => {
    if (running.current) return;
    running.current = true;
    setProblems(NONE);
    setBusy(true);
    try {
      await work();
    } catch (e) {
      setProblems({ fields: {}, form: messageOf(e) });
    } finally {
      running.current = false;
      setBusy(false);
    }
  };

  const submit = (work: () => Promise<unknown> | void) => (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    formEl.current = e.currentTarget;
    void run(work);
  };

  return { values, set, field, check, fail, submit, busy, error: problems.form, errors: problems.fields };
}

export type Form<V extends Record<string, string>> = ReturnType<typeof useForm<V>>;
