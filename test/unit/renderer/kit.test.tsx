// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient, type Transport } from '../../../src-renderer/api/client.js';
import { ClientContext } from '../../../src-renderer/app/client-context.js';
import { useUi } from '../../../src-renderer/app/ui-store.js';
import { DocumentsPage } from '../../../src-renderer/features/documents/DocumentsPage.js';
import { ChangePin } from '../../../src-renderer/features/signatures/ChangePin.js';
import { SignatureList } from '../../../src-renderer/features/signatures/SignatureList.js';
import { UseSignature } from '../../../src-renderer/features/signatures/UseSignature.js';
import { DataTable } from '../../../src-renderer/kit/index.js';
import type { CallName } from '../../../src-shared/contract/index.js';

const ID = '01HZZZZZZZZZZZZZZZZZZZZZZ1';
type Reply = { ok: true; value: unknown } | { ok: false; error: { code: 'INVALID_ARGUMENT' | 'UNAUTHORIZED'; message: string } };

/** A transport that records calls and answers from a table; `hold` keeps answers back until released. */
function fake(replies: Partial<Record<CallName, Reply>>) {
  const calls: [string, unknown][] = [];
  let release: () => void = () => {};
  let held: Promise<void> | null = null;
  const transport: Transport = async (name, args) => {
    calls.push([name, args]);
    if (held) await held;
    return replies[name] ?? { ok: false, error: { code: 'INVALID_ARGUMENT', message: 'Sin respuesta.' } };
  };
  return {
    transport,
    calls,
    hold() {
      held = new Promise((r) => (release = r));
    },
    release: () => release(),
  };
}

function renderWith(transport: Transport, ui: React.ReactElement) {
  return render(<ClientContext.Provider value={createClient(transport)}>{ui}</ClientContext.Provider>);
}

/** The text of the element that describes a control (its error), if any. */
function descriptionOf(el: HTMLElement): string {
  const ids = el.getAttribute('aria-describedby');
  return ids ? ids.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ') : '';
}

afterEach(() => {
  cleanup();
  useUi.setState({ notice: null });
});

describe('forms built with the kit', () => {
  it('shows each problem beside its own field and sends nothing until the PINs are right', async () => {
    const f = fake({ 'signatures.changePin': { ok: true, value: {} } });
    renderWith(f.transport, <ChangePin target={{ id: ID, personName: 'CAROL' }} onClose={() => {}} />);
    fireEvent.change(screen.getByLabelText('PIN actual'), { target: { value: '202323' } });
    fireEvent.change(screen.getByLabelText('PIN nuevo (6 a 12 dígitos)'), { target: { value: '12' } });
    fireEvent.click(screen.getByRole('button', { name: 'Cambiar PIN' }));
    const newPin = screen.getByLabelText('PIN nuevo (6 a 12 dígitos)');
    await waitFor(() => expect(descriptionOf(newPin)).toBe('El PIN debe tener de 6 a 12 dígitos.'));
    expect(newPin.getAttribute('aria-invalid')).toBe('true');
    expect(descriptionOf(screen.getByLabelText('PIN actual'))).toBe('');
    expect(document.activeElement).toBe(newPin);

    fireEvent.change(newPin, { target: { value: '135757' } });
    fireEvent.change(screen.getByLabelText('Confirme el PIN nuevo'), { target: { value: '135858' } });
    fireEvent.click(screen.getByRole('button', { name: 'Cambiar PIN' }));
    await waitFor(() => expect(descriptionOf(screen.getByLabelText('Confirme el PIN nuevo'))).toBe('Los dos PIN nuevos no coinciden.'));
    expect(document.activeElement).toBe(screen.getByLabelText('Confirme el PIN nuevo'));
    expect(descriptionOf(screen.getByLabelText('PIN nuevo (6 a 12 dígitos)'))).toBe('');
    expect(f.calls).toEqual([]);
  });

  it('submits once however often it is tapped, says it is busy, then reports success', async () => {
    const f = fake({ 'signatures.changePin': { ok: true, value: {} } });
    let closed = 0;
    renderWith(f.transport, <ChangePin target={{ id: ID, personName: 'CAROL' }} onClose={() => closed++} />);
    fireEvent.change(screen.getByLabelText('PIN actual'), { target: { value: '202323' } });
    fireEvent.change(screen.getByLabelText('PIN nuevo (6 a 12 dígitos)'), { target: { value: '135757' } });
    fireEvent.change(screen.getByLabelText('Confirme el PIN nuevo'), { target: { value: '135757' } });
    f.hold();
    const form = screen.getByRole('button', { name: 'Cambiar PIN' }).closest('form')!;
    for (let i = 0; i < 100; i++) fireEvent.submit(form);
    const busy = await screen.findByRole('button', { name: 'Cambiando…' });
    expect((busy as HTMLButtonElement).disabled).toBe(true);
    await act(async () => f.release());
    await waitFor(() => expect(closed).toBe(1));
    expect(f.calls).toEqual([['signatures.changePin', { id: ID, pin: '202323', newPin: '135757' }]]);
    expect(useUi.getState().notice?.text).toBe('PIN de la firma de CAROL actualizado.');
  });

  it('shows the service’s Spanish refusal as the form’s alert and keeps what was typed', async () => {
    const f = fake({ 'documents.acknowledge': { ok: false, error: { code: 'UNAUTHORIZED', message: 'PIN incorrecto. Le quedan 4 intento(s).' } } });
    renderWith(f.transport, <UseSignature target={{ id: ID, personName: 'CAROL' }} onClose={() => {}} onUsed={() => {}} />);
    fireEvent.change(screen.getByLabelText('Folio'), { target: { value: 'IOD-2023-0007' } });
    fireEvent.change(screen.getByLabelText('Nombre de la persona solicitante'), { target: { value: 'José' } });
    fireEvent.change(screen.getByLabelText('Cargo de quien firma'), { target: { value: 'Consejera Presidenta' } });
    fireEvent.change(screen.getByLabelText('PIN'), { target: { value: '111111' } });
    fireEvent.click(screen.getByRole('button', { name: 'Confirmar' }));
    expect((await screen.findByRole('alert')).textContent).toBe('PIN incorrecto. Le quedan 4 intento(s).');
    expect((screen.getByLabelText('Folio') as HTMLInputElement).value).toBe('IOD-2023-0007');
    expect(f.calls[0]).toEqual([
      'documents.acknowledge',
      { signatureId: ID, pin: '111111', folio: 'IOD-2023-0007', name: 'José', signerRole: 'Consejera Presidenta' },
    ]);
  });

  it('says which field is wrong in words a user reads, never the argument’s name', async () => {
    const f = fake({});
    renderWith(f.transport, <UseSignature target={{ id: ID, personName: 'CAROL' }} onClose={() => {}} onUsed={() => {}} />);
    fireEvent.change(screen.getByLabelText('Folio'), { target: { value: 'folio con espacios' } });
    fireEvent.click(screen.getByRole('button', { name: 'Confirmar' }));
    await waitFor(() => expect(descriptionOf(screen.getByLabelText('Cargo de quien firma'))).toBe('Indique el cargo de quien firma.'));
    expect(descriptionOf(screen.getByLabelText('Folio'))).toBe('El folio solo admite letras, números, guion y guion bajo (hasta 64).');
    expect(descriptionOf(screen.getByLabelText('Nombre de la persona solicitante'))).toBe('Indique el nombre de la persona solicitante.');
    expect(document.body.textContent).not.toMatch(/signerRole|«|\.\./);
    expect(f.calls).toEqual([]);
  });
});

describe('tables built with the kit', () => {
  const signature = (status: string, personName: string) => ({
    id: `01HZZZZZZZZZZZZZZZZZZZZZ${status === 'activa' ? 'A1' : 'B1'}`,
    personName,
    source: status === 'activa' ? 'captura' : 'importacion',
    createdAt: '2026-01-01T00:00:00Z',
    strokeCount: 2,
    pointCount: 40,
    status,
    useCount: 0,
  });

  it('shows statuses in Spanish, never the stored value, and only active signatures can be used', async () => {
    const f = fake({
      'signatures.list': { ok: true, value: [signature('activa', 'CAROL'), signature('bloqueada', 'HUMBERTO')] },
    });
    renderWith(f.transport, <SignatureList />);
    const carol = await screen.findByRole('row', { name: /CAROL/ });
    const humberto = screen.getByRole('row', { name: /HUMBERTO/ });
    expect(carol.textContent).toMatch(/^CAROLCaptura en pantalla20Activa/);
    expect(humberto.textContent).toMatch(/^HUMBERTOImportada20Bloqueada/);
    expect(document.body.textContent).not.toMatch(/activa|bloqueada/);
    expect((within(humberto).getByRole('button', { name: 'Usar en documento' }) as HTMLButtonElement).disabled).toBe(true);
    expect((within(carol).getByRole('button', { name: 'Usar en documento' }) as HTMLButtonElement).disabled).toBe(false);
    expect(screen.getByRole('columnheader', { name: 'Acciones' }).querySelector('.sr-only')).not.toBeNull();
  });

  it('labels each document’s kind and state in Spanish', async () => {
    const doc = (id: string, kind: string, status: string) => ({
      id,
      kind,
      title: `Documento ${id.slice(-1)}`,
      fileName: 'x.pdf',
      createdAt: '2026-01-01T00:00:00Z',
      bytes: 1,
      status,
      signers: [],
      documentTimestamps: [],
    });
    const f = fake({
      'documents.list': {
        ok: true,
        value: [doc('01HZZZZZZZZZZZZZZZZZZZZZZ1', 'acta', 'borrador'), doc('01HZZZZZZZZZZZZZZZZZZZZZZ2', 'acta', 'bloqueado'), doc('01HZZZZZZZZZZZZZZZZZZZZZZ3', 'acuse', 'firmado')],
      },
      'signatures.list': { ok: true, value: [] },
    });
    renderWith(f.transport, <DocumentsPage />);
    await screen.findByRole('link', { name: 'Documento 1' });
    const states = screen.getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell')[2]!.textContent);
    expect(states).toEqual(['Borrador', 'Bloqueado para firma', 'Firmado']);
    expect(screen.getAllByText('Acuse de recibo')).toHaveLength(1);
    expect(document.querySelector('table')!.textContent).not.toMatch(/borrador|bloqueado|firmado|acuse\b/);
  });

  it('shows the empty message instead of an empty table', () => {
    render(<DataTable rows={[]} columns={[{ key: 'a', header: 'A', cell: () => 'x' }]} rowKey={() => 'k'} empty="Aún no hay firmas registradas." />);
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByText('Aún no hay firmas registradas.')).toBeTruthy();
  });
});
