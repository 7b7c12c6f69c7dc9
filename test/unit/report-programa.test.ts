import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../src-main/services/store/store.js';
import { MONTH_ABBR } from '../../src-shared/format.js';
import { embeddedFonts, fold, layoutLines, pageSizes, words } from '../support/pdf-text.js';
import { demoReport, type DemoReport } from '../support/demo-report.js';

let demo: DemoReport;
let store: Store;
let pdfPath: string;
let pages: string[];
let all: string;

beforeAll(async () => {
  demo = await demoReport('programa');
  ({ store, pdfPath, pages, all } = demo);
});
afterAll(() => demo.close());

const programme = () => store.all('programmes').find((p) => p.year === 2020)!;

describe('programa anual de trabajo CVSPE 2020, from the demo data', () => {
  it('follows seed 004: cover with members, índice, presentación, glosario, marco jurídico, then the sections', () => {
    expect(pages[0]).toContain('COMISIÓN DE VINCULACIÓN Y SERVICIO PROFESIONAL ELECTORAL');
    expect(pages[0]).toContain('PROGRAMA ANUAL DE TRABAJO 2020');
    expect(pages[0]).toContain('INTEGRANTES:');
    expect(pages[0]).toContain('DR. Humberto Urquiza Martínez');
    expect(pages[1]).toContain('ÍNDICE');
    const order = ['Presentación', '1. Glosario', '2. Marco Jurídico', 'Contenido', '3.1. Objetivo General', '3.5. Cronograma de actividades', '6.3.5. Cronograma de actividades', '7. Calendario de Sesiones'];
    const body = pages.slice(2).join(' ').replace(/ÍNDICE.*?(?=Presentación)/, '');
    const at = order.map((h) => body.indexOf(h));
    expect(at.every((p) => p >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('holds the objectives, legal basis and lines of action of every section', () => {
    for (const s of programme().sections) {
      expect(all).toContain(fold(`${s.number}. ${s.title}`).slice(0, 60));
      for (const o of s.specificObjectives) {
        expect(all).toContain(fold(o.text).slice(0, 60));
        for (const l of o.linesOfAction) expect(all).toContain(`➤ ${fold(l).slice(0, 40)}`);
      }
    }
  });

  it('holds every schedule row with its monthly programming', () => {
    const rows = programme().sections.flatMap((s) => s.schedule);
    expect(rows).toHaveLength(68);
    const lines = layoutLines(pdfPath).map(fold);
    for (const r of rows) {
      expect(all).toContain(fold(r.lineOfAction).slice(0, 60));
      expect(all).toContain(fold(r.goal).slice(0, 30));
    }
    // A row planned every month prints twelve 1s after its total.
    const monthly = rows.find((r) => r.months.every((m) => m === 1))!;
    const start = fold(monthly.lineOfAction).split(' ').slice(0, 3).join(' ');
    expect(lines.some((l) => l.startsWith(start) && l.endsWith(`${monthly.physicalQuantity} 1 1 1 1 1 1 1 1 1 1 1 1`))).toBe(true);
  });

  it('prints cronogramas on landscape pages whose every page starts with the header row', () => {
    const sizes = pageSizes(pdfPath);
    const landscape = sizes.map((s, i) => (s.width === 792 && s.height === 612 ? i : -1)).filter((i) => i >= 0);
    expect(landscape.length).toBeGreaterThanOrEqual(9);
    expect(sizes.every((s) => (s.width === 612 && s.height === 792) || (s.width === 792 && s.height === 612))).toBe(true);
    // The header row sits at the top of each landscape page: its words are within 100 pt of the top margin.
    const all = words(pdfPath);
    for (const i of landscape) {
      const top = all.filter((w) => w.page === i + 1 && w.yMin < 150).map((w) => w.text);
      for (const word of ['Línea', 'Unidad', 'Meta', 'Cuantificación', 'PROGRAMACIÓN', ...MONTH_ABBR]) {
        expect(top, `page ${i + 1}`).toContain(word);
      }
    }
  });

  it('ends with the session calendar, its note, the approval text and the three signers', () => {
    const cal = store.all('calendars').find((c) => c.year === 2020)!;
    expect(cal.entries).toHaveLength(12);
    const tail = pages.slice(-2).join(' ');
    expect(tail).toContain('7. Calendario de Sesiones de la Comisión de Vinculación y Servicio Profesional Electoral para el año 2020.');
    expect(tail).toContain('Calendario de Sesiones Ordinarias');
    for (const e of cal.entries) expect(tail).toContain(e.label);
    expect(tail).toContain('Nota: Las fechas son de carácter enunciativo');
    expect(tail).toContain('celebrada el día 29 de noviembre de 2019');
    // The approval text and the three signers together on the last page, none left alone on a page of its own.
    expect(pages.at(-1)).toContain('celebrada el día 29 de noviembre de 2019');
    for (const s of ['LIC. VIRIDIANA VILLASEÑOR AGUIRRE PRESIDENTA DE LA COMISIÓN', 'DR. HUMBERTO URQUIZA MARTÍNEZ', 'SECRETARIO TÉCNICO DE LA COMISIÓN']) {
      expect(pages.at(-1)).toContain(s);
    }
  });

  it('has the letterhead, page numbers and embedded DejaVu on every page, and no word outside the margins', () => {
    pages.forEach((p, i) => {
      expect(p).toContain(`Página ${i + 1} de ${pages.length}`);
      expect(p).toContain('www.iem.org.mx');
    });
    expect(embeddedFonts(pdfPath).every((f) => /DejaVuSans.*\byes\b/.test(f))).toBe(true);
    expect(words(pdfPath).filter((w) => w.xMin < 47 || w.xMax > w.pageWidth - 47)).toEqual([]);
  });
});
