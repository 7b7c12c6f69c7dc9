import type { DocumentSummary } from '../../../src-shared/contract/calls.js';
import { storeDocument } from '../documents/documents.js';
import type { DocumentRecord } from '../../../src-shared/domain/index.js';
import type { Store } from '../store/store.js';
import type { Upgrade } from '../store/upgrades.js';
import type { RenderedReport } from './informe.js';
import { findCommission, generateInforme, generatePrograma } from './reports.js';
import { InformeArgs, ProgramaArgs } from '../../../src-shared/contract/reports.js';
import { parseArgs } from '../../../src-shared/contract/parse.js';

async function keep(
  store: Store,
  kind: 'informe' | 'programa',
  commissionId: string, title: string, fileName: string, report: RenderedReport, actor: string, newId: () => string): Promise<DocumentSummary> {
  return storeDocument(
    store,
    {
      id: newId(),
      kind,
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
  return keep(store, 'informe', c.id, `${ordinal} informe cuatrimestral ${args.year} — ${c.acronym}`, `informe-${c.acronym}-${args.year}-${args.period}.pdf`, report, actor, newId);
}

/** The programa anual as a document, signed by the commission like the informe. */
export async function createProgramaDocument(store: Store, rawArgs: unknown, actor: string, newId: () => string): Promise<DocumentSummary> {
  const args = parseArgs(ProgramaArgs, rawArgs);
  const c = findCommission(store, args.commission);
  const report = await generatePrograma(store, args);
  return keep(store, 'programa', c.id, `Programa anual de trabajo ${args.year} — ${c.acronym}`, `programa-${c.acronym}-${args.year}.pdf`, report, actor, newId);
}

/** Programas kept before they had a kind of their own were stored as informes; their file name tells them apart. */
const isOldPrograma = (d: DocumentRecord) => d.kind === 'informe' && /^programa-/.test(d.fileName);

/** Gives the programas stored as "informe" their own kind; once per folder, audited (openApp, through runUpgrades). */
export const retypeProgramas: Upgrade = {
  name: 'documents.retypeProgramas',
  changes: (ctx) =>
    ctx
      .all('documents')
      .filter(isOldPrograma)
      .map((d) => ({ collection: 'documents' as const, record: { ...d, kind: 'programa' as const } })),
};
