import type { z } from 'zod';
import { activitiesCalls } from './activities.js';
import { agendaCalls } from './agenda.js';
import { commissionsCalls } from './commissions.js';
import { draftsCalls } from './drafts.js';
import { guidelinesCalls } from './guidelines.js';
import { minutesCalls } from './minutes.js';
import { appCalls } from './app.js';
import { archiveCalls } from './archive.js';
import { auditCalls } from './audit.js';
import { certificatesCalls } from './certificates.js';
import { documentsCalls } from './documents.js';
import type { Reply } from './errors.js';
import { keystoreCalls } from './keystore.js';
import { printingCalls } from './printing.js';
import { reportsCalls } from './reports.js';
import type { CallName } from './names.js';
import { peopleCalls } from './people.js';
import { sessionsCalls } from './sessions.js';
import { settingsCalls } from './settings.js';
import { syncCalls } from './sync.js';
import { signaturesCalls } from './signatures.js';
import type { CallSpec } from './spec.js';

export type * from './activities.js';
export type * from './agenda.js';
export type * from './commissions.js';
export type * from './drafts.js';
export type * from './guidelines.js';
export type * from './minutes.js';
export type * from './app.js';
export type * from './archive.js';
export type * from './audit.js';
export type * from './certificates.js';
export type * from './documents.js';
export type * from './keystore.js';
export type * from './people.js';
export type * from './printing.js';
export type * from './reports.js';
export type * from './sessions.js';
export type * from './settings.js';
export type * from './sync.js';
export type * from './signatures.js';
export type { CallSpec } from './spec.js';

/**
 * The whole contract: each feature declares its calls in its own module (`<feature>.ts`);
 * this only merges them. A call is added in its feature's module and in names.ts.
 */
export const contract = {
  ...appCalls,
  ...auditCalls,
  ...sessionsCalls,
  ...agendaCalls,
  ...minutesCalls,
  ...draftsCalls,
  ...guidelinesCalls,
  ...commissionsCalls,
  ...activitiesCalls,
  ...keystoreCalls,
  ...signaturesCalls,
  ...documentsCalls,
  ...certificatesCalls,
  ...settingsCalls,
  ...syncCalls,
  ...peopleCalls,
  ...archiveCalls,
  ...printingCalls,
  ...reportsCalls,
} satisfies { [K in CallName]: CallSpec<z.ZodType, unknown> };

// Both directions: a call in the contract but not in names.ts fails here too.
type Missing = Exclude<keyof typeof contract, CallName>;
const _noExtraCalls: Missing extends never ? true : never = true;
void _noExtraCalls;

/** The features and the call names each declares, for the handler modules to be checked against. */
export type FeatureCalls = {
  app: keyof typeof appCalls;
  audit: keyof typeof auditCalls;
  sessions: keyof typeof sessionsCalls;
  agenda: keyof typeof agendaCalls;
  minutes: keyof typeof minutesCalls;
  drafts: keyof typeof draftsCalls;
  guidelines: keyof typeof guidelinesCalls;
  commissions: keyof typeof commissionsCalls;
  activities: keyof typeof activitiesCalls;
  keystore: keyof typeof keystoreCalls;
  signatures: keyof typeof signaturesCalls;
  documents: keyof typeof documentsCalls;
  certificates: keyof typeof certificatesCalls;
  settings: keyof typeof settingsCalls;
  sync: keyof typeof syncCalls;
  people: keyof typeof peopleCalls;
  archive: keyof typeof archiveCalls;
  printing: keyof typeof printingCalls;
  reports: keyof typeof reportsCalls;
};

export type Contract = typeof contract;
export type ArgsOf<K extends CallName> = z.input<Contract[K]['args']>;
export type ParsedArgsOf<K extends CallName> = z.output<Contract[K]['args']>;
export type ResultOf<K extends CallName> = NonNullable<Contract[K]['result']>;

/** The bridge the preload exposes and the renderer's client implements. */
export type SesionaApi = { [K in CallName]: (args: ArgsOf<K>) => Promise<Reply<ResultOf<K>>> };
