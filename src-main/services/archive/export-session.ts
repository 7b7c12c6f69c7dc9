import { AppError } from '../../../src-shared/contract/errors.js';
import type { Session } from '../../../src-shared/domain/index.js';
import { agendaOrdinal, documentStatusLabel, formatDateLong, MODALITY_LABEL, SESSION_TYPE_LABEL } from '../../../src-shared/format.js';
import { constanciaPdf } from '../audit/constancia.js';
import type { Store } from '../store/store.js';
import { zipWithManifest, type ZipFile } from './zip.js';

/**
 * A session's whole file for the archive: every stored PDF of the session (notice, agenda, acta,
 * signed versions), each signed or locked document's constancia, the session's data with its
 * agenda as text and JSON, and a manifest with every file's SHA-256.
 */
export async function exportSession(store: Store, sessionId: string): Promise<{ fileName: string; zip: Uint8Array }> {
  const session = store.get('sessions', sessionId);
  if (!session) throw new AppError('NOT_FOUND', 'La sesión solicitada no existe.');
  const commission = store.get('commissions', session.commissionId);
  const docs = store
    .all('documents')
    .filter((d) => d.sessionId === sessionId)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const files: ZipFile[] = [];
  files.push({ name: 'orden-del-dia.txt', bytes: new TextEncoder().encode(agendaText(session, commission?.name)) });
  files.push({ name: 'sesion.json', bytes: new TextEncoder().encode(`${JSON.stringify(session, null, 2)}\n`) });
  for (const d of docs) {
    files.push({ name: `documentos/${d.fileName}`, bytes: await store.blobs.get(d.pdf) });
    const c = await constanciaPdf(store, d.id);
    files.push({ name: `constancias/${c.fileName}`, bytes: c.pdf });
  }
  const zip = zipWithManifest(files, {
    format: 'sesiona-expediente-de-sesion',
    session: session.key,
    commission: commission?.name ?? null,
    documents: docs.map((d) => ({ id: d.id, title: d.title, kind: d.kind, status: d.status, file: `documentos/${d.fileName}` })),
  });
  return { fileName: `expediente-${session.key.replace(/\//g, '-')}.zip`, zip };
}

function agendaText(s: Session, commission?: string): string {
  const lines = [
    commission ?? '',
    `${SESSION_TYPE_LABEL[s.type]} ${s.key}`,
    `${formatDateLong(s.date)} — ${MODALITY_LABEL[s.modality]}`,
    '',
    'ORDEN DEL DÍA',
    ...s.agenda.map((item, i) => `${agendaOrdinal(i, s.agenda.length)}. ${item.text}`),
    '',
    'DOCUMENTOS',
    ...s.documents.map((d) => `${d.consecutive}. ${d.title} — ${documentStatusLabel(d.status, d.feminine)}`),
  ];
  return `${lines.join('\n')}\n`;
}
