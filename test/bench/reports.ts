/**
 * Benchmark: the informe cuatrimestral and the programa anual as PDFs, from the demo data and
 * from a synthetic commission (300 schedule rows, 60 activities, 40 evidence images). Prints
 * pages and milliseconds (first run, then the median of five). Goal: a 40-page report in
 * under 1 s on the 2-core machine.
 * Run alone with `node --import tsx test/bench/reports.ts`, or `npm run bench -- reports`.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { addEvidence } from '../../src-main/services/activities/activities.js';
import { ensureDemo } from '../../src-main/services/demo/load-demo.js';
import { generateInforme, generatePrograma } from '../../src-main/services/reports/reports.js';
import { defineMutation, type Put, Store } from '../../src-main/services/store/store.js';
import type { ActivityKind } from '../../src-shared/domain/index.js';
import { sessionKey } from '../../src-shared/format.js';
import { makePng } from '../support/images.js';
import { tempDir } from '../support/temp.js';

const GOAL_MS = 1000;
const GOAL_PAGES = 40;
const ROWS = 300;
const ACTIVITIES = 60;
const IMAGES = 40;

const LOREM =
  'Se dio seguimiento puntual a las acciones programadas, con reuniones de trabajo con las áreas involucradas del Instituto, ' +
  'la revisión de los proyectos de lineamientos y la atención de las observaciones formuladas por las consejerías, ' +
  'de manera que el avance reportado corresponde a lo efectivamente realizado durante el periodo.';

export const seedSynthetic = defineMutation({
  name: 'bench.synthetic',
  args: z.object({}),
  apply(ctx) {
    const commissionId = ctx.newId();
    const puts: Put[] = [
      {
        collection: 'commissions',
        record: {
          id: commissionId,
          name: 'Comisión Sintética de Pruebas de Rendimiento',
          acronym: 'CSPR',
          institute: 'Instituto Electoral de Michoacán',
          instituteAcronym: 'IEM',
          members: [
            { id: ctx.newId(), title: 'MTRA.', name: 'ANA LÓPEZ NÚÑEZ', role: 'presidencia', roleLabel: 'CONSEJERA PRESIDENTA' },
            { id: ctx.newId(), title: 'DR.', name: 'JOSÉ PÉREZ IBÁÑEZ', role: 'integrante', roleLabel: 'CONSEJERO INTEGRANTE' },
            { id: ctx.newId(), title: 'LIC.', name: 'INÉS RAMÍREZ CORTÉS', role: 'integrante', roleLabel: 'CONSEJERA INTEGRANTE' },
            { id: ctx.newId(), title: '', name: 'RAÚL CHÁVEZ LÓPEZ', role: 'secretaria_tecnica', roleLabel: 'SECRETARÍA TÉCNICA' },
          ],
          glossary: Array.from({ length: 12 }, (_, i) => ({ term: `Término ${i + 1}`, definition: `Definición del término ${i + 1} usada en este informe.` })),
          legalBasis: ['98 de la Constitución Política del Estado Libre y Soberano de Michoacán de Ocampo.', '34 fracción X y 35 del Código Electoral del Estado de Michoacán de Ocampo.'],
        },
      },
    ];
    for (let n = 1; n <= 6; n++) {
      const date = `2023-0${4 + Math.ceil(n / 2)}-${String(10 + n).padStart(2, '0')}`;
      puts.push({
        collection: 'sessions',
        record: {
          id: ctx.newId(),
          commissionId,
          type: 'ordinaria',
          number: n,
          year: 2023,
          key: sessionKey('IEM', 'CSPR', 'ordinaria', n, 2023),
          date,
          modality: 'virtual',
          status: 'celebrada',
          agenda: Array.from({ length: 5 }, (_, i) => ({ id: ctx.newId(), text: `PUNTO ${i + 1} DEL ORDEN DEL DÍA DE LA SESIÓN ${n}, CON SU PRESENTACIÓN Y APROBACIÓN EN SU CASO.`, subitems: [], kind: 'punto' as const, notes: '' })),
          documents: Array.from({ length: 4 }, (_, i) => ({ id: ctx.newId(), consecutive: i + 1, title: `Informe ${i + 1} presentado en la sesión ${n}`, status: 'presentado' as const, feminine: false, sessionDate: date })),
          attendance: [],
          votes: [],
          summary: 'Se da cuenta de los informes presentados en la sesión.',
          time: '10:00',
          place: '',
          ballots: [],
          previousKeys: [],
        },
      });
    }
    const kinds: ActivityKind[] = ['ordinaria', 'especifica', 'proceso_electoral'];
    for (let i = 0; i < ACTIVITIES; i++) {
      puts.push({
        collection: 'activities',
        record: {
          id: ctx.newId(),
          commissionId,
          year: 2023,
          kind: kinds[i % 3]!,
          number: Math.floor(i / 3) + 1,
          title: `Actividad sintética ${i + 1}: coordinar la elaboración y aprobar los lineamientos correspondientes`,
          progress: [
            { period: 1, percent: (i * 7) % 60, narrative: LOREM, evidence: [] },
            { period: 2, percent: Math.min(100, ((i * 7) % 60) + 25), narrative: `${LOREM}\n\n${LOREM}`, evidence: [] },
          ],
        },
      });
    }
    const sections = Array.from({ length: 10 }, (_, s) => ({
      id: ctx.newId(),
      number: `${3 + s}`,
      title: `Apartado sintético ${3 + s} del programa anual de trabajo`,
      parentTitle: '',
      generalObjective: LOREM,
      specificObjectives: ['a', 'b', 'c'].map((letter) => ({ letter, text: `Objetivo ${letter} del apartado ${3 + s}.`, linesOfAction: ['Primera línea de acción.', 'Segunda línea de acción.'] })),
      legalBasis: ['Código Electoral del Estado de Michoacán de Ocampo.'],
      schedule: Array.from({ length: ROWS / 10 }, (_, r) => ({
        id: ctx.newId(),
        lineOfAction: `Línea de acción ${r + 1} del apartado ${3 + s}: dar seguimiento a las sesiones y notificar a las áreas`,
        unit: 'Documento',
        goal: 'Que las áreas del Instituto tengan conocimiento oportuno de lo aprobado.',
        physicalQuantity: 12,
        months: Array.from({ length: 12 }, () => 1),
      })),
    }));
    puts.push({
      collection: 'programmes',
      record: { id: ctx.newId(), commissionId, year: 2023, title: 'Programa Anual de Trabajo 2023', presentation: LOREM, legalFramework: ['Código Electoral del Estado de Michoacán de Ocampo.'], sections, approval: 'Aprobado por unanimidad.' },
    });
    return { puts, result: () => commissionId };
  },
});

async function time(label: string, make: () => Promise<{ pages: number; pdf: Uint8Array }>): Promise<{ pages: number; ms: number }> {
  const t0 = performance.now();
  const first = await make();
  const cold = performance.now() - t0;
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await make();
    runs.push(performance.now() - t);
  }
  const median = runs.sort((a, b) => a - b)[2]!;
  const perPage = median / first.pages;
  console.log(
    `${label.padEnd(44)} ${String(first.pages).padStart(4)} pages  ${(first.pdf.length / 1024).toFixed(0).padStart(6)} KiB  first ${cold.toFixed(0).padStart(5)} ms  median ${median.toFixed(0).padStart(5)} ms  (${perPage.toFixed(1)} ms/page)`,
  );
  return { pages: first.pages, ms: median };
}

export async function run(): Promise<void> {
  const dir = await tempDir('sesiona-bench-reports-');
  const store = await Store.open(dir.path);
  try {
    await ensureDemo(store, 'bench');
    await time('informe CMI 2023, 2do periodo (demo)', () => generateInforme(store, { commission: 'CMI', year: 2023, period: 2 }));
    await time('programa CVSPE 2020 (demo)', () => generatePrograma(store, { commission: 'CVSPE', year: 2020 }));

    await store.mutate(seedSynthetic, {}, 'bench');
    const activities = store.all('activities').filter((a) => a.title.startsWith('Actividad sintética'));
    for (let i = 0; i < IMAGES; i++) {
      await addEvidence(store, { id: activities[i % activities.length]!.id, period: 2, caption: `Evidencia sintética ${i + 1}.` }, makePng(640, 400, i + 1), 'bench');
    }
    console.log(`synthetic commission CSPR: ${ROWS} schedule rows, ${activities.length} activities, ${IMAGES} images (640×400 PNG), 6 sessions`);
    const informe = await time('informe CSPR 2023, 2do periodo (synthetic)', () => generateInforme(store, { commission: 'CSPR', year: 2023, period: 2 }));
    await time('programa CSPR 2023 (synthetic)', () => generatePrograma(store, { commission: 'CSPR', year: 2023 }));
    const per40 = (informe.ms / informe.pages) * GOAL_PAGES;
    console.log(
      `goal: a ${GOAL_PAGES}-page report in < ${GOAL_MS} ms; synthetic informe scaled to ${GOAL_PAGES} pages: ${per40.toFixed(0)} ms ` +
        `(ratio to goal ${(per40 / GOAL_MS).toFixed(2)}, ${per40 < GOAL_MS ? 'met' : 'NOT met'})`,
    );
  } finally {
    await store.close();
    await dir.cleanup();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
