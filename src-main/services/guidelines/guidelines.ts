import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { z } from 'zod';
import type { GuidelineSummary, GuidelineView, ImportResult } from '../../../src-shared/contract/calls.js';
import { contract } from '../../../src-shared/contract/calls.js';
import type { Guideline, GuidelineCommentRecord, GuidelineRecord } from '../../../src-shared/domain/index.js';
import { Id } from '../../../src-shared/domain/index.js';
import { diffLines, type DiffRow } from '../../../src-shared/guidelines/diff.js';
import { articleNumbers, blockLines, brokenReferences, numberBlocks, type GBlock } from '../../../src-shared/guidelines/structure.js';
import { instituteLetterhead } from '../commissions/institute.js';
import { lockDocument } from '../documents/signing.js';
import { appendDraftUpdate, draftDoc, loadDraftDoc, lockDraftPut, newDraftPut } from '../drafts/drafts.js';
import type { VaultKey } from '../keystore/vault-key.js';
import { refuse } from '../sessions/errors.js';
import { oneAtATime } from '../sessions/one-at-a-time.js';
import { defineMutation, type MutationContext, type Put, type Store } from '../store/store.js';
import { docFromGuideline, newUid, readGuideline, replaceBody } from './body.js';
import { guidelineDocx, guidelinePdf } from './export.js';
import { importDocx } from './import.js';
import { answerId, assemble, assembled, commentRecord, reviewIndex, storedGuideline } from './review-records.js';

type Reader = Pick<MutationContext, 'get' | 'all'>;

export const STATUS_LABEL: Record<Guideline['status'], string> = {
  borrador: 'Borrador',
  en_revision: 'En revisión',
  presentado: 'Presentado',
  aprobado: 'Aprobado',
  publicado: 'Publicado',
};

/** The guideline with its comments, rounds and versions gathered from their records. */
export function getGuideline(ctx: Reader, id: string): Guideline {
  const g = ctx.get('guidelines', id);
  if (!g) return refuse('NOT_FOUND', 'El lineamiento solicitado no existe.', 'no guideline with that id');
  return assembled(ctx, g);
}

export function editable(g: Guideline): Guideline {
  if (g.status === 'publicado') refuse('CONFLICT', 'El lineamiento está publicado y bloqueado: ya no puede modificarse.', 'the guideline is published and locked; it cannot be changed');
  return g;
}

function commissionOf(ctx: Reader, id: string) {
  const c = ctx.get('commissions', id);
  if (!c) return refuse('NOT_FOUND', 'La comisión no existe.', 'no such commission');
  return c;
}

/** The body as blocks, from the stored draft. */
export function guidelineBlocks(store: Reader, g: Pick<GuidelineRecord, 'draftId'>): GBlock[] {
  const doc = loadDraftDoc(store, g.draftId);
  const blocks = readGuideline(doc);
  doc.destroy();
  return blocks;
}

/** Problems that block presenting or publishing, in Spanish. */
export function problemsOf(blocks: readonly GBlock[]): string[] {
  const labels = numberBlocks(blocks);
  return brokenReferences(blocks).map(({ at }) => {
    let i = at;
    while (i > 0 && blocks[i]!.kind !== 'articulo') i--;
    const where = blocks[i]?.kind === 'articulo' ? `El ${labels[i]!.replace(/\.$/, '').replace('Artículo', 'artículo')}` : 'Un párrafo';
    return `${where} remite a un artículo que fue eliminado; corrija la referencia.`;
  });
}

function latestPercent(ctx: Reader, activityId: string | undefined): GuidelineSummary['schedule'] {
  if (!activityId) return null;
  const a = ctx.get('activities', activityId);
  if (!a) return null;
  const last = [...a.progress].sort((x, y) => y.period - x.period)[0];
  return { title: a.title, percent: last?.percent ?? 0 };
}

export function listGuidelines(store: Reader): GuidelineSummary[] {
  const index = reviewIndex(store);
  return store
    .all('guidelines')
    .map((record) => {
      const g = assemble(record, index);
      return {
        id: g.id,
        title: g.title,
        status: g.status,
        commission: store.get('commissions', g.commissionId)?.acronym ?? '',
        updatedAt: g.updatedAt,
        updatedBy: g.updatedBy,
        openComments: g.comments.filter((c) => !c.resolved).length,
        schedule: latestPercent(store, g.activityId),
      };
    })
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

export function guidelineView(store: Reader, id: string): GuidelineView {
  const guideline = getGuideline(store, id);
  const blocks = guidelineBlocks(store, guideline);
  return {
    guideline,
    commission: store.get('commissions', guideline.commissionId)?.acronym ?? '',
    problems: problemsOf(blocks),
    articles: Object.fromEntries(articleNumbers(blocks)),
    reviewerOffices: [...new Set(store.all('accounts').filter((a) => !a.disabled && a.office && a.roles.some((r) => r.role === 'revisor')).map((a) => a.office!))].sort(),
  };
}

const now = () => new Date().toISOString();
export const touched = (g: Guideline, actor: string): Guideline => ({ ...g, updatedAt: now(), updatedBy: actor });
/**
 * Writes the guideline's own fields (the old arrays stay as stored) with `extra` records before
 * it; the result is the guideline as screens read it (results are read after the commit).
 */
export const putGuideline = (ctx: Reader, g: Omit<Guideline, 'hlc'> | Omit<GuidelineRecord, 'hlc'>, extra: Put[] = []) => ({
  puts: [...extra, { collection: 'guidelines' as const, record: storedGuideline(ctx, g) }],
  result: () => getGuideline(ctx, g.id),
});

/** Writes only records of the guideline's review or versions, not the guideline. */
export const putRecords = (ctx: Reader, g: Pick<Guideline, 'id'>, records: Put[]) => ({
  puts: records,
  result: () => getGuideline(ctx, g.id),
});

/** The body a new guideline starts from: one capítulo and its first article. */
export function starterBlocks(): GBlock[] {
  return [
    { kind: 'capitulo', uid: newUid(), runs: [{ text: 'Disposiciones generales' }] },
    { kind: 'articulo', uid: newUid(), runs: [{ text: 'Los presentes lineamientos tienen por objeto' }] },
  ];
}

const CreateArgs = z.object({
  commissionId: Id,
  title: z.string().min(1).max(500),
  activityId: Id.optional(),
  blocks: z.array(z.any()).optional(),
});

export const createGuideline = defineMutation({
  name: 'guidelines.create',
  args: CreateArgs,
  apply(ctx, args) {
    commissionOf(ctx, args.commissionId);
    if (args.activityId && !ctx.get('activities', args.activityId)) refuse('NOT_FOUND', 'La actividad del cronograma no existe.', 'no such schedule activity');
    const doc = docFromGuideline((args.blocks as GBlock[] | undefined) ?? starterBlocks());
    const draft = newDraftPut(ctx, 'guidelines', doc);
    doc.destroy();
    const at = now();
    const record: Omit<Guideline, 'hlc'> = {
      id: ctx.newId(),
      commissionId: args.commissionId,
      title: args.title,
      status: 'borrador',
      draftId: draft.record.id,
      ...(args.activityId ? { activityId: args.activityId } : {}),
      createdAt: at,
      updatedAt: at,
      updatedBy: ctx.actor,
      comments: [],
      rounds: [],
      versions: [],
    };
    return putGuideline(ctx, record, [draft]);
  },
});

type CommentArgs = { articleUid?: string | undefined; quote?: string | undefined; text: string; replacement?: string | undefined };

/** A new comment record on `g` by the acting account, checked against the body (inside the store's queue). */
export function newComment(ctx: MutationContext, g: Guideline, args: CommentArgs): Omit<GuidelineCommentRecord, 'hlc'> {
  if (args.articleUid) {
    const blocks = readGuideline(bodyOf(ctx, g));
    if (!blocks.some((b) => b.kind === 'articulo' && b.uid === args.articleUid)) {
      refuse('NOT_FOUND', 'El artículo comentado ya no existe en el lineamiento.', 'the article commented on no longer exists');
    }
  }
  if (args.replacement !== undefined && !args.quote) refuse('INVALID_ARGUMENT', 'Para sugerir un cambio, seleccione el texto que se sustituye.', 'a suggested change needs the quoted text it replaces');
  return {
    id: ctx.newId(),
    guidelineId: g.id,
    by: ctx.actor,
    at: now(),
    text: args.text,
    ...(args.articleUid ? { articleUid: args.articleUid } : {}),
    ...(args.quote ? { quote: args.quote } : {}),
    ...(args.replacement !== undefined ? { replacement: args.replacement, suggestion: 'pendiente' as const } : {}),
  };
}

export const commentGuideline = defineMutation({
  name: 'guidelines.comment',
  args: contract['guidelines.comment'].args,
  apply(ctx, args) {
    const g = editable(getGuideline(ctx, args.id));
    return putGuideline(ctx, touched(g, ctx.actor), [{ collection: 'guidelineComments', record: newComment(ctx, g, args) }]);
  },
});

/** A comment of `g` (not a reply): a reply to anything else is refused. */
function findComment(g: Guideline, id: string) {
  const c = g.comments.find((x) => x.id === id);
  if (!c) return refuse('NOT_FOUND', 'El comentario no existe en este lineamiento.', 'no such comment on this guideline');
  return c;
}

export const replyGuideline = defineMutation({
  name: 'guidelines.reply',
  args: contract['guidelines.reply'].args,
  apply(ctx, args) {
    const g = editable(getGuideline(ctx, args.id));
    const c = findComment(g, args.commentId);
    // The reply carries its comment's round and office: it goes where the comment goes.
    const scope = { ...(c.roundId ? { roundId: c.roundId } : {}), ...(c.office ? { office: c.office } : {}) };
    const reply = { id: ctx.newId(), guidelineId: g.id, parentId: c.id, ...scope, by: ctx.actor, at: now(), text: args.text };
    return putGuideline(ctx, touched(g, ctx.actor), [{ collection: 'guidelineComments', record: reply }]);
  },
});

export const resolveComment = defineMutation({
  name: 'guidelines.resolve',
  args: contract['guidelines.resolve'].args,
  apply(ctx, args) {
    const g = editable(getGuideline(ctx, args.id));
    const c = findComment(g, args.commentId);
    if (c.resolved) refuse('CONFLICT', 'El comentario ya estaba resuelto.', 'the comment is already resolved');
    const record = { ...commentRecord(ctx, g.id, c), resolved: { by: ctx.actor, at: now() } };
    return putGuideline(ctx, touched(g, ctx.actor), [{ collection: 'guidelineComments', record }]);
  },
});

function bodyOf(ctx: Reader, g: Guideline): Y.Doc {
  const draft = ctx.get('drafts', g.draftId);
  if (!draft) return refuse('NOT_FOUND', 'El cuerpo del lineamiento no existe.', 'the guideline body is missing');
  return draftDoc(draft, ctx.all('draftUpdates').filter((u) => u.draftId === draft.id && u.seq > draft.baseSeq).sort((a, b) => a.seq - b.seq));
}

/** Replaces the first occurrence of `quote` inside the article (or anywhere), as a Yjs edit. */
function applySuggestion(doc: Y.Doc, articleUid: string | undefined, quote: string, replacement: string): boolean {
  const fragment = doc.getXmlFragment('default');
  const elements = fragment.toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement);
  let scope = elements;
  if (articleUid) {
    const start = elements.findIndex((e) => e.nodeName === 'glArticulo' && e.getAttribute('uid') === articleUid);
    if (start < 0) return false;
    let end = start + 1;
    while (end < elements.length && !['glArticulo', 'glCapitulo', 'glTitulo', 'glSeccion'].includes(elements[end]!.nodeName)) end++;
    scope = elements.slice(start, end);
  }
  const texts: Y.XmlText[] = [];
  const collect = (el: Y.XmlElement) => {
    for (const c of el.toArray()) {
      if (c instanceof Y.XmlText) texts.push(c);
      else if (c instanceof Y.XmlElement) collect(c);
    }
  };
  scope.forEach(collect);
  for (const t of texts) {
    const s = (t.toDelta() as { insert: unknown }[]).map((d) => (typeof d.insert === 'string' ? d.insert : '')).join('');
    const at = s.indexOf(quote);
    if (at < 0) continue;
    doc.transact(() => {
      t.delete(at, quote.length);
      if (replacement) t.insert(at, replacement);
    });
    return true;
  }
  return false;
}

export const decideSuggestion = defineMutation({
  name: 'guidelines.decide',
  args: contract['guidelines.decide'].args,
  apply(ctx, args) {
    const g = editable(getGuideline(ctx, args.id));
    const c = findComment(g, args.commentId);
    if (c.suggestion !== 'pendiente' || c.replacement === undefined || !c.quote) refuse('CONFLICT', 'Ese comentario no tiene un cambio sugerido pendiente.', 'that comment has no pending suggested change');
    const resolved = { by: ctx.actor, at: now() };
    const decided = { collection: 'guidelineComments' as const, record: { ...commentRecord(ctx, g.id, c), suggestion: args.decision, resolved } };
    const next = touched(g, ctx.actor);
    if (args.decision === 'rechazada') return putGuideline(ctx, next, [decided]);
    const doc = bodyOf(ctx, g);
    const before = Y.encodeStateVector(doc);
    const done = applySuggestion(doc, c.articleUid, c.quote!, c.replacement!);
    const update = Y.encodeStateAsUpdate(doc, before);
    doc.destroy();
    if (!done) refuse('CONFLICT', 'El texto que el cambio sustituye ya no está en el artículo; no se aplicó nada.', 'the quoted text is no longer in the article; nothing was changed');
    const append = appendDraftUpdate.apply(ctx, { id: g.draftId, update: Buffer.from(update).toString('base64') });
    return putGuideline(ctx, next, [decided, ...append.puts]);
  },
});

export const sendRound = defineMutation({
  name: 'guidelines.sendRound',
  args: contract['guidelines.sendRound'].args,
  apply(ctx, args) {
    const g = editable(getGuideline(ctx, args.id));
    const offices = [...new Set(args.offices)];
    const round = { id: ctx.newId(), guidelineId: g.id, name: args.name, due: args.due, sentAt: now(), by: ctx.actor, offices };
    // Sending a round puts a draft into review.
    const status = g.status === 'borrador' ? ('en_revision' as const) : g.status;
    return putGuideline(ctx, { ...touched(g, ctx.actor), status }, [{ collection: 'guidelineRounds', record: round }]);
  },
});

/** An office's answer to a round of `g`, as its record (checked inside the store's queue). */
export function newAnswer(ctx: MutationContext, g: Guideline, roundId: string, officeName: string): Put {
  const round = g.rounds.find((r) => r.id === roundId);
  if (!round) return refuse('NOT_FOUND', 'La ronda de revisión no existe.', 'no such review round');
  const office = round.offices.find((o) => o.name === officeName);
  if (!office) return refuse('NOT_FOUND', 'Esa oficina no está en la ronda.', 'that office is not in the round');
  if (office.answeredAt) refuse('CONFLICT', `${office.name} ya había respondido.`, 'that office has already answered');
  return { collection: 'guidelineAnswers', record: { id: answerId(round.id, office.name), guidelineId: g.id, roundId: round.id, office: office.name, answeredAt: now(), answeredBy: ctx.actor } };
}

export const answerRound = defineMutation({
  name: 'guidelines.answerRound',
  args: contract['guidelines.answerRound'].args,
  apply(ctx, args) {
    const g = editable(getGuideline(ctx, args.id));
    return putGuideline(ctx, touched(g, ctx.actor), [newAnswer(ctx, g, args.roundId, args.office)]);
  },
});

const VersionArgs = z.object({ id: Id, name: z.string().min(1).max(300), blob: z.string(), versionId: Id, restoredFrom: Id.optional(), update: z.string().optional() });

const addVersion = defineMutation({
  name: 'guidelines.saveVersion',
  args: VersionArgs,
  apply(ctx, args) {
    const g = editable(getGuideline(ctx, args.id));
    // Checked again here, in the store's queue: two saves of one name at once keep one.
    if (g.versions.some((v) => v.name === args.name)) refuse('CONFLICT', `Ya existe una versión llamada «${args.name}».`, 'a version with that name already exists');
    const version = { id: args.versionId, guidelineId: g.id, name: args.name, by: ctx.actor, at: now(), blob: args.blob, ...(args.restoredFrom ? { restoredFrom: args.restoredFrom } : {}) };
    const extra = args.update ? appendDraftUpdate.apply(ctx, { id: g.draftId, update: args.update }).puts : [];
    return putGuideline(ctx, touched(g, ctx.actor), [...extra, { collection: 'guidelineVersions', record: version }]);
  },
});

/** Names the current body: its Yjs state goes to blobs/ first, then the record that points to it. */
export async function saveVersion(store: Store, id: string, name: string, actor: string, newId: () => string): Promise<Guideline> {
  const g = editable(getGuideline(store, id));
  if (g.versions.some((v) => v.name === name)) refuse('CONFLICT', `Ya existe una versión llamada «${name}».`, 'a version with that name already exists');
  const doc = loadDraftDoc(store, g.draftId);
  const blob = await store.blobs.put(Y.encodeStateAsUpdate(doc));
  doc.destroy();
  return store.mutate(addVersion, { id, name, blob, versionId: newId() }, actor);
}

async function versionBlocks(store: Store, g: Guideline, ref: string): Promise<GBlock[]> {
  if (ref === 'actual') return guidelineBlocks(store, g);
  const v = g.versions.find((x) => x.id === ref);
  if (!v) return refuse('NOT_FOUND', 'La versión no existe.', 'no such version');
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await store.blobs.get(v.blob));
  const blocks = readGuideline(doc);
  doc.destroy();
  return blocks;
}

export async function compareVersions(store: Store, id: string, from: string, to: string): Promise<DiffRow[]> {
  const g = getGuideline(store, id);
  return diffLines(blockLines(await versionBlocks(store, g, from)), blockLines(await versionBlocks(store, g, to)));
}

/** Restoring writes the old text over the current body as an ordinary edit, and names the result as a new version. */
export async function restoreVersion(store: Store, id: string, versionId: string, actor: string, newId: () => string): Promise<Guideline> {
  return oneAtATime(`${store.dataDir}\u0000guideline\u0000${id}`, async () => {
    const g = editable(getGuideline(store, id));
    const v = g.versions.find((x) => x.id === versionId);
    if (!v) return refuse('NOT_FOUND', 'La versión no existe.', 'no such version');
    const blocks = await versionBlocks(store, g, versionId);
    const doc = loadDraftDoc(store, g.draftId);
    const before = Y.encodeStateVector(doc);
    replaceBody(doc, blocks);
    const update = Buffer.from(Y.encodeStateAsUpdate(doc, before)).toString('base64');
    const blob = await store.blobs.put(Y.encodeStateAsUpdate(doc));
    doc.destroy();
    const n = g.versions.filter((x) => x.restoredFrom === versionId).length + 1;
    const name = `Restauración de «${v.name}»${n > 1 ? ` (${n})` : ''}`;
    return store.mutate(addVersion, { id, name, blob, versionId: newId(), restoredFrom: versionId, update }, actor);
  });
}

const NEXT: Record<Guideline['status'], Guideline['status'][]> = {
  borrador: ['en_revision', 'presentado'],
  en_revision: ['borrador', 'presentado'],
  presentado: ['en_revision', 'aprobado'],
  aprobado: ['publicado'],
  publicado: [],
};

export const setStatus = defineMutation({
  name: 'guidelines.setStatus',
  args: contract['guidelines.setStatus'].args,
  apply(ctx, args) {
    const g = editable(getGuideline(ctx, args.id));
    if (args.status === 'publicado') refuse('CONFLICT', 'La publicación se hace con «Publicar»: bloquea el texto y prepara su firma.', 'use publish to publish');
    if (!NEXT[g.status].includes(args.status)) {
      refuse('CONFLICT', `Un lineamiento ${STATUS_LABEL[g.status].toLowerCase()} no puede pasar a ${STATUS_LABEL[args.status].toLowerCase()}.`, `a guideline in status ${g.status} cannot move to ${args.status}`);
    }
    let presentedIn = g.presentedIn;
    if (args.status === 'presentado') {
      const problems = problemsOf(readGuideline(bodyOf(ctx, g)));
      if (problems.length) refuse('CONFLICT', problems[0]!, 'a cross-reference points at a deleted article');
      const session = args.sessionId ? ctx.get('sessions', args.sessionId) : undefined;
      if (!session) return refuse('INVALID_ARGUMENT', 'Elija la sesión y el punto del orden del día en que se presenta.', 'presenting needs the session and its agenda item');
      if (session.commissionId !== g.commissionId) refuse('INVALID_ARGUMENT', 'La sesión es de otra comisión.', 'the session belongs to another commission');
      if (!session.agenda.some((a) => a.id === args.agendaItemId)) refuse('INVALID_ARGUMENT', 'Ese punto no está en el orden del día de la sesión.', 'that item is not on the session agenda');
      presentedIn = { sessionId: session.id, agendaItemId: args.agendaItemId! };
    }
    const { presentedIn: _old, ...rest } = g;
    void _old;
    return putGuideline(ctx, { ...touched(rest as Guideline, ctx.actor), status: args.status, ...(presentedIn ? { presentedIn } : {}) });
  },
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const publishMutation = defineMutation({
  name: 'guidelines.publish',
  args: z.object({ id: Id, stateSha: z.string(), documentId: Id, pdf: z.string(), bytes: z.number().int().positive(), signers: z.array(z.any()), fileName: z.string() }),
  apply(ctx, args) {
    const g = editable(getGuideline(ctx, args.id));
    if (g.status !== 'aprobado') refuse('CONFLICT', 'Solo un lineamiento aprobado puede publicarse.', 'only an approved guideline can be published');
    const { put, state } = lockDraftPut(ctx, g.draftId);
    if (sha256(state) !== args.stateSha) refuse('CONFLICT', 'El lineamiento cambió mientras se publicaba; intente de nuevo.', 'the guideline changed while publishing; try again');
    const document = {
      id: args.documentId,
      kind: 'lineamiento' as const,
      title: g.title.slice(0, 500),
      fileName: args.fileName,
      createdAt: now(),
      pdf: args.pdf,
      bytes: args.bytes,
      inkFrom: [],
      status: 'borrador' as const,
      ...(g.presentedIn ? { sessionId: g.presentedIn.sessionId } : {}),
      signers: args.signers,
      documentTimestamps: [],
    };
    return putGuideline(ctx, { ...touched(g, ctx.actor), status: 'publicado', documentId: args.documentId }, [put, { collection: 'documents', record: document }]);
  },
});

const fileBase = (g: Guideline) =>
  `lineamiento-${g.title.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || g.id}`;

/** Publishing freezes the body, makes its PDF with the members' signature boxes and hands it to the signing flow. */
export function publishGuideline(store: Store, vault: VaultKey, id: string, actor: string, newId: () => string): Promise<Guideline> {
  return oneAtATime(`${store.dataDir}\u0000guideline\u0000${id}`, async () => {
    const g = editable(getGuideline(store, id));
    if (g.status !== 'aprobado') refuse('CONFLICT', 'Solo un lineamiento aprobado puede publicarse.', 'only an approved guideline can be published');
    const doc = loadDraftDoc(store, g.draftId);
    const stateSha = sha256(Y.encodeStateAsUpdate(doc));
    const blocks = readGuideline(doc);
    doc.destroy();
    const problems = problemsOf(blocks);
    if (problems.length) refuse('CONFLICT', problems[0]!, 'a cross-reference points at a deleted article');
    const commission = commissionOf(store, g.commissionId);
    const { pdf, slots } = await guidelinePdf(g.title, commission, blocks, { letterhead: await instituteLetterhead(store), signers: commission });
    const sha = await store.blobs.put(pdf);
    const published = await store.mutate(
      publishMutation,
      { id, stateSha, documentId: newId(), pdf: sha, bytes: pdf.length, signers: slots.map((s) => ({ ...s, status: 'pendiente' })), fileName: `${fileBase(g)}.pdf` },
      actor,
    );
    await lockDocument(store, vault, published.documentId!, actor, newId).catch((e: unknown) => console.error('[sesiona] guideline sealing deferred:', e));
    return published;
  });
}

export async function exportGuideline(store: Store, id: string, format: 'pdf' | 'docx'): Promise<{ fileName: string; base64: string }> {
  const g = getGuideline(store, id);
  const blocks = guidelineBlocks(store, g);
  if (format === 'docx') return { fileName: `${fileBase(g)}.docx`, base64: Buffer.from(await guidelineDocx(g.title, blocks)).toString('base64') };
  if (g.documentId) {
    const d = store.get('documents', g.documentId);
    if (d) return { fileName: `${fileBase(g)}.pdf`, base64: (await store.blobs.get(d.pdf)).toString('base64') };
  }
  const { pdf } = await guidelinePdf(g.title, commissionOf(store, g.commissionId), blocks, { letterhead: await instituteLetterhead(store) });
  return { fileName: `${fileBase(g)}.pdf`, base64: Buffer.from(pdf).toString('base64') };
}

export async function importGuideline(store: Store, args: { commissionId: string; title?: string | undefined; docx: Uint8Array }, actor: string): Promise<ImportResult> {
  commissionOf(store, args.commissionId);
  const { title, blocks, report } = await importDocx(args.docx);
  if (!blocks.length) refuse('INVALID_ARGUMENT', 'El documento de Word no tiene texto que importar: no se creó nada.', 'the DOCX has no text to import; nothing was created');
  const g = await store.mutate(createGuideline, { commissionId: args.commissionId, title: args.title?.trim() || title || 'Lineamiento importado', blocks }, actor);
  return { id: g.id, report };
}
