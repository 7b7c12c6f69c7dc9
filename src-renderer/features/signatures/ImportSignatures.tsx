import { useState } from 'react';
import type { ImportReportRow } from '../../../src-shared/contract/index.js';
import { IMPORT_ROW_STATUS_LABEL } from '../../../src-shared/format.js';
import { useClient } from '../../app/client-context.js';
import { Badge, DataTable, Field, FileField, FormActions, FormError, useForm, type Column } from '../../kit/index.js';

const REPORT_COLUMNS: Column<ImportReportRow>[] = [
  { key: 'row', header: 'Fila', cell: (r) => r.row },
  { key: 'person', header: 'Persona', cell: (r) => r.personName || '—' },
  { key: 'result', header: 'Resultado', cell: (r) => <Badge tone={r.status}>{IMPORT_ROW_STATUS_LABEL[r.status]}</Badge> },
  { key: 'reason', header: 'Motivo', cell: (r) => r.reason ?? '' },
];

/** jSignature base30 signatures from the earlier web system, with a report row per signature. */
export function ImportSignatures({ onDone }: { onDone: () => void }) {
  const call = useClient();
  const form = useForm({ pin: '' });
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReportRow[] | null>(null);
  const run = form.submit(async () => {
    if (!file) return form.fail('file', 'Elija un archivo CSV o JSON.');
    const format = file.name.toLowerCase().endsWith('.json') ? 'json' : 'csv';
    const args = form.check('signatures.import', { format, content: await file.text(), pin: form.values.pin }, { fields: { content: 'file' } });
    if (args) setReport(await call('signatures.import', args));
  });
  const imported = report?.filter((r) => r.status === 'importada').length ?? 0;
  return (
    <form className="card" onSubmit={run}>
      <h2>Importar firmas del sistema anterior</h2>
      <p className="muted">
        Archivo CSV (columnas «nombre» y «firma») o JSON con firmas en formato jSignature base30. Cada firma importada queda
        cifrada con el PIN que indique (al menos 6 dígitos); sin él no puede abrirse. Comunique el PIN a cada titular y pídale que
        lo cambie con «Cambiar PIN», porque usted también lo conoce.
      </p>
      <div className="form-row">
        <FileField label="Archivo" accept=".csv,.json,text/csv,application/json" error={form.errors.file} onFile={setFile} />
        <Field label="PIN para las firmas importadas" type="password" inputMode="numeric" autoComplete="new-password" {...form.field('pin')} />
      </div>
      <FormError error={form.error} />
      <FormActions submit="Importar" busy={form.busy} busyLabel="Importando…" onCancel={onDone} cancelLabel="Volver" />
      {report && (
        <>
          <p role="status">
            {imported} importada(s), {report.length - imported} rechazada(s).
          </p>
          <DataTable rows={report} columns={REPORT_COLUMNS} rowKey={(r) => String(r.row)} />
        </>
      )}
    </form>
  );
}
