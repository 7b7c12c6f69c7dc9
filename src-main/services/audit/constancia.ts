/**
 * The "constancia" of a document, like a certificate of completion: what the document is, its
 * exact bytes (SHA-256), who signed it with which certificate, and its history as the
 * hash-chained audit log records it, with each entry's hash so an auditor can find it.
 */
import { createHash } from 'node:crypto';
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { AppError } from '../../../src-shared/contract/errors.js';
import { DOCUMENT_KIND_LABEL, DOCUMENT_STATE_LABEL, SIGNER_STATUS_LABEL } from '../../../src-shared/format.js';
import type { Store } from '../store/store.js';
import { timelineOf } from './timeline.js';

const PAGE: [number, number] = [612, 792]; // carta
const MARGIN = 54;
const WIDTH = PAGE[0] - 2 * MARGIN;
const PURPLE = rgb(0.42, 0.12, 0.37);

/** Standard PDF fonts encode WinAnsi only: anything else is replaced rather than failing. */
function winAnsi(text: string): string {
  return text
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[^\x20-\x7e\u00a0-\u00ff\u2013\u2014\u2026\u20ac]/g, '?');
}

class Writer {
  page!: PDFPage;
  y = 0;
  pages = 0;
  constructor(
    readonly doc: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
    readonly mono: PDFFont,
    readonly footer: string,
  ) {
    this.newPage();
  }
  newPage(): void {
    this.page = this.doc.addPage(PAGE);
    this.pages++;
    this.y = PAGE[1] - MARGIN;
    this.page.drawText(winAnsi(`${this.footer} — página ${this.pages}`), { x: MARGIN, y: 30, size: 7.5, font: this.regular, color: rgb(0.4, 0.4, 0.4) });
  }
  ensure(h: number): void {
    if (this.y - h < 50) this.newPage();
  }
  /** Wrapped text; returns nothing, moves down. */
  text(t: string, o: { size?: number; font?: PDFFont; indent?: number; color?: ReturnType<typeof rgb> } = {}): void {
    const size = o.size ?? 9;
    const font = o.font ?? this.regular;
    const x = MARGIN + (o.indent ?? 0);
    const max = WIDTH - (o.indent ?? 0);
    const lines = wrap(winAnsi(t), font, size, max);
    // A short paragraph is not split across pages.
    if (lines.length <= 4) this.ensure(lines.length * (size + 3));
    for (const line of lines) {
      this.ensure(size + 3);
      this.page.drawText(line, { x, y: this.y - size, size, font, color: o.color ?? rgb(0, 0, 0) });
      this.y -= size + 3;
    }
  }
  heading(t: string): void {
    this.ensure(40);
    this.y -= 8;
    this.text(t, { size: 11, font: this.bold, color: PURPLE });
    this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: PAGE[0] - MARGIN, y: this.y }, thickness: 0.8, color: PURPLE });
    this.y -= 6;
  }
  field(label: string, value: string, mono = false): void {
    this.text(`${label}: ${mono ? '' : value}`, { font: this.bold });
    if (mono) this.text(value, { font: this.mono, size: 8, indent: 12 });
  }
}

function wrap(text: string, font: PDFFont, size: number, max: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(' ')) {
      const next = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(next, size) <= max) {
        line = next;
        continue;
      }
      if (line) out.push(line);
      // A word longer than the line (a hash) is cut where it must be.
      let rest = word;
      while (font.widthOfTextAtSize(rest, size) > max) {
        let n = rest.length;
        while (n > 1 && font.widthOfTextAtSize(rest.slice(0, n), size) > max) n--;
        out.push(rest.slice(0, n));
        rest = rest.slice(n);
      }
      line = rest;
    }
    out.push(line);
  }
  return out;
}

function when(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

export async function constanciaPdf(store: Store, id: string): Promise<{ fileName: string; pdf: Uint8Array }> {
  const doc = store.get('documents', id);
  if (!doc) throw new AppError('NOT_FOUND', 'El documento solicitado no existe.');
  const entries = await store.journalEntries();
  const check = await store.verifyAudit();
  const events = timelineOf(entries, { documentId: id });
  const bytes = await store.blobs.get(doc.pdf);
  const session = doc.sessionId ? store.get('sessions', doc.sessionId) : undefined;
  const commission = session ? store.get('commissions', session.commissionId) : undefined;
  const jobs = store.all('printJobs').filter((j) => j.documentId === id);

  const pdf = await PDFDocument.create();
  pdf.setTitle(winAnsi(`Constancia — ${doc.title}`));
  pdf.setCreator('Sesiona');
  const [regular, bold, mono] = await Promise.all([
    pdf.embedFont(StandardFonts.Helvetica),
    pdf.embedFont(StandardFonts.HelveticaBold),
    pdf.embedFont(StandardFonts.Courier),
  ]);
  const w = new Writer(pdf, regular, bold, mono, `Constancia de ${doc.fileName}`);
  w.text('INSTITUTO ELECTORAL DE MICHOACÁN', { size: 12, font: bold });
  w.text('CONSTANCIA DE HISTORIAL Y FIRMAS DEL DOCUMENTO', { size: 14, font: bold, color: PURPLE });
  w.text(`Emitida el ${when(new Date().toISOString())} por Sesiona a partir de su bitácora encadenada.`, { size: 8.5 });

  w.heading('Documento');
  w.field('Título', doc.title);
  w.field('Tipo', DOCUMENT_KIND_LABEL[doc.kind]);
  w.field('Estado', DOCUMENT_STATE_LABEL[doc.status]);
  if (commission) w.field('Comisión', `${commission.name} (${commission.acronym})`);
  if (session) w.field('Sesión', `${session.key}, ${session.date}`);
  w.field('Archivo', `${doc.fileName}, ${doc.bytes.toLocaleString('es-MX')} bytes`);
  w.field('Creado', when(doc.createdAt));
  if (doc.lockedAt) w.field('Bloqueado para firma', when(doc.lockedAt));
  w.field('SHA-256 del archivo vigente', createHash('sha256').update(bytes).digest('hex'), true);
  if (doc.sealPayload) w.field('Código de verificación (QR)', doc.sealPayload, true);

  w.heading('Firmantes');
  if (!doc.signers.length) w.text('Este documento no tiene firmantes electrónicos registrados.');
  for (const [i, s] of doc.signers.entries()) {
    w.text(`${i + 1}. ${s.name} — ${s.role}`, { font: bold });
    const parts = [`Estado: ${SIGNER_STATUS_LABEL[s.status]}`];
    if (s.signedAt) parts.push(`firmado el ${when(s.signedAt)}`);
    if (s.certificateNumber) parts.push(`certificado núm. ${s.certificateNumber}`);
    if (s.rfc) parts.push(`RFC ${s.rfc}`);
    if (s.timestamped) parts.push('con sello de tiempo');
    if (s.refusal) parts.push(`motivo: ${s.refusal}`);
    w.text(parts.join('; '), { indent: 12 });
  }

  w.heading('Historial');
  if (!events.length) w.text('La bitácora no tiene entradas para este documento.');
  for (const e of events) {
    const entry = entries[e.seq - 1];
    w.text(`${when(e.at)} — ${e.label}`, { font: bold });
    w.text(`Entrada ${e.seq} de la bitácora, por ${e.actor}`, { indent: 12 });
    if (entry) w.text(`hash ${entry.hash}`, { indent: 12, font: mono, size: 7.5 });
  }
  if (jobs.length) {
    w.heading('Impresiones');
    for (const j of jobs) w.text(`${when(j.at)} — ${j.printedBy}: ${j.copies} copia(s) en ${j.printer}, ${printOutcome(j)}`);
  }

  w.heading('Integridad de la bitácora');
  w.text(
    check.ok
      ? `La cadena de hashes de la bitácora está íntegra (${check.entries} entradas revisadas).`
      : `La bitácora NO está íntegra${check.brokenAt ? `: se rompe en la entrada ${check.brokenAt}` : ''}. ${(check.problems ?? []).join(' ')}`,
  );
  const head = entries.at(-1);
  if (head) w.field(`Hash de la última entrada (${head.seq})`, head.hash, true);
  w.text(
    'Para comprobar esta constancia: calcule el SHA-256 del archivo PDF y compárelo con el de arriba; cada entrada del historial puede buscarse por su número y su hash en la bitácora (audit/log-*.jsonl) de la carpeta de datos.',
    { size: 8, color: rgb(0.3, 0.3, 0.3) },
  );
  const base = doc.fileName.replace(/\.pdf$/i, '');
  return { fileName: `constancia-${base}.pdf`, pdf: await pdf.save() };
}

function printOutcome(j: { state?: string; jobId: string; reconciled?: boolean }): string {
  if (j.state === 'enviando') return 'enviado sin confirmación de la impresora';
  if (j.state === 'no-enviado') return 'no llegó a la impresora';
  return `trabajo ${j.jobId}${j.reconciled ? ' (confirmado al reabrir Sesiona)' : ''}`;
}
