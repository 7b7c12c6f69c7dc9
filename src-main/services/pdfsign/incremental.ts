/**
 * PAdES signing as an incremental update (ISO 32000-1 §7.5.6, §12.8): the original bytes are
 * kept verbatim and a new revision is appended with the signature dictionary, its field and
 * widget, the updated page /Annots and AcroForm, and a cross-reference section whose /Prev
 * points at the previous one. Earlier signatures keep covering exactly the bytes they signed.
 *
 * Only the objects that change are written; everything else is read with `PdfReader`, which
 * follows xref tables, xref streams and object streams. The new xref section uses the same
 * kind as the previous one (table or stream), which every reader accepts.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../../src-shared/contract/errors.js';
import { buildSignedData, buildSignedDataAsync } from './cms.js';
import { PdfReader, withPdfErrors } from './reader.js';
import { isDict, isName, Parser, PdfRef, serialize, textString, type PdfDict, type PdfValue } from './syntax.js';
import type { PdfSigner, SignatureAppearance, SignOptions } from './types.js';
import { finishUpdate, Update } from './update.js';
import { walkFields } from './fields.js';

export const DEFAULT_PLACEHOLDER_SIZE = 16_384;
const MAX_PLACEHOLDER_SIZE = 1_048_576;
const BYTE_RANGE_WIDTH = 3 * 10 + 2;

/** PDF date string (ISO 32000-1 §7.9.4), in UTC. */
export function pdfDate(date: Date): string {
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return (
    `D:${p(date.getUTCFullYear(), 4)}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}` +
    `${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}+00'00'`
  );
}

/** Fully qualified names of every field under `fields`. */
export function fieldNames(reader: PdfReader, fields: PdfValue[]): Set<string> {
  const names = new Set<string>();
  walkFields(reader, fields, (node) => {
    if (node.named) names.add(node.name);
  });
  return names;
}

function checkOptions(opts: Omit<SignOptions, 'timestamp'>): { placeholder: number; rect: [number, number, number, number]; page: number } {
  const placeholder = opts.placeholderSize ?? DEFAULT_PLACEHOLDER_SIZE;
  if (!Number.isInteger(placeholder) || placeholder < 1024 || placeholder > MAX_PLACEHOLDER_SIZE) {
    throw new AppError('INVALID_ARGUMENT', 'El espacio reservado para la firma debe ser un entero entre 1 KB y 1 MB.');
  }
  for (const key of ['reason', 'location', 'name', 'contactInfo', 'fieldName'] as const) {
    const value = opts[key];
    if (value !== undefined && typeof value !== 'string') throw new AppError('INVALID_ARGUMENT', `El dato «${key}» de la firma debe ser texto.`);
  }
  if (opts.fieldName !== undefined && (opts.fieldName === '' || opts.fieldName.includes('.'))) {
    throw new AppError('INVALID_ARGUMENT', 'El nombre del campo de firma no puede estar vacío ni contener puntos.');
  }
  if (opts.signingTime !== undefined && Number.isNaN(opts.signingTime.getTime())) {
    throw new AppError('INVALID_ARGUMENT', 'La fecha de firma no es válida.');
  }
  if (opts.marks !== undefined && (!Array.isArray(opts.marks) || opts.marks.length > 5000)) {
    throw new AppError('INVALID_ARGUMENT', 'Las marcas de la firma deben ser una lista de a lo más 5,000.');
  }
  for (const mark of opts.marks ?? []) checkPlacement(mark.page, mark.rect);
  if (!opts.visible) return { placeholder, rect: [0, 0, 0, 0], page: 0 };
  const { page, rect } = opts.visible;
  return { placeholder, rect: checkPlacement(page, rect), page };
}

function checkPlacement(page: number, rect: [number, number, number, number]): [number, number, number, number] {
  if (!Number.isInteger(page) || page < 0) throw new AppError('INVALID_ARGUMENT', 'El número de página de la firma no es válido.');
  if (!Array.isArray(rect) || rect.length !== 4 || !rect.every((n) => Number.isFinite(n))) {
    throw new AppError('INVALID_ARGUMENT', 'El rectángulo de la firma debe tener cuatro números.');
  }
  const [x1, y1, x2, y2] = rect;
  return [Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2)];
}

function textEntries(opts: SignOptions): string {
  let out = '';
  const entries: [string, string | undefined][] = [
    ['Name', opts.name],
    ['Reason', opts.reason],
    ['Location', opts.location],
    ['ContactInfo', opts.contactInfo],
  ];
  for (const [key, value] of entries) if (value !== undefined) out += ` /${key} ${serialize(textString(value))}`;
  return out;
}

function appearanceResources(appearance: SignatureAppearance | undefined): string {
  const raw = appearance?.resources;
  if (raw === undefined) return '<<>>';
  let parsed: PdfValue;
  try {
    parsed = new Parser(Buffer.from(raw, 'latin1')).parseValue();
  } catch {
    parsed = null;
  }
  if (!isDict(parsed)) throw new AppError('INVALID_ARGUMENT', 'Los recursos de la apariencia de la firma no son un diccionario PDF válido.');
  return serialize(parsed);
}

/** A certification signature with DocMDP /P 1 forbids every change, new signatures included. */
function forbidsChanges(reader: PdfReader, catalog: PdfDict): boolean {
  const docMdp = reader.dict(reader.dict(catalog.get('Perms'))?.get('DocMDP'));
  const references = reader.resolve(docMdp?.get('Reference'));
  if (!Array.isArray(references)) return false;
  return references.some((reference) => {
    const dict = reader.dict(reference);
    const params = reader.dict(dict?.get('TransformParams'));
    return isName(dict?.get('TransformMethod'), 'DocMDP') && reader.resolve(params?.get('P')) === 1;
  });
}

/** What the caller puts into the signature dictionary and widget of a new revision. */
interface RevisionSpec {
  placeholder: number;
  rect: [number, number, number, number];
  pageIndex: number;
  /** Requested unique field name; else `<prefix><n>`. */
  fieldName: string | undefined;
  fieldPrefix: string;
  /** Signature dictionary entries before /ByteRange (without the leading `<<`). */
  sigHead: string;
  appearance: SignatureAppearance | undefined;
  /** Extra widgets of the same field on other pages (rúbricas). */
  marks: NonNullable<SignOptions['marks']>;
  /** Refuse documents certified with DocMDP /P 1. */
  checkDocMdp: boolean;
}

/** The new file with /ByteRange written and /Contents still zeros; `digest` is of the ranges. */
interface PreparedRevision {
  out: Buffer;
  contentsStart: number;
  digest: Buffer;
  placeholder: number;
}

function prepareRevision(pdf: Buffer, reader: PdfReader, spec: RevisionSpec): PreparedRevision {
  const { placeholder, rect, pageIndex } = spec;
  if (reader.trailer.has('Encrypt')) {
    throw new AppError('INVALID_ARGUMENT', 'El PDF está protegido con contraseña o cifrado; quite la protección antes de firmarlo.');
  }
  const catalog = reader.catalog();
  if (spec.checkDocMdp && forbidsChanges(reader, catalog.dict)) {
    throw new AppError('CONFLICT', 'El documento está certificado sin permitir cambios; no admite más firmas.');
  }
  const pages = reader.pages();
  const page = pages[pageIndex];
  if (!page) throw new AppError('INVALID_ARGUMENT', `La página ${pageIndex + 1} no existe: el documento tiene ${pages.length}.`);

  const acroValue = catalog.dict.get('AcroForm');
  const acroForm: PdfDict = new Map(reader.dict(acroValue) ?? []);
  const fieldsValue = reader.resolve(acroForm.get('Fields'));
  const fields = Array.isArray(fieldsValue) ? [...fieldsValue] : [];
  const taken = fieldNames(reader, fields);
  let fieldName = spec.fieldName;
  if (fieldName === undefined) {
    let n = 1;
    while (taken.has(`${spec.fieldPrefix}${n}`)) n++;
    fieldName = `${spec.fieldPrefix}${n}`;
  } else if (taken.has(fieldName)) {
    throw new AppError('CONFLICT', `Ya existe un campo llamado «${fieldName}» en el documento.`);
  }

  // New objects take numbers from the trailer's /Size upward.
  let next = reader.size;
  const sigRef = new PdfRef(next++, 0);
  const widgetRef = new PdfRef(next++, 0);
  const apRef = new PdfRef(next++, 0);
  const acroRef = acroValue instanceof PdfRef ? acroValue : new PdfRef(next++, 0);
  const xrefRef = reader.sections[0]?.kind === 'stream' ? new PdfRef(next++, 0) : undefined;

  const last = pdf[pdf.length - 1];
  const update = new Update(pdf.length);
  if (last !== 0x0a && last !== 0x0d) update.add('\n');

  // Signature dictionary; /ByteRange and /Contents are filled in once offsets are known.
  const hexLength = placeholder * 2;
  const sigHead = `${spec.sigHead} /ByteRange [0 `;
  const sigStart = update.object(
    sigRef,
    `<<${sigHead}`,
    ' '.repeat(BYTE_RANGE_WIDTH),
    '] /Contents <',
    Buffer.alloc(hexLength, 0x30),
    '>>>',
  );
  const objectHeader = `${sigRef.num} ${sigRef.gen} obj\n<<`.length;
  const byteRangeAt = sigStart + objectHeader + sigHead.length;
  const contentsStart = byteRangeAt + BYTE_RANGE_WIDTH + '] /Contents '.length;
  const contentsEnd = contentsStart + hexLength + 2;

  const writeAppearance = (ref: PdfRef, [x1, y1, x2, y2]: [number, number, number, number], appearance: SignatureAppearance | undefined) => {
    const stream = appearance?.stream ?? Buffer.alloc(0);
    update.object(
      ref,
      `<</Type /XObject /Subtype /Form /BBox ${serialize([0, 0, x2 - x1, y2 - y1])} ` +
        `/Resources ${appearanceResources(appearance)} /Length ${stream.length}>>\nstream\n`,
      stream,
      '\nendstream',
    );
  };
  // Widgets to add to each page's /Annots, by page index.
  const onPage = new Map<number, PdfRef[]>([[pageIndex, [widgetRef]]]);
  let fieldRef = widgetRef;
  if (!spec.marks.length) {
    // The usual shape: one dictionary that is both the field and its widget.
    update.object(
      widgetRef,
      `<</Type /Annot /Subtype /Widget /FT /Sig /T ${serialize(textString(fieldName))} /V ${serialize(sigRef)} /F 4 ` +
        `/P ${serialize(page.ref)} /Rect ${serialize(rect)} /AP <</N ${serialize(apRef)}>>>>`,
    );
  } else {
    // One field, many widgets: the box, then a mark on each page asked for.
    fieldRef = new PdfRef(next++, 0);
    const kids: PdfRef[] = [widgetRef];
    // No /Parent on the widgets: poppler 22 reads a kid with one as a field of its own, without
    // the signature's value, and pdfsig would call every widget an unsigned field.
    const widget = (ref: PdfRef, pageRef: PdfRef, r: [number, number, number, number], ap: PdfRef) =>
      update.object(ref, `<</Type /Annot /Subtype /Widget /F 4 /P ${serialize(pageRef)} /Rect ${serialize(r)} /AP <</N ${serialize(ap)}>>>>`);
    widget(widgetRef, page.ref, rect, apRef);
    // The same appearance at the same size is written once and shared by its widgets.
    const shared = new Map<SignatureAppearance, Map<string, PdfRef>>();
    for (const mark of spec.marks) {
      const markPage = pages[mark.page];
      if (!markPage) throw new AppError('INVALID_ARGUMENT', `La página ${mark.page + 1} no existe: el documento tiene ${pages.length}.`);
      const markRect = checkPlacement(mark.page, mark.rect);
      const ref = new PdfRef(next++, 0);
      const sizes = shared.get(mark.appearance) ?? new Map<string, PdfRef>();
      shared.set(mark.appearance, sizes);
      const size = `${markRect[2] - markRect[0]}x${markRect[3] - markRect[1]}`;
      let ap = sizes.get(size);
      if (!ap) {
        ap = new PdfRef(next++, 0);
        sizes.set(size, ap);
        writeAppearance(ap, markRect, mark.appearance);
      }
      widget(ref, markPage.ref, markRect, ap);
      kids.push(ref);
      onPage.set(mark.page, [...(onPage.get(mark.page) ?? []), ref]);
    }
    update.object(fieldRef, `<</FT /Sig /T ${serialize(textString(fieldName))} /V ${serialize(sigRef)} /Kids ${serialize(kids)}>>`);
  }
  writeAppearance(apRef, rect, spec.appearance);

  for (const [index, refs] of onPage) {
    const p = pages[index]!;
    const pageDict: PdfDict = new Map(p.dict);
    const annots = reader.resolve(p.dict.get('Annots'));
    pageDict.set('Annots', [...(Array.isArray(annots) ? annots : []), ...refs]);
    update.object(p.ref, serialize(pageDict));
  }

  acroForm.set('Fields', [...fields, fieldRef]);
  const flags = acroForm.get('SigFlags');
  acroForm.set('SigFlags', (typeof flags === 'number' ? flags : 0) | 3);
  update.object(acroRef, serialize(acroForm));

  if (!(acroValue instanceof PdfRef)) {
    const catalogDict: PdfDict = new Map(catalog.dict);
    catalogDict.set('AcroForm', acroRef);
    update.object(catalog.ref, serialize(catalogDict));
  }

  finishUpdate(update, reader, catalog.ref, next, xrefRef);

  const out = Buffer.concat([pdf, ...update.parts], update.length);
  const byteRange = `${contentsStart} ${contentsEnd} ${out.length - contentsEnd}`;
  out.write(byteRange.padEnd(BYTE_RANGE_WIDTH, ' '), byteRangeAt, 'latin1');

  const digest = createHash('sha256').update(out.subarray(0, contentsStart)).update(out.subarray(contentsEnd)).digest();
  return { out, contentsStart, digest, placeholder };
}

/** Writes the CMS (or timestamp token) into the reserved /Contents, refusing one that does not fit. */
function fillContents(prepared: PreparedRevision, contents: Buffer, what = 'La firma'): Buffer {
  const { out, contentsStart, placeholder } = prepared;
  if (contents.length > placeholder) {
    throw new AppError(
      'INVALID_ARGUMENT',
      `${what} ocupa ${contents.length} bytes y no cabe en el espacio reservado (${placeholder} bytes); aumente el espacio reservado.`,
    );
  }
  out.write(contents.toString('hex'), contentsStart + 1, 'latin1');
  return out;
}

function signatureSpec(opts: Omit<SignOptions, 'timestamp'>): { spec: RevisionSpec; signingTime: Date } {
  const { placeholder, rect, page } = checkOptions(opts);
  const signingTime = opts.signingTime ?? new Date();
  const sigHead =
    `/Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached ` +
    `/M ${serialize(textString(pdfDate(signingTime)))}${textEntries(opts)}`;
  return {
    signingTime,
    spec: { placeholder, rect, pageIndex: page, fieldName: opts.fieldName, fieldPrefix: 'Firma', sigHead, appearance: opts.appearance, marks: opts.marks ?? [], checkDocMdp: true },
  };
}

/**
 * Returns `pdf` with one more signature appended as an incremental update. Throws AppError
 * (Spanish message) on unreadable or encrypted input, a duplicate field name, or a CMS larger
 * than the reserved space; never modifies `pdf`.
 */
export function signPdf(pdf: Buffer, signer: PdfSigner, opts: SignOptions = {}): Buffer {
  const { spec, signingTime } = signatureSpec(opts);
  const reader = PdfReader.open(pdf);
  return withPdfErrors(() => {
    const prepared = prepareRevision(pdf, reader, spec);
    const cms = buildSignedData(prepared.digest, signer, {
      signingTime: opts.signingTimeAttribute ? signingTime : undefined,
      timestamp: opts.timestamp,
    });
    return fillContents(prepared, cms);
  });
}

export interface AsyncSignOptions extends Omit<SignOptions, 'timestamp'> {
  /**
   * RFC 3161 token over the signature value, possibly fetched over the network (see
   * `requestTimestamp` in services/timestamp). Errors it throws (e.g. `TsaUnavailable`)
   * propagate unchanged, so the caller can retry without a timestamp.
   */
  timestamp?: Buffer | ((signatureValue: Buffer) => Buffer | Promise<Buffer>);
}

/** `signPdf` whose timestamp callback may be asynchronous (PAdES B-T with a network TSA). */
export async function signPdfAsync(pdf: Buffer, signer: PdfSigner, opts: AsyncSignOptions = {}): Promise<Buffer> {
  const { spec, signingTime } = signatureSpec(opts);
  const reader = PdfReader.open(pdf);
  const prepared = withPdfErrors(() => prepareRevision(pdf, reader, spec));
  const cms = await buildSignedDataAsync(prepared.digest, signer, {
    signingTime: opts.signingTimeAttribute ? signingTime : undefined,
    timestamp: opts.timestamp,
  });
  return fillContents(prepared, cms);
}

export interface DocumentTimestampOptions {
  /** Bytes reserved for the token; default 16,384. */
  placeholderSize?: number;
  /** Unique field name; defaults to `SelloDeTiempo<n>`. */
  fieldName?: string;
}

/**
 * Appends a document timestamp (ISO 32000-2 §12.8.5, PAdES B-LTA style): an incremental update
 * with a `/Type /DocTimeStamp /SubFilter /ETSI.RFC3161` signature dictionary whose /Contents is
 * an RFC 3161 token over the SHA-256 of its /ByteRange. `fetchToken` gets that digest and
 * returns the TimeStampToken (e.g. `(d) => requestTimestampForDigest(url, d)`). Earlier
 * signatures keep covering exactly their bytes; the update only adds a signature field, so
 * `verifyPdf` classifies it as "signatures-only". Never modifies `pdf`.
 */
export async function addDocumentTimestamp(
  pdf: Buffer,
  fetchToken: (digest: Buffer) => Promise<Buffer>,
  opts: DocumentTimestampOptions = {},
): Promise<Buffer> {
  const { placeholder } = checkOptions({ placeholderSize: opts.placeholderSize, fieldName: opts.fieldName });
  const reader = PdfReader.open(pdf);
  const prepared = withPdfErrors(() =>
    prepareRevision(pdf, reader, {
      placeholder,
      rect: [0, 0, 0, 0],
      pageIndex: 0,
      fieldName: opts.fieldName,
      fieldPrefix: 'SelloDeTiempo',
      sigHead: '/Type /DocTimeStamp /Filter /Adobe.PPKLite /SubFilter /ETSI.RFC3161',
      appearance: undefined,
      marks: [],
      // ISO 32000-2 §12.8.2.2.2: document timestamps are allowed whatever DocMDP permits.
      checkDocMdp: false,
    }),
  );
  const token = await fetchToken(prepared.digest);
  if (!Buffer.isBuffer(token) || token.length < 2 || token[0] !== 0x30) {
    throw new AppError('INVALID_ARGUMENT', 'El sello de tiempo no tiene el formato esperado (RFC 3161).');
  }
  return fillContents(prepared, token, 'El sello de tiempo');
}
