import { useEffect, useRef, useState } from 'react';
import type { ActivityBoardRow, DocumentSummary, GeneratedFile } from '../../../src-shared/contract/calls.js';
import type { Activity, Commission, Period, Programme, ProgressUpdate, SessionCalendar } from '../../../src-shared/domain/index.js';
import { formatPercent, MONTH_ABBR, PERIOD_LABEL } from '../../../src-shared/format.js';
import { messageOf } from '../../api/client.js';
import { saveFile } from '../../api/download.js';
import { useClient } from '../../app/client-context.js';
import { href } from '../../app/router.js';
import { Loaded } from '../../app/Status.js';
import { CommissionSelect, DataTable, Field, FileField, FormActions, FormError, SelectField, type Column } from '../../kit/index.js';
import { ActivityForm } from './ActivityForm.js';
import { PERIOD_CHOICES, PERIODS } from './periods.js';
import { ProgrammeEditor } from './ProgrammeEditor.js';
import { ReportRecord } from './ReportRecord.js';


function bar(percent: number | undefined | null, label: string) {
  if (percent === undefined || percent === null) return <span className="muted">—</span>;
  return (
    <span className="progress" aria-label={`${label}: ${formatPercent(percent)}`}>
      <progress max={100} value={percent} />
      <span className="progress-value">{formatPercent(percent)}</span>
    </span>
  );
}

function flags(row: ActivityBoardRow): string {
  const out: string[] = [];
  if (row.stalled.length) out.push(`Sin avance en el periodo ${row.stalled.join(' y ')}`);
  if (row.behindSchedule) out.push(`Atrasada: ${row.overdueMonths.map((m) => MONTH_ABBR[m - 1]).join(', ')}`);
  return out.join(' · ');
}

const HISTORY_CHANGE: Record<ProgressUpdate['change'], string> = {
  progreso: 'avance registrado,',
  imagen_agregada: 'imagen de evidencia agregada',
  imagen_quitada: 'imagen de evidencia quitada',
};

const boardColumns = (onEdit: (a: Activity) => void, onEditActivity: (a: Activity) => void): Column<ActivityBoardRow>[] => [
  { key: 'n', header: 'Cvo.', cell: (r) => r.activity.number },
  {
    key: 'title',
    header: 'Actividad',
    cell: (r) => {
      const narratives = r.activity.progress.filter((p) => p.narrative);
      return (
        <>
          <span>{r.activity.title}</span>
          {narratives.length > 0 && (
            <details>
              <summary>Narrativa</summary>
              {narratives.map((p) => (
                <p key={p.period}>
                  <strong>{PERIOD_LABEL[p.period]}:</strong> {p.narrative.slice(0, 600)}
                  {p.narrative.length > 600 ? '…' : ''}
                </p>
              ))}
            </details>
          )}
          {(r.activity.history?.length ?? 0) > 0 && (
            <details>
              <summary>Historial ({r.activity.history!.length})</summary>
              <ul className="history">
                {[...r.activity.history!].reverse().map((h, i) => (
                  <li key={i}>
                    {new Date(h.at).toLocaleString('es-MX')} · {h.actor} · {PERIOD_LABEL[h.period]}: {HISTORY_CHANGE[h.change]}
                    {h.change === 'progreso' ? ` ${formatPercent(h.percent)}` : ''}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      );
    },
  },
  ...PERIODS.map(
    (p): Column<ActivityBoardRow> => ({
      key: `p${p}`,
      header: PERIOD_LABEL[p],
      className: 'num',
      cell: (r) => bar(r.activity.progress.find((x) => x.period === p)?.percent, PERIOD_LABEL[p]),
    }),
  ),
  { key: 'flags', header: 'Señales', cell: (r) => <span className={flags(r) ? 'text-error' : 'muted'}>{flags(r) || 'En tiempo'}</span> },
  {
    key: 'edit',
    header: '',
    cell: (r) => (
      <span className="actions">
        <button type="button" className="button-ghost" onClick={() => onEdit(r.activity)}>
          Registrar avance
        </button>
        <button type="button" className="button-ghost" aria-label={`Editar la actividad ${r.activity.number}`} onClick={() => onEditActivity(r.activity)}>
          Editar
        </button>
      </span>
    ),
  },
];


function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error('No se pudo leer la imagen.'));
    reader.readAsDataURL(file);
  });
}

/** Percent, narrative and an optional evidence image for one period, in one form. */
function ProgressForm({ activity, onDone, onCancel }: { activity: Activity; onDone: () => void; onCancel: () => void }) {
  const call = useClient();
  const [period, setPeriod] = useState<Period>(2);
  const current = activity.progress.find((p) => p.period === period);
  const [percent, setPercent] = useState(String(current?.percent ?? ''));
  const [narrative, setNarrative] = useState(current?.narrative ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [caption, setCaption] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const ref = useRef<HTMLFormElement>(null);
  // The form opens above the table; bring it into view when a row far below asked for it.
  useEffect(() => {
    ref.current?.scrollIntoView?.({ block: 'start' });
  }, []);
  const choosePeriod = (p: Period) => {
    setPeriod(p);
    const entry = activity.progress.find((x) => x.period === p);
    setPercent(String(entry?.percent ?? ''));
    setNarrative(entry?.narrative ?? '');
  };
  const submit = async () => {
    const value = Number(percent);
    if (percent.trim() === '' || !Number.isFinite(value) || value < 0 || value > 100) {
      setError('El porcentaje debe ser un número de 0 a 100.');
      return;
    }
    setBusy(true);
    setError('');
    try {
      // The image first: a file that is not an image is refused before anything is saved.
      if (file) await call('progress.addEvidence', { id: activity.id, period, caption, image: await fileToBase64(file) });
      await call('activities.setProgress', { id: activity.id, period, percent: value, narrative });
      onDone();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      ref={ref}
      className="panel"
      noValidate
      aria-label={`Registrar avance de la actividad ${activity.number}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3>
        Registrar avance · {activity.number}. {activity.title.slice(0, 80)}
      </h3>
      <SelectField label="Periodo" options={PERIOD_CHOICES} value={period} onChange={(e) => choosePeriod(Number(e.target.value) as Period)} />
      <Field label="Porcentaje de avance" type="number" min={0} max={100} step={1} value={percent} onChange={(e) => setPercent(e.target.value)} />
      <Field label="Narrativa">
        <textarea rows={5} value={narrative} onChange={(e) => setNarrative(e.target.value)} />
      </Field>
      <FileField label="Imagen de evidencia (PNG o JPEG, opcional)" accept="image/png,image/jpeg" onFile={setFile} />
      {file && <Field label="Pie de imagen" value={caption} onChange={(e) => setCaption(e.target.value)} />}
      <FormError error={error} />
      <FormActions submit="Guardar avance" busy={busy} busyLabel="Guardando…" onCancel={onCancel} />
    </form>
  );
}

const download = (file: GeneratedFile) => saveFile(file.fileName, file.base64, 'application/pdf');

function Generate({ commission, year, hasProgramme }: { commission: Commission; year: number; hasProgramme: boolean }) {
  const call = useClient();
  const [period, setPeriod] = useState<Period>(2);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  // A ref, not the state: a double tap lands before React disables the button, and would keep two documents.
  const running = useRef(false);
  const run = <T,>(make: () => Promise<T>, then: (value: T) => void) => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    setError('');
    make()
      .then(then, (e: unknown) => setError(messageOf(e)))
      .finally(() => {
        running.current = false;
        setBusy(false);
      });
  };
  // The PDF as a document of its own: it is then locked and signed in Documentos, like an acta.
  const forSigning = (make: () => Promise<DocumentSummary>) =>
    run(make, (doc) => {
      window.location.hash = href('documentos', doc.id);
    });
  return (
    <div className="form-row">
      <SelectField inline label="Periodo" options={PERIOD_CHOICES} value={period} onChange={(e) => setPeriod(Number(e.target.value) as Period)} />{' '}
      <button type="button" className="button" disabled={busy} onClick={() => run(() => call('reports.informe', { commission: commission.acronym, year, period }), download)}>
        Generar informe cuatrimestral
      </button>{' '}
      <button
        type="button"
        className="button-ghost"
        disabled={busy}
        onClick={() => forSigning(() => call('reports.createDocument', { kind: 'informe', commission: commission.acronym, year, period }))}
      >
        Preparar informe para firma
      </button>{' '}
      {hasProgramme && (
        <>
          <button type="button" className="button-ghost" disabled={busy} onClick={() => run(() => call('reports.programa', { commission: commission.acronym, year }), download)}>
            Generar programa anual
          </button>{' '}
          <button
            type="button"
            className="button-ghost"
            disabled={busy}
            onClick={() => forSigning(() => call('reports.createDocument', { kind: 'programa', commission: commission.acronym, year }))}
          >
            Preparar programa para firma
          </button>
        </>
      )}
      {busy && <span className="muted" role="status"> Generando…</span>}
      {error && (
        <span className="text-error" role="alert">
          {' '}
          {error}
        </span>
      )}
    </div>
  );
}

type ScheduleRow = Programme['sections'][number]['schedule'][number];

/** Per schedule row, the periods (1–3) for which an activity linked to it has reported progress. */
function reportedPeriods(activities: Activity[]): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  for (const a of activities) {
    for (const rowId of a.scheduleRowIds ?? []) {
      const set = out.get(rowId) ?? new Set<number>();
      for (const p of a.progress) set.add(p.period);
      out.set(rowId, set);
    }
  }
  return out;
}

const periodOfMonth = (month: number) => Math.ceil(month / 4);

/** The cronograma's columns; a month whose period has reported progress is marked ✓ beside what was planned. */
const scheduleColumns = (reported: Map<string, Set<number>>): Column<ScheduleRow>[] => [
  { key: 'line', header: 'Línea de acción', cell: (r) => r.lineOfAction },
  { key: 'goal', header: 'Meta', cell: (r) => r.goal },
  {
    key: 'total',
    header: 'Total',
    className: 'num',
    cell: (r) => {
      const sum = r.months.reduce((a, b) => a + b, 0);
      return sum === r.physicalQuantity ? r.physicalQuantity : <span title={`Los meses suman ${sum}`}>{r.physicalQuantity} ⚠</span>;
    },
  },
  ...MONTH_ABBR.map((m, i): Column<ScheduleRow> => {
    const done = (r: ScheduleRow) => Boolean(reported.get(r.id)?.has(periodOfMonth(i + 1)));
    return {
      key: m,
      header: m,
      className: 'num',
      cellClassName: (r) => [r.months[i] ? 'planned' : '', done(r) ? 'reported' : ''].join(' ').trim() || undefined,
      cell: (r) => (done(r) ? <span title="Avance reportado">{r.months[i] || ''} ✓</span> : r.months[i] || ''),
    };
  }),
];

function ScheduleGrid({ programme, activities }: { programme: Programme; activities: Activity[] }) {
  const columns = scheduleColumns(reportedPeriods(activities));
  return (
    <>
      <p className="muted">Sombreado: meses programados. ✓: meses de un periodo con avance reportado por una actividad vinculada a la fila.</p>
      {programme.sections
        .filter((s) => s.schedule.length)
        .map((s) => (
          <div key={s.id} className="group">
            <h3>
              {s.number}. {s.title}
            </h3>
            <div className="table-scroll">
              <DataTable rows={s.schedule} columns={columns} rowKey={(r) => r.id} />
            </div>
          </div>
        ))}
    </>
  );
}

function CalendarTable({ calendar }: { calendar: SessionCalendar }) {
  return (
    <>
      <DataTable
        rows={calendar.entries}
        rowKey={(e) => String(e.month)}
        columns={[
          { key: 'month', header: 'Mes', cell: (e) => MONTH_ABBR[e.month - 1] },
          { key: 'dates', header: 'Fechas', cell: (e) => e.label },
        ]}
      />
      {calendar.note && <p className="muted">Nota: {calendar.note}</p>}
    </>
  );
}

/** Informes: a commission and year, its progress board, cronograma and calendar, and its PDFs. */
export function ReportsPage() {
  const [commissionId, setCommissionId] = useState('');
  const [year, setYear] = useState(0);
  return (
    <section>
      <h1>Informes y programa de trabajo</h1>
      <Loaded
        load={async (call) => {
          const [commissions, activities, programmes] = await Promise.all([call('commissions.list', {}), call('activities.list', {}), call('programmes.list', {})]);
          return { commissions, activities, programmes };
        }}
      >
        {({ commissions, activities, programmes }) => {
          const selected = commissions.find((c) => c.id === commissionId) ?? commissions[0];
          if (!selected) return <p className="muted">No hay comisiones registradas.</p>;
          const years = [
            ...new Set([
              ...activities.filter((a) => a.commissionId === selected.id).map((a) => a.year),
              ...programmes.filter((p) => p.commissionId === selected.id).map((p) => p.year),
            ]),
          ].sort((a, b) => b - a);
          const shownYear = years.includes(year) ? year : (years[0] ?? new Date().getFullYear());
          return (
            <>
              <div className="form-row">
                <CommissionSelect inline commissions={commissions} value={selected.id} onChange={(e) => setCommissionId(e.target.value)} />{' '}
                <SelectField
                  inline
                  label="Año"
                  options={(years.length ? years : [shownYear]).map((y) => ({ value: String(y), label: y }))}
                  value={shownYear}
                  onChange={(e) => setYear(Number(e.target.value))}
                />
              </div>
              <YearView commission={selected} year={shownYear} />
            </>
          );
        }}
      </Loaded>
    </section>
  );
}

type Tab = 'avance' | 'programa' | 'informe';
const TABS: [Tab, string][] = [
  ['avance', 'Avance de actividades'],
  ['programa', 'Programa anual de trabajo'],
  ['informe', 'Texto del informe'],
];

function YearView({ commission, year }: { commission: Commission; year: number }) {
  const [editing, setEditing] = useState<Activity | null>(null);
  const [activityForm, setActivityForm] = useState<Activity | 'new' | null>(null);
  const [tab, setTab] = useState<Tab>('avance');
  return (
    <Loaded
      deps={[commission.id, year]}
      load={async (call) => {
        const [board, programmes, calendars] = await Promise.all([
          call('progress.board', { commissionId: commission.id, year }),
          call('programmes.list', { commissionId: commission.id }),
          call('calendars.list', { commissionId: commission.id }),
        ]);
        return { board, programme: programmes.find((p) => p.year === year), calendar: calendars.find((c) => c.year === year) };
      }}
    >
      {({ board, programme, calendar }, reload) => (
        <>
          <Generate commission={commission} year={year} hasProgramme={Boolean(programme)} />
          <div className="tabs" role="tablist">
            {TABS.map(([id, label]) => (
              <button key={id} type="button" role="tab" aria-selected={tab === id} className={tab === id ? 'tab active' : 'tab'} onClick={() => setTab(id)}>
                {label}
              </button>
            ))}
          </div>
          {tab === 'programa' && (
            <>
              <h2>Programa anual de trabajo {year}</h2>
              <ProgrammeEditor commission={commission} year={year} programme={programme} onChanged={reload} />
            </>
          )}
          {tab === 'informe' && (
            <>
              <h2>Texto del informe cuatrimestral</h2>
              <ReportRecord commission={commission} year={year} />
            </>
          )}
          {tab === 'avance' && (
            <>
          <h2>Avance general por periodo</h2>
          <ul className="chart" aria-label="Avance general de la comisión">
            {PERIODS.map((p) => (
              <li key={p}>
                <span className="chart-label">{PERIOD_LABEL[p]}</span> {bar(board.overall[p], PERIOD_LABEL[p])}
              </li>
            ))}
          </ul>
          <h2>Actividades</h2>
          {editing && (
            <ProgressForm
              key={editing.id}
              activity={editing}
              onCancel={() => setEditing(null)}
              onDone={() => {
                setEditing(null);
                reload();
              }}
            />
          )}
          {activityForm && (
            <ActivityForm
              key={activityForm === 'new' ? 'new' : activityForm.id}
              commission={commission}
              year={year}
              programme={programme}
              {...(activityForm === 'new' ? {} : { activity: activityForm })}
              onCancel={() => setActivityForm(null)}
              onDone={() => {
                setActivityForm(null);
                reload();
              }}
            />
          )}
          <div className="actions">
            <button type="button" className="button-ghost" onClick={() => setActivityForm('new')}>
              Nueva actividad
            </button>
          </div>
          <DataTable rows={board.activities} columns={boardColumns(setEditing, setActivityForm)} rowKey={(r) => r.activity.id} empty={`No hay actividades registradas en ${year}.`} />
          <h2>Cronograma</h2>
          {programme ? <ScheduleGrid programme={programme} activities={board.activities.map((r) => r.activity)} /> : <p className="muted">No hay programa anual de trabajo {year}.</p>}
          <h2>Calendario de sesiones</h2>
          {calendar ? <CalendarTable calendar={calendar} /> : <p className="muted">No hay calendario de sesiones {year}.</p>}
            </>
          )}
        </>
      )}
    </Loaded>
  );
}
