import type { DocumentSummary } from '../../../src-shared/contract/calls.js';
import { storeDocument } from '../documents/documents.js';
import type { Store } from '../store/store.js';
import type { RenderedReport } from './informe.js';
import { findCommission, generateInforme, generatePrograma } from './reports.js';
import { InformeArgs, ProgramaArgs } from '../../../src-shared/contract/reports.js';
import { parseArgs } from '../../../src-shared/contract/parse.js';

async function keep(store: Store, commissionId: string, title: string, fileName: string, report: RenderedReport, actor: string, newId: () => string): Promise<DocumentSummary> {
  return storeDocument(
    store,
    {
      id: newId(),
      kind: 'informe',
      commissionId,
      title,
      fileName,
      inkFrom: [],
      status: 'borrador',
      // Signers not linked to a member cannot sign in Sesiona; they stay off the signing order.
      signers: report.slots.filter((s) => s.memberId).map((s) => ({ ...s, status: 'pendiente' as const })),
      documentTimestamps: [],
    },
    report.pdf,
    actor,
  );
}

/** The informe as a document: draft, then the existing lock and signing flow (hoja de firmas boxes). */
export async function createInformeDocument(store: Store, rawArgs: unknown, actor: string, newId: () => string): Promise<DocumentSummary> {
  const args = parseArgs(InformeArgs, rawArgs);
  const c = findCommission(store, args.commission);
  const report = await generateInforme(store, args);
  const ordinal = ['Primer', 'Segundo', 'Tercer'][args.period - 1];
  return keep(store, c.id, `${ordinal} informe cuatrimestral ${args.year} — ${c.acronym}`, `informe-${c.acronym}-${args.year}-${args.period}.pdf`, report, actor, newId);
}

/** The programa anual as a document, signed by the commission like the informe. */
export async function createProgramaDocument(store: Store, rawArgs: unknown, actor: string, newId: () => string): Promise<DocumentSummary> {
  const args = parseArgs(ProgramaArgs, rawArgs);
  const c = findCommission(store, args.commission);
  const report = await generatePrograma(store, args);
  return keep(store, c.id, `Programa anual de trabajo ${args.year} — ${c.acronym}`, `programa-${c.acronym}-${args.year}.pdf`, report, actor, newId);
}
