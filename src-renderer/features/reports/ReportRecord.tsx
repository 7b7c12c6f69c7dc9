import { useState } from 'react';
import type { Commission, FourMonthReport, Period } from '../../../src-shared/domain/index.js';
import { MODALITY_LABEL, SESSION_TYPE_LABEL, VOTE_RESULT_LABEL } from '../../../src-shared/format.js';
import { useClient } from '../../app/client-context.js';
import { Loaded } from '../../app/Status.js';
import { Field, FormActions, FormError, SelectField, useForm } from '../../kit/index.js';
import { PERIOD_CHOICES } from './periods.js';

function options(labels: Record<string, string>) {
  return Object.entries(labels).map(([value, label]) => (
    <option key={value} value={value}>
      {label}
    </option>
  ));
}

/** The texts the informe prints (I. PRESENTACIÓN, the opening of V.) and the approval legend. */
function RecordForm({ commission, year, period, report }: { commission: Commission; year: number; period: Period; report: FourMonthReport | null }) {
  const call = useClient();
  const a = report?.approval;
  const form = useForm({
    presentation: report?.presentation ?? '',
    progressIntro: report?.progressIntro ?? '',
    date: a?.date ?? '',
    sessionType: a?.sessionType ?? 'ordinaria',
    modality: a?.modality ?? 'virtual',
    result: a?.result ?? 'unanimidad',
  });
  const [saved, setSaved] = useState('');
  const save = form.submit(async () => {
    const v = form.values;
    setSaved('');
    // Counts and the approving session recorded elsewhere are kept; the screen edits what the legend prints.
    const approval = v.date ? { approval: { ...a, date: v.date, sessionType: v.sessionType, modality: v.modality, result: v.result } } : {};
    const args = form.check('reports.save', { commissionId: commission.id, year, period, presentation: v.presentation, progressIntro: v.progressIntro, ...approval } as never, {
      fields: { 'approval.date': 'date' },
    });
    if (!args) return;
    await call('reports.save', args);
    setSaved('Texto del informe guardado; el PDF lo usará al generarse.');
  });
  return (
    <form className="panel" noValidate onSubmit={save} aria-label="Texto del informe">
      <Field label="I. Presentación (párrafos separados por una línea en blanco; vacío: el texto de siempre)">
        <textarea rows={6} value={form.values.presentation} onChange={(e) => form.set('presentation', e.target.value)} />
      </Field>
      <Field label="V. Avance de actividades: texto de apertura">
        <textarea rows={4} value={form.values.progressIntro} onChange={(e) => form.set('progressIntro', e.target.value)} />
      </Field>
      <fieldset>
        <legend>Aprobación (leyenda de la hoja de firmas)</legend>
        <div className="form-row">
          <Field label="Fecha de la sesión que lo aprobó" type="date" {...form.field('date')} />
          <Field label="Tipo de sesión">
            <select value={form.values.sessionType} onChange={(e) => form.set('sessionType', e.target.value)}>
              {options(SESSION_TYPE_LABEL)}
            </select>
          </Field>
          <Field label="Modalidad">
            <select value={form.values.modality} onChange={(e) => form.set('modality', e.target.value)}>
              {options(MODALITY_LABEL)}
            </select>
          </Field>
          <Field label="Votación">
            <select value={form.values.result} onChange={(e) => form.set('result', e.target.value)}>
              {options(VOTE_RESULT_LABEL)}
            </select>
          </Field>
        </div>
      </fieldset>
      <FormError error={form.error} />
      {saved && (
        <p className="text-ok" role="status">
          {saved}
        </p>
      )}
      <FormActions submit="Guardar texto del informe" busy={form.busy} busyLabel="Guardando…" />
    </form>
  );
}

/** The report record of a period, chosen here; each period has its own texts. */
export function ReportRecord({ commission, year }: { commission: Commission; year: number }) {
  const [period, setPeriod] = useState<Period>(2);
  return (
    <div>
      <SelectField inline label="Periodo del informe" options={PERIOD_CHOICES} value={period} onChange={(e) => setPeriod(Number(e.target.value) as Period)} />
      <Loaded deps={[commission.id, year, period]} load={(call) => call('reports.get', { commissionId: commission.id, year, period })}>
        {({ report }) => <RecordForm key={period} commission={commission} year={year} period={period} report={report} />}
      </Loaded>
    </div>
  );
}
