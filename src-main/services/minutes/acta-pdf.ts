import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { Commission, Member, Session } from '../../../src-shared/domain/index.js';
import { agendaOrdinal, documentStatusLabel, formatDate, formatDateLong, MODALITY_LABEL, SESSION_TYPE_LABEL } from '../../../src-shared/format.js';

const PAGE: [number, number] = [612, 792]; // carta
const MARGIN = 72;
const WIDTH = PAGE[0] - 2 * MARGIN;

/** Where one signer signs on the hoja de firmas; rect in PDF points [x1, y1, x2, y2]. */
export interface SignatureSlot {
  memberId: string;
  name: string;
  role: string;
  page: number;
  rect: [number, number, number, number];
}

export interface ActaPdf {
  pdf: Uint8Array;
  slots: SignatureSlot[];
}

/** Default signing order: the members (presidency first), then the technical secretary. */
export function signingOrder(members: Member[]): Member[] {
  const rank = { presidencia: 0, integrante: 1, secretaria_tecnica: 2 } as const;
  return [...members].sort((a, b) => rank[a.role] - rank[b.role]);
}

class Writer {
  page!: PDFPage;
  y = 0;
  pages = 0;

  constructor(
    readonly doc: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
    readonly header: string[],
  ) {
    this.newPage();
  }

  newPage(): void {
    this.page = this.doc.addPage(PAGE);
    this.pages++;
    let y = PAGE[1] - 50;
    for (const [i, line] of this.header.entries()) {
      const size = i === 0 ? 12 : 9.5;
      const font = i === 0 ? this.bold : this.regular;
      this.page.drawText(line, { x: (PAGE[0] - font.widthOfTextAtSize(line, size)) / 2, y, size, font });
      y -= 14;
    }
    this.page.drawLine({ start: { x: MARGIN, y: y + 4 }, end: { x: PAGE[0] - MARGIN, y: y + 4 }, thickness: 1.2, color: rgb(0.42, 0.12, 0.37) });
    this.page.drawText(`Página ${this.pages}`, { x: PAGE[0] - MARGIN - 50, y: 36, size: 8, font: this.regular, color: rgb(0.4, 0.4, 0.4) });
    this.y = y - 24;
  }

  ensure(height: number): void {
    if (this.y - height < 72) this.newPage();
  }

  lines(text: string, size: number, font: PDFFont, width: number): string[] {
    const out: string[] = [];
    for (const paragraph of text.split('\n')) {
      let line = '';
      for (const word of paragraph.split(/\s+/).filter(Boolean)) {
        const next = line ? `${line} ${word}` : word;
        if (font.widthOfTextAtSize(next, size) > width && line) {
          out.push(line);
          line = word;
        } else line = next;
      }
      out.push(line);
    }
    return out;
  }

  paragraph(text: string, opts: { size?: number; bold?: boolean; indent?: number; center?: boolean; gap?: number } = {}): void {
    const size = opts.size ?? 10.5;
    const font = opts.bold ? this.bold : this.regular;
    const indent = opts.indent ?? 0;
    for (const line of this.lines(text, size, font, WIDTH - indent)) {
      this.ensure(size + 4);
      const x = opts.center ? (PAGE[0] - font.widthOfTextAtSize(line, size)) / 2 : MARGIN + indent;
      this.page.drawText(line, { x, y: this.y, size, font });
      this.y -= size * 1.45;
    }
    this.y -= opts.gap ?? 6;
  }
}

/**
 * The acta of a session, drafted from its agenda and documents, with a signature page (hoja de
 * firmas) holding one box per signer in signing order. Standard fonts: WinAnsi covers Spanish.
 */
export async function actaPdf(session: Session, commission: Commission): Promise<ActaPdf> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(`Acta ${session.key}`);
  doc.setProducer('Sesiona');
  doc.setCreator('Sesiona');
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const w = new Writer(doc, regular, bold, [commission.institute.toUpperCase(), commission.name.toUpperCase()]);

  const type = SESSION_TYPE_LABEL[session.type].toUpperCase();
  w.paragraph(`ACTA DE LA SESIÓN ${type} ${session.key}`, { size: 13, bold: true, center: true, gap: 14 });
  const present = commission.members.map((m) => `${m.title ? `${m.title} ` : ''}${m.name}, ${m.roleLabel.toLowerCase()}`);
  w.paragraph(
    `En la ciudad de Morelia, Michoacán, el ${formatDateLong(session.date)}, en modalidad ${MODALITY_LABEL[session.modality].toLowerCase()}, ` +
      `se reunieron ${present.join('; ')}, para celebrar la sesión ${SESSION_TYPE_LABEL[session.type].toLowerCase()} de la ${commission.name}, ` +
      'conforme al siguiente orden del día:',
    { gap: 10 },
  );
  session.agenda.forEach((item, i) => {
    w.paragraph(`${agendaOrdinal(i, session.agenda.length)}. ${item.text}`, { indent: 12, gap: 2 });
    for (const sub of item.subitems) w.paragraph(sub, { indent: 30, size: 10, gap: 2 });
    w.y -= 4;
  });
  if (session.documents.length) {
    w.y -= 6;
    w.paragraph('DOCUMENTACIÓN PRESENTADA Y/O APROBADA', { bold: true, size: 11 });
    for (const d of session.documents) {
      w.paragraph(
        `${String(d.consecutive).padStart(2, '0')}. ${d.title} — ${documentStatusLabel(d.status, d.feminine)} (sesión del ${formatDate(d.sessionDate)}).`,
        { indent: 12, gap: 2 },
      );
    }
  }
  if (session.summary) {
    w.y -= 6;
    for (const p of session.summary.split(/\n\n+/)) w.paragraph(p);
  }
  w.paragraph(
    'No habiendo otro asunto que tratar, se da por concluida la sesión, firmando al calce quienes en ella intervinieron.',
    { gap: 4 },
  );

  // Hoja de firmas: always its own page, two boxes per row.
  w.newPage();
  w.paragraph('HOJA DE FIRMAS', { size: 13, bold: true, center: true, gap: 4 });
  w.paragraph(`Acta de la sesión ${SESSION_TYPE_LABEL[session.type].toLowerCase()} ${session.key}, del ${formatDate(session.date)}.`, {
    center: true,
    size: 9.5,
    gap: 16,
  });
  const slots: SignatureSlot[] = [];
  const boxW = 220;
  const boxH = 118;
  const gapX = WIDTH - 2 * boxW;
  signingOrder(commission.members).forEach((m, i) => {
    const col = i % 2;
    if (col === 0) w.ensure(boxH + 40);
    const x = MARGIN + col * (boxW + gapX);
    const top = w.y;
    const y = top - boxH;
    w.page.drawRectangle({ x, y, width: boxW, height: boxH, borderColor: rgb(0.75, 0.75, 0.78), borderWidth: 0.6 });
    const name = `${m.title ? `${m.title} ` : ''}${m.name}`;
    const label = (text: string, dy: number, font: PDFFont, size: number) =>
      w.page.drawText(text, { x: x + (boxW - font.widthOfTextAtSize(text, size)) / 2, y: y - dy, size, font });
    label(name, 12, bold, 8.5);
    label(m.roleLabel, 23, regular, 8);
    slots.push({ memberId: m.id, name, role: m.roleLabel, page: w.pages - 1, rect: [x, y, x + boxW, y + boxH] });
    if (col === 1 || i === commission.members.length - 1) w.y = y - 44;
  });
  const pdf = await doc.save({ useObjectStreams: false });
  return { pdf, slots };
}
