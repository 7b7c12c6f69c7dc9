import type { z } from 'zod';
import { Activity, Commission, Draft, DraftUpdate, InstituteSettings, Minutes, Programme, Session, SessionCalendar, SignatureRecord, DocumentRecord, SignatureConflict, TrustRoot, StoredCertificate, Settings, Person, Account, Incident, SignInFailures, PrintJob, BatchResult } from '../../../src-shared/domain/index.js';
import { FourMonthReport } from '../../../src-shared/domain/report.js';
import { GuidelineAnswer, GuidelineCommentRecord, GuidelineRecord, GuidelineRoundRecord, GuidelineVersionRecord } from '../../../src-shared/domain/guideline.js';
import { SyncProgress, SyncStamps } from './sync-stamps.js';
import { UpgradeMarker } from './upgrade-marker.js';
import { LostChange } from './lost-change.js';

interface CollectionDef<S extends z.ZodType> {
  schema: S;
  /**
   * Shard a record lives in. Sharding keeps each lowdb file small, because lowdb rewrites a
   * whole file on every write: by year for things that accumulate, one file per programme.
   */
  shardOf(record: z.infer<S>): string;
}

function collection<S extends z.ZodType>(def: CollectionDef<S>): CollectionDef<S> {
  return def;
}

export const collections = {
  commissions: collection({ schema: Commission, shardOf: () => 'all' }),
  sessions: collection({ schema: Session, shardOf: (r) => String(r.year) }),
  activities: collection({ schema: Activity, shardOf: (r) => String(r.year) }),
  programmes: collection({ schema: Programme, shardOf: (r) => `${r.year}-${r.id}` }),
  calendars: collection({ schema: SessionCalendar, shardOf: (r) => String(r.year) }),
  signatures: collection({ schema: SignatureRecord, shardOf: () => 'all' }),
  settings: collection({ schema: Settings, shardOf: () => 'all' }),
  certificates: collection({ schema: StoredCertificate, shardOf: () => 'all' }),
  trustRoots: collection({ schema: TrustRoot, shardOf: () => 'all' }),
  documents: collection({ schema: DocumentRecord, shardOf: (r) => r.createdAt.slice(0, 4) }),
  institute: collection({ schema: InstituteSettings, shardOf: () => 'all' }),
  minutes: collection({ schema: Minutes, shardOf: (r) => r.createdAt.slice(0, 4) }),
  // One file per draft: an autosave rewrites only its own draft's small file.
  drafts: collection({ schema: Draft, shardOf: (r) => r.id }),
  draftUpdates: collection({ schema: DraftUpdate, shardOf: (r) => r.draftId }),
  people: collection({ schema: Person, shardOf: () => 'all' }),
  accounts: collection({ schema: Account, shardOf: () => 'all' }),
  signInFailures: collection({ schema: SignInFailures, shardOf: () => 'all' }),
  incidents: collection({ schema: Incident, shardOf: (r) => r.at.slice(0, 4) }),
  printJobs: collection({ schema: PrintJob, shardOf: (r) => r.at.slice(0, 4) }),
  batchResults: collection({ schema: BatchResult, shardOf: (r) => r.createdAt.slice(0, 4) }),
  reports: collection({ schema: FourMonthReport, shardOf: (r) => String(r.year) }),
  guidelines: collection({ schema: GuidelineRecord, shardOf: (r) => r.id }),
  // A guideline's review and versions, one record each, in the guideline's own shard files.
  guidelineComments: collection({ schema: GuidelineCommentRecord, shardOf: (r) => r.guidelineId }),
  guidelineRounds: collection({ schema: GuidelineRoundRecord, shardOf: (r) => r.guidelineId }),
  guidelineAnswers: collection({ schema: GuidelineAnswer, shardOf: (r) => r.guidelineId }),
  guidelineVersions: collection({ schema: GuidelineVersionRecord, shardOf: (r) => r.guidelineId }),
  // Signatures made here for a box another laptop filled first (sync/signatures.ts).
  signatureConflicts: collection({ schema: SignatureConflict, shardOf: (r) => r.at.slice(0, 4) }),
  // Changes made here to records deleted elsewhere first (sync/lost-changes.ts); local, never synced.
  lostChanges: collection({ schema: LostChange, shardOf: (r) => r.at.slice(0, 4) }),
  // Written only by replication, with the remote records it merges (see replication.ts).
  syncStamps: collection({ schema: SyncStamps, shardOf: (r) => r.id.split('.')[0]! }),
  syncProgress: collection({ schema: SyncProgress, shardOf: () => 'all' }),
  // One-time data steps this folder has run (upgrades.ts, upgrade-marker.ts); local, never synced.
  upgrades: collection({ schema: UpgradeMarker, shardOf: () => 'all' }),
};

export type CollectionName = keyof typeof collections;
export type RecordOf<C extends CollectionName> = z.infer<(typeof collections)[C]['schema']>;
export const collectionNames = Object.keys(collections) as CollectionName[];

export function isCollectionName(name: string): name is CollectionName {
  return Object.hasOwn(collections, name);
}
