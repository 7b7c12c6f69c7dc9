// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient, type Transport } from '../../../src-renderer/api/client.js';
import { ClientContext } from '../../../src-renderer/app/client-context.js';
import { SignatureList } from '../../../src-renderer/features/signatures/SignatureList.js';

afterEach(cleanup);

const row = (id: string, personName: string, needsNewPin?: true) => ({
  id,
  personName,
  source: 'importacion',
  createdAt: '2026-01-01T00:00:00Z',
  strokeCount: 1,
  pointCount: 3,
  status: 'activa',
  useCount: 0,
  ...(needsNewPin ? { needsNewPin } : {}),
});

function renderList(list: unknown[]) {
  const transport: Transport = async (name) =>
    name === 'signatures.list' ? { ok: true, value: list } : { ok: false, error: { code: 'INVALID_ARGUMENT', message: 'Sin respuesta.' } };
  render(
    <ClientContext.Provider value={createClient(transport)}>
      <SignatureList />
    </ClientContext.Provider>,
  );
}

describe('Firmas: what the PIN protects', () => {
  it('says plainly what the PIN protects and what it does not', async () => {
    renderList([]);
    const notice = await screen.findByRole('complementary', { name: 'Qué protege el PIN de su firma' });
    expect(notice.textContent).toMatch(/Sin el PIN nadie puede descifrar los trazos de su firma.*frase de acceso o la llave de datos/);
    expect(notice.textContent).toMatch(/Tras 5 PIN incorrectos la firma se bloquea/);
    expect(notice.textContent).toMatch(/Qué no protege.*Quien conozca su PIN.*puede estampar su firma/);
    expect(notice.textContent).toMatch(/sin el límite de 5\s+intentos.*días/);
    expect(notice.textContent).toMatch(/no sustituye a su e\.firma/);
  });

  it('marks a signature stored before the PIN wrapped its key, and lets its owner only change the PIN', async () => {
    renderList([row('01HZZZZZZZZZZZZZZZZZZZZZZ1', 'CAROL'), row('01HZZZZZZZZZZZZZZZZZZZZZZ2', 'MARÍA', true)]);
    const maria = await screen.findByRole('row', { name: /MARÍA/ });
    const carol = screen.getByRole('row', { name: /CAROL/ });
    expect(maria.textContent).toMatch(/Requiere PIN nuevo de 6 dígitos/);
    expect(carol.textContent).not.toMatch(/Requiere PIN nuevo/);
    expect((within(maria).getByRole('button', { name: 'Usar en documento' }) as HTMLButtonElement).disabled).toBe(true);
    expect((within(maria).getByRole('button', { name: 'Cambiar PIN' }) as HTMLButtonElement).disabled).toBe(false);
    expect((within(carol).getByRole('button', { name: 'Usar en documento' }) as HTMLButtonElement).disabled).toBe(false);
  });
});
