import { createHash } from 'node:crypto';
import { zipSync, type Zippable } from 'fflate';

export interface ZipFile {
  name: string;
  bytes: Uint8Array;
}

/**
 * One ZIP with a manifest.json listing each file's SHA-256 and size, so whoever receives it can
 * check nothing was changed or left out. PDFs are stored (they are compressed already).
 */
export function zipWithManifest(files: ZipFile[], about: Record<string, unknown>): Uint8Array {
  const names = new Set<string>();
  const unique = files.map((f) => {
    let name = f.name;
    for (let n = 2; names.has(name); n++) name = f.name.replace(/(\.[^./]+)?$/, `-${n}$1`);
    names.add(name);
    return { ...f, name };
  });
  const manifest = {
    ...about,
    createdAt: new Date().toISOString(),
    files: unique.map((f) => ({ name: f.name, bytes: f.bytes.length, sha256: createHash('sha256').update(f.bytes).digest('hex') })),
  };
  const entries: Zippable = {};
  for (const f of unique) entries[f.name] = [f.bytes, { level: f.name.endsWith('.pdf') ? 0 : 6 }];
  entries['manifest.json'] = [new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`), { level: 6 }];
  return zipSync(entries);
}
