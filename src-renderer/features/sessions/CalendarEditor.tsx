import { useEffect, useState } from 'react';
import type { Commission } from '../../../src-shared/domain/index.js';
import { monthName } from '../../../src-shared/format.js';
import { messageOf } from '../../api/client.js';
import { useClient } from '../../app/client-context.js';
import { CommissionSelect, DataTable, Field, FormActions, FormError, Saved } from '../../kit/index.js';

/** The annual windows for ordinary sessions, per commission and year, as the seed's calendar. */
export function CalendarEditor({ commissions, commissionId }: { commissions: Commission[]; commissionId: string }) {
  const call = useClient();
  const [commission, setCommission] = useState(commissionId || commissions[0]?.id || '');
  const [year, setYear] = useState(new Date().getFullYear());
  const [rows, setRows] = useState<{ from: string; to: string; label: string }[]>(() => Array.from({ length: 12 }, () => ({ from: '', to: '', label: '' })));
  const [error, setError] = useState('');
  const [saved, setSaved] = useState('');
  const [busy, setBusy] = useState(false);
  // Until the chosen year's calendar has loaded the dates stay read-only, so nothing typed is lost.
  const [loading, setLoading] = useState(true);
  useEffect(() => {
    let live = true;
    setLoading(true);
    void call('calendars.list', { commissionId: commission }).then((list) => {
      if (!live) return;
      setLoading(false);
      const cal = list.find((c) => c.year === year);
      setRows(Array.from({ length: 12 }, (_, i) => {
        const e = cal?.entries.find((x) => x.month === i + 1);
        return { from: e?.from ?? '', to: e?.to ?? '', label: e?.label ?? '' };
      }));
    }, (e: unknown) => live && setError(messageOf(e, 'No se pudo cargar el calendario.')));
    return () => {
      live = false;
    };
  }, [call, commission, year]);
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    setSaved('');
    try {
      const entries = rows.flatMap((r, i) => (r.from || r.to ? [{ month: i + 1, from: r.from, to: r.to }] : []));
      const cal = await call('calendars.save', { commissionId: commission, year, entries });
      setRows((prev) => prev.map((r, i) => ({ ...r, label: cal.entries.find((x) => x.month === i + 1)?.label ?? '' })));
      setSaved('Calendario guardado.');
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card" onSubmit={save} aria-label="Calendario de sesiones ordinarias">
      <div className="form-row">
        <CommissionSelect inline short commissions={commissions} value={commission} onChange={(e) => setCommission(e.target.value)} />
        <Field inline label="Año" type="number" value={year} min={1990} max={2100} onChange={(e) => setYear(Number(e.target.value))} />
      </div>
      <DataTable
        rows={rows}
        rowKey={(_, i) => String(i)}
        middle
        columns={[
          { key: 'month', header: 'Mes', cell: (_, i) => monthName(i + 1)[0]!.toUpperCase() + monthName(i + 1).slice(1) },
          ...(['from', 'to'] as const).map((k) => ({
            key: k,
            header: k === 'from' ? 'Del' : 'Al',
            cell: (r: (typeof rows)[number], i: number) => (
              <input
                type="date"
                aria-label={`${k === 'from' ? 'Inicio' : 'Fin'} de ${monthName(i + 1)}`}
                value={r[k]}
                readOnly={loading}
                onChange={(e) => setRows((prev) => prev.map((x, j) => (j === i ? { ...x, [k]: e.target.value } : x)))}
              />
            ),
          })),
          { key: 'label', header: 'Como se imprime', cell: (r) => r.label },
        ]}
      />
      <FormActions submit="Guardar calendario" busy={busy} busyLabel="Guardando…" disabled={loading}>
        <FormError error={error} />
        {saved && <Saved>{saved}</Saved>}
      </FormActions>
    </form>
  );
}
