// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, fireEvent } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient, type Transport } from '../../../src-renderer/api/client.js';
import { ClientContext } from '../../../src-renderer/app/client-context.js';
import { SessionDetailPage } from '../../../src-renderer/features/sessions/SessionDetailPage.js';
import { SessionsPage } from '../../../src-renderer/features/sessions/SessionsPage.js';
import type { CallName } from '../../../src-shared/contract/names.js';

const commission = {
  id: '01HZZZZZZZZZZZZZZZZZZZZZZ1',
  hlc: '1700000000000-0000-A',
  name: 'Comisión de Modernización Institucional',
  acronym: 'CMI',
  institute: 'Instituto Electoral de Michoacán',
  instituteAcronym: 'IEM',
  members: [],
  glossary: [],
  legalBasis: [],
};

const session = {
  id: '01HZZZZZZZZZZZZZZZZZZZZZZ2',
  hlc: '1700000000000-0000-A',
  commissionId: commission.id,
  type: 'ordinaria',
  number: 3,
  year: 2023,
  key: 'IEM-CMI-SEORD-03/2023',
  date: '2023-05-30',
  modality: 'virtual',
  status: 'celebrada',
  agenda: [
    { id: 'a1', text: 'LECTURA DEL PROYECTO DE ACTA.', subitems: [] },
    { id: 'a2', text: 'PRESENTACIÓN DEL CRONOGRAMA:', subitems: ['2.1 PROYECTO DE LINEAMIENTOS'] },
  ],
  documents: [{ id: 'd1', consecutive: 1, title: 'Acta IEM-CMI-SEORD-02/2023', status: 'aprobado', feminine: true, sessionDate: '2023-03-29' }],
  attendance: [],
  ballots: [],
  votes: [],
  summary: '',
  time: '',
  place: '',
  previousKeys: [],
};

const detail = {
  session,
  commission,
  quorum: { voters: 0, present: 0, required: 1, met: false },
  results: {},
  warnings: ['La sesión ordinaria del 30 de mayo de 2023 queda fuera del periodo del calendario para mayo (Del lunes 22 al viernes 26).'],
  convocatoriaId: null,
  minutes: null,
  approvable: [],
};

function fake(replies: Partial<Record<CallName, unknown>>, calls: [string, unknown][] = []): Transport {
  return async (name, args) => {
    calls.push([name, args]);
    if (name in replies) return { ok: true, value: replies[name] };
    return { ok: false, error: { code: 'NOT_FOUND', message: 'La sesión solicitada no existe.' } };
  };
}

function renderWith(transport: Transport, ui: React.ReactElement) {
  return render(<ClientContext.Provider value={createClient(transport)}>{ui}</ClientContext.Provider>);
}

afterEach(cleanup);

describe('session screens', () => {
  it('shows the agenda with ordinals, sub-points and document statuses', async () => {
    renderWith(fake({ 'sessions.get': detail }), <SessionDetailPage id={session.id} />);
    await screen.findByRole('heading', { name: 'IEM-CMI-SEORD-03/2023' });
    const items = screen.getAllByRole('listitem').filter((li) => li.parentElement?.classList.contains('agenda'));
    expect(items.map((li) => li.querySelector('.agenda-row > div')?.textContent)).toEqual([
      'PRIMERO. LECTURA DEL PROYECTO DE ACTA.',
      'SEGUNDO. PRESENTACIÓN DEL CRONOGRAMA:2.1 PROYECTO DE LINEAMIENTOS',
    ]);
    expect(screen.getByText(/30 DE MAYO DE 2023/)).toBeTruthy();
    expect(screen.getByText(/queda fuera del periodo del calendario para mayo/)).toBeTruthy();
    fireEvent.click(screen.getByRole('tab', { name: 'Documentos' }));
    expect((screen.getByRole('combobox', { name: 'Estatus de Acta IEM-CMI-SEORD-02/2023' }) as HTMLSelectElement).selectedOptions[0]!.textContent).toBe('Aprobada');
    expect(screen.getByText('29 de marzo de 2023')).toBeTruthy();
  });

  it('shows the service’s Spanish message when a session cannot be loaded, and retries', async () => {
    const calls: [string, unknown][] = [];
    renderWith(fake({}, calls), <SessionDetailPage id="01HZZZZZZZZZZZZZZZZZZZZZZ9" />);
    expect((await screen.findByRole('alert')).textContent).toContain('La sesión solicitada no existe.');
    fireEvent.click(screen.getByRole('button', { name: 'Reintentar' }));
    await waitFor(() => expect(calls.length).toBe(2));
  });

  it('lists sessions and filters them by commission', async () => {
    const calls: [string, unknown][] = [];
    const summary = { ...session, commissionAcronym: 'CMI', agendaCount: 2 };
    renderWith(fake({ 'commissions.list': [commission], 'sessions.list': [summary] }, calls), <SessionsPage />);
    const link = await screen.findByRole('link', { name: 'IEM-CMI-SEORD-03/2023' });
    expect(link.getAttribute('href')).toBe(`#/sesiones/${session.id}`);
    fireEvent.change(screen.getByRole('combobox', { name: 'Comisión' }), { target: { value: commission.id } });
    await waitFor(() => expect(calls.filter(([n]) => n === 'sessions.list').at(-1)?.[1]).toEqual({ commissionId: commission.id }));
  });
  it('searches the list by key, agenda text, type, date and place, ignoring case and accents', async () => {
    const first = {
      ...session,
      agenda: [...session.agenda, { id: 'a3', text: 'SEGUIMIENTO DE LOS ACUERDOS DE LA SESIÓN IEM-CMI-SEXTU-04/2023.', subitems: [] }],
      commissionAcronym: 'CMI',
      agendaCount: 3,
    };
    const second = {
      ...session,
      id: '01HZZZZZZZZZZZZZZZZZZZZZZ3',
      key: 'IEM-CMI-SEXTU-04/2023',
      type: 'extraordinaria_urgente',
      number: 4,
      date: '2023-06-27',
      place: 'Sala de Consejo General',
      agenda: [{ id: 'b1', text: 'INFORME CUATRIMESTRAL Y APROBACIÓN, EN SU CASO.', subitems: [] }],
      commissionAcronym: 'CMI',
      agendaCount: 1,
    };
    renderWith(fake({ 'commissions.list': [commission], 'sessions.list': [first, second] }), <SessionsPage />);
    await screen.findByRole('link', { name: 'IEM-CMI-SEORD-03/2023' });
    const search = screen.getByRole('searchbox', { name: 'Buscar' });
    const listed = () => screen.queryAllByRole('link').map((a) => a.textContent).filter((t) => t?.startsWith('IEM-'));
    for (const [query, keys] of [
      ['cronograma', ['IEM-CMI-SEORD-03/2023']],
      ['2.1 proyecto de lineamientos', ['IEM-CMI-SEORD-03/2023']],
      ['aprobacion cuatrimestral', ['IEM-CMI-SEXTU-04/2023']],
      ['urgente', ['IEM-CMI-SEXTU-04/2023']],
      ['27 de junio', ['IEM-CMI-SEXTU-04/2023']],
      ['30/05/2023', ['IEM-CMI-SEORD-03/2023']],
      ['2023-05', ['IEM-CMI-SEORD-03/2023']],
      ['consejo general', ['IEM-CMI-SEXTU-04/2023']],
      ['seord-03', ['IEM-CMI-SEORD-03/2023']],
      ['acta', ['IEM-CMI-SEORD-03/2023']],
      // The session whose key holds the words comes first, then those that only mention it.
      ['sextu-04', ['IEM-CMI-SEXTU-04/2023', 'IEM-CMI-SEORD-03/2023']],
      ['2023', ['IEM-CMI-SEORD-03/2023', 'IEM-CMI-SEXTU-04/2023']],
    ] as const) {
      fireEvent.change(search, { target: { value: query } });
      expect(listed(), query).toEqual(keys);
    }
    fireEvent.change(search, { target: { value: 'presupuesto' } });
    expect(screen.getByText('No hay sesiones que coincidan.')).toBeTruthy();
  });
});
