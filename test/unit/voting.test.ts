import { describe, expect, it } from 'vitest';
import { quorum, tally, VoteError, type Ballot, type VotingMember } from '../../src-shared/sessions/voting.js';

// The CMI as the seed prints it: a president, two members and the technical secretary.
const cmi: VotingMember[] = [
  { id: 'carol', name: 'LICDA. CAROL BERENICE ARELLANO RANGEL', role: 'presidencia' },
  { id: 'araceli', name: 'MTRA. ARACELI GUTIÉRREZ CORTÉZ', role: 'integrante' },
  { id: 'viridiana', name: 'MTRA. VIRIDIANA VILLASEÑOR AGUIRRE', role: 'integrante' },
  { id: 'lourdes', name: 'MARÍA DE LOURDES BECERRA PÉREZ', role: 'secretaria_tecnica' },
];
const present = (...ids: string[]) => new Set(ids);
const ballots = (entries: Record<string, Ballot>) => new Map(Object.entries(entries));

describe('quorum', () => {
  it('needs more than half of the voting members; the secretary does not count', () => {
    expect(quorum(cmi, present('carol', 'araceli'))).toEqual({ voters: 3, present: 2, required: 2, met: true });
    expect(quorum(cmi, present('carol', 'lourdes'))).toEqual({ voters: 3, present: 1, required: 2, met: false });
    expect(quorum([], present()).met).toBe(false);
  });
});

describe('vote results', () => {
  it('is unanimous when every present voter is in favour', () => {
    expect(tally(cmi, present('carol', 'araceli', 'viridiana', 'lourdes'), ballots({ carol: 'a_favor', araceli: 'a_favor', viridiana: 'a_favor' }))).toEqual({
      inFavor: 3, against: 0, abstentions: 0, result: 'unanimidad',
    });
  });
  it('is a majority with a vote against or an abstention, and rejected without more in favour than against', () => {
    expect(tally(cmi, present('carol', 'araceli', 'viridiana'), ballots({ carol: 'a_favor', araceli: 'a_favor', viridiana: 'en_contra' })).result).toBe('mayoria');
    expect(tally(cmi, present('carol', 'araceli', 'viridiana'), ballots({ carol: 'a_favor', araceli: 'abstencion', viridiana: 'abstencion' })).result).toBe('mayoria');
    expect(tally(cmi, present('carol', 'araceli', 'viridiana'), ballots({ carol: 'a_favor', araceli: 'en_contra', viridiana: 'abstencion' })).result).toBe('rechazado');
    expect(tally(cmi, present('carol', 'araceli'), ballots({ carol: 'en_contra', araceli: 'en_contra' })).result).toBe('rechazado');
  });
  it('refuses a ballot from an absent member, from the secretary, a missing ballot and a vote without quorum', () => {
    expect(() => tally(cmi, present('carol', 'araceli'), ballots({ carol: 'a_favor', araceli: 'a_favor', viridiana: 'a_favor' }))).toThrow(
      new VoteError('MTRA. VIRIDIANA VILLASEÑOR AGUIRRE no está presente; no puede votar.'),
    );
    expect(() => tally(cmi, present('carol', 'araceli', 'lourdes'), ballots({ carol: 'a_favor', araceli: 'a_favor', lourdes: 'a_favor' }))).toThrow(/voz, pero no voto/);
    expect(() => tally(cmi, present('carol', 'araceli'), ballots({ carol: 'a_favor' }))).toThrow('Falta el voto de MTRA. ARACELI GUTIÉRREZ CORTÉZ.');
    expect(() => tally(cmi, present('carol'), ballots({ carol: 'a_favor' }))).toThrow(/No hay quórum: hay 1 de 3/);
  });
});
