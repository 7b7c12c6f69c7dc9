import type { Commission, Member, Session } from '../../../src-shared/domain/index.js';
import { agendaOrdinal, formatDate, MODALITY_LABEL, SESSION_TYPE_LABEL } from '../../../src-shared/format.js';
import { BALLOT_LABEL, votes } from '../../../src-shared/sessions/voting.js';
import { dateInWords } from '../../../src-shared/sessions/words.js';
import { plainText, type Block } from '../drafts/rich-text.js';
import { Layout } from '../pdf/layout/layout.js';
import { assetLogo, DEFAULT_INSTITUTE, letterheadOf, type Letterhead } from '../pdf/layout/letterhead.js';
import { itemResults, presentIds } from '../sessions/rules.js';
import { draftBlocks, fullName } from './draft-body.js';

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

/** The vote that approved the acta, for the legend under the signature boxes. */
export interface Approval {
  session: Session;
  result: 'unanimidad' | 'mayoria';
  /** Members who voted in favour. */
  inFavor: Member[];
}

export interface ActaOptions {
  /** The edited body; drafted from the session when absent. */
  blocks?: Block[];
  letterhead?: Letterhead;
  approval?: Approval;
}

/** Default signing order: the members (presidency first), then the technical secretary. */
export function signingOrder(members: Member[]): Member[] {
  const rank = { presidencia: 0, integrante: 1, secretaria_tecnica: 2 } as const;
  return [...members].sort((a, b) => rank[a.role] - rank[b.role]);
}

const PARTICLES = new Set(['de', 'del', 'la', 'las', 'los', 'y', 'e']);
const titleCase = (s: string) =>
  s
    .toLowerCase()
    .split(' ')
    .map((w, i) => (i > 0 && PARTICLES.has(w) ? w : w.replace(/^\p{L}/u, (c) => c.toUpperCase())))
    .join(' ');
/** "la Consejera Presidenta", "el Consejero Integrante": the article from the role as printed. */
const withArticle = (role: string) => `${/^\S*A\b/i.test(role.trim()) ? 'la' : 'el'} ${titleCase(role)}`;
const list = (items: string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join('; ')} y ${items.at(-1)}`);

/** "La presente hoja de firmas corresponde al acta … aprobada en Sesión … el …, por votación unánime de …". */
export function approvalLegend(session: Session, commission: Commission, institute: string, approval?: Approval): string {
  const acta = `al acta de la Sesión ${SESSION_TYPE_LABEL[session.type]} ${session.key} de la ${commission.name} del ${institute}, celebrada el ${formatDate(session.date)}`;
  if (!approval) return `La presente hoja de firmas corresponde ${acta}; pendiente de aprobación. -----`;
  const secretary = commission.members.find((m) => m.role === 'secretaria_tecnica');
  const voters = approval.inFavor.map((m) => `${withArticle(m.roleLabel)}, ${titleCase(m.name)}`);
  const how = approval.result === 'unanimidad' ? 'por votación unánime de' : 'por mayoría de votos, con el voto a favor de';
  const modality = MODALITY_LABEL[approval.session.modality];
  return (
    `La presente hoja de firmas corresponde ${acta}, aprobada en Sesión ${SESSION_TYPE_LABEL[approval.session.type]} ${modality} de dicha Comisión ` +
    `el ${formatDate(approval.session.date)}, ${how} ${list(voters)}` +
    (secretary ? `, ante ${withArticle(secretary.roleLabel)}, ${titleCase(secretary.name)}` : '') +
    '. -----'
  );
}

/**
 * The acta PDF: letterhead, key and date, the attendance table, the edited body, the vote of
 * each item, and the hoja de firmas with one box per member and the technical secretary and
 * the approval legend under them. Letter size, DejaVu embedded once, "Página N de M".
 */
export async function actaPdf(session: Session, commission: Commission, options: ActaOptions = {}): Promise<ActaPdf> {
  const letterhead = options.letterhead ?? letterheadOf(DEFAULT_INSTITUTE, assetLogo());
  const w = await Layout.create(`Acta ${session.key}`, letterhead);
  const type = SESSION_TYPE_LABEL[session.type].toUpperCase();
  w.paragraph(commission.name.toUpperCase(), { bold: true, align: 'center', size: 11, gap: 2 });
  const blocks = options.blocks ?? draftBlocks(session, commission);
  // The drafted body opens with the acta's title; print it here only if the secretary removed it.
  const titled = blocks[0]?.kind === 'heading' && plainText(blocks[0].runs).includes(session.key);
  if (!titled) w.paragraph(`ACTA DE LA SESIÓN ${type} ${session.key}`, { bold: true, align: 'center', size: 12, gap: 2 });
  w.paragraph(`${dateInWords(session.date)}${session.time ? `, ${session.time} horas` : ''} · ${MODALITY_LABEL[session.modality]}`, { align: 'center', size: 9.5, gap: 12 });

  const present = presentIds(session);
  w.heading('LISTA DE ASISTENCIA');
  w.table(
    [
      { header: 'Nombre', width: 5 },
      { header: 'Cargo', width: 4 },
      { header: 'Asistencia', width: 2, align: 'center' },
    ],
    commission.members.map((m) => [fullName(m), m.roleLabel, present.has(m.id) ? 'Presente' : 'Ausente']),
  );

  for (const b of blocks) {
    const words = b.runs.flatMap((r) =>
      r.text
        .split(/\s+/)
        .filter(Boolean)
        .map((t) => ({ text: t, ...(r.bold || b.kind === 'heading' ? { bold: true } : {}) })),
    );
    if (b.kind === 'heading') {
      w.ensure(60);
      w.words(words, { size: b.level === 1 ? 11.5 : 10.5, gap: 6, ...(b.level === 1 ? { align: 'center' as const } : {}) });
    } else if (b.kind === 'item') {
      w.words([{ text: b.ordered ? `${b.number}.` : '•' }, ...words], { indent: 18, gap: 3 });
    } else if (plainText(b.runs).trim()) {
      w.words(words, { align: 'justify' });
    }
  }

  // Each item's vote, member by member: a table that may span pages, header repeated.
  const results = itemResults(session, commission);
  const voters = commission.members.filter(votes);
  const rows: string[][] = [];
  session.agenda.forEach((item, i) => {
    const r = results[item.id];
    if (!r || !('result' in r)) return;
    const ballots = new Map(session.ballots.filter((b) => b.agendaItemId === item.id).map((b) => [b.memberId, b.ballot]));
    for (const m of voters) {
      const ballot = ballots.get(m.id);
      rows.push([agendaOrdinal(i, session.agenda.length), fullName(m), ballot ? BALLOT_LABEL[ballot] : 'Ausente', { unanimidad: 'Unanimidad', mayoria: 'Mayoría', rechazado: 'Rechazado' }[r.result]]);
    }
  });
  if (rows.length) {
    w.heading('VOTACIONES');
    w.table(
      [
        { header: 'Punto', width: 2.4 },
        { header: 'Integrante', width: 5 },
        { header: 'Voto', width: 2, align: 'center' },
        { header: 'Resultado', width: 2, align: 'center' },
      ],
      rows,
    );
  }

  // Hoja de firmas: its own page.
  w.newPage();
  w.paragraph('HOJA DE FIRMAS', { size: 13, bold: true, align: 'center', gap: 4 });
  w.paragraph(`Acta de la sesión ${SESSION_TYPE_LABEL[session.type].toLowerCase()} ${session.key}, del ${formatDate(session.date)}.`, { align: 'center', size: 9.5, gap: 16 });
  const signers = signingOrder(commission.members);
  const boxes = w.signatureBoxes(signers.map((m) => ({ name: fullName(m), role: m.roleLabel })));
  const slots = signers.map((m, i) => ({ memberId: m.id, name: fullName(m), role: m.roleLabel, page: boxes[i]!.page, rect: boxes[i]!.rect }));
  w.space(6);
  w.paragraph(approvalLegend(session, commission, letterhead.name, options.approval), { size: 9, align: 'justify' });
  return { pdf: await w.save(), slots };
}
