import type { z } from 'zod';
import { contract, type ArgsOf, type CallName, type ParsedArgsOf } from '../../src-shared/contract/index.js';

/** Per-field messages (keyed by the form's own field names) and one message for the whole form. */
export interface Problems {
  fields: Record<string, string>;
  form: string;
}

export interface CheckOptions {
  /** Which form field shows a problem with an argument, when the names differ (`signerRole` → `role`). */
  fields?: Record<string, string>;
  /** A better message for an argument than its schema's, e.g. "Elija la firma autorizada." for an empty id. */
  messages?: Record<string, string>;
  /** Arguments whose problems the form already shows its own way (files not chosen yet). */
  skip?: string[];
}

/** A call's arguments as a form holds them: any may still be missing or wrong. */
export type Draft<K extends CallName> = { [P in keyof ArgsOf<K>]?: unknown };

export type Checked<K extends CallName> = { ok: true; value: ParsedArgsOf<K> } | { ok: false; problems: Problems };

/**
 * Checks a call's arguments with the contract's own schema, before anything is sent. Each problem
 * goes beside the field it belongs to; what belongs to no field goes to the form. Messages are the
 * schema's Spanish ones, or a plain sentence: never an argument's internal name.
 */
export function checkArgs<K extends CallName>(name: K, args: Draft<K>, options: CheckOptions = {}): Checked<K> {
  const schema: z.ZodType = contract[name].args;
  const result = schema.safeParse(args);
  if (result.success) return { ok: true, value: result.data as ParsedArgsOf<K> };
  const problems: Problems = { fields: {}, form: '' };
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? '');
    if (options.skip?.includes(key)) continue;
    const message = sentence(options.messages?.[key] ?? messageFor(issue));
    const field = key in args ? (options.fields?.[key] ?? key) : '';
    if (field && !problems.fields[field]) problems.fields[field] = message;
    else if (!field && !problems.form) problems.form = message;
  }
  return { ok: false, problems };
}

/** zod's own messages are English and technical; the contract's own are Spanish and kept. */
function messageFor(issue: z.core.$ZodIssue): string {
  if (!/^(invalid|too (big|small)|expected|unrecognized|required)/i.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'string' && Number(issue.minimum) <= 1 ? 'Este dato es obligatorio' : 'Este dato es demasiado corto';
    case 'too_big':
      return 'Este dato es demasiado largo';
    case 'invalid_value':
    case 'invalid_union':
      return 'Elija una de las opciones';
    case 'invalid_type':
      // zod leaves the input out of issues; its English message still says what it received.
      return /received undefined/.test(issue.message) ? 'Este dato es obligatorio' : 'Este dato no es válido';
    default:
      return 'Este dato no tiene el formato esperado';
  }
}

/** One sentence, one final period: schema messages that already end in "." do not get a second. */
export function sentence(text: string): string {
  const trimmed = text.trim().replace(/\.+$/, '');
  return /[!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
