import type { Commission, Session } from '../../../src-shared/domain/index.js';
import { agendaOrdinal, SESSION_TYPE_LABEL } from '../../../src-shared/format.js';
import { dateInWords, timeInWords } from '../../../src-shared/sessions/words.js';
import { Layout } from '../pdf/layout/layout.js';
import type { Letterhead } from '../pdf/layout/letterhead.js';
import { fullName } from '../minutes/draft-body.js';
import { signingOrder, type ActaPdf } from '../minutes/acta-pdf.js';

/**
 * The notice of session (convocatoria): addressed to the members, with the date in words, the
 * time, the modality, the place or link and the full agenda; signed by the presidency and the
 * technical secretary with the existing signing flow (their boxes are returned as slots).
 */
export async function convocatoriaPdf(session: Session, commission: Commission, letterhead: Letterhead, issuedOn: string, city: string): Promise<ActaPdf> {
  const w = await Layout.create(`Convocatoria ${session.key}`, letterhead);
  const type = SESSION_TYPE_LABEL[session.type];
  w.paragraph(`${city}, a ${dateInWords(issuedOn)}.`, { align: 'justify', size: 9.5, gap: 14 });
  w.paragraph(`CONVOCATORIA A SESIÓN ${type.toUpperCase()}`, { bold: true, align: 'center', size: 12, gap: 2 });
  w.paragraph(session.key, { bold: true, align: 'center', size: 11, gap: 14 });
  const voters = commission.members.filter((m) => m.role !== 'secretaria_tecnica');
  for (const m of voters) {
    w.paragraph(fullName(m), { bold: true, gap: 0 });
    w.paragraph(`${m.roleLabel} DE LA ${commission.name.toUpperCase()}`, { size: 9.5, gap: 6 });
  }
  w.paragraph('P R E S E N T E S', { bold: true, gap: 12 });
  const where =
    session.modality === 'virtual'
      ? `de manera virtual${session.place ? `, a través del enlace ${session.place}` : ''}`
      : session.modality === 'hibrida'
        ? `en modalidad híbrida${session.place ? `, en ${session.place}` : ''}`
        : `de manera presencial${session.place ? `, en ${session.place}` : ''}`;
  w.paragraph(
    `Con fundamento en la normativa aplicable a la ${commission.name}, se les convoca a la Sesión ${type} ${session.key}, ` +
      `que se celebrará el ${dateInWords(session.date)}${session.time ? `, a ${timeInWords(session.time)}` : ''}, ${where}, ` +
      'conforme al siguiente:',
    { align: 'justify', gap: 10 },
  );
  w.paragraph('ORDEN DEL DÍA', { bold: true, align: 'center', gap: 8 });
  session.agenda.forEach((item, i) => {
    w.words(
      [{ text: `${agendaOrdinal(i, session.agenda.length)}.`, bold: true }, ...item.text.split(/\s+/).filter(Boolean).map((t) => ({ text: t }))],
      { align: 'justify', gap: 3 },
    );
    for (const sub of item.subitems) w.paragraph(sub, { indent: 24, size: 10, gap: 2 });
    w.space(4);
  });
  const docs = session.documents;
  if (docs.length) {
    w.heading('DOCUMENTACIÓN');
    w.table(
      [
        { header: 'Consecutivo', width: 1.4, align: 'center' },
        { header: 'Documento', width: 6 },
        { header: 'Punto', width: 2 },
      ],
      docs.map((d) => {
        const at = session.agenda.findIndex((a) => a.id === d.agendaItemId);
        return [String(d.consecutive).padStart(2, '0'), d.title, at >= 0 ? agendaOrdinal(at, session.agenda.length) : '—'];
      }),
    );
  }
  w.paragraph('Sin otro particular, reciban un cordial saludo.', { gap: 8 });
  w.paragraph('A T E N T A M E N T E', { bold: true, align: 'center', gap: 10 });
  const signers = signingOrder(commission.members).filter((m) => m.role !== 'integrante');
  const names = signers.map((m) => ({ name: fullName(m), role: m.roleLabel }));
  const boxes = w.signatureBoxes(names);
  const slots = signers.map((m, i) => ({ memberId: m.id, name: names[i]!.name, role: m.roleLabel, page: boxes[i]!.page, rect: boxes[i]!.rect }));
  return { pdf: await w.save(), slots };
}
