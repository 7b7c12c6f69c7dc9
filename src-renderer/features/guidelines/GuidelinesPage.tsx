import { useState } from 'react';
import type { GuidelineSummary, ImportResult } from '../../../src-shared/contract/index.js';
import { useClient, useLoad } from '../../app/client-context.js';
import { href } from '../../app/router.js';
import { fileBase64 } from '../../api/files.js';
import { ChoiceButtons, CommissionSelect, DataTable, Field, FileField, FormActions, FormError, linkColumn, SelectField, statusColumn, useForm } from '../../kit/index.js';
import { STATUS_LABEL, when } from './labels.js';
import './guidelines.css';

const MODES = [
  ['new', 'Nuevo lineamiento'],
  ['import', 'Importar de Word'],
] as const;

/** Every guideline with its status, last change, open comments and schedule progress; new and imported drafts. */
export function GuidelinesPage() {
  const [data, reload] = useLoad(async (c) => ({ list: await c('guidelines.list', {}), commissions: await c('commissions.list', {}), activities: await c('activities.list', {}) }), []);
  const [mode, setMode] = useState<'none' | 'new' | 'import'>('none');
  const [imported, setImported] = useState<ImportResult | null>(null);
  if (data.state === 'loading') return <p className="muted" role="status">Cargando…</p>;
  if (data.state === 'error') return <p className="text-error" role="alert">{data.message}</p>;
  const { list, commissions, activities } = data.value;
  return (
    <div className="gl-list">
      <div className="page-header">
        <h1>Lineamientos</h1>
        <ChoiceButtons choices={MODES} onPick={setMode} />
      </div>
      {mode === 'new' && <NewGuideline commissions={commissions} activities={activities} onCancel={() => setMode('none')} />}
      {mode === 'import' && (
        <ImportGuideline
          commissions={commissions}
          onCancel={() => setMode('none')}
          onDone={(r) => {
            setImported(r);
            setMode('none');
            reload();
          }}
        />
      )}
      {imported && (
        <div className="card" role="status">
          <p>
            Documento importado. <a href={href('lineamientos', imported.id)}>Abrir el lineamiento</a>
          </p>
          {imported.report.length ? (
            <>
              <p>Lo que no pudo acomodarse en la estructura:</p>
              <ul>
                {imported.report.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            </>
          ) : (
            <p className="muted">Todo el contenido se acomodó en la estructura.</p>
          )}
        </div>
      )}
      <DataTable<GuidelineSummary>
        rows={list}
        rowKey={(r) => r.id}
        empty="Aún no hay lineamientos. Cree uno nuevo o importe un borrador de Word."
        columns={[
          linkColumn({ key: 'title', header: 'Lineamiento', to: (r) => href('lineamientos', r.id), text: (r) => r.title }),
          { key: 'commission', header: 'Comisión', cell: (r) => r.commission },
          statusColumn(STATUS_LABEL),
          { key: 'updated', header: 'Último cambio', cell: (r) => `${when(r.updatedAt)} · ${r.updatedBy}` },
          { key: 'comments', header: 'Comentarios abiertos', className: 'num', cell: (r) => r.openComments },
          {
            key: 'schedule',
            header: 'Avance en el cronograma',
            cell: (r) =>
              r.schedule ? (
                <span title={r.schedule.title}>
                  <progress max={100} value={r.schedule.percent} aria-label={`Avance de «${r.schedule.title}»`} /> {r.schedule.percent}%
                </span>
              ) : (
                <span className="muted">Sin actividad</span>
              ),
          },
        ]}
      />
    </div>
  );
}

function NewGuideline({ commissions, activities, onCancel }: { commissions: { id: string; acronym: string; name: string }[]; activities: { id: string; title: string; commissionId: string; year: number }[]; onCancel: () => void }) {
  const call = useClient();
  const form = useForm({ commissionId: commissions[0]?.id ?? '', title: '', activityId: '' });
  const f = form.values;
  const submit = form.submit(async () => {
    const args = form.check('guidelines.create', { commissionId: f.commissionId, title: f.title.trim(), ...(f.activityId ? { activityId: f.activityId } : {}) });
    if (!args) return;
    const g = await call('guidelines.create', args);
    window.location.hash = href('lineamientos', g.id);
  });
  return (
    <form className="card" onSubmit={submit} aria-label="Nuevo lineamiento">
      <h2>Nuevo lineamiento</h2>
      <div className="form-row">
        <CommissionSelect commissions={commissions} {...form.field('commissionId')} />
        <SelectField
          label="Actividad del cronograma (opcional)"
          options={activities.filter((a) => a.commissionId === f.commissionId).map((a) => ({ value: a.id, label: `${a.year} · ${a.title.slice(0, 80)}` }))}
          empty="Ninguna"
          {...form.field('activityId')}
        />
      </div>
      <Field label="Título" placeholder="Lineamientos para el uso de las tecnologías de la información" {...form.field('title')} />
      <FormActions submit="Crear lineamiento" busy={form.busy} busyLabel="Creando…" onCancel={onCancel}>
        <FormError error={form.error} />
      </FormActions>
    </form>
  );
}

function ImportGuideline({ commissions, onCancel, onDone }: { commissions: { id: string; acronym: string; name: string }[]; onCancel: () => void; onDone: (r: ImportResult) => void }) {
  const call = useClient();
  const [file, setFile] = useState<File | null>(null);
  const form = useForm({ commissionId: commissions[0]?.id ?? '', title: '' });
  const submit = form.submit(async () => {
    if (!file) {
      form.fail('', 'Elija el archivo de Word (.docx) que se importa.');
      return;
    }
    const args = form.check('guidelines.import', { commissionId: form.values.commissionId, docx: await fileBase64(file), ...(form.values.title.trim() ? { title: form.values.title.trim() } : {}) });
    if (!args) return;
    onDone(await call('guidelines.import', args));
  });
  return (
    <form className="card" onSubmit={submit} aria-label="Importar de Word">
      <h2>Importar un borrador de Word</h2>
      <div className="form-row">
        <CommissionSelect commissions={commissions} {...form.field('commissionId')} />
        <Field label="Título (si el documento no lo trae)" {...form.field('title')} />
      </div>
      <FileField label="Archivo .docx" accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document" onFile={setFile} />
      <FormActions submit="Importar" busy={form.busy} busyLabel="Importando…" onCancel={onCancel}>
        <FormError error={form.error} />
      </FormActions>
    </form>
  );
}
