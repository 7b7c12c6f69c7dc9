import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract, type CallName } from '../../../src-shared/contract/index.js';
import { checkArgs, sentence } from '../../../src-renderer/kit/validate.js';

/** Every argument name of a call, as the contract declares it. */
function keysOf(name: CallName): string[] {
  const schema = contract[name].args as z.ZodType;
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

// Argument names that are also the word on the screen ("Folio").
const SPANISH_WORDS = new Set(['folio']);

// Drafts a careless user could submit: nothing, blanks everywhere, junk everywhere.
const drafts = (keys: string[]) => [
  {},
  Object.fromEntries(keys.map((k) => [k, ''])),
  Object.fromEntries(keys.map((k) => [k, '   '])),
  Object.fromEntries(keys.map((k) => [k, 'x'.repeat(300)])),
  Object.fromEntries(keys.map((k) => [k, 12])),
];

describe('form messages from the contract’s schemas', () => {
  const names = Object.keys(contract) as CallName[];

  it('never name an internal argument, never end in "..", and are Spanish sentences', () => {
    let seen = 0;
    for (const name of names) {
      const keys = keysOf(name);
      for (const draft of drafts(keys)) {
        const result = checkArgs(name, draft);
        if (result.ok) continue;
        const messages = [...Object.values(result.problems.fields), result.problems.form].filter(Boolean);
        expect(messages.length, `${name} should say what is wrong`).toBeGreaterThan(0);
        for (const m of messages) {
          seen++;
          expect(m, name).not.toMatch(/\.\.$/);
          expect(m, name).toMatch(/[.…!?]$/);
          expect(m, name).not.toMatch(/«|campo|invalid|expected|too (big|small)|received/i);
          for (const key of keys.filter((k) => !SPANISH_WORDS.has(k))) expect(m, `${name}: ${m}`).not.toMatch(new RegExp(`\\b${key}\\b`));
        }
      }
    }
    expect(seen).toBeGreaterThan(50);
  });

  it('puts each problem beside its own field, renamed where the form names it differently', () => {
    const result = checkArgs(
      'documents.acknowledge',
      { signatureId: '01HZZZZZZZZZZZZZZZZZZZZZZ1', pin: '', folio: 'A B', name: '', signerRole: '' },
      { fields: { signerRole: 'role' } },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.fields).toEqual({
      folio: 'El folio solo admite letras, números, guion y guion bajo (hasta 64).',
      name: 'Indique el nombre de la persona solicitante.',
      role: 'Indique el cargo de quien firma.',
    });
    expect(result.problems.form).toBe('');
  });

  it('uses a better message where the form gives one, and skips what the form reports itself', () => {
    const result = checkArgs(
      'batch.start',
      { signatureId: '', pin: '', signerRole: 'Secretaría Técnica', csv: undefined },
      { messages: { signatureId: 'Elija la firma autorizada.' }, skip: ['csv'] },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.fields).toEqual({ signatureId: 'Elija la firma autorizada.' });
  });

  it('returns the parsed arguments (trimmed) when they are valid', () => {
    const proof = { kind: 'pin', signatureId: '01HZZZZZZZZZZZZZZZZZZZZZZ3', pin: '1234' } as const;
    const result = checkArgs('documents.refuse', { id: '01HZZZZZZZZZZZZZZZZZZZZZZ1', memberId: '01HZZZZZZZZZZZZZZZZZZZZZZ2', reason: '  Sin quórum  ', proof, confirm: true });
    expect(result).toEqual({ ok: true, value: { id: '01HZZZZZZZZZZZZZZZZZZZZZZ1', memberId: '01HZZZZZZZZZZZZZZZZZZZZZZ2', reason: 'Sin quórum', proof, confirm: true } });
  });

  it('ends every message with exactly one period', () => {
    expect(sentence('Indique el motivo.')).toBe('Indique el motivo.');
    expect(sentence('Indique el motivo..')).toBe('Indique el motivo.');
    expect(sentence('Fecha inexistente')).toBe('Fecha inexistente.');
    expect(sentence('(hasta 64)')).toBe('(hasta 64).');
    expect(sentence('Generando…')).toBe('Generando…');
  });
});

describe('zod’s own English messages, in Spanish', () => {
  it('tells a missing value from a wrong one', () => {
    const missing = checkArgs('certificates.import', { credentials: { kind: 'p12', p12: 'AAAA' }, password: 'x', keepKey: undefined });
    const wrong = checkArgs('certificates.import', { credentials: { kind: 'p12', p12: 'AAAA' }, password: 'x', keepKey: 'sí' });
    expect(missing.ok || missing.problems.fields).toEqual({ keepKey: 'Este dato es obligatorio.' });
    expect(wrong.ok || wrong.problems.fields).toEqual({ keepKey: 'Este dato no es válido.' });
  });
});
