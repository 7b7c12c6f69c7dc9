import { collectionNames } from '../store/collections.js';
import type { Store } from '../store/store.js';

/**
 * Fields a data export never carries: password and PIN verifiers, tokens and passwords. A
 * verifier is enough for an offline search of a six-digit PIN, so it must not leave the folder
 * in a file anyone may copy. Matched by name at any depth, so a field added later under one of
 * these names is left out too.
 */
const SECRET_FIELD = /^(pin|verifier)$|token|password|passphrase|secret/i;

function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => !SECRET_FIELD.test(k)).map(([k, v]) => [k, withoutSecrets(v)]));
  }
  return value;
}

/** Every live record, by collection, without secrets: what `sesiona export` prints. */
export function exportCollections(store: Store): Record<string, unknown[]> {
  return Object.fromEntries(collectionNames.map((c) => [c, store.all(c).map(withoutSecrets)]));
}
