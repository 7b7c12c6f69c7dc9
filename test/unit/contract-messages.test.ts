import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { describeIssues } from '../../src-shared/contract/parse.js';

const failure = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  if (r.success) throw new Error('expected a failure');
  return describeIssues(r.error);
};

describe('bad-argument messages', () => {
  it('end a Spanish sentence with one period, whether or not the schema message has one', () => {
    const offices = z.object({ offices: z.array(z.string()).min(1, 'Indique al menos una oficina.') });
    expect(failure(offices, { offices: [] })).toBe('Datos inválidos (campo «offices»): Indique al menos una oficina.');
    const name = z.object({ name: z.string().min(1, 'Escriba el nombre de la ronda.'), due: z.string().min(1, 'Indique la fecha límite') });
    expect(failure(name, { name: '', due: '' })).toBe('Datos inválidos (campo «name»): Escriba el nombre de la ronda y 1 problema(s) más.');
    expect(failure(z.object({ due: z.string().min(1, 'Indique la fecha límite') }), { due: '' })).toBe('Datos inválidos (campo «due»): Indique la fecha límite.');
  });
});
