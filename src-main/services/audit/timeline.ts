import type { TimelineEvent } from '../../../src-shared/contract/audit.js';
import type { DocumentRecord, Minutes, PrintJob, Session } from '../../../src-shared/domain/index.js';
import { documentStatusLabel, SESSION_STATUS_LABEL } from '../../../src-shared/format.js';
import type { JournalEntry } from '../store/audit-log.js';
import type { Store } from '../store/store.js';
import { TimelineIndex, type Target } from './timeline-index.js';

/**
 * The history of a document or a session, read from the hash-chained journal: each entry's
 * records are compared with their previous version to say what happened (who signed, which
 * agenda document was approved), so the timeline cannot say more than the audit log holds.
 * Only the target's own entries are read, through index/timeline/ (timeline-index.ts).
 */
export async function timeline(store: Store, target: Target): Promise<TimelineEvent[]> {
  let index = indexes.get(store);
  if (!index) indexes.set(store, (index = new TimelineIndex(store.dataDir)));
  let entries: JournalEntry[];
  try {
    entries = await store.exclusive('audit.timeline-index', () => index.entries(target));
  } catch {
    // An index that cannot be written (read-only copy of a folder) must not hide the history.
    entries = await store.journalEntries();
  }
  return timelineOf(entries, target);
}

const indexes = new WeakMap<Store, TimelineIndex>();

export function timelineOf(entries: JournalEntry[], target: Target): TimelineEvent[] {
  const docs = new Map<string, DocumentRecord>();
  const sessions = new Map<string, Session>();
  const minutes = new Map<string, Minutes>();
  /** draftId → the acta whose body it is. */
  const drafts = new Map<string, Minutes>();
  /** Print jobs recorded as being sent → where their event is in `out`. */
  const pendingPrints = new Map<string, number>();
  const out: TimelineEvent[] = [];
  const inScope = (doc: { id: string; sessionId?: string | undefined }) =>
    'documentId' in target ? doc.id === target.documentId : doc.sessionId === target.sessionId;
  for (const entry of entries) {
    for (const change of entry.changes ?? []) {
      const base = { seq: entry.seq, at: entry.at, actor: entry.actor };
      if (change.collection === 'documents') {
        const doc = change.record as unknown as DocumentRecord;
        const before = docs.get(doc.id);
        docs.set(doc.id, doc);
        if (!inScope(doc)) continue;
        for (const e of documentEvents(entry.mutation, before, doc)) out.push({ ...base, ...e, documentId: doc.id });
      } else if (change.collection === 'printJobs') {
        const job = change.record as unknown as PrintJob;
        const doc = docs.get(job.documentId);
        if (!doc || !inScope(doc)) continue;
        const event = { ...base, ...printEvent(job), documentId: doc.id };
        // A job sent at once is one event; the request stays visible when the printer refused it
        // or when it was only confirmed after a restart.
        const requested = pendingPrints.get(job.id);
        pendingPrints.delete(job.id);
        if (job.state === 'enviando') pendingPrints.set(job.id, out.length);
        if (requested !== undefined && job.state === 'enviado' && !job.reconciled) out[requested] = event;
        else out.push(event);
      } else if (change.collection === 'minutes' && 'sessionId' in target && (change.record as unknown as Minutes).sessionId === target.sessionId) {
        const acta = change.record as unknown as Minutes;
        const before = minutes.get(acta.id);
        minutes.set(acta.id, acta);
        drafts.set(acta.draftId, acta);
        for (const e of minutesEvents(entry.mutation, before, acta)) out.push({ ...base, ...e });
      } else if (change.collection === 'draftUpdates' && 'sessionId' in target) {
        const acta = drafts.get((change.record as unknown as { draftId: string }).draftId);
        if (!acta) continue;
        // An hour of autosaving is hundreds of entries: one event per uninterrupted run of edits by one person.
        const last = out.at(-1);
        if (last?.kind === 'editado' && last.actor === entry.actor && last.label === editedLabel(acta)) continue;
        out.push({ ...base, kind: 'editado', label: editedLabel(acta) });
      } else if (change.collection === 'sessions' && 'sessionId' in target && change.record.id === target.sessionId) {
        const session = change.record as unknown as Session;
        const before = sessions.get(session.id);
        sessions.set(session.id, session);
        for (const e of sessionEvents(entry.mutation, before, session)) out.push({ ...base, ...e });
      }
    }
  }
  return out;
}

const editedLabel = (m: Minutes) => `Texto del acta (versión ${m.version}) editado`;

function minutesEvents(mutation: string, before: Minutes | undefined, m: Minutes): { kind: string; label: string }[] {
  const acta = `Acta (versión ${m.version})`;
  if (mutation.startsWith('sync.')) return [{ kind: 'sincronizado', label: `${acta} sincronizada` }];
  if (!before) return [{ kind: 'creado', label: m.correctsId ? `${acta} creada como corrección de la versión anterior` : `${acta} creada en borrador` }];
  const out: { kind: string; label: string }[] = [];
  if (before.status !== m.status) {
    if (m.status === 'presentado') out.push({ kind: 'presentado', label: `Proyecto de ${acta.toLowerCase()} presentado` });
    else if (m.status === 'aprobado') out.push({ kind: 'aprobado', label: `${acta} aprobada${m.approvedBy ? ` por ${m.approvedBy.result === 'unanimidad' ? 'unanimidad' : 'mayoría'}` : ''}` });
    else if (m.status === 'bloqueado') out.push({ kind: 'bloqueado', label: `${acta} bloqueada${m.contentSha256 ? ` (SHA-256 ${m.contentSha256.slice(0, 16)}…)` : ''}` });
    else if (m.status === 'firmado') out.push({ kind: 'firmado', label: `${acta} firmada por todos sus firmantes` });
    else out.push({ kind: 'editado', label: `${acta} regresó a ${m.status}` });
  }
  if (m.supersededById && !before.supersededById) out.push({ kind: 'editado', label: `${acta} sustituida por una corrección` });
  return out;
}

function printEvent(job: PrintJob): { kind: string; label: string } {
  const copies = job.copies === 1 ? '1 copia' : `${job.copies} copias`;
  const what = `${job.printer} (${copies}${job.duplex === 'doble-cara' ? ', doble cara' : ''}${job.pages ? `, páginas ${job.pages}` : ''})`;
  if (job.state === 'enviando') return { kind: 'impresion-solicitada', label: `Impresión solicitada por ${job.printedBy} en ${what}` };
  if (job.state === 'no-enviado') return { kind: 'impresion-fallida', label: `La impresión en ${what} no llegó a la impresora` };
  const confirmed = job.reconciled ? `; trabajo ${job.jobId} confirmado al reabrir Sesiona` : '';
  return { kind: 'impreso', label: `Impreso por ${job.printedBy} en ${what}${confirmed}` };
}

function documentEvents(mutation: string, before: DocumentRecord | undefined, doc: DocumentRecord): { kind: string; label: string }[] {
  if (mutation.startsWith('sync.')) return [{ kind: 'sincronizado', label: `Sincronizado: ${doc.title}` }];
  if (!before) return [{ kind: 'creado', label: `Creado: ${doc.title}` }];
  const out: { kind: string; label: string }[] = [];
  for (const s of doc.signers) {
    const was = before.signers.find((b) => b.memberId === s.memberId);
    if (s.status === 'firmado' && was?.status !== 'firmado') {
      out.push({ kind: 'firmado', label: `Firmado por ${s.name}${s.certificateNumber ? ` (certificado ${s.certificateNumber})` : ''}` });
    }
    if (s.status === 'rechazado' && was?.status !== 'rechazado') {
      out.push({ kind: 'rechazado', label: `${s.name} se negó a firmar${s.refusal ? `: ${s.refusal}` : ''}` });
    }
  }
  if (doc.lockedAt && !before.lockedAt) out.push({ kind: 'bloqueado', label: 'Bloqueado para firma (sello y código QR agregados)' });
  if (doc.documentTimestamps.length > before.documentTimestamps.length) out.push({ kind: 'sellado', label: 'Sello de tiempo agregado' });
  if (!out.length) out.push({ kind: 'editado', label: mutation === 'document.setOrder' ? 'Orden de firma definido' : `Modificado (${mutation})` });
  return out;
}

function sessionEvents(mutation: string, before: Session | undefined, s: Session): { kind: string; label: string }[] {
  if (mutation.startsWith('sync.')) return [{ kind: 'sincronizado', label: `Sesión ${s.key} sincronizada` }];
  const out: { kind: string; label: string }[] = [];
  if (!before) out.push({ kind: 'creado', label: `Sesión ${s.key} creada` });
  else if (before.status !== s.status) out.push({ kind: 'editado', label: `Sesión ${SESSION_STATUS_LABEL[s.status].toLowerCase()}` });
  for (const d of s.documents) {
    const was = before?.documents.find((b) => b.id === d.id);
    if (was?.status === d.status) continue;
    const label = documentStatusLabel(d.status, Boolean(d.feminine));
    const kind = d.status === 'aprobado' || d.status === 'presentado' ? d.status : 'editado';
    out.push({ kind, label: `${label}: ${d.title}` });
  }
  if (!out.length) out.push({ kind: 'editado', label: `Sesión ${s.key} modificada` });
  return out;
}
