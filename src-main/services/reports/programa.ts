import { type Commission, type Programme, type ProgrammeSection, type SessionCalendar } from '../../../src-shared/domain/index.js';
import { MONTH_ABBR, monthName } from '../../../src-shared/format.js';
import type { RenderedReport } from './informe.js';
import { Layout, REPORT_STYLE, type Column } from '../pdf/layout/layout.js';
import { DEFAULT_INSTITUTE, letterheadOf, type Letterhead } from '../pdf/layout/letterhead.js';
import { finishReport, seatedMembers, signatureBlock } from './signers.js';

export interface ProgramaInput {
  commission: Commission;
  programme: Programme;
  calendar?: SessionCalendar | undefined;
  /** The institute's letterhead as saved; the seeds' institute when absent. */
  letterhead?: Letterhead;
}

const ARROW = '➤';

function chapterOf(section: ProgrammeSection): string {
  return section.number.split('.')[0]!;
}

export const SCHEDULE_COLUMNS: Column[] = [
  { header: 'Línea de acción', width: 150 },
  { header: 'Unidad de Medida', width: 74, align: 'center' },
  { header: 'Meta', width: 120 },
  { header: 'Cuantificación Física', width: 64, align: 'center' },
  ...MONTH_ABBR.map((m) => ({ header: m, width: 23, align: 'center' as const })),
];

/** A schedule row as the cronograma prints it: empty month cells where nothing is planned. */
export function scheduleCells(row: ProgrammeSection['schedule'][number]): string[] {
  return [row.lineOfAction, row.unit, row.goal, String(row.physicalQuantity), ...row.months.map((m) => (m ? String(m) : ''))];
}

/** The Programa Anual de Trabajo as seed 004 lays it out; cronogramas on landscape pages. */
export async function renderPrograma(input: ProgramaInput): Promise<RenderedReport> {
  const { commission, programme, calendar } = input;
  const L = await Layout.create(`${programme.title} — ${commission.name}`, input.letterhead ?? letterheadOf(DEFAULT_INSTITUTE, null), REPORT_STYLE);
  const doc = L.doc;

  // Cover with the members
  L.space(110);
  L.paragraph(commission.name.toUpperCase(), { size: 18, bold: true, align: 'center', gap: 34 });
  L.paragraph(`PROGRAMA ANUAL DE TRABAJO\n${programme.year}`.replace('\n', ' '), { size: 16, bold: true, align: 'center', gap: 60 });
  L.paragraph('INTEGRANTES:', { size: 12, bold: true, align: 'center', gap: 18 });
  // Those who hold a seat in the programme's year (the seat's from/to).
  const seated = seatedMembers(commission, `${programme.year}-01-01`, `${programme.year}-12-31`);
  for (const m of seated) {
    L.paragraph(`${m.title ? `${m.title} ` : ''}${m.name}`, { size: 11.5, align: 'center', gap: 1 });
    L.paragraph(m.roleLabel, { size: 11, bold: true, align: 'center', gap: 18 });
  }
  const tocAt = doc.getPageCount();

  L.newPage();
  L.heading('Presentación');
  L.paragraph(programme.presentation || `La ${commission.name} presenta su Programa Anual de Trabajo ${programme.year}.`, { align: 'justify', gap: 10 });

  L.newPage();
  L.heading('1. Glosario');
  L.table(
    [
      { header: 'Término', width: 1 },
      { header: 'Significado', width: 2.8 },
    ],
    commission.glossary.map((g) => [`${g.term}:`, g.definition]),
    { size: 10, boldColumns: [0] },
  );

  // Its own page, as in seed 004 (and no list cut to a lone line at the top of the next page).
  L.newPage();
  L.heading('2. Marco Jurídico');
  L.paragraph(`La ${commission.name} rige su actuación con base en los siguientes cuerpos constitucionales, legales y normativos.`, { align: 'justify' });
  L.bullets(programme.legalFramework);

  L.newPage();
  L.heading('Contenido');
  let chapter = '';
  let lastChapter = 2;
  for (const section of programme.sections) {
    L.ensureOrientation(false);
    const ch = chapterOf(section);
    lastChapter = Math.max(lastChapter, Number(ch));
    const isSub = section.number !== ch;
    if (isSub && ch !== chapter && section.parentTitle) {
      L.heading(`${ch}. ${section.parentTitle}`);
    }
    chapter = ch;
    L.heading(`${section.number}. ${section.title}`, { level: isSub ? 2 : 1 });
    const n = section.number;
    const level = isSub ? 3 : 2;
    L.heading(`${n}.1. Objetivo General`, { level, size: 10.5 });
    L.paragraph(section.generalObjective || '—', { align: 'justify' });
    L.heading(`${n}.2. ${section.specificObjectives.length > 1 ? 'Objetivos específicos' : 'Objetivo específico'}`, { level, size: 10.5 });
    L.bullets(
      section.specificObjectives.map((o) => o.text),
      { marker: (i) => `${section.specificObjectives[i]!.letter})` },
    );
    L.heading(`${n}.3. Fundamento legal`, { level, size: 10.5 });
    L.bullets(section.legalBasis, { marker: (i) => `${String.fromCharCode(97 + (i % 26))})` });
    L.heading(`${n}.4. Líneas de Acción`, { level, size: 10.5 });
    L.table(
      [
        { header: section.specificObjectives.length > 1 ? 'Objetivos Específicos' : 'Objetivo Específico', width: 1 },
        { header: 'Líneas de Acción', width: 1.35 },
      ],
      section.specificObjectives.map((o) => [`${o.letter}) ${o.text}`, o.linesOfAction.map((l) => `${ARROW} ${l}`).join('\n')]),
      { size: 9 },
    );
    if (section.schedule.length) {
      L.newPage(true);
      L.heading(`${n}.5. Cronograma de actividades`, { level, size: 10.5 });
      L.table(SCHEDULE_COLUMNS, section.schedule.map(scheduleCells), { size: 7.5, headerSize: 6.5, span: { label: 'PROGRAMACIÓN', from: 4, to: 15 } });
    }
  }

  L.ensureOrientation(false);
  if (calendar) {
    L.heading(`${lastChapter + 1}. Calendario de Sesiones de la ${commission.name} para el año ${calendar.year}.`);
    L.table(
      [
        { header: 'Mes', width: 1 },
        { header: 'Fechas', width: 2 },
      ],
      [...calendar.entries]
        .sort((a, b) => a.month - b.month)
        .map((e) => [monthName(e.month).replace(/^./, (c) => c.toUpperCase()), e.label]),
      { size: 10, span: { label: 'Calendario de Sesiones Ordinarias', from: 0, to: 1 }, boldColumns: [0] },
    );
    if (calendar.note) L.paragraph(`Nota: ${calendar.note}`, { size: 10, align: 'justify', gap: 12 });
  }
  const signers = signatureBlock(commission, programme.signers, seated);
  // The approval text and the signers stay together on one page, as in seed 004: a row of two
  // boxes with their names takes about 140 pt, the approval paragraph about 100.
  const block = Math.ceil(signers.length / 2) * 140;
  L.ensure(programme.approval ? block + 100 : block);
  if (programme.approval) L.paragraph(programme.approval, { align: 'justify', gap: 20 });
  L.ensure(block);
  const boxes = L.signatureBoxes(signers);

  return finishReport(L, tocAt, 'ÍNDICE', signers, boxes);
}
