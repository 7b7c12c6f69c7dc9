/**
 * Blobs (evidence images, signed PDFs) travel by SHA-256, apart from the records that name them:
 * uploaded before the push that points to them, downloaded before the pulled page that points
 * to them is merged. A record is never merged here while its blob is missing or damaged.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../../src-shared/contract/errors.js';
import type { Change, Mutation } from '../../../src-shared/sync/protocol.js';
import type { BlobStore } from '../store/blobs.js';
import type { ServerClient } from './server-client.js';
import { signedVersions } from './signatures.js';

const HEX64 = /^[0-9a-f]{64}$/;

/** Every SHA-256 a put names, at any depth (activities' `evidence`, documents' PDFs…), and a signature's signed version. */
export function blobsNamed(items: readonly (Mutation | Change)[]): Set<string> {
  const into = new Set<string>();
  for (const m of items) {
    if (m.type === 'put') collect(m.fields, into);
    else if (m.type === 'sign') for (const sha of signedVersions(m)) into.add(sha);
  }
  return into;
}

function collect(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') {
    if (HEX64.test(value)) into.add(value);
  } else if (Array.isArray(value)) for (const v of value) collect(v, into);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) collect(v, into);
}

interface Transfer {
  client: ServerClient;
  token: string;
  commission: string;
  blobs: BlobStore;
}

/**
 * Uploads the blobs `batch` names that this laptop holds and the server is not known to hold;
 * `uploaded` is told of each one as soon as the server has it, so a round cut midway uploads
 * nothing twice. A 64-hex string that is not a blob here (an id that looks like one, or a file
 * missing from this folder) is told to `absent`: the engine offers it again once it is here.
 */
export async function uploadBlobs(
  t: Transfer,
  batch: readonly Mutation[] | Iterable<string>,
  known: ReadonlySet<string>,
  uploaded: (sha: string) => Promise<void>,
  absent: (sha: string) => void = () => undefined,
): Promise<number> {
  let count = 0;
  const named = Array.isArray(batch) && typeof batch[0] !== 'string' ? blobsNamed(batch as readonly Mutation[]) : new Set(batch as Iterable<string>);
  for (const sha of named) {
    if (known.has(sha)) continue;
    if (!(await t.blobs.has(sha))) {
      absent(sha);
      continue;
    }
    await t.client.putBlob(t.token, t.commission, sha, await t.blobs.get(sha));
    await uploaded(sha);
    count++;
  }
  return count;
}

/**
 * Downloads the blobs `changes` (or a list of SHA-256) name that this laptop lacks, each checked
 * against its name before it is stored. A blob the server sends damaged is refused: nothing is
 * stored and the page is not merged (the next round asks again). One the server does not hold
 * (its sender has not uploaded it) is told to `missing`: the record is merged, the file stays
 * "pendiente de recibir" and is asked for again every round.
 */
export async function downloadBlobs(t: Transfer, changes: readonly Change[] | Iterable<string>, missing: (sha: string) => void = () => undefined): Promise<number> {
  let count = 0;
  const named = Array.isArray(changes) && typeof changes[0] !== 'string' ? blobsNamed(changes as readonly Change[]) : new Set(changes as Iterable<string>);
  for (const sha of named) {
    if (await t.blobs.has(sha)) continue;
    const bytes = await t.client.getBlob(t.token, t.commission, sha);
    if (!bytes) {
      missing(sha);
      continue;
    }
    if (createHash('sha256').update(bytes).digest('hex') !== sha) {
      throw new AppError(
        'CONFLICT',
        `El servidor envió dañado el archivo ${sha.slice(0, 12)}… (su huella SHA-256 no coincide). No se guardó, y los cambios que lo usan se aplicarán cuando llegue íntegro.`,
      );
    }
    await t.blobs.put(bytes);
    count++;
  }
  return count;
}
