/**
 * What an incremental update may change after a signature, and what it did change.
 *
 * The model follows the PAdES validation rules and the incremental-saving and shadow attack
 * papers (Ruhr-Universität Bochum, 2019–2021): after a signature, a revision may only add
 * signatures, document timestamps, DSS/VRI, and signature fields that are either signed (their
 * appearance is drawn inside their own box and checked as a signature of its own) or show
 * nothing. It may not add an unsigned field or an annotation that draws over the page, nor
 * change page content, resources, OpenAction, names, the document information or any other
 * existing object. Objects are compared by meaning (key order, number spelling, string
 * encoding and whitespace do not matter), so a harmless re-save by another tool passes.
 *
 * New objects are harmless by themselves: they only show if an existing object starts to
 * refer to them, and every change to an existing object is policed here.
 */
import type { PdfReader, XrefSection } from './reader.js';
import { walkFields } from './fields.js';
import { decodeStream } from './filters.js';
import { decodeText, isDict, isName, PdfName, PdfRef, PdfStream, PdfString, type PdfDict, type PdfValue } from './syntax.js';

export type RevisionChange = 'signatures-only' | 'other';

/** One change a revision is not allowed to make, in Spanish, naming the object and page. */
export interface RevisionFinding {
  object: number;
  /** 1-based page number, when the object is (or belongs to) a page. */
  page: number | null;
  description: string;
}

// -------------------------------------------------------------------------------------------
// Equality by meaning

function sameArrays(a: PdfValue[], b: PdfValue[], depth: number): boolean {
  return a.length === b.length && a.every((item, i) => sameValue(item, b[i], depth + 1));
}

function sameDicts(a: PdfDict, b: PdfDict, depth: number, ignore: readonly string[] = []): boolean {
  const keys = (d: PdfDict) => [...d.keys()].filter((k) => !ignore.includes(k) && d.get(k) !== null);
  const ka = keys(a);
  const kb = keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => b.has(k) && sameValue(a.get(k), b.get(k), depth + 1));
}

const STREAM_FRAMING = ['Length', 'Filter', 'DecodeParms'];

function sameStreams(a: PdfStream, b: PdfStream, depth: number): boolean {
  if (sameDicts(a.dict, b.dict, depth, ['Length']) && a.raw.equals(b.raw)) return true;
  // Another writer may have re-compressed the same data.
  if (!sameDicts(a.dict, b.dict, depth, STREAM_FRAMING)) return false;
  try {
    return decodeStream(a, 4 * 1024 * 1024).equals(decodeStream(b, 4 * 1024 * 1024));
  } catch {
    return false;
  }
}

/** Whether two PDF values mean the same (references are compared as references). */
export function sameValue(a: PdfValue | undefined, b: PdfValue | undefined, depth = 0): boolean {
  if (depth > 64) return false;
  if (a === undefined || b === undefined) return a === b;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (a instanceof PdfName) return b instanceof PdfName && a.name === b.name;
  if (a instanceof PdfRef) return b instanceof PdfRef && a.num === b.num && a.gen === b.gen;
  if (a instanceof PdfString) return b instanceof PdfString && a.bytes.equals(b.bytes);
  if (a instanceof PdfStream) return b instanceof PdfStream && sameStreams(a, b, depth);
  if (Array.isArray(a)) return Array.isArray(b) && sameArrays(a, b, depth);
  return isDict(b) && sameDicts(a, b, depth);
}


/** Keys whose values differ between two dictionaries (for the report). */
function changedKeys(a: PdfDict, b: PdfDict, ignore: readonly string[] = []): string[] {
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].filter((k) => !ignore.includes(k) && !sameValue(a.get(k), b.get(k))).sort();
}

// -------------------------------------------------------------------------------------------
// What may be added

const HIDDEN = 2;
const NO_VIEW = 32;

function hasArea(rect: PdfValue | undefined): boolean {
  if (!Array.isArray(rect) || rect.length !== 4 || !rect.every((n) => typeof n === 'number')) return false;
  const [x1, y1, x2, y2] = rect as number[];
  return Math.abs((x2 as number) - (x1 as number)) > 0 && Math.abs((y2 as number) - (y1 as number)) > 0;
}

/** A widget shows something when it has area, is not hidden and its normal appearance draws. */
function drawsSomething(reader: PdfReader, widget: PdfDict): boolean {
  const flags = reader.resolve(widget.get('F'));
  if (typeof flags === 'number' && flags & (HIDDEN | NO_VIEW)) return false;
  if (!hasArea(reader.resolve(widget.get('Rect')))) return false;
  const ap = reader.dict(widget.get('AP'));
  const normal = reader.resolve(ap?.get('N'));
  const streams: (PdfValue | undefined)[] = normal instanceof PdfStream ? [normal] : isDict(normal) ? [...normal.values()].map((v) => reader.resolve(v)) : [];
  // Raw bytes are judged without inflating: a compressed, non-empty stream counts as drawing.
  return streams.some((s) => s instanceof PdfStream && s.raw.toString('latin1').trim() !== '');
}

/** The signature dictionary a field's /V names, when it looks like a real signature. */
function signatureValue(reader: PdfReader, field: PdfDict): boolean {
  const sig = reader.dict(field.get('V'));
  if (!sig) return false;
  return Array.isArray(reader.resolve(sig.get('ByteRange'))) && reader.resolve(sig.get('Contents')) instanceof PdfString;
}

const signedKidsCache = new WeakMap<PdfReader, Set<number>>();

/**
 * Widgets listed in the /Kids of a signed signature field (a signer's rúbricas on other pages).
 * They carry no /Parent, because poppler (22.x) takes any kid with one for a field of its own
 * and then reports the signature as unsigned; so the field is found from its side.
 */
function signedKids(reader: PdfReader): Set<number> {
  let kids = signedKidsCache.get(reader);
  if (kids) return kids;
  kids = new Set();
  const found = kids;
  walkFields(reader, reader.dict(reader.catalog().dict.get('AcroForm'))?.get('Fields'), (node) => {
    if (!isName(node.type, 'Sig') || !signatureValue(reader, node.dict)) return;
    const list = reader.resolve(node.dict.get('Kids'));
    if (Array.isArray(list)) for (const kid of list) if (kid instanceof PdfRef && !reader.dict(kid)?.has('T')) found.add(kid.num);
  });
  signedKidsCache.set(reader, kids);
  return kids;
}

/** Why adding `value` (a field or annotation) is not allowed, or null when it is. */
function addedItemProblem(reader: PdfReader, value: PdfValue): string | null {
  const dict = reader.dict(value);
  if (!dict) return 'un elemento que no es un campo ni una anotación';
  if (value instanceof PdfRef && isName(dict.get('Subtype'), 'Widget') && !dict.has('Parent') && signedKids(reader).has(value.num)) return null;
  const parent = reader.dict(dict.get('Parent'));
  const field = isName(dict.get('FT'), 'Sig') ? dict : parent && isName(parent.get('FT'), 'Sig') ? parent : null;
  const subtype = reader.resolve(dict.get('Subtype'));
  const kind = subtype instanceof PdfName ? `anotación /${subtype.name}` : 'campo';
  if (!field) return isName(subtype, 'Widget') ? 'un campo de formulario que no es de firma' : `una ${kind} nueva`;
  if (signatureValue(reader, field)) return null;
  // An unsigned signature field is a placeholder for a later signer only while it shows nothing.
  const widgets = isName(dict.get('Subtype'), 'Widget') ? [dict] : [];
  const kids = reader.resolve(dict.get('Kids'));
  if (Array.isArray(kids)) for (const kid of kids) {
    const w = reader.dict(kid);
    if (w) widgets.push(w);
  }
  return widgets.some((w) => drawsSomething(reader, w)) ? 'un campo de firma sin firmar con apariencia visible' : null;
}

function refKey(value: PdfValue): string {
  return value instanceof PdfRef ? `${value.num} ${value.gen}` : JSON.stringify(String(value));
}

/** Problems with `after` as a list that keeps every item of `before` and only adds allowed ones. */
function listProblems(cur: PdfReader, prev: PdfReader, before: PdfValue | undefined, after: PdfValue | undefined): string[] {
  const oldList = prev.resolve(before);
  const newList = cur.resolve(after);
  const oldItems = Array.isArray(oldList) ? oldList : [];
  const newItems = Array.isArray(newList) ? newList : [];
  const problems: string[] = [];
  const present = new Set(newItems.map(refKey));
  const removed = oldItems.filter((item) => !present.has(refKey(item)));
  if (removed.length) problems.push(`quita ${removed.length === 1 ? 'un elemento' : `${removed.length} elementos`} (${removed.map(describeRef).join(', ')})`);
  const old = new Set(oldItems.map(refKey));
  for (const item of newItems) {
    if (old.has(refKey(item))) continue;
    if (!(item instanceof PdfRef)) {
      problems.push('agrega un elemento directo que no es una firma');
      continue;
    }
    const problem = addedItemProblem(cur, item);
    if (problem) problems.push(`agrega ${problem} (objeto ${item.num})`);
  }
  return problems;
}

function describeRef(value: PdfValue): string {
  return value instanceof PdfRef ? `objeto ${value.num}` : 'valor directo';
}

// -------------------------------------------------------------------------------------------
// The revision

interface Context {
  cur: PdfReader;
  prev: PdfReader;
  /** Object number → 1-based page, for pages, their annotations and their content streams. */
  pageOf: Map<number, number>;
  findings: RevisionFinding[];
}

function pageIndex(prev: PdfReader): Map<number, number> {
  const out = new Map<number, number>();
  let pages: { ref: PdfRef; dict: PdfDict }[] = [];
  try {
    pages = prev.pages();
  } catch {
    return out;
  }
  pages.forEach(({ ref, dict }, i) => {
    const page = i + 1;
    out.set(ref.num, page);
    for (const key of ['Annots', 'Contents']) {
      const value = dict.get(key);
      if (value instanceof PdfRef && !out.has(value.num)) out.set(value.num, page);
      const list = prev.resolve(value);
      if (Array.isArray(list)) for (const item of list) if (item instanceof PdfRef && !out.has(item.num)) out.set(item.num, page);
    }
  });
  return out;
}

/** Findings kept per revision: enough to say what happened, bounded for hostile files. */
export const MAX_FINDINGS = 50;

function report(ctx: Context, object: number, description: string, page: number | null = ctx.pageOf.get(object) ?? null): void {
  if (ctx.findings.length < MAX_FINDINGS) ctx.findings.push({ object, page, description });
}

/** The catalog's /AcroForm and /DSS may change; nothing else in it may. */
function checkCatalog(ctx: Context, num: number, before: PdfDict, now: PdfDict): void {
  const keys = changedKeys(before, now, ['AcroForm', 'DSS']);
  if (keys.length) report(ctx, num, `catálogo del documento: cambió ${keys.map((k) => `/${k}`).join(', ')}`);
  const oldForm = ctx.prev.dict(before.get('AcroForm'));
  const newForm = ctx.cur.dict(now.get('AcroForm'));
  if (oldForm && !newForm) report(ctx, num, 'catálogo del documento: quitó el formulario (/AcroForm)');
  else if (newForm && !sameValue(now.get('AcroForm'), before.get('AcroForm'))) {
    // An inline AcroForm, or a new AcroForm object, is judged here; the same indirect one is
    // judged as an object of its own.
    checkAcroForm(ctx, num, oldForm ?? new Map(), newForm);
  }
}

function checkAcroForm(ctx: Context, num: number, before: PdfDict, now: PdfDict): void {
  const keys = changedKeys(before, now, ['Fields', 'SigFlags']);
  if (keys.length) report(ctx, num, `formulario (/AcroForm): cambió ${keys.map((k) => `/${k}`).join(', ')}`);
  for (const p of listProblems(ctx.cur, ctx.prev, before.get('Fields'), now.get('Fields'))) report(ctx, num, `formulario (/AcroForm): ${p}`);
}

function checkPage(ctx: Context, num: number, before: PdfDict, now: PdfDict): void {
  const keys = changedKeys(before, now, ['Annots']);
  if (keys.length) {
    const what = keys.map((k) => (k === 'Contents' ? 'el contenido (/Contents)' : k === 'Resources' ? 'los recursos (/Resources)' : `/${k}`));
    report(ctx, num, `página: cambió ${what.join(', ')}`);
  }
  for (const p of listProblems(ctx.cur, ctx.prev, before.get('Annots'), now.get('Annots'))) report(ctx, num, `anotaciones de la página: ${p}`);
}

/** An existing, empty signature field may receive its signature. */
function checkEmptySignatureField(ctx: Context, num: number, before: PdfDict, now: PdfDict): void {
  const keys = changedKeys(before, now, ['V', 'AP']);
  if (keys.length) report(ctx, num, `campo de firma: cambió ${keys.map((k) => `/${k}`).join(', ')}`);
  else if (!signatureValue(ctx.cur, now) && drawsSomething(ctx.cur, now)) report(ctx, num, 'campo de firma sin firmar: ahora tiene una apariencia visible');
}

function describe(reader: PdfReader, value: PdfValue | undefined): string {
  const dict = isDict(value) ? value : value instanceof PdfStream ? value.dict : undefined;
  if (!dict) return Array.isArray(value) ? 'arreglo' : 'objeto';
  const type = reader.resolve(dict.get('Type'));
  const subtype = reader.resolve(dict.get('Subtype'));
  const ft = reader.resolve(dict.get('FT'));
  if (type instanceof PdfName && type.name === 'Annot' && subtype instanceof PdfName) {
    return ft instanceof PdfName ? `campo de formulario /${ft.name}` : `anotación /${subtype.name}`;
  }
  if (ft instanceof PdfName) {
    const name = decodeText(reader.resolve(dict.get('T')));
    return `campo de formulario /${ft.name}${name ? ` «${name}»` : ''}`;
  }
  if (subtype instanceof PdfName && type === undefined && value instanceof PdfStream) return `flujo /${subtype.name}`;
  if (type instanceof PdfName) return `objeto /${type.name}`;
  if (value instanceof PdfStream) return 'flujo de contenido';
  return 'objeto';
}

/**
 * Every change that revision `index` (0 = newest xref section) made to the revision before it
 * and that is not allowed after a signature. Empty means "only signatures were added".
 */
export function examineRevision(reader: PdfReader, index: number): RevisionFinding[] {
  if (index + 1 >= reader.sections.length) return [{ object: 0, page: null, description: 'no hay una revisión anterior con la cual comparar' }];
  const cur = reader.at(index);
  const prev = reader.at(index + 1);
  const ctx: Context = { cur, prev, pageOf: pageIndex(prev), findings: [] };

  const root = cur.trailer.get('Root');
  const prevRoot = prev.trailer.get('Root');
  if (!(root instanceof PdfRef) || !(prevRoot instanceof PdfRef) || root.num !== prevRoot.num) {
    report(ctx, root instanceof PdfRef ? root.num : 0, 'reemplaza el catálogo del documento (/Root)');
  }
  for (const key of ['Info', 'Encrypt']) {
    if (!sameValue(cur.trailer.get(key), prev.trailer.get(key))) {
      const v = cur.trailer.get(key);
      report(ctx, v instanceof PdfRef ? v.num : 0, key === 'Info' ? 'reemplaza la información del documento (/Info)' : 'cambia el cifrado (/Encrypt)');
    }
  }

  const prevCatalog = prevRoot instanceof PdfRef ? prev.dict(prevRoot) : undefined;
  const prevAcroForm = prevCatalog?.get('AcroForm');
  const prevDss = prevCatalog?.get('DSS');
  const dssObjects = new Set<number>();
  if (prevDss instanceof PdfRef) dssObjects.add(prevDss.num);
  const annotLists = new Map<number, number>();
  const fieldLists = new Set<number>();
  for (const [num, page] of ctx.pageOf) {
    const dict = prev.dict(new PdfRef(num, 0));
    if (dict && isName(dict.get('Type'), 'Page')) {
      const annots = dict.get('Annots');
      if (annots instanceof PdfRef) annotLists.set(annots.num, page);
    }
  }
  const prevForm = prev.dict(prevAcroForm);
  const prevFields = prevForm?.get('Fields');
  if (prevFields instanceof PdfRef) fieldLists.add(prevFields.num);

  for (const [num, entry] of (reader.sections[index] as XrefSection).entries) {
    if (num === 0) continue;
    if (ctx.findings.length >= MAX_FINDINGS) break;
    const before = prev.object(num);
    if (entry.kind === 'free') {
      if (before !== undefined) report(ctx, num, `elimina ${describe(prev, before)}`);
      continue;
    }
    if (before === undefined) continue;
    const now = cur.object(num);
    if (sameValue(before, now)) continue;
    if (now === undefined) {
      report(ctx, num, `elimina ${describe(prev, before)}`);
      continue;
    }
    if (Array.isArray(before) && annotLists.has(num)) {
      for (const p of listProblems(cur, prev, before, now)) report(ctx, num, `anotaciones de la página: ${p}`, annotLists.get(num));
      continue;
    }
    if (Array.isArray(before) && fieldLists.has(num)) {
      for (const p of listProblems(cur, prev, before, now)) report(ctx, num, `formulario (/AcroForm): ${p}`);
      continue;
    }
    if (dssObjects.has(num)) continue;
    if (!isDict(before) || !isDict(now)) {
      report(ctx, num, `cambia ${describe(prev, before)}`);
      continue;
    }
    if (prevRoot instanceof PdfRef && num === prevRoot.num) checkCatalog(ctx, num, before, now);
    else if (prevAcroForm instanceof PdfRef && num === prevAcroForm.num) checkAcroForm(ctx, num, before, now);
    else if (isName(before.get('Type'), 'Page')) checkPage(ctx, num, before, now);
    else if (isName(before.get('FT'), 'Sig') && before.get('V') === undefined) checkEmptySignatureField(ctx, num, before, now);
    else {
      const keys = changedKeys(before, now);
      const info = prev.trailer.get('Info');
      const what = info instanceof PdfRef && info.num === num ? 'la información del documento (/Info)' : describe(prev, before);
      report(ctx, num, `cambia ${what} (${keys.map((k) => `/${k}`).join(', ')})`);
    }
  }
  return ctx.findings;
}

/** Classifies the update made by xref section `index` (0 = newest) of `reader`. */
export function classifyRevision(reader: PdfReader, index: number): RevisionChange {
  return examineRevision(reader, index).length === 0 ? 'signatures-only' : 'other';
}

/** "objeto 12, página 1: página: cambió el contenido (/Contents)" */
export function findingText(finding: RevisionFinding): string {
  const where = [finding.object > 0 ? `objeto ${finding.object}` : null, finding.page ? `página ${finding.page}` : null].filter(Boolean).join(', ');
  return where ? `${where}: ${finding.description}` : finding.description;
}
