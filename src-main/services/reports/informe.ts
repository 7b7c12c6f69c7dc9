import { type Activity, type ActivityKind, type Commission, type FourMonthReport, type Period, type Session } from '../../../src-shared/domain/index.js';
import { agendaOrdinal, documentStatusLabel, formatDate, formatDateLong, formatPercent, MODALITY_LABEL, SESSION_TYPE_LABEL } from '../../../src-shared/format.js';
import { embedImage } from './pdf/images.js';
import { Layout, REPORT_STYLE, type EmbeddedImage } from '../pdf/layout/layout.js';
import { PERIOD_MONTHS, PERIOD_ORDINAL, PERIOD_RANGE, PERIOD_RANGE_TEXT, PERIOD_SHORT, PERIODS } from './periods.js';
import { DEFAULT_INSTITUTE, letterheadOf, type Letterhead } from '../pdf/layout/letterhead.js';
import { finishReport, seatedMembers, signatureBlock } from './signers.js';

export interface InformeInput {
  commission: Commission;
  year: number;
  period: Period;
  /** The report record (presentation, approval, signers); defaults apply when there is none. */
  report?: FourMonthReport | undefined;
  /** Every session of the commission; the period's are picked here. */
  sessions: Session[];
  /** The commission's activities of the year. */
  activities: Activity[];
  /** Evidence image bytes by sha256. */
  images: Map<string, Uint8Array>;
  /** The institute's letterhead as saved; the seeds' institute when absent. */
  letterhead?: Letterhead;
}

export interface SignatureSlot {
  memberId: string;
  name: string;
  role: string;
  page: number;
  rect: [number, number, number, number];
}

export interface RenderedReport {
  pdf: Uint8Array;
  pages: number;
  slots: SignatureSlot[];
}

const KIND_HEADING: Record<ActivityKind, (year: number) => { toc: string; title: string; column: string }> = {
  ordinaria: () => ({ toc: 'ACTIVIDADES ORDINARIAS', title: 'Actividades Ordinarias', column: 'ACTIVIDADES ORDINARIAS' }),
  especifica: () => ({ toc: 'ACTIVIDADES ESPECÍFICAS', title: 'Actividades Específicas', column: 'ACTIVIDADES ESPECÍFICAS' }),
  proceso_electoral: (year) => ({
    toc: `ACTIVIDADES EN PROCESO ELECTORAL LOCAL ORDINARIO ${year}-${year + 1}`,
    title: `Actividades en Proceso Electoral Local Ordinario ${year}-${year + 1}`,
    column: `ACTIVIDADES EN PROCESO ELECTORAL ORDINARIO LOCAL ${year}-${year + 1}`,
  }),
};
const KINDS: ActivityKind[] = ['ordinaria', 'especifica', 'proceso_electoral'];

/** Sessions held in the period: marked as held (celebrada), dated within its four months. */
export function sessionsInPeriod(sessions: Session[], commissionId: string, year: number, period: Period): Session[] {
  const [from, to] = PERIOD_MONTHS[period];
  return sessions
    .filter((s) => s.commissionId === commissionId && s.status === 'celebrada')
    .filter((s) => {
      const y = Number(s.date.slice(0, 4));
      const m = Number(s.date.slice(5, 7));
      return y === year && m >= from && m <= to;
    })
    .sort((a, b) => a.date.localeCompare(b.date) || a.number - b.number);
}

function sessionTitle(s: Session): string {
  return `SESIÓN ${SESSION_TYPE_LABEL[s.type].toUpperCase()} DE LA COMISIÓN DEL ${formatDateLong(s.date)}`;
}

function defaultPresentation(input: InformeInput): string {
  return (
    `Mediante el presente documento, la ${input.commission.name} informa las actividades desarrolladas durante el ` +
    `periodo ${PERIOD_RANGE_TEXT[input.period]} de ${input.year}: las sesiones celebradas, la documentación presentada y/o aprobada ` +
    'y el avance de cada una de las actividades de su programa anual de trabajo.'
  );
}

function defaultProgressIntro(input: InformeInput): string {
  if (input.period === 1) return `Se da cuenta del avance de las actividades de la Comisión durante el primer periodo de ${input.year}.`;
  return (
    'Se retoma el avance de los periodos anteriores con el fin de ver el avance desglosado sobre cada punto y detectar si hay ' +
    'acciones en las que no se ha avanzado, para darles un seguimiento puntual y oportuno.'
  );
}

function approvalLegend(input: InformeInput): string {
  const { report, commission, year, period } = input;
  const head =
    `La presente hoja de firmas corresponde al ${PERIOD_ORDINAL[period] === 'PRIMER' ? 'Primer' : PERIOD_ORDINAL[period] === 'SEGUNDO' ? 'Segundo' : 'Tercer'} ` +
    `Informe Cuatrimestral del periodo comprendido entre los meses de ${PERIOD_RANGE_TEXT[period]} de ${year}, de la ${commission.name} del ${commission.institute}`;
  const a = report?.approval;
  if (!a) return `${head}.`;
  const vote =
    a.result === 'unanimidad'
      ? 'por votación unánime de sus integrantes'
      : a.result === 'mayoria'
        ? `por mayoría de votos (${a.inFavor} a favor, ${a.against} en contra, ${a.abstentions} abstenciones)`
        : `con votación en contra (${a.inFavor} a favor, ${a.against} en contra, ${a.abstentions} abstenciones)`;
  return (
    `${head}, aprobado en Sesión ${SESSION_TYPE_LABEL[a.sessionType]} ${MODALITY_LABEL[a.modality]} de dicha Comisión ` +
    `el ${formatDate(a.date)}, ${vote}.`
  );
}

/** The informe cuatrimestral as seed 000 lays it out, from the commission's records. */
export async function renderInforme(input: InformeInput): Promise<RenderedReport> {
  const { commission, year, period } = input;
  const title = `${PERIOD_ORDINAL[period]} INFORME CUATRIMESTRAL ${PERIOD_RANGE[period]} ${year}`;
  const L = await Layout.create(`${title} — ${commission.name}`, input.letterhead ?? letterheadOf(DEFAULT_INSTITUTE, null), REPORT_STYLE);
  const doc = L.doc;

  // Cover
  L.space(170);
  L.paragraph(title, { size: 20, bold: true, align: 'center', gap: 30 });
  L.paragraph(commission.name.toUpperCase(), { size: 16, bold: true, align: 'center' });

  // Integración
  L.newPage();
  L.space(40);
  L.paragraph('INTEGRACIÓN DE LA COMISIÓN', { size: 14, bold: true, align: 'center', gap: 36 });
  // Those who held a seat during the four months (the seat's from/to).
  const [firstMonth, lastMonth] = PERIOD_MONTHS[period].map((n) => String(n).padStart(2, '0'));
  const seated = seatedMembers(commission, `${year}-${firstMonth}-01`, `${year}-${lastMonth}-31`);
  for (const m of seated) {
    L.paragraph(`${m.title ? `${m.title} ` : ''}${m.name}`, { size: 12, bold: true, align: 'center', gap: 2 });
    L.paragraph(m.roleLabel, { size: 11, align: 'center', gap: 30 });
  }
  const tocAt = doc.getPageCount();

  // Glosario
  L.newPage();
  L.heading('GLOSARIO');
  if (commission.glossary.length) {
    L.table(
      [
        { header: 'Término', width: 1 },
        { header: 'Significado', width: 2.6 },
      ],
      commission.glossary.map((g) => [g.term, g.definition]),
      { size: 10, boldColumns: [0] },
    );
  } else L.paragraph('La Comisión no ha registrado términos en su glosario.');

  // I. Presentación, II. Fundamento legal
  L.newPage();
  L.heading('I. PRESENTACIÓN');
  L.paragraph(input.report?.presentation || defaultPresentation(input), { align: 'justify', gap: 10 });
  L.space(8);
  L.heading('II. FUNDAMENTO LEGAL');
  L.paragraph('Las acciones desarrolladas por la Comisión se rigen bajo los artículos del ordenamiento siguiente:', { align: 'justify' });
  L.bullets(commission.legalBasis, { marker: () => '-' });

  // III. Sesiones
  const sessions = sessionsInPeriod(input.sessions, commission.id, year, period);
  L.newPage();
  L.heading('III. SESIONES DE LA COMISIÓN.');
  if (sessions.length) {
    L.table(
      [
        { header: 'SESIÓN', width: 1.55 },
        { header: 'FECHA', width: 1.05, align: 'center' },
        { header: 'ORDEN DEL DÍA', width: 3.4 },
      ],
      sessions.map((s) => [
        s.key,
        formatDateLong(s.date),
        s.agenda
          .map((item, i) => [`${agendaOrdinal(i, s.agenda.length)}. ${item.text}`, ...item.subitems].join(' '))
          .join('\n'),
      ]),
      { size: 8.5 },
    );
  } else L.paragraph(`La Comisión no celebró sesiones en el periodo ${PERIOD_RANGE_TEXT[period]} de ${year}.`);

  // IV. Documentación
  L.newPage();
  L.heading('IV. DOCUMENTACIÓN PRESENTADA Y/O APROBADA.');
  sessions.forEach((s, i) => {
    const n = `4.${i + 1}`;
    const heading = `${n} Sesión ${SESSION_TYPE_LABEL[s.type]} de la Comisión del ${formatDate(s.date)}.`;
    L.heading(heading, { level: 2, tocTitle: `${n} ${sessionTitle(s)}` });
    if (s.summary) L.paragraph(s.summary, { align: 'justify' });
    if (s.documents.length) {
      L.table(
        [
          { header: 'Consecutivo', width: 1.0, align: 'center' },
          { header: 'Tipo de documento', width: 3 },
          { header: 'Estatus', width: 0.9, align: 'center' },
          { header: 'Fecha de sesión', width: 1.2, align: 'center' },
        ],
        [...s.documents]
          .sort((a, b) => a.consecutive - b.consecutive)
          .map((d) => [String(d.consecutive).padStart(2, '0'), d.title, documentStatusLabel(d.status, d.feminine), formatDate(d.sessionDate)]),
        { size: 9 },
      );
    } else L.paragraph('En esta sesión no se presentaron documentos.');
  });
  if (!sessions.length) L.paragraph('No hay documentación que reportar en el periodo.');

  // V. Avance de actividades
  L.newPage();
  L.heading(`V. AVANCE DE ACTIVIDADES ${year}`);
  L.paragraph(input.report?.progressIntro || defaultProgressIntro(input), { align: 'justify', gap: 10 });
  const periods = PERIODS.filter((p) => p <= period);
  const activities = input.activities.filter((a) => a.commissionId === commission.id && a.year === year);
  const embedded = new Map<string, EmbeddedImage>();
  let imageNumber = 0;
  let sub = 0;
  for (const kind of KINDS) {
    const list = activities.filter((a) => a.kind === kind).sort((a, b) => a.number - b.number);
    if (!list.length) continue;
    sub++;
    const h = KIND_HEADING[kind](year);
    L.heading(`5.${sub} ${h.title}`, { level: 2, tocTitle: `5.${sub} ${h.toc}` });
    L.table(
      [
        { header: 'CVO.', width: 0.45, align: 'center' },
        { header: h.column, width: 3.4 },
        ...periods.map((p) => ({ header: `% AVANCE ${PERIOD_SHORT[p]} PERIODO`, width: 0.85, align: 'center' as const })),
      ],
      list.map((a) => [
        String(a.number),
        a.title,
        ...periods.map((p) => {
          const entry = a.progress.find((x) => x.period === p);
          return entry ? formatPercent(entry.percent) : '—';
        }),
      ]),
      { size: 8.5 },
    );
    for (const a of list) {
      const entry = a.progress.find((x) => x.period === period);
      L.heading(`${a.number}. ${a.title.replace(/[.;,]*$/, '')}.`, { level: 3, size: 10.5, toc: false });
      L.paragraph(entry?.narrative || 'Sin narrativa registrada para este periodo.', { align: 'justify' });
      for (const img of entry?.images ?? []) {
        const bytes = input.images.get(img.sha256);
        if (!bytes) continue;
        let pdfImage = embedded.get(img.sha256);
        if (!pdfImage) {
          pdfImage = await embedImage(doc, bytes, img.mediaType);
          embedded.set(img.sha256, pdfImage);
        }
        imageNumber++;
        L.image(pdfImage, `Imagen ${imageNumber}.${img.caption ? ` ${img.caption}` : ''}`);
      }
    }
  }

  // Hoja de firmas
  L.newPage();
  L.paragraph('HOJA DE FIRMAS', { size: 13, bold: true, align: 'center', gap: 30 });
  const signers = signatureBlock(commission, input.report?.signers, seated);
  const boxes = L.signatureBoxes(signers);
  L.paragraph(approvalLegend(input), { size: 10, align: 'justify' });

  return finishReport(L, tocAt, 'CONTENIDO', signers, boxes);
}
