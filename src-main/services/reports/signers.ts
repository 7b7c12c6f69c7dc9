import type { Commission, Member, SignatureBlockEntry } from '../../../src-shared/domain/index.js';

const RANK = { presidencia: 0, integrante: 1, secretaria_tecnica: 2 } as const;

function byRole(members: Member[]): Member[] {
  return [...members].sort((a, b) => RANK[a.role] - RANK[b.role]);
}

/**
 * The signature block of a document: what its record says, else one entry per member
 * (presidency, members, technical secretary) with the long-form role built from the short one.
 */
export function signatureBlock(commission: Commission, recorded: SignatureBlockEntry[] | undefined): SignatureBlockEntry[] {
  if (recorded?.length) return recorded;
  return byRole(commission.members).map((m) => ({
    memberId: m.id,
    name: `${m.title ? `${m.title} ` : ''}${m.name}`,
    role: `${m.roleLabel} DE LA ${commission.name.toUpperCase()}`,
  }));
}
