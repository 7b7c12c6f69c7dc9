import type { z } from 'zod';
import { AppError } from './errors.js';

/** Turns a zod failure into one Spanish sentence naming the field. */
export function describeIssues(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return 'Datos inválidos.';
  const where = first.path.length ? ` (campo «${first.path.join('.')}»)` : '';
  // Our schemas carry Spanish messages; zod's own defaults are English and get translated.
  const msg = /^(invalid|too (big|small)|expected|unrecognized|required)/i.test(first.message)
    ? spanishFor(first)
    : first.message;
  const rest = error.issues.length > 1 ? ` y ${error.issues.length - 1} problema(s) más` : '';
  // Our messages are sentences ending in a period; the one this sentence ends with is enough.
  return `Datos inválidos${where}: ${msg.replace(/\.$/, '')}${rest}.`;
}

function spanishFor(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `se esperaba ${typeName(String(issue.expected))}`;
    case 'unrecognized_keys':
      return `campo no reconocido ${issue.keys.map((k) => `«${k}»`).join(', ')}`;
    case 'too_small':
      return `valor demasiado pequeño (mínimo ${String(issue.minimum)})`;
    case 'too_big':
      return `valor demasiado grande (máximo ${String(issue.maximum)})`;
    case 'invalid_value':
      return `valor no permitido; opciones: ${issue.values.map(String).join(', ')}`;
    case 'invalid_format':
      return 'formato inválido';
    default:
      return 'valor inválido';
  }
}

function typeName(t: string): string {
  return (
    { string: 'un texto', number: 'un número', object: 'un objeto', array: 'una lista', boolean: 'sí o no' }[t] ??
    t
  );
}

export function parseArgs<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw new AppError('INVALID_ARGUMENT', describeIssues(result.error));
  return result.data;
}
