import { describe, expect, it } from 'vitest';
import { agendaOrdinal, documentStatusLabel, formatDateLong, formatPercent, sessionKey } from '../../src-shared/format.js';

describe('Spanish formatting as the commissions print it', () => {
  it('writes session dates in capitals', () => {
    expect(formatDateLong('2023-05-30')).toBe('30 DE MAYO DE 2023');
    expect(formatDateLong('2023-06-27')).toBe('27 DE JUNIO DE 2023');
    expect(formatDateLong('2020-01-05')).toBe('5 DE ENERO DE 2020');
    expect(() => formatDateLong('30/05/2023')).toThrow();
  });

  it('numbers agenda items PRIMERO… and a lone item ÚNICO', () => {
    expect(agendaOrdinal(0, 1)).toBe('ÚNICO');
    expect([0, 1, 2, 3, 4].map((i) => agendaOrdinal(i, 5))).toEqual(['PRIMERO', 'SEGUNDO', 'TERCERO', 'CUARTO', 'QUINTO']);
    expect(agendaOrdinal(10, 12)).toBe('DÉCIMO PRIMERO');
    expect(() => agendaOrdinal(3, 3)).toThrow();
  });

  it('builds session keys like IEM-CMI-SEORD-03/2023', () => {
    expect(sessionKey('IEM', 'CMI', 'ordinaria', 3, 2023)).toBe('IEM-CMI-SEORD-03/2023');
    expect(sessionKey('IEM', 'CMI', 'extraordinaria_urgente', 4, 2023)).toBe('IEM-CMI-SEXTU-04/2023');
    expect(sessionKey('IEM', 'CVSPE', 'extraordinaria', 12, 2020)).toBe('IEM-CVSPE-SEEXT-12/2020');
  });

  it('prints percentages and document statuses', () => {
    expect(formatPercent(50)).toBe('50%');
    expect(formatPercent(12.5)).toBe('12.5%');
    expect(documentStatusLabel('aprobado', true)).toBe('Aprobada');
    expect(documentStatusLabel('presentado', false)).toBe('Presentado');
  });
});
