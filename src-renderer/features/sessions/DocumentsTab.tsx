import { useState } from 'react';
import type { SessionDetail } from '../../../src-shared/contract/index.js';
import { DocumentStatus } from '../../../src-shared/domain/index.js';
import { agendaOrdinal, documentStatusLabel, formatDate } from '../../../src-shared/format.js';
import { fileBase64 } from '../../api/files.js';
import { useClient } from '../../app/client-context.js';
import { href } from '../../app/router.js';
import { objectUrl } from '../../api/download.js';
import { Badge, choices, DataTable, Field, FileField, FormActions, FormError, SelectField, useAction, useForm, type Column } from '../../kit/index.js';

type Doc = SessionDetail['session']['documents'][number];

const GENDERS = [
  { value: '', label: 'Masculino (Aprobado)' },
  { value: 'si', label: 'Femenino (Aprobada)' },
];

/** Documents attached to the agenda's items (PDF, DOCX, images) with their status, and the convocatoria. */
export function DocumentsTab({ detail, refresh }: { detail: SessionDetail; refresh: () => Promise<void> }) {
  const call = useClient();
  const { session } = detail;
  const [file, setFile] = useState<File | null>(null);
  const [link, setLink] = useState<{ url: string; name: string } | null>(null);
  const form = useForm({ title: '', itemId: session.agenda[0]?.id ?? '', status: 'presentado', feminine: '' });
  const action = useAction();
  const ordinal = (id: string | undefined) => {
    const i = session.agenda.findIndex((a) => a.id === id);
    return i >= 0 ? agendaOrdinal(i, session.agenda.length) : '—';
  };
  const columns: Column<Doc>[] = [
    { key: 'n', header: 'Consecutivo', cell: (d) => String(d.consecutive).padStart(2, '0') },
    { key: 'title', header: 'Documento', cell: (d) => d.title },
    { key: 'item', header: 'Punto', cell: (d) => ordinal(d.agendaItemId) },
    {
      key: 'status',
      header: 'Estatus',
      cell: (d) => (
        <select
          aria-label={`Estatus de ${d.title}`}
          value={d.status}
          onChange={(e) =>
            action.run(async () => {
              await call('agenda.setDocumentStatus', { sessionId: session.id, documentId: d.id, status: e.target.value as DocumentStatus });
              await refresh();
            })
          }
        >
          {DocumentStatus.options.map((s) => (
            <option key={s} value={s}>
              {documentStatusLabel(s, d.feminine)}
            </option>
          ))}
        </select>
      ),
    },
    { key: 'date', header: 'Fecha de sesión', cell: (d) => formatDate(d.sessionDate) },
    {
      key: 'open',
      header: 'Archivo',
      hiddenHeader: true,
      cell: (d) =>
        d.blob ? (
          <button
            type="button"
            className="button-ghost"
            onClick={() =>
              action.run(async () => {
                const f = await call('agenda.file', { sessionId: session.id, documentId: d.id });
                setLink({ url: objectUrl(f.base64, f.mime), name: f.fileName });
              })
            }
          >
            Abrir
          </button>
        ) : (
          <Badge tone={d.status}>{documentStatusLabel(d.status, d.feminine)}</Badge>
        ),
    },
  ];
  const attach = form.submit(async () => {
    if (!file) return form.fail('', 'Elija el archivo del documento.');
    const args = form.check(
      'agenda.attach',
      {
        sessionId: session.id,
        itemId: form.values.itemId,
        title: form.values.title,
        fileName: file.name,
        file: await fileBase64(file),
        status: form.values.status as DocumentStatus,
        feminine: form.values.feminine === 'si',
      },
      { fields: { itemId: 'itemId' } },
    );
    if (!args) return;
    await call('agenda.attach', args);
    form.set('title', '');
    await refresh();
  });
  return (
    <div>
      <h2>Convocatoria</h2>
      {detail.convocatoriaId ? (
        <p>
          La convocatoria está en Documentos, lista para firmarse: <a href={href('documentos', detail.convocatoriaId)}>abrir y firmar la convocatoria</a>.
        </p>
      ) : (
        <p className="muted">La convocatoria se genera al convocar la sesión.</p>
      )}
      <h2>Documentación presentada y/o aprobada</h2>
      <DataTable rows={session.documents} columns={columns} rowKey={(d) => d.id} middle empty="Sin documentos registrados." />
      <FormError error={action.error} />
      {link && (
        <p>
          <a className="button link-button-inline" href={link.url} download={link.name}>
            Descargar {link.name}
          </a>
        </p>
      )}
      {session.agenda.length > 0 && session.status !== 'cancelada' && (
        <form className="card" onSubmit={attach} aria-label="Adjuntar documento">
          <h2>Adjuntar documento</h2>
          <div className="form-row">
            <Field label="Título del documento" {...form.field('title')} />
            <SelectField
              label="Punto del orden del día"
              options={session.agenda.map((a, i) => ({ value: a.id, label: `${agendaOrdinal(i, session.agenda.length)}. ${a.text.slice(0, 60)}` }))}
              {...form.field('itemId')}
            />
            <SelectField label="Estatus" options={choices(DocumentStatus.options, (s) => documentStatusLabel(s, form.values.feminine === 'si'))} {...form.field('status')} />
            <SelectField label="Género del documento" options={GENDERS} {...form.field('feminine')} />
          </div>
          <FileField label="Archivo (PDF, DOCX o imagen)" accept=".pdf,.docx,.png,.jpg,.jpeg" onFile={setFile} />
          <FormActions submit="Adjuntar" busy={form.busy} busyLabel="Adjuntando…">
            <FormError error={form.error} />
          </FormActions>
        </form>
      )}
    </div>
  );
}
