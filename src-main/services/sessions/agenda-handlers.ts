import type { FeatureCalls } from '../../../src-shared/contract/calls.js';
import type { FeatureHandlers } from '../context.js';
import { addItem, attachDocument, documentFile, moveItem, removeItem, setDocumentStatus, setNotes, updateItem } from './agenda.js';

export const agendaHandlers = {
  'agenda.add': ({ store, actor }, args) => store.mutate(addItem, args, actor),
  'agenda.update': ({ store, actor }, args) => store.mutate(updateItem, args, actor),
  'agenda.move': ({ store, actor }, args) => store.mutate(moveItem, args, actor),
  'agenda.remove': ({ store, actor }, args) => store.mutate(removeItem, args, actor),
  'agenda.notes': ({ store, actor }, args) => store.mutate(setNotes, args, actor),
  'agenda.attach': ({ store, actor }, args) => attachDocument(store, args, actor),
  'agenda.setDocumentStatus': ({ store, actor }, args) => store.mutate(setDocumentStatus, args, actor),
  'agenda.file': ({ store }, args) => documentFile(store, args.sessionId, args.documentId),
} satisfies FeatureHandlers<FeatureCalls['agenda']>;
