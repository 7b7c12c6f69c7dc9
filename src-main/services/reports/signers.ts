import { seatedDuring, type Commission, type Member, type SignatureBlockEntry } from '../../../src-shared/domain/index.js';
import type { Layout, SignatureSlot } from '../pdf/layout/layout.js';
import type { RenderedReport } from './informe.js';

const RANK = { presidencia: 0, integrante: 1, secretaria_tecnica: 2 } as const;

/**
 * Those who held a seat on any day from `first` to `last` (YYYY-MM-DD), presidency first and the
 * technical secretary last: whom a report of those days names, on its integración page and in its
 * hoja de firmas alike.
 */
export function seatedMembers(commission: Commission, first: string, last: string): Member[] {
  return commission.members.filter((m) => seatedDuring(m, first, last)).sort((a, b) => RANK[a.role] - RANK[b.role]);
}

/**
 * The signature block of a document: what its record says, else one entry per seated member
 * (presidency, members, technical secretary) with the long-form role built from the short one.
 * A recorded entry bound to a member whose seat does not cover the document's days is left out:
 * they cannot sign for a period they did not sit in.
 */
export function signatureBlock(commission: Commission, recorded: SignatureBlockEntry[] | undefined, seated: Member[]): SignatureBlockEntry[] {
  const isSeated = new Set(seated.map((m) => m.id));
  const members = new Set(commission.members.map((m) => m.id));
  if (recorded?.length) return recorded.filter((e) => !e.memberId || !members.has(e.memberId) || isSeated.has(e.memberId));
  return seated.map((m) => ({
    memberId: m.id,
    name: `${m.title ? `${m.title} ` : ''}${m.name}`,
    role: `${m.roleLabel} DE LA ${commission.name.toUpperCase()}`,
  }));
}

/**
 * The last steps of an informe or programa: the table of contents inserted at `tocAt`, page
 * numbers and letterhead, the file; each signature box keeps its page once the contents are in.
 */
export async function finishReport(L: Layout, tocAt: number, tocTitle: string, signers: SignatureBlockEntry[], boxes: SignatureSlot[]): Promise<RenderedReport> {
  const tocPages = L.tableOfContents(tocAt, tocTitle, L.toc);
  L.finish();
  const pdf = await L.doc.save({ useObjectStreams: false });
  return {
    pdf,
    pages: L.doc.getPageCount(),
    slots: boxes.map((b) => {
      const s = signers[b.index]!;
      return { memberId: s.memberId ?? '', name: s.name, role: s.role, page: b.page >= tocAt ? b.page + tocPages : b.page, rect: b.rect };
    }),
  };
}
