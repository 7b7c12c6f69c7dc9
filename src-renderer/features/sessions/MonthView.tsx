import { useState } from 'react';
import type { SessionSummary } from '../../../src-shared/contract/index.js';
import { monthName, SESSION_TYPE_LABEL } from '../../../src-shared/format.js';
import { useLoad } from '../../app/client-context.js';
import { href } from '../../app/router.js';

const DAYS = ['Lun', 'Mar', 'Mié', 'Jue', 'Vie', 'Sáb', 'Dom'];
const pad = (n: number) => String(n).padStart(2, '0');

/** A month grid with the scheduled sessions and, shaded, the calendar's window for ordinary sessions. */
export function MonthView({ sessions, commissionId }: { sessions: SessionSummary[]; commissionId: string }) {
  const latest = sessions[0]?.date ?? new Date().toISOString().slice(0, 10);
  const [ym, setYm] = useState({ y: Number(latest.slice(0, 4)), m: Number(latest.slice(5, 7)) });
  const [calendars] = useLoad((call) => call('calendars.list', commissionId ? { commissionId } : {}), [commissionId]);
  const windows =
    calendars.state === 'ready'
      ? calendars.value.filter((c) => c.year === ym.y).flatMap((c) => c.entries.filter((e) => e.month === ym.m))
      : [];
  const first = new Date(Date.UTC(ym.y, ym.m - 1, 1));
  const offset = (first.getUTCDay() + 6) % 7;
  const days = new Date(Date.UTC(ym.y, ym.m, 0)).getUTCDate();
  const cells = Array.from({ length: Math.ceil((offset + days) / 7) * 7 }, (_, i) => i - offset + 1);
  const move = (delta: number) => setYm(({ y, m }) => ({ y: m + delta > 12 ? y + 1 : m + delta < 1 ? y - 1 : y, m: ((m - 1 + delta + 12) % 12) + 1 }));
  return (
    <div className="month">
      <div className="actions">
        <button type="button" className="button-ghost" onClick={() => move(-1)}>
          Mes anterior
        </button>
        <h2 className="month-title">
          {monthName(ym.m)[0]!.toUpperCase() + monthName(ym.m).slice(1)} de {ym.y}
        </h2>
        <button type="button" className="button-ghost" onClick={() => move(1)}>
          Mes siguiente
        </button>
        {windows.map((w) => (
          <span key={w.from} className="muted">
            Periodo de sesión ordinaria: {w.label}
          </span>
        ))}
      </div>
      <div className="month-grid" role="grid" aria-label="Sesiones del mes">
        {DAYS.map((d) => (
          <div key={d} className="month-head" role="columnheader">
            {d}
          </div>
        ))}
        {cells.map((day, i) => {
          if (day < 1 || day > days) return <div key={i} className="month-cell month-out" />;
          const iso = `${ym.y}-${pad(ym.m)}-${pad(day)}`;
          const inWindow = windows.some((w) => iso >= w.from && iso <= w.to);
          return (
            <div key={i} className={inWindow ? 'month-cell month-window' : 'month-cell'} role="gridcell">
              <span className="month-day">{day}</span>
              {sessions
                .filter((s) => s.date === iso)
                .map((s) => (
                  <a key={s.id} href={href('sesiones', s.id)} className="month-session" title={SESSION_TYPE_LABEL[s.type]}>
                    {s.key}
                  </a>
                ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}
