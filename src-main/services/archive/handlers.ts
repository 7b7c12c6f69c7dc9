import type { FeatureCalls } from '../../../src-shared/contract/calls.js';
import { AppError } from '../../../src-shared/contract/errors.js';
import type { FeatureHandlers } from '../context.js';
import { listArchive } from './archive.js';
import { batchZip, listBatches } from './batches.js';
import { exportSession } from './export-session.js';
import { zipWithManifest } from './zip.js';

const base64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

export const archiveHandlers = {
  'archive.list': ({ store }, args) => listArchive(store, args),
  'archive.zip': async ({ store }, args) => {
    const ids = [...new Set(args.ids)];
    const docs = ids.map((id) => {
      const d = store.get('documents', id);
      if (!d) throw new AppError('NOT_FOUND', 'Uno de los documentos seleccionados ya no existe.');
      return d;
    });
    const files = [];
    for (const d of docs) files.push({ name: d.fileName, bytes: await store.blobs.get(d.pdf) });
    const zip = zipWithManifest(files, { format: 'sesiona-documentos', documents: docs.map((d) => ({ id: d.id, title: d.title })) });
    return { fileName: `documentos-${new Date().toISOString().slice(0, 10)}.zip`, base64: base64(zip) };
  },
  'archive.exportSession': async ({ store }, args) => {
    const { fileName, zip } = await exportSession(store, args.sessionId);
    return { fileName, base64: base64(zip) };
  },
  'archive.batches': ({ store }) => listBatches(store),
  'archive.batchZip': async ({ store }, args) => {
    const { fileName, zip } = await batchZip(store, args.jobId);
    return { fileName, base64: base64(zip) };
  },
} satisfies FeatureHandlers<FeatureCalls['archive']>;
