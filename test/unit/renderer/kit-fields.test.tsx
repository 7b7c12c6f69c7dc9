// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CallFailed } from '../../../src-renderer/api/client.js';
import { ChoiceButtons, CommissionSelect, DataTable, DownloadButton, linkColumn, NewSecretFields, PersonSelect, SelectField, statusColumn } from '../../../src-renderer/kit/index.js';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const COMMISSIONS = [
  { id: 'c1', acronym: 'CMI', name: 'Comisión de Modernización Institucional' },
  { id: 'c2', acronym: 'CVSPE', name: 'Comisión de Vinculación y Servicio Profesional Electoral' },
];

/** The text of the element that describes a control (its error), if any. */
function descriptionOf(el: HTMLElement): string {
  const ids = el.getAttribute('aria-describedby');
  return ids ? ids.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ') : '';
}

const optionTexts = (select: HTMLElement) => [...(select as HTMLSelectElement).options].map((o) => o.textContent);

describe('select fields', () => {
  it('are named by their label, offer the empty choice first and tell their own error', () => {
    function Picker() {
      const [value, setValue] = useState('');
      return <SelectField label="Estado" options={[{ value: 'activa', label: 'Activa' }]} empty="Todos" error="Elija un estado." value={value} onChange={(e) => setValue(e.target.value)} />;
    }
    render(<Picker />);
    const select = screen.getByLabelText('Estado');
    expect(optionTexts(select)).toEqual(['Todos', 'Activa']);
    expect(select.getAttribute('aria-invalid')).toBe('true');
    expect(descriptionOf(select)).toBe('Elija un estado.');
    fireEvent.change(select, { target: { value: 'activa' } });
    expect((select as HTMLSelectElement).value).toBe('activa');
  });

  it('show commissions by acronym and name, or by acronym alone where the row is narrow', () => {
    render(
      <>
        <CommissionSelect commissions={COMMISSIONS} value="c1" onChange={() => {}} />
        <CommissionSelect label="Comisión (opcional)" short commissions={COMMISSIONS} empty="Todas" value="" onChange={() => {}} />
      </>,
    );
    expect(optionTexts(screen.getByLabelText('Comisión'))).toEqual(['CMI — Comisión de Modernización Institucional', 'CVSPE — Comisión de Vinculación y Servicio Profesional Electoral']);
    expect(optionTexts(screen.getByLabelText('Comisión (opcional)'))).toEqual(['Todas', 'CMI', 'CVSPE']);
  });

  it('show people by title and name as printed, without a stray space when there is no title', () => {
    render(<PersonSelect people={[{ id: 'p1', title: 'LICDA.', name: 'CAROL BERENICE ARELLANO RANGEL' }, { id: 'p2', title: '', name: 'JOSÉ' }]} empty="Elija a la persona…" value="" onChange={() => {}} />);
    expect(optionTexts(screen.getByLabelText('Persona'))).toEqual(['Elija a la persona…', 'LICDA. CAROL BERENICE ARELLANO RANGEL', 'JOSÉ']);
  });
});

describe('a new secret typed twice', () => {
  it('hides both, asks the numeric keypad for a PIN and tells each one its own error', () => {
    const bound = (error?: string) => ({ value: '', onChange: () => {}, error });
    render(<NewSecretFields label="PIN (6 a 12 dígitos)" repeatLabel="Confirme el PIN" numeric secret={bound()} repeat={bound('Los dos PIN no coinciden.')} />);
    const first = screen.getByLabelText('PIN (6 a 12 dígitos)');
    const second = screen.getByLabelText('Confirme el PIN');
    for (const input of [first, second]) {
      expect(input.getAttribute('type')).toBe('password');
      expect(input.getAttribute('inputmode')).toBe('numeric');
      expect(input.getAttribute('autocomplete')).toBe('new-password');
    }
    expect(descriptionOf(first)).toBe('');
    expect(descriptionOf(second)).toBe('Los dos PIN no coinciden.');
  });
});

describe('download buttons', () => {
  it('fetch once however often they are tapped, say they are busy, then offer the file by its name', async () => {
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:archivo');
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    let release: (f: { fileName: string; base64: string }) => void = () => {};
    const fetch = vi.fn(() => new Promise<{ fileName: string; base64: string }>((r) => (release = r)));
    render(
      <DownloadButton mime="application/zip" busyLabel="Preparando…" fetch={fetch}>
        Descargar expediente (ZIP)
      </DownloadButton>,
    );
    const button = screen.getByRole('button', { name: 'Descargar expediente (ZIP)' });
    for (let i = 0; i < 100; i++) fireEvent.click(button);
    const busy = await screen.findByRole('button', { name: 'Preparando…' });
    expect((busy as HTMLButtonElement).disabled).toBe(true);
    await act(async () => release({ fileName: 'expediente.zip', base64: btoa('PK') }));
    await screen.findByRole('button', { name: 'Descargar expediente (ZIP)' });
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(clicked).toEqual(['expediente.zip']);
  });

  it('show a refusal beside the button, in the services’ words', async () => {
    const refusal = new CallFailed({ code: 'NOT_FOUND', message: 'El documento ya no existe.' });
    render(
      <DownloadButton mime="application/pdf" fetch={() => Promise.reject(refusal)}>
        Descargar PDF
      </DownloadButton>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Descargar PDF' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('El documento ya no existe.'));
    expect((screen.getByRole('button', { name: 'Descargar PDF' }) as HTMLButtonElement).disabled).toBe(false);
  });
});

describe('kit columns', () => {
  const rows = [
    { id: 'a', title: 'Acta IEM-CMI-SEORD-03/2023', status: 'firmado' as const, excerpt: '…ARELLANO RANGEL…' },
    { id: 'b', title: 'Convocatoria', status: 'borrador' as const, excerpt: '' },
  ];
  const LABEL = { firmado: 'Firmado', borrador: 'Borrador' };

  it('link each row to its page, show its status in Spanish on its colour, and anything said under either', () => {
    render(
      <DataTable
        rows={rows}
        rowKey={(r) => r.id}
        columns={[
          linkColumn<(typeof rows)[number]>({ key: 'title', header: 'Documento', to: (r) => `#/archivo/${r.id}`, text: (r) => r.title, below: (r) => r.excerpt && <div>{r.excerpt}</div> }),
          statusColumn<(typeof rows)[number]>(LABEL, (r) => r.status === 'borrador' && <div>Sin firmas</div>),
        ]}
      />,
    );
    const link = screen.getByRole('link', { name: 'Acta IEM-CMI-SEORD-03/2023' });
    expect(link.getAttribute('href')).toBe('#/archivo/a');
    expect(link.parentElement!.textContent).toBe('Acta IEM-CMI-SEORD-03/2023…ARELLANO RANGEL…');
    const cells = screen.getAllByRole('row').slice(1).map((r) => r.lastElementChild!.textContent);
    expect(cells).toEqual(['Firmado', 'BorradorSin firmas']);
    expect(screen.getByText('Firmado').className).toBe('badge badge-firmado');
    expect(screen.getByRole('columnheader', { name: 'Estado' })).toBeTruthy();
  });

  it('colour a cell by its row where a column asks for it', () => {
    render(<DataTable rows={[{ m: 0 }, { m: 2 }]} rowKey={(_, i) => String(i)} columns={[{ key: 'm', header: 'Ene', className: 'num', cellClassName: (r) => (r.m ? 'planned' : undefined), cell: (r) => r.m || '' }]} />);
    expect(screen.getAllByRole('cell').map((c) => c.className)).toEqual(['num', 'num planned']);
  });
});

describe('choice buttons', () => {
  it('make the first way in the main one and say which was picked', () => {
    const picked: string[] = [];
    render(<ChoiceButtons choices={[['enroll', 'Registrar firma'], ['import', 'Importar firmas anteriores']] as const} onPick={(m) => picked.push(m)} />);
    expect(screen.getByRole('button', { name: 'Registrar firma' }).className).toBe('button');
    expect(screen.getByRole('button', { name: 'Importar firmas anteriores' }).className).toBe('button-ghost');
    fireEvent.click(screen.getByRole('button', { name: 'Importar firmas anteriores' }));
    expect(picked).toEqual(['import']);
  });
});
