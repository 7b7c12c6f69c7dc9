import type { Activity, Period, Programme } from '../../../src-shared/domain/index.js';

const PERIOD_END_MONTH: Record<Period, number> = { 1: 4, 2: 8, 3: 12 };

export interface ActivityFlags {
  /** Periods (2 or 3) in which the activity did not advance over the period before. */
  stalled: Period[];
  /** Planned months (1–12) of its schedule rows that have passed with no progress in their period. */
  overdueMonths: number[];
  behindSchedule: boolean;
}

/** First instant after the end of `month` (1–12) of `year`, UTC. */
function afterMonth(year: number, month: number): number {
  return Date.UTC(year, month, 1);
}

function periodOf(month: number): Period {
  return month <= 4 ? 1 : month <= 8 ? 2 : 3;
}

function percentIn(activity: Activity, period: Period): number | undefined {
  return activity.progress.find((p) => p.period === period)?.percent;
}

/**
 * What the progress board flags, as of `today`:
 * - stalled: a period that has ended or been reported shows no advance over the one before
 *   (the seed's report asks to "detectar si hay algunas acciones en las que no se ha avanzado");
 * - behind schedule: a month its linked schedule rows plan has passed and the period holding
 *   that month shows no advance.
 */
export function activityFlags(activity: Activity, programmes: Programme[], today: Date): ActivityFlags {
  const now = today.getTime();
  const advanced = (p: Period): boolean => {
    const current = percentIn(activity, p);
    if (current === undefined) return false;
    const before = p === 1 ? 0 : (percentIn(activity, (p - 1) as Period) ?? 0);
    return current > before || current >= 100;
  };
  const stalled: Period[] = [];
  for (const p of [2, 3] as const) {
    const ended = now >= afterMonth(activity.year, PERIOD_END_MONTH[p]);
    const reported = percentIn(activity, p) !== undefined;
    const previous = percentIn(activity, (p - 1) as Period) ?? 0;
    if ((ended || reported) && previous < 100 && !advanced(p)) stalled.push(p);
  }
  const linked = new Set(activity.scheduleRowIds ?? []);
  const planned = new Set<number>();
  for (const programme of programmes) {
    if (programme.commissionId !== activity.commissionId || programme.year !== activity.year) continue;
    for (const row of programme.sections.flatMap((s) => s.schedule)) {
      if (linked.has(row.id)) row.months.forEach((v, i) => v > 0 && planned.add(i + 1));
    }
  }
  const done = activity.progress.some((p) => p.percent >= 100);
  const overdueMonths = done
    ? []
    : [...planned].filter((m) => now >= afterMonth(activity.year, m) && !advanced(periodOf(m))).sort((a, b) => a - b);
  return { stalled, overdueMonths, behindSchedule: overdueMonths.length > 0 };
}

/** The commission's overall progress per period: the mean of its activities' percentages. */
export function overallProgress(activities: Activity[]): Record<Period, number | null> {
  const out = { 1: null, 2: null, 3: null } as Record<Period, number | null>;
  for (const p of [1, 2, 3] as const) {
    const values = activities.map((a) => percentIn(a, p)).filter((v): v is number => v !== undefined);
    if (values.length) out[p] = Math.round((values.reduce((s, v) => s + v, 0) / values.length) * 10) / 10;
  }
  return out;
}
