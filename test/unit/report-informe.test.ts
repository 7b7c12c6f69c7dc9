import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addEvidence, setActivityProgress } from '../../src-main/services/activities/activities.js';
import { setSessionStatus } from '../../src-main/services/sessions/sessions.js';
import { generateInforme } from '../../src-main/services/reports/reports.js';
import { Store } from '../../src-main/services/store/store.js';
import { agendaOrdinal, formatDate, formatDateLong } from '../../src-shared/format.js';
import { makePng } from '../support/images.js';
import { embeddedFonts, fold, layoutLines, pageSizes, pageTexts, words } from '../support/pdf-text.js';
import { demoReport, type DemoReport } from '../support/demo-report.js';

let demo: DemoReport;
let store: Store;
let pdfPath: string;
let pages: string[];
let all: string;

beforeAll(async () => {
  demo = await demoReport('informe');
  ({ store, pdfPath, pages, all } = demo);
});
afterAll(() => demo.close());

const written = (report: { pdf: Uint8Array }, name: string) => demo.write(report, name);

const cmi = () => store.all('commissions').find((c) => c.acronym === 'CMI')!;

describe('informe cuatrimestral CMI 2023, second period, from the demo data', () => {
  it('follows seed 000: cover, integración, contents, and sections I to V in order, then the hoja de firmas', () => {
    expect(pages[0]).toContain('SEGUNDO INFORME CUATRIMESTRAL MAYO - AGOSTO 2023');
    expect(pages[0]).toContain('COMISIÓN DE MODERNIZACIÓN INSTITUCIONAL');
    expect(pages[1]).toContain('INTEGRACIÓN DE LA COMISIÓN');
    expect(pages[2]).toContain('CONTENIDO');
    const order = [
      'GLOSARIO',
      'I. PRESENTACIÓN',
      'II. FUNDAMENTO LEGAL',
      'III. SESIONES DE LA COMISIÓN.',
      'IV. DOCUMENTACIÓN PRESENTADA Y/O APROBADA.',
      'V. AVANCE DE ACTIVIDADES 2023',
      '5.1 Actividades Ordinarias',
      '5.2 Actividades Específicas',
      '5.3 Actividades en Proceso Electoral Local Ordinario 2023-2024',
      'HOJA DE FIRMAS',
    ];
    const body = pages.slice(3).join(' ');
    const positions = order.map((h) => body.indexOf(h));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('lists the contents with the page each heading is on', () => {
    const toc = layoutLines(pdfPath).filter((l) => /\.{3,}\s*\d+\s*$/.test(l));
    expect(toc.length).toBeGreaterThanOrEqual(10);
    for (const heading of ['III. SESIONES DE LA COMISIÓN.', 'V. AVANCE DE ACTIVIDADES 2023', 'GLOSARIO']) {
      const line = toc.find((l) => l.trim().startsWith(heading))!;
      const page = Number(/(\d+)\s*$/.exec(line)![1]);
      expect(pages[page - 1]!.startsWith(`INSTITUTO ELECTORAL DE MICHOACÁN ${heading}`)).toBe(true);
    }
  });

  it('holds the three sessions of the period with their dates and agendas', () => {
    const sessions = store.all('sessions').filter((s) => s.commissionId === cmi().id);
    expect(sessions).toHaveLength(3);
    for (const s of sessions) {
      expect(all).toContain(s.key);
      expect(all).toContain(formatDateLong(s.date));
      s.agenda.forEach((item, i) => {
        expect(all).toContain(fold(`${agendaOrdinal(i, s.agenda.length)}. ${item.text}`).slice(0, 80));
      });
    }
    expect(all).toContain('ÚNICO. INFORME CUATRIMESTRAL DE LA COMISIÓN');
  });

  it('holds a document table per session with consecutive, type, status and session date', () => {
    const sessions = store.all('sessions').filter((s) => s.commissionId === cmi().id).sort((a, b) => a.date.localeCompare(b.date));
    expect(all).toContain('4.1 Sesión Ordinaria de la Comisión del 30 de mayo de 2023.');
    expect(all).toContain('4.2 Sesión Extraordinaria urgente de la Comisión del 27 de junio de 2023.');
    expect(all).toContain('4.3 Sesión Ordinaria de la Comisión del 27 de julio de 2023.');
    const lines = layoutLines(pdfPath);
    for (const s of sessions) {
      for (const d of s.documents) {
        expect(all).toContain(fold(d.title).slice(0, 40));
        const row = lines.find((l) => l.includes(` ${String(d.consecutive).padStart(2, '0')} `) && l.includes(fold(d.title).split(' ').slice(0, 3).join(' ')));
        expect(row, d.title).toBeDefined();
        expect(row).toMatch(/Presentado|Aprobad[oa]/);
        expect(row).toContain(formatDate(d.sessionDate).split(' de ')[0]);
      }
    }
    expect(all).toContain('Acta IEM-CMI-SEORD-02/2023 Aprobada 29 de marzo de 2023');
  });

  it('shows every activity with its first and second period percentages and its narrative', () => {
    const activities = store.all('activities').filter((a) => a.commissionId === cmi().id && a.year === 2023);
    expect(activities).toHaveLength(14);
    const lines = layoutLines(pdfPath).map(fold);
    for (const a of activities) {
      const p1 = a.progress.find((p) => p.period === 1)!.percent;
      const p2 = a.progress.find((p) => p.period === 2)!;
      const start = fold(a.title).split(' ').slice(0, 4).join(' ');
      const row = lines.find((l) => l.startsWith(`${a.number} ${start}`) && /\d+% \d+%$/.test(l));
      expect(row, a.title).toBeDefined();
      expect(row!.endsWith(`${p1}% ${p2.percent}%`)).toBe(true);
      for (const paragraph of p2.narrative.split(/\n\n+/)) expect(all).toContain(fold(paragraph).slice(0, 90));
    }
    expect(all).toContain('% AVANCE 1er PERIODO');
    expect(all).toContain('% AVANCE 2do PERIODO');
    expect(all).not.toContain('3er PERIODO');
  });

  it('ends with the four signers, their long-form roles and the approval legend', () => {
    const last = pages.at(-1)!;
    for (const name of ['Licda. Carol Berenice Arellano Rangel', 'Mtra. Viridiana Villaseñor Aguirre', 'Mtra. Araceli Gutiérrez Cortés', 'María de Lourdes Becerra Pérez']) {
      expect(last).toContain(name);
    }
    expect(last).toContain('Consejera Electoral Presidenta de la Comisión de Modernización Institucional');
    expect(last).toContain('Secretaria Técnica de la Comisión de Modernización Institucional');
    expect(last).toContain('aprobado en Sesión Ordinaria Virtual de dicha Comisión el 29 de septiembre de 2023, por votación unánime');
  });

  it('is Letter size with DejaVu embedded, the letterhead and "Página N de M" on every page', () => {
    const sizes = pageSizes(pdfPath);
    expect(sizes).toHaveLength(pages.length);
    expect(sizes.every((s) => s.width === 612 && s.height === 792)).toBe(true);
    const fonts = embeddedFonts(pdfPath);
    expect(fonts.length).toBe(2);
    expect(fonts.every((f) => /DejaVuSans/.test(f) && /\byes\b/.test(f))).toBe(true);
    pages.forEach((p, i) => {
      expect(p).toContain(`Página ${i + 1} de ${pages.length}`);
      expect(p).toContain('Bruselas no. 118, Fracc. Villa Universidad');
      expect(p).toContain('José Trinidad Esparza No. 31');
      expect(p).toContain('www.iem.org.mx');
    });
  });

  it('is the same document when generated ten times at once', async () => {
    const runs = await Promise.all(Array.from({ length: 10 }, () => generateInforme(store, { commission: 'CMI', year: 2023, period: 2 })));
    const first = Buffer.from(runs[0]!.pdf);
    expect(runs.every((r) => Buffer.from(r.pdf).equals(first))).toBe(true);
    expect(first.equals(Buffer.from(await readFile(pdfPath)))).toBe(true);
  });

  it('leaves out sessions that were only scheduled or were cancelled', async () => {
    const session = store.all('sessions').find((s) => s.key === 'IEM-CMI-SEORD-05/2023')!;
    await store.mutate(setSessionStatus, { id: session.id, status: 'cancelada' }, 'prueba');
    try {
      const text = pageTexts(await written(await generateInforme(store, { commission: 'CMI', year: 2023, period: 2 }), 'sin-cancelada.pdf')).join(' ');
      expect(text).not.toContain('IEM-CMI-SEORD-05/2023');
      expect(text).toContain('IEM-CMI-SEXTU-04/2023');
    } finally {
      await store.mutate(setSessionStatus, { id: session.id, status: 'celebrada' }, 'prueba');
    }
  });

  it('keeps every word inside the page margins', () => {
    const outside = words(pdfPath).filter((w) => w.xMin < 47 || w.xMax > w.pageWidth - 47);
    expect(outside).toEqual([]);
  });
});

describe('informe with evidence, long tables and hostile text', () => {
  it('numbers images through the report, splits a long table with its header repeated, and cuts words wider than a cell', async () => {
    const activities = store.all('activities').filter((a) => a.commissionId === cmi().id && a.year === 2023 && a.kind === 'especifica');
    await addEvidence(store, { id: activities[0]!.id, period: 2, caption: 'Firma electrónica avanzada.' }, makePng(320, 200, 1), 'prueba');
    await addEvidence(store, { id: activities[1]!.id, period: 2, caption: 'Notificación a aspirantes.' }, makePng(200, 320, 2), 'prueba');
    const long = activities[2]!;
    const hostile = `${'X'.repeat(400)} ${'Línea muy larga '.repeat(300)}`;
    await store.mutate(setActivityProgress, { id: long.id, period: 2, percent: 60, narrative: 'Avance.' }, 'prueba');
    const patched = { ...store.get('activities', long.id)!, title: `Título ${hostile}` };
    const report = await (await import('../../src-main/services/reports/informe.js')).renderInforme({
      commission: cmi(),
      year: 2023,
      period: 2,
      report: undefined,
      sessions: store.all('sessions'),
      activities: store.all('activities').map((a) => (a.id === long.id ? patched : a)),
      images: new Map(await Promise.all(activities.slice(0, 2).flatMap((a) => store.get('activities', a.id)!.progress.flatMap((p) => p.images ?? [])).map(async (i) => [i.sha256, await store.blobs.get(i.sha256)] as const))),
    });
    const path = await written(report, 'hostil.pdf');
    const text = pageTexts(path);
    const joined = text.join(' ');
    expect(joined).toContain('Imagen 1. Firma electrónica avanzada.');
    expect(joined).toContain('Imagen 2. Notificación a aspirantes.');
    expect(joined.indexOf('Imagen 1.')).toBeLessThan(joined.indexOf('Imagen 2.'));
    // The over-long activity row spans pages; each page of the table starts with its header row.
    const header = 'CVO. ACTIVIDADES ESPECÍFICAS % AVANCE 1er PERIODO % AVANCE 2do PERIODO';
    const tablePages = text.map((p, i) => (p.includes(header) ? i : -1)).filter((i) => i >= 0);
    expect(tablePages.length).toBeGreaterThan(1);
    expect(tablePages.at(-1)! - tablePages[0]!).toBe(tablePages.length - 1);
    for (const i of tablePages.slice(1)) expect(text[i]).toMatch(new RegExp(`^INSTITUTO ELECTORAL DE MICHOACÁN ${header}`));
    const outside = words(path).filter((w) => w.xMin < 47 || w.xMax > w.pageWidth - 47);
    expect(outside).toEqual([]);
    // Both images are in the PDF at their own size (embedded as PNG data, not re-encoded).
    const list = execFileSync('pdfimages', ['-list', path], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(list.map((l) => l.trim().split(/\s+/).slice(3, 5).join('x')).sort()).toEqual(['200x320', '320x200']);
  });
});

describe('who the informe names: those seated in its four months', () => {
  const ARACELI = 'ARACELI GUTIÉRREZ CORTÉZ';
  /** CMI with Araceli's seat ended on 30 April 2023, before the second period (May–August). */
  const withFormerMember = () => ({ ...cmi(), members: cmi().members.map((m) => (m.name === ARACELI ? { ...m, from: '2020-09-01', to: '2023-04-30' } : m)) });
  const render = async (period: 1 | 2, recorded: boolean, name: string) => {
    const { renderInforme } = await import('../../src-main/services/reports/informe.js');
    const report = recorded ? store.all('reports').find((r) => r.commissionId === cmi().id && r.year === 2023 && r.period === 2) : undefined;
    expect(report === undefined).toBe(!recorded);
    const rendered = await renderInforme({ commission: withFormerMember(), year: 2023, period, report, sessions: store.all('sessions'), activities: store.all('activities'), images: new Map() });
    const text = pageTexts(await written(rendered, name));
    return { rendered, integracion: text[1]!, hoja: text.at(-1)! };
  };

  it('leaves a member whose seat ended before the period out of the hoja de firmas and its boxes, as on the integración page', async () => {
    for (const recorded of [true, false]) {
      const { rendered, integracion, hoja } = await render(2, recorded, `sin-araceli-${recorded}.pdf`);
      expect(integracion).not.toMatch(/ARACELI/i);
      expect(hoja).toContain('HOJA DE FIRMAS');
      expect(hoja).not.toMatch(/Araceli/i);
      expect(rendered.slots.map((s) => s.name)).toHaveLength(3);
      expect(rendered.slots.some((s) => /araceli/i.test(s.name))).toBe(false);
      // The others keep their long-form roles, the technical secretary included.
      if (recorded) {
        expect(hoja).toContain('Consejera Electoral Presidenta de la Comisión de Modernización Institucional');
        expect(hoja).toContain('Mtra. Viridiana Villaseñor Aguirre');
        expect(hoja).toContain('Secretaria Técnica de la Comisión de Modernización Institucional');
      } else {
        expect(hoja).toContain('LICDA. CAROL BERENICE ARELLANO RANGEL CONSEJERA PRESIDENTA DE LA COMISIÓN DE MODERNIZACIÓN INSTITUCIONAL');
        expect(hoja).toContain('VIRIDIANA VILLASEÑOR AGUIRRE CONSEJERA INTEGRANTE DE LA COMISIÓN DE MODERNIZACIÓN INSTITUCIONAL');
        expect(hoja).toContain('MARÍA DE LOURDES BECERRA PÉREZ SECRETARÍA TÉCNICA DE LA COMISIÓN DE MODERNIZACIÓN INSTITUCIONAL');
      }
    }
  });

  it('still names her in the informe of the period she sat in', async () => {
    const { rendered, integracion, hoja } = await render(1, false, 'con-araceli.pdf');
    expect(integracion).toContain(ARACELI);
    expect(hoja).toContain(`${ARACELI} CONSEJERA INTEGRANTE DE LA COMISIÓN DE MODERNIZACIÓN INSTITUCIONAL`);
    expect(rendered.slots).toHaveLength(4);
  });
});
