/**
 * What an incremental update changed, compared object by object with the revision before it.
 * An update counts as "signatures only" when every object it rewrites differs from its
 * previous version only where adding a signature must change it: page /Annots gains signature
 * widgets, the AcroForm gains signature fields and /SigFlags, the catalog gains /AcroForm or
 * /DSS, and an empty signature field gets its /V. New objects are harmless by themselves: they
 * only show if an existing object starts referring to them, which the rules above police.
 */
import type { PdfReader, XrefSection } from './reader.js';
import { isDict, isName, PdfRef, PdfStream, serialize, type PdfDict, type PdfValue } from './syntax.js';

export type RevisionChange = 'signatures-only' | 'other';

function withoutKeys(dict: PdfDict, keys: string[]): string {
  const copy = new Map(dict);
  for (const key of keys) copy.delete(key);
  return serialize(copy);
}

function same(a: PdfValue | undefined, b: PdfValue | undefined, ignore: string[] = []): boolean {
  if (a instanceof PdfStream || b instanceof PdfStream) {
    return a instanceof PdfStream && b instanceof PdfStream && a.raw.equals(b.raw) && withoutKeys(a.dict, ignore) === withoutKeys(b.dict, ignore);
  }
  if (isDict(a) && isDict(b)) return withoutKeys(a, ignore) === withoutKeys(b, ignore);
  if (a === undefined || b === undefined) return a === b;
  return serialize(a) === serialize(b);
}

function refKey(value: PdfValue): string {
  return value instanceof PdfRef ? `${value.num} ${value.gen}` : serialize(value);
}

function isSignatureField(reader: PdfReader, value: PdfValue): boolean {
  const dict = reader.dict(value);
  if (!dict) return false;
  if (isName(dict.get('FT'), 'Sig')) return true;
  // A widget whose parent field is the signature field.
  const parent = reader.dict(dict.get('Parent'));
  return parent !== undefined && isName(parent.get('FT'), 'Sig');
}

/** `after` keeps every item of `before` and adds only signature fields/widgets. */
function onlyAddsSignatures(reader: PdfReader, before: PdfValue | undefined, after: PdfValue | undefined, prev: PdfReader): boolean {
  const oldList = prev.resolve(before);
  const newList = reader.resolve(after);
  const oldItems = Array.isArray(oldList) ? oldList : [];
  if (!Array.isArray(newList)) return oldItems.length === 0;
  const present = new Set(newList.map(refKey));
  if (!oldItems.every((item) => present.has(refKey(item)))) return false;
  const old = new Set(oldItems.map(refKey));
  return newList.every((item) => old.has(refKey(item)) || isSignatureField(reader, item));
}

/** Classifies the update made by xref section `index` (0 = newest) of `reader`. */
export function classifyRevision(reader: PdfReader, index: number): RevisionChange {
  if (index + 1 >= reader.sections.length) return 'other';
  const cur = reader.at(index);
  const prev = reader.at(index + 1);
  const root = cur.trailer.get('Root');
  const prevRoot = prev.trailer.get('Root');
  if (!(root instanceof PdfRef) || !(prevRoot instanceof PdfRef) || root.num !== prevRoot.num) return 'other';
  const prevAcroForm = prev.catalog().dict.get('AcroForm');

  for (const [num, entry] of (reader.sections[index] as XrefSection).entries) {
    if (entry.kind === 'free') {
      if (num === 0) continue;
      return 'other';
    }
    const now = cur.object(num);
    if (now instanceof PdfStream && (isName(now.dict.get('Type'), 'XRef') || isName(now.dict.get('Type'), 'ObjStm'))) continue;
    const before = prev.object(num);
    if (before === undefined) continue;
    if (same(before, now)) continue;
    if (!isDict(before) || !isDict(now)) return 'other';

    if (num === root.num) {
      if (!same(before, now, ['AcroForm', 'DSS'])) return 'other';
      const oldForm = prev.dict(before.get('AcroForm'));
      const newForm = cur.dict(now.get('AcroForm'));
      if (oldForm && !newForm) return 'other';
      if (newForm && !onlyAddsSignatures(cur, oldForm?.get('Fields'), newForm.get('Fields'), prev)) return 'other';
      continue;
    }
    if (prevAcroForm instanceof PdfRef && num === prevAcroForm.num) {
      if (!same(before, now, ['Fields', 'SigFlags'])) return 'other';
      if (!onlyAddsSignatures(cur, before.get('Fields'), now.get('Fields'), prev)) return 'other';
      continue;
    }
    if (isName(before.get('Type'), 'Page')) {
      if (!same(before, now, ['Annots'])) return 'other';
      if (!onlyAddsSignatures(cur, before.get('Annots'), now.get('Annots'), prev)) return 'other';
      continue;
    }
    if (isName(before.get('FT'), 'Sig') && before.get('V') === undefined) {
      if (!same(before, now, ['V', 'AP'])) return 'other';
      continue;
    }
    return 'other';
  }
  return 'signatures-only';
}
