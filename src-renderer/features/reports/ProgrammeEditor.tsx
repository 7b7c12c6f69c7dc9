import { useState } from 'react';
import type { ScheduleWarning } from '../../../src-shared/contract/calls.js';
import type { Commission, Programme, ProgrammeSection } from '../../../src-shared/domain/index.js';
import { MONTH_ABBR } from '../../../src-shared/format.js';
import { messageOf } from '../../api/client.js';
import { useClient, useLoad } from '../../app/client-context.js';
import { DataTable, Field, FormActions, FormError, TextAreaField, useForm, type Column } from '../../kit/index.js';
import { objectivesToText, textToObjectives } from './objectives.js';

type Row = ProgrammeSection['schedule'][number];
const MONTHS = MONTH_ABBR.map((_, i) => `m${i + 1}`);

/** One schedule row: línea de acción, unidad, meta, cuantificación física and the twelve months. */
function RowForm({ programme, section, row, onDone, onCancel }: { programme: Programme; section: ProgrammeSection; row?: Row; onDone: () => void; onCancel: () => void }) {
  const call = useClient();
  const initial: Record<string, string> = {
    lineOfAction: row?.lineOfAction ?? '',
    unit: row?.unit ?? '',
    goal: row?.goal ?? '',
    physicalQuantity: row ? String(row.physicalQuantity) : '',
  };
  MONTHS.forEach((m, i) => (initial[m] = row?.months[i] ? String(row.months[i]) : ''));
  const form = useForm(initial);
  const number = (v: string | undefined) => (v?.trim() ? Number(v) : 0);
  const save = form.submit(async () => {
    const v = form.values;
    const input = {
      lineOfAction: v.lineOfAction,
      unit: v.unit,
      goal: v.goal,
      physicalQuantity: v.physicalQuantity?.trim() ? Number(v.physicalQuantity) : Number.NaN,
      months: MONTHS.map((m) => number(v[m])),
    };
    const fields = { 'row.lineOfAction': 'lineOfAction', 'row.unit': 'unit', 'row.goal': 'goal', 'row.physicalQuantity': 'physicalQuantity' };
    const where = { programmeId: programme.id, sectionId: section.id, row: input };
    if (row) {
      const args = form.check('programmes.updateRow', { ...where, rowId: row.id }, { fields });
      if (!args) return;
      await call('programmes.updateRow', args);
    } else {
      const args = form.check('programmes.addRow', where, { fields });
      if (!args) return;
      await call('programmes.addRow', args);
    }
    onDone();
  });
  const sum = MONTHS.reduce((s, m) => s + number(form.values[m]), 0);
  const total = number(form.values.physicalQuantity);
  return (
    <form className="panel" noValidate onSubmit={save} aria-label={row ? 'Editar fila del cronograma' : 'Nueva fila del cronograma'}>
      <h4>{row ? 'Editar fila' : `Nueva fila en ${section.number}. ${section.title}`}</h4>
      <Field label="Línea de acción" {...form.field('lineOfAction')} />
      <div className="form-row">
        <Field label="Unidad de medida" {...form.field('unit')} />
        <Field label="Meta" {...form.field('goal')} />
        <Field label="Cuantificación física" type="number" min={0} step={1} inputMode="numeric" {...form.field('physicalQuantity')} />
      </div>
      <div className="months-row">
        {MONTH_ABBR.map((m, i) => (
          <Field key={m} label={m} type="number" min={0} step={1} inputMode="numeric" {...form.field(MONTHS[i]!)} />
        ))}
      </div>
      {sum !== total && (
        <p className="text-warn" role="status">
          Los meses suman {sum} y la cuantificación física es {total}. Se puede guardar así; quedará señalado.
        </p>
      )}
      <FormError error={form.error} />
      <FormActions submit={row ? 'Guardar fila' : 'Agregar fila'} busy={form.busy} busyLabel="Guardando…" onCancel={onCancel} />
    </form>
  );
}

/** A section's number, title, general objective, specific objectives with their lines of action, and legal basis. */
function SectionForm({ programme, section, onDone, onCancel }: { programme: Programme; section?: ProgrammeSection; onDone: () => void; onCancel: () => void }) {
  const call = useClient();
  const form = useForm({
    number: section?.number ?? '',
    title: section?.title ?? '',
    generalObjective: section?.generalObjective ?? '',
    objectives: objectivesToText(section?.specificObjectives ?? []),
    legalBasis: (section?.legalBasis ?? []).join('\n'),
  });
  const [objectivesError, setObjectivesError] = useState('');
  const save = form.submit(async () => {
    const v = form.values;
    const read = textToObjectives(v.objectives);
    setObjectivesError('error' in read ? read.error : '');
    if ('error' in read) return;
    const args = form.check(
      'programmes.saveSection',
      {
        programmeId: programme.id,
        ...(section ? { sectionId: section.id } : {}),
        section: {
          number: v.number.trim(),
          title: v.title,
          parentTitle: section?.parentTitle ?? '',
          generalObjective: v.generalObjective,
          specificObjectives: read.objectives,
          legalBasis: v.legalBasis.split('\n').map((l) => l.trim()).filter(Boolean),
        },
      },
      { fields: { 'section.number': 'number', 'section.title': 'title' } },
    );
    if (!args) return;
    await call('programmes.saveSection', args);
    onDone();
  });
  return (
    <form className="panel" noValidate onSubmit={save} aria-label={section ? `Editar apartado ${section.number}` : 'Nuevo apartado'}>
      <div className="form-row">
        <Field label="Número (p. ej. 3 o 4.1)" {...form.field('number')} />
        <Field label="Título del apartado" {...form.field('title')} />
      </div>
      <TextAreaField label="Objetivo general" {...form.field('generalObjective')} />
      <TextAreaField
        label="Objetivos específicos (un párrafo por objetivo; sus líneas de acción debajo, cada una empezando con «-»)"
        rows={6}
        {...form.field('objectives')}
        error={objectivesError || undefined}
      />
      <TextAreaField label="Fundamento legal (uno por renglón)" {...form.field('legalBasis')} />
      <FormError error={form.error} />
      <FormActions submit="Guardar apartado" busy={form.busy} busyLabel="Guardando…" onCancel={onCancel} />
    </form>
  );
}

type Editing = { kind: 'row'; section: ProgrammeSection; row?: Row } | { kind: 'section'; section?: ProgrammeSection } | null;

function rowColumns(act: (what: 'up' | 'down' | 'edit' | 'remove', row: Row) => void, last: number, warned: Set<string>): Column<Row & { index: number }>[] {
  return [
    { key: 'line', header: 'Línea de acción', cell: (r) => r.lineOfAction },
    { key: 'unit', header: 'Unidad', cell: (r) => r.unit },
    { key: 'total', header: 'Total', className: 'num', cell: (r) => `${r.physicalQuantity}${warned.has(r.id) ? ' ⚠' : ''}` },
    { key: 'months', header: 'Meses', cell: (r) => r.months.map((v, i) => (v ? `${MONTH_ABBR[i]} ${v}` : '')).filter(Boolean).join(', ') || '—' },
    {
      key: 'actions',
      header: 'Acciones',
      cell: (r) => (
        <span className="actions">
          <button type="button" className="button-ghost" aria-label={`Subir fila ${r.index + 1}`} disabled={r.index === 0} onClick={() => act('up', r)}>
            ↑
          </button>
          <button type="button" className="button-ghost" aria-label={`Bajar fila ${r.index + 1}`} disabled={r.index === last} onClick={() => act('down', r)}>
            ↓
          </button>
          <button type="button" className="button-ghost" onClick={() => act('edit', r)}>
            Editar
          </button>
          <button type="button" className="button-ghost" onClick={() => act('remove', r)}>
            Quitar
          </button>
        </span>
      ),
    },
  ];
}

/**
 * Editing a commission's programme for a year: create it (or copy last year's), its sections and
 * their cronograma rows, with the month-sum warnings the seed itself needs (never refused).
 */
export function ProgrammeEditor({ commission, year, programme, onChanged }: { commission: Commission; year: number; programme: Programme | undefined; onChanged: () => void }) {
  const call = useClient();
  const [editing, setEditing] = useState<Editing>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [warnings] = useLoad((c) => (programme ? c('programmes.warnings', { id: programme.id }) : Promise.resolve([] as ScheduleWarning[])), [programme?.id, programme?.hlc]);
  const act = (work: () => Promise<unknown>) => {
    setBusy(true);
    setError('');
    work()
      .then(onChanged, (e: unknown) => setError(messageOf(e)))
      .finally(() => setBusy(false));
  };
  if (!programme) {
    return (
      <div className="panel">
        <p className="muted">La comisión no tiene programa anual de trabajo {year}.</p>
        <div className="actions">
          <button type="button" className="button" disabled={busy} onClick={() => act(() => call('programmes.create', { commissionId: commission.id, year }))}>
            Crear programa {year}
          </button>
          <button type="button" className="button-ghost" disabled={busy} onClick={() => act(() => call('programmes.copy', { commissionId: commission.id, fromYear: year - 1, toYear: year }))}>
            Copiar el programa de {year - 1}
          </button>
        </div>
        <FormError error={error} />
      </div>
    );
  }
  const warned = new Set(warnings.state === 'ready' ? warnings.value.map((w) => w.rowId) : []);
  const done = () => {
    setEditing(null);
    onChanged();
  };
  return (
    <div className="programme-editor">
      {warnings.state === 'ready' && warnings.value.length > 0 && (
        <details className="panel">
          <summary>{warnings.value.length} fila(s) cuyos meses no suman su cuantificación física</summary>
          <ul>
            {warnings.value.map((w) => (
              <li key={w.rowId}>
                {w.sectionNumber}. {w.message}
              </li>
            ))}
          </ul>
        </details>
      )}
      <FormError error={error} />
      {editing?.kind === 'section' && !editing.section && <SectionForm programme={programme} onDone={done} onCancel={() => setEditing(null)} />}
      {programme.sections.map((section) => {
        const rows = section.schedule.map((r, index) => ({ ...r, index }));
        const onRow = (what: 'up' | 'down' | 'edit' | 'remove', row: Row) => {
          const index = section.schedule.findIndex((r) => r.id === row.id);
          if (what === 'edit') return setEditing({ kind: 'row', section, row });
          if (what === 'remove') {
            if (!window.confirm(`¿Quitar la fila «${row.lineOfAction.slice(0, 80)}» del cronograma?`)) return;
            return act(() => call('programmes.removeRow', { programmeId: programme.id, sectionId: section.id, rowId: row.id }));
          }
          act(() => call('programmes.moveRow', { programmeId: programme.id, sectionId: section.id, rowId: row.id, toIndex: what === 'up' ? index - 1 : index + 1 }));
        };
        return (
          <div key={section.id} className="group">
            <h3>
              {section.number}. {section.title}
            </h3>
            <div className="actions">
              <button type="button" className="button-ghost" onClick={() => setEditing({ kind: 'section', section })}>
                Editar apartado
              </button>
              <button type="button" className="button-ghost" onClick={() => setEditing({ kind: 'row', section })}>
                Agregar fila
              </button>
            </div>
            {editing?.kind === 'section' && editing.section?.id === section.id && (
              <SectionForm programme={programme} section={section} onDone={done} onCancel={() => setEditing(null)} />
            )}
            {editing?.kind === 'row' && editing.section.id === section.id && (
              <RowForm key={editing.row?.id ?? 'new'} programme={programme} section={section} {...(editing.row ? { row: editing.row } : {})} onDone={done} onCancel={() => setEditing(null)} />
            )}
            <DataTable rows={rows} columns={rowColumns(onRow, rows.length - 1, warned)} rowKey={(r) => r.id} empty="Este apartado no tiene filas de cronograma." />
          </div>
        );
      })}
      <div className="actions">
        <button type="button" className="button-ghost" onClick={() => setEditing({ kind: 'section' })}>
          Nuevo apartado
        </button>
      </div>
    </div>
  );
}
