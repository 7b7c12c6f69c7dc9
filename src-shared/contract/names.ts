/**
 * Every call name, in a module with no dependencies, so the sandboxed preload can expose them
 * without bundling zod. calls.ts checks at compile time that this list and the contract agree.
 */
export const callNames = [
  'app.info',
  'commissions.list',
  'sessions.list',
  'sessions.get',
  'sessions.create',
  'sessions.setStatus',
  'activities.list',
  'activities.setProgress',
  'programmes.list',
  'calendars.list',
  'audit.list',
  'audit.verify',
  'vault.status',
  'vault.unlock',
  'signatures.list',
  'signatures.enroll',
  'signatures.use',
  'signatures.import',
  'documents.list',
  'documents.pdf',
  'documents.acknowledge',
  'documents.acknowledgeFresh',
  'documents.get',
  'documents.createActa',
  'documents.setOrder',
  'documents.lock',
  'documents.sign',
  'documents.refuse',
  'documents.verify',
  'certificates.list',
  'certificates.import',
  'trust.list',
  'trust.add',
  'batch.start',
  'batch.status',
  'batch.cancel',
] as const;

export type CallName = (typeof callNames)[number];
