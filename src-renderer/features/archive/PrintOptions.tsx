import { useEffect, useState } from 'react';
import type { PrinterSummary } from '../../../src-shared/contract/index.js';
import { messageOf } from '../../api/client.js';
import { useClient } from '../../app/client-context.js';
import { Field, SelectField, Toggle } from '../../kit/index.js';

const STATE = { lista: 'lista', imprimiendo: 'imprimiendo', detenida: 'detenida', desconocido: 'estado desconocido' } as const;

/** Printer, copies, two-sided and pages: shared by printing one document and a selection. */
export function usePrintOptions() {
  const call = useClient();
  const [printers, setPrinters] = useState<PrinterSummary[] | { error: string } | null>(null);
  const [printer, setPrinter] = useState('');
  const [copies, setCopies] = useState('1');
  const [duplex, setDuplex] = useState(false);
  const [pages, setPages] = useState('');
  const [problem, setProblem] = useState('');
  useEffect(() => {
    call('printing.printers', {}).then(
      (list) => {
        setPrinters(list);
        setPrinter((p) => p || (list.find((x) => x.isDefault) ?? list[0])?.name || '');
      },
      (e: unknown) => setPrinters({ error: messageOf(e) }),
    );
  }, [call]);
  const args = () => {
    const n = Number(copies);
    if (!/^\d+$/.test(copies) || n < 1 || n > 99) {
      setProblem('El número de copias debe estar entre 1 y 99.');
      return null;
    }
    if (!printer) {
      setProblem('Elija una impresora.');
      return null;
    }
    setProblem('');
    return { printer, copies: n, duplex: duplex ? ('doble-cara' as const) : ('una-cara' as const), ...(pages.trim() ? { pages: pages.trim() } : {}) };
  };
  return { printers, printer, setPrinter, copies, setCopies, duplex, setDuplex, pages, setPages, problem, args };
}

export function PrintOptionsFields({ options: o }: { options: ReturnType<typeof usePrintOptions> }) {
  const listed = o.printers && !('error' in o.printers) ? o.printers : [];
  return (
    <>
      {o.printers && 'error' in o.printers && (
        <p className="text-error" role="alert">
          {o.printers.error}
        </p>
      )}
      <div className="form-row">
        <SelectField
          label="Impresora"
          options={listed.map((p) => ({ value: p.name, label: `${p.name} (${STATE[p.state]})${p.isDefault ? ' — predeterminada' : ''}` }))}
          {...(listed.length ? {} : { empty: 'Sin impresoras' })}
          value={o.printer}
          onChange={(e) => o.setPrinter(e.target.value)}
        />
        <Field label="Copias" inputMode="numeric" value={o.copies} onChange={(e) => o.setCopies(e.target.value)} />
        <Field label="Páginas (vacío: todas)" placeholder="1-3,5" value={o.pages} onChange={(e) => o.setPages(e.target.value)} />
      </div>
      <Toggle label="Doble cara" checked={o.duplex} onChange={o.setDuplex} />
      <p className="muted">Papel tamaño carta, sin ajustar a la página, para que firmas, rúbricas y código QR salgan a su tamaño.</p>
      {o.problem && (
        <p className="text-error" role="alert">
          {o.problem}
        </p>
      )}
    </>
  );
}
