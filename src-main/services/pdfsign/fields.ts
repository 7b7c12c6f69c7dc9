import type { PdfReader } from './reader.js';
import { decodeText, PdfRef, type PdfDict, type PdfValue } from './syntax.js';

/** One node of the AcroForm field tree, with what is inherited down to it. */
export interface FieldNode {
  dict: PdfDict;
  /** Fully qualified name (partial names joined by dots). */
  name: string;
  /** Whether the node has its own /T (widgets merged into a parent do not). */
  named: boolean;
  /** /FT, inherited from ancestors when absent. */
  type: PdfValue | undefined;
  /** No child fields below it (kids without /T are widget annotations, not fields). */
  terminal: boolean;
}

/**
 * Visits every field under `fields`, parents first. Files from elsewhere may loop or nest
 * absurdly deep, so each object is visited once and depth is capped.
 */
export function walkFields(reader: PdfReader, fields: PdfValue | undefined, visit: (node: FieldNode) => void): void {
  const seen = new Set<number>();
  const walk = (list: PdfValue[], prefix: string, inheritedType: PdfValue | undefined, depth: number): void => {
    for (const item of list) {
      if (item instanceof PdfRef) {
        if (seen.has(item.num)) continue;
        seen.add(item.num);
      }
      const dict = reader.dict(item);
      if (!dict || depth > 32) continue;
      const partial = decodeText(reader.resolve(dict.get('T')));
      const name = partial === null ? prefix : prefix ? `${prefix}.${partial}` : partial;
      const type = dict.get('FT') ?? inheritedType;
      const kids = reader.resolve(dict.get('Kids'));
      const fieldKids = Array.isArray(kids) ? kids.filter((k) => reader.dict(k)?.has('T')) : [];
      visit({ dict, name, named: partial !== null, type, terminal: fieldKids.length === 0 });
      if (fieldKids.length > 0) walk(fieldKids, name, type, depth + 1);
    }
  };
  const list = reader.resolve(fields);
  if (Array.isArray(list)) walk(list, '', undefined, 0);
}
