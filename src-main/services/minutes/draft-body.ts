import type { Commission, Member, Session } from '../../../src-shared/domain/index.js';
import { agendaOrdinal, MODALITY_LABEL, SESSION_TYPE_LABEL } from '../../../src-shared/format.js';
import { dateInWords, timeInWords } from '../../../src-shared/sessions/words.js';
import { heading, para, type Block } from '../drafts/rich-text.js';
import { itemResults, presentIds, sessionQuorum } from '../sessions/rules.js';

export const fullName = (m: Pick<Member, 'title' | 'name'>) => `${m.title ? `${m.title} ` : ''}${m.name}`;

const RESULT_TEXT = { unanimidad: 'aprobado por unanimidad', mayoria: 'aprobado por mayoría', rechazado: 'rechazado' } as const;

/**
 * The first draft of an acta, from the agenda, the attendance, the votes and the secretary's
 * notes. The secretary edits it from here; nothing in it is final until the acta is locked.
 */
export function draftBlocks(session: Session, commission: Commission, city = 'Morelia, Michoacán'): Block[] {
  const type = SESSION_TYPE_LABEL[session.type].toLowerCase();
  const present = presentIds(session);
  const attending = commission.members.filter((m) => present.has(m.id));
  const absent = commission.members.filter((m) => !present.has(m.id));
  const q = sessionQuorum(session, commission);
  const results = itemResults(session, commission);
  const place = session.place ? (session.modality === 'virtual' ? `, a través de ${session.place}` : `, en ${session.place}`) : '';
  const blocks: Block[] = [
    heading(`ACTA DE LA SESIÓN ${SESSION_TYPE_LABEL[session.type].toUpperCase()} ${session.key}`, 1),
    para(
      `En la ciudad de ${city}, ${session.time ? `siendo ${timeInWords(session.time)} del día` : 'el día'} ${dateInWords(session.date)}, ` +
        `en modalidad ${MODALITY_LABEL[session.modality].toLowerCase()}${place}, se reunieron para celebrar la sesión ${type} de la ${commission.name}: ` +
        (attending.length ? attending.map((m) => `${fullName(m)}, ${m.roleLabel.toLowerCase()}`).join('; ') : 'sin asistentes registrados') +
        '.',
    ),
  ];
  if (absent.length) blocks.push(para(`No asistió: ${absent.map(fullName).join('; ')}.`));
  blocks.push(
    para(
      q.met
        ? `La Secretaría Técnica hizo constar la asistencia de ${q.present} de ${q.voters} integrantes con derecho a voto, por lo que existe quórum legal para sesionar.`
        : `La Secretaría Técnica hizo constar la asistencia de ${q.present} de ${q.voters} integrantes con derecho a voto; no hubo quórum legal.`,
    ),
    para('A continuación se dio lectura al orden del día:'),
  );
  session.agenda.forEach((item, i) => {
    blocks.push(heading(`${agendaOrdinal(i, session.agenda.length)}. ${item.text}`, 2));
    for (const sub of item.subitems) blocks.push({ kind: 'item', ordered: false, number: 0, runs: [{ text: sub }] });
    for (const p of item.notes.split(/\n{2,}|\n/).map((s) => s.trim()).filter(Boolean)) blocks.push(para(p));
    const r = results[item.id];
    if (r && 'result' in r) {
      blocks.push(
        para(`Sometido a votación, el punto fue ${RESULT_TEXT[r.result]}: ${r.inFavor} votos a favor, ${r.against} en contra y ${r.abstentions} abstenciones.`, { bold: true }),
      );
    }
  });
  blocks.push(para('No habiendo otro asunto que tratar, se dio por concluida la sesión, firmando al calce quienes en ella intervinieron.'));
  return blocks;
}
