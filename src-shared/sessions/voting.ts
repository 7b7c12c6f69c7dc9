/**
 * Quorum and vote results as commissions count them: the presidency and the members vote; the
 * technical secretary has voice but no vote and does not count towards quorum.
 */
import type { MemberRole } from '../domain/index.js';

export type Ballot = 'a_favor' | 'en_contra' | 'abstencion';
export const BALLOT_LABEL: Record<Ballot, string> = { a_favor: 'A favor', en_contra: 'En contra', abstencion: 'Abstención' };

export interface VotingMember {
  id: string;
  name: string;
  role: MemberRole;
}

export interface Quorum {
  voters: number;
  present: number;
  /** Present voters needed: more than half of all voting members. */
  required: number;
  met: boolean;
}

export const votes = (m: VotingMember): boolean => m.role !== 'secretaria_tecnica';

export function quorum(members: readonly VotingMember[], presentIds: ReadonlySet<string>): Quorum {
  const voters = members.filter(votes);
  const present = voters.filter((m) => presentIds.has(m.id)).length;
  const required = Math.floor(voters.length / 2) + 1;
  return { voters: voters.length, present, required, met: voters.length > 0 && present >= required };
}

export interface Tally {
  inFavor: number;
  against: number;
  abstentions: number;
  result: 'unanimidad' | 'mayoria' | 'rechazado';
}

export class VoteError extends Error {}

/**
 * The result of one item's vote. Every present voting member must have cast a ballot, and
 * nobody else may: an absent member's or the secretary's ballot is an error, not a silent drop.
 */
export function tally(members: readonly VotingMember[], presentIds: ReadonlySet<string>, ballots: ReadonlyMap<string, Ballot>): Tally {
  const byId = new Map(members.map((m) => [m.id, m]));
  for (const id of ballots.keys()) {
    const m = byId.get(id);
    if (!m) throw new VoteError('Un voto corresponde a alguien que no integra la comisión.');
    if (!votes(m)) throw new VoteError(`${m.name} integra la Secretaría Técnica: tiene voz, pero no voto.`);
    if (!presentIds.has(id)) throw new VoteError(`${m.name} no está presente; no puede votar.`);
  }
  const missing = members.filter((m) => votes(m) && presentIds.has(m.id) && !ballots.has(m.id));
  if (missing.length) throw new VoteError(`Falta el voto de ${missing.map((m) => m.name).join(', ')}.`);
  const q = quorum(members, presentIds);
  if (!q.met) throw new VoteError(`No hay quórum: hay ${q.present} de ${q.voters} integrantes con voto y se necesitan ${q.required}.`);
  let inFavor = 0;
  let against = 0;
  let abstentions = 0;
  for (const b of ballots.values()) {
    if (b === 'a_favor') inFavor++;
    else if (b === 'en_contra') against++;
    else abstentions++;
  }
  const result = inFavor === ballots.size ? 'unanimidad' : inFavor > against ? 'mayoria' : 'rechazado';
  return { inFavor, against, abstentions, result };
}
