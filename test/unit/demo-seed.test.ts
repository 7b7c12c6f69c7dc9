import { describe, it, expect } from 'vitest';
import { demoSeed } from '../../src-main/services/demo/seed-data.js';
import type { DemoSession } from '../../src-main/services/demo/seed-types.js';
import {
  CalendarEntry,
  GlossaryEntry,
  IsoDate,
  Percent,
  ScheduleRow,
  SessionDocument,
  SpecificObjective,
} from '../../src-shared/domain/index.js';

const WEEKDAYS = ['domingo', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado'];
const TYPE_CODE: Record<DemoSession['type'], string> = {
  ordinaria: 'ORD',
  extraordinaria: 'EXT',
  extraordinaria_urgente: 'XTU',
};

function sessionKey(s: DemoSession): string {
  const c = demoSeed.commissions.find((x) => x.acronym === s.commission);
  if (!c) throw new Error(`Comisión desconocida: ${s.commission}`);
  return `${c.instituteAcronym}-${c.acronym}-SE${TYPE_CODE[s.type]}-${String(s.number).padStart(2, '0')}/${s.year}`;
}

function sessionByKey(key: string): DemoSession {
  const s = demoSeed.sessions.find((x) => sessionKey(x) === key);
  if (!s) throw new Error(`Sesión no encontrada: ${key}`);
  return s;
}

function weekday(iso: string): string {
  return WEEKDAYS[new Date(`${iso}T00:00:00Z`).getUTCDay()] ?? '';
}

const ScheduleRowNoId = ScheduleRow.omit({ id: true });
const SessionDocumentNoId = SessionDocument.omit({ id: true });

describe('demo seed: commissions', () => {
  it('has CMI and CVSPE of the IEM with valid glossaries', () => {
    expect(demoSeed.commissions.map((c) => c.acronym).sort()).toEqual(['CMI', 'CVSPE']);
    for (const c of demoSeed.commissions) {
      expect(c.institute).toBe('Instituto Electoral de Michoacán');
      expect(c.instituteAcronym).toBe('IEM');
      expect(c.acronym).toMatch(/^[A-Z]{2,10}$/);
      expect(c.members.filter((m) => m.role === 'presidencia')).toHaveLength(1);
      expect(c.members.filter((m) => m.role === 'secretaria_tecnica')).toHaveLength(1);
      for (const m of c.members) expect(m.title.length).toBeLessThanOrEqual(20);
      expect(c.glossary.length).toBeGreaterThan(0);
      for (const g of c.glossary) expect(GlossaryEntry.safeParse(g).success).toBe(true);
      expect(c.legalBasis.length).toBeGreaterThan(0);
      for (const l of c.legalBasis) expect(l.startsWith('- ')).toBe(false);
    }
  });

  it('keeps CMI member names as printed', () => {
    const cmi = demoSeed.commissions.find((c) => c.acronym === 'CMI');
    expect(cmi?.name).toBe('Comisión de Modernización Institucional');
    const pres = cmi?.members.find((m) => m.role === 'presidencia');
    expect(pres).toMatchObject({ title: 'LICDA.', name: 'CAROL BERENICE ARELLANO RANGEL', roleLabel: 'CONSEJERA PRESIDENTA' });
    expect(cmi?.members.map((m) => m.name)).toContain('ARACELI GUTIÉRREZ CORTÉZ');
  });
});

describe('demo seed: CMI sessions 2023', () => {
  it('has the three sessions with 5, 1 and 3 agenda items', () => {
    expect(sessionByKey('IEM-CMI-SEORD-03/2023').agenda).toHaveLength(5);
    expect(sessionByKey('IEM-CMI-SEXTU-04/2023').agenda).toHaveLength(1);
    expect(sessionByKey('IEM-CMI-SEORD-05/2023').agenda).toHaveLength(3);
  });

  it('stores agenda text without the ordinal word', () => {
    expect(sessionByKey('IEM-CMI-SEORD-03/2023').agenda[0]?.text.startsWith('LECTURA DEL PROYECTO DE ACTA')).toBe(true);
    const ordinal = /^(PRIMERO|SEGUNDO|TERCERO|CUARTO|QUINTO|ÚNICO)\b/;
    for (const s of demoSeed.sessions) {
      for (const item of s.agenda) {
        expect(item.text).not.toMatch(ordinal);
        expect(item.text.length).toBeGreaterThan(0);
        expect(item.text.length).toBeLessThanOrEqual(4000);
      }
    }
  });

  it('splits the numbered sub-points of SEORD-05 item 2 into subitems', () => {
    const item = sessionByKey('IEM-CMI-SEORD-05/2023').agenda[1];
    expect(item?.text.endsWith('A CONTINUACIÓN:')).toBe(true);
    expect(item?.text).not.toContain('2.1');
    const subs = item?.subitems ?? [];
    expect(subs.length).toBeGreaterThan(0);
    subs.forEach((sub, i) => expect(sub.startsWith(`2.${i + 1} `)).toBe(true));
  });

  it('has valid dates, documents and summaries', () => {
    for (const s of demoSeed.sessions) {
      expect(IsoDate.safeParse(s.date).success).toBe(true);
      expect(s.date.startsWith(String(s.year))).toBe(true);
      expect(sessionKey(s)).toMatch(/^[A-Z]+-[A-Z]+-SE[A-Z]+-\d{2,}\/\d{4}$/);
      expect(s.documents.length).toBeGreaterThan(0);
      s.documents.forEach((d, i) => {
        expect(d.consecutive).toBe(i + 1);
        expect(SessionDocumentNoId.safeParse(d).success).toBe(true);
        expect(d.sessionDate <= s.date).toBe(true);
      });
    }
    expect(sessionByKey('IEM-CMI-SEORD-03/2023').summary).toBe(
      'Se da cuenta de tres informes presentados y se aprueba el acta de la sesión del 29 de marzo de 2023.',
    );
    const acta = sessionByKey('IEM-CMI-SEORD-03/2023').documents[0];
    expect(acta).toMatchObject({ status: 'aprobado', feminine: true, sessionDate: '2023-03-29' });
    expect(sessionByKey('IEM-CMI-SEXTU-04/2023').summary).toContain('Sesión Extraordinaria Urgente');
  });
});

describe('demo seed: CMI activities 2023', () => {
  const acts = demoSeed.activities.filter((a) => a.commission === 'CMI' && a.year === 2023);

  it('has the rows of 5.1, 5.2 and 5.3', () => {
    expect(acts.filter((a) => a.kind === 'ordinaria').map((a) => a.number)).toEqual([1, 2, 3, 4, 5]);
    expect(acts.filter((a) => a.kind === 'especifica').map((a) => a.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // The report numbers the two electoral-process rows 1 and 5.
    expect(acts.filter((a) => a.kind === 'proceso_electoral').map((a) => a.number)).toEqual([1, 5]);
  });

  it('has percentages 0..100 for periods 1 and 2 and a narrative for period 2', () => {
    for (const a of acts) {
      expect(a.progress.map((p) => p.period)).toEqual([1, 2]);
      for (const p of a.progress) {
        expect(Percent.safeParse(p.percent).success).toBe(true);
        expect(p.narrative).not.toContain('OFICINAS CENTRALES');
        expect(p.narrative).not.toContain('www.iem.org.mx');
      }
      expect(a.progress.find((p) => p.period === 2)?.narrative.length).toBeGreaterThan(0);
    }
  });
});

describe('demo seed: CVSPE programme 2020', () => {
  const prog = demoSeed.programmes.find((p) => p.commission === 'CVSPE' && p.year === 2020);

  it('has every section of the index', () => {
    expect(prog?.title).toBe('Programa Anual de Trabajo 2020');
    expect(prog?.sections.map((s) => s.number)).toEqual(['3', '4.1', '4.2', '5.1', '5.2', '6.1', '6.2', '6.3']);
    expect(prog?.presentation.length).toBeGreaterThan(0);
    expect(prog?.legalFramework.length).toBeGreaterThan(0);
    expect(prog?.approval).toMatch(/^El presente documento fue aprobado en Sesión Ordinaria .* por unanimidad /);
  });

  it('gives sub-sections their chapter title', () => {
    for (const s of prog?.sections ?? []) {
      if (s.number.includes('.')) expect(s.parentTitle?.length).toBeGreaterThan(0);
      expect(s.generalObjective.length).toBeGreaterThan(0);
      expect(s.legalBasis.length).toBeGreaterThan(0);
      for (const l of s.legalBasis) expect(l).not.toMatch(/^[a-z]\) /);
    }
  });

  it('letters specific objectives a, b, c… and strips bullets from lines of action', () => {
    for (const s of prog?.sections ?? []) {
      expect(s.specificObjectives.length).toBeGreaterThan(0);
      s.specificObjectives.forEach((o, i) => {
        expect(SpecificObjective.safeParse(o).success).toBe(true);
        expect(o.letter).toBe(String.fromCharCode(97 + i));
        expect(o.linesOfAction.length).toBeGreaterThan(0);
        for (const l of o.linesOfAction) expect(l).not.toMatch(/^[➤✦]/u);
      });
    }
  });

  it('has schedule rows with 12 months that add up to the physical quantity', () => {
    // Rows where the seed itself prints ten monthly 1s for a quantity of 9.
    const printedInconsistent = [
      'Promover la calendarización de compromisos y actividades previstas en los convenios de Coordinación que se celebren con otros Organismos Públicos Locales.',
      'Promover la calendarización de compromisos y actividades previstas en los convenios de Coordinación que se celebren con Instituciones Académicas.',
    ];
    let rows = 0;
    for (const s of prog?.sections ?? []) {
      expect(s.schedule.length).toBeGreaterThan(0);
      for (const r of s.schedule) {
        rows++;
        expect(ScheduleRowNoId.safeParse(r).success).toBe(true);
        expect(r.months).toHaveLength(12);
        const sum = r.months.reduce((a, b) => a + b, 0);
        if (printedInconsistent.includes(r.lineOfAction)) expect(sum).not.toBe(r.physicalQuantity);
        else expect(sum).toBe(r.physicalQuantity);
      }
    }
    expect(rows).toBeGreaterThan(0);
  });
});

describe('demo seed: CVSPE session calendar 2020', () => {
  const cal = demoSeed.calendars.find((c) => c.commission === 'CVSPE' && c.year === 2020);

  it('has one window per month', () => {
    expect(cal?.title).toBe('Calendario de Sesiones Ordinarias 2020');
    expect(cal?.entries.map((e) => e.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(cal?.note.startsWith('Las fechas son de carácter enunciativo')).toBe(true);
  });

  it('uses real 2020 dates that match the printed labels', () => {
    // Weekdays the seed prints wrongly (kept as printed): 31 Aug and 30 Sep 2020 were Monday and Wednesday.
    const printedWrong = new Set(['8:to', '9:to']);
    for (const e of cal?.entries ?? []) {
      expect(CalendarEntry.safeParse(e).success).toBe(true);
      expect(e.from.startsWith('2020-')).toBe(true);
      expect(e.to.startsWith('2020-')).toBe(true);
      expect(Number(e.from.slice(5, 7))).toBe(e.month);
      expect(Number(e.to.slice(5, 7))).toBe(e.month);
      expect(e.from <= e.to).toBe(true);
      const m = /^Del (\p{L}+) (\d{1,2}) al (\p{L}+) (\d{1,2})$/u.exec(e.label);
      expect(m).not.toBeNull();
      if (!m) continue;
      const [, fromDay, fromNum, toDay, toNum] = m;
      expect(Number(fromNum)).toBe(Number(e.from.slice(8)));
      expect(Number(toNum)).toBe(Number(e.to.slice(8)));
      const checks: [string, string | undefined, string][] = [
        [`${e.month}:from`, fromDay, e.from],
        [`${e.month}:to`, toDay, e.to],
      ];
      for (const [id, printed, iso] of checks) {
        if (printedWrong.has(id)) expect(printed).not.toBe(weekday(iso));
        else expect(printed).toBe(weekday(iso));
      }
    }
  });
});
