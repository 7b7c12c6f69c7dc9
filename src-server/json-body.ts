/**
 * The JSON body parser: plain JSON.parse, then an iterative walk that refuses nesting deeper than
 * any real record needs (a deeply nested body would otherwise overflow the stack in schema
 * validation and answer 500) and `__proto__` keys (prototype pollution).
 */
import { ServerError } from './errors.js';

export const MAX_JSON_DEPTH = 32;

export function parseJsonBody(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ServerError(400, 'BAD_REQUEST', 'El cuerpo no es JSON válido.');
  }
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) throw new ServerError(400, 'BAD_REQUEST', `El contenido está anidado a más de ${MAX_JSON_DEPTH} niveles.`);
    if (Array.isArray(v)) for (const item of v) stack.push([item, depth + 1]);
    else {
      for (const [k, item] of Object.entries(v)) {
        if (k === '__proto__') throw new ServerError(400, 'BAD_REQUEST', 'Nombre de campo no permitido: __proto__.');
        stack.push([item, depth + 1]);
      }
    }
  }
  return value;
}
