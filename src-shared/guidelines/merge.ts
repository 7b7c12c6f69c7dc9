import * as Y from 'yjs';
import { Lineage, transplant, type Role } from './carry.js';
import { COPIES, copyRecord, idKey, parseKey, parseRecord, textsOf, withCopies, type CopyRecord } from './copies.js';
import { kindOfNode, WITH_UID } from './nodes.js';
import { duplicateSpans, type BlockKind } from './structure.js';

/**
 * Merging a guideline body so that nobody's text is lost and deletions hold. Yjs has no move: a
 * move deletes an article's blocks and inserts copies (see copies.ts), and a restore replaces the
 * whole body. Merged as plain Yjs, text typed meanwhile into the deleted originals is deleted with
 * them, a concurrent move brings back an article someone deleted, and two moves or restores leave
 * two copies. After applying remote updates, `repairMerge` re-applies what they voided:
 *
 * 1. A copy whose original this laptop had already deleted before the copy arrived is deleted
 *    again (deleting is idempotent, so any laptop may do it).
 * 2. Text that this laptop typed (`isOwn`) into a block the merge deleted, and that the block's
 *    live copy lacks, is inserted into the live copy. Each character of a copy leads back, through
 *    the copies map, to the character someone typed: that says what the copy already holds and
 *    where the carried text goes (after the copy of the character it followed), so the copier's
 *    own edits stay too. Only the author carries its own characters, so none is inserted twice.
 * 3. All but the newest copy of a heading or article go (every laptop drops the same ones: a
 *    move's copy is always newer than what it moved), after the author carries what it typed into
 *    a dropped copy over to the kept one.
 * 4. A block this laptop added inside an article that the merge moved away follows the article.
 *
 * 5. A character two laptops carried into the same text at once shows once.
 *
 * The document must keep deleted content (`gc: false`), and the state before the remote updates
 * (`beforeMerge`) tells what this laptop had seen. A delete set does not say who deleted: text
 * this laptop erased inside a block is erased again in a copy that arrives as a new block (1b),
 * but text carried later into a block it already had can bring it back: it errs on keeping.
 */
export type IsOwn = (client: number, clock: number) => boolean;

export interface BeforeMerge {
  snapshot: Y.Snapshot;
  /** The uids of the headings and articles visible before the merge. */
  uids: ReadonlySet<string>;
}

interface Block {
  item: Y.Item;
  node: Y.XmlElement | Y.XmlText;
  name: string;
  kind: BlockKind;
  uid?: string;
}

const FRAGMENT = 'default';

export function beforeMerge(doc: Y.Doc): BeforeMerge {
  const uids = new Set<string>();
  for (const b of allBlocks(doc.getXmlFragment(FRAGMENT))) if (!b.item.deleted && b.uid) uids.add(b.uid);
  return { snapshot: Y.snapshot(doc), uids };
}

/** Applies `apply` (remote updates) to `doc` and repairs what it voided; true when a repair was made. */
export function mergeBody(doc: Y.Doc, apply: () => void, isOwn: IsOwn): boolean {
  const before = beforeMerge(doc);
  apply();
  return repairMerge(doc, before, isOwn);
}

export function repairMerge(doc: Y.Doc, before: BeforeMerge, isOwn: IsOwn): boolean {
  const fragment = doc.getXmlFragment(FRAGMENT);
  let changed = false;
  const onUpdate = (_: Uint8Array, origin: unknown) => {
    if (origin === REPAIR) changed = true;
  };
  doc.on('update', onUpdate);
  try {
    doc.transact(() => {
      deleteAgain(doc, fragment, before);
      // Built once, when needed: it reads every copy ever recorded.
      let lineage: Lineage | undefined;
      const lazy = () => (lineage ??= new Lineage(doc));
      eraseAgain(fragment, before, lazy);
      carryOver(doc, fragment, before, isOwn, lazy);
      collapseCopies(doc, fragment, isOwn, lazy);
      followMoves(doc, fragment, before, isOwn);
      dropRepeatedCarries(doc, lazy);
    }, REPAIR);
  } finally {
    doc.off('update', onUpdate);
  }
  return changed;
}

/** The transaction origin of a repair. */
export const REPAIR = 'guideline-merge-repair';

const seenIn = (snapshot: Y.Snapshot, id: Y.ID) => (snapshot.sv.get(id.client) ?? 0) > id.clock;
const visibleIn = (snapshot: Y.Snapshot, id: Y.ID) => seenIn(snapshot, id) && !Y.isDeleted(snapshot.ds, id);

/** An attribute's last value, read from its item even when the element is deleted. */
function attrOf(el: Y.XmlElement, key: string): unknown {
  const item = el._map.get(key);
  if (!item) return undefined;
  const content = item.content.getContent();
  return content[content.length - 1];
}

/** Every top-level block, deleted ones included, in the body's order. */
function allBlocks(fragment: Y.XmlFragment): Block[] {
  const out: Block[] = [];
  for (let item = fragment._start; item; item = item.right) {
    if (!(item.content instanceof Y.ContentType)) continue;
    const node = item.content.type;
    if (!(node instanceof Y.XmlElement) && !(node instanceof Y.XmlText)) continue;
    const name = node instanceof Y.XmlElement ? node.nodeName : 'paragraph';
    const kind = kindOfNode(name);
    const uid = node instanceof Y.XmlElement && WITH_UID.has(kind) ? attrOf(node, 'uid') : undefined;
    out.push({ item, node, name, kind, ...(typeof uid === 'string' ? { uid } : {}) });
  }
  return out;
}

const isHead = (b: Block) => WITH_UID.has(b.kind);

/** The live blocks from `at` (a live head) up to the next live heading or article. */
function liveSpan(live: Block[], at: number): Block[] {
  let end = at + 1;
  while (end < live.length && !isHead(live[end]!)) end++;
  return live.slice(at, end);
}

function deleteBlocks(fragment: Y.XmlFragment, blocks: Block[]): void {
  const doomed = new Set(blocks.map((b) => b.item));
  const live = fragment.toArray();
  // From the end, so earlier indexes stay valid.
  for (let i = live.length - 1; i >= 0; i--) {
    const item = (live[i] as Y.XmlElement | Y.XmlText)._item;
    if (item && doomed.has(item)) fragment.delete(i, 1);
  }
}

/** 1. A copy of a block this laptop had deleted before the copy arrived is deleted again, with its span. */
function deleteAgain(doc: Y.Doc, fragment: Y.XmlFragment, before: BeforeMerge): void {
  const live = allBlocks(fragment).filter((b) => !b.item.deleted);
  const doomed: Block[] = [];
  live.forEach((b, i) => {
    if (!b.uid || seenIn(before.snapshot, b.item.id) || before.uids.has(b.uid)) return;
    const from = seenSource(doc, before, b);
    if (!from || visibleIn(before.snapshot, from)) return;
    // Not a block another laptop added under another article that the merge put in this span,
    // nor the copy of a block this laptop still had (under another article for it).
    const own = (s: Block) => {
      const source = seenSource(doc, before, s);
      return !(source && visibleIn(before.snapshot, source));
    };
    doomed.push(...liveSpan(live, i).filter((s) => s === b || (headOf(fragment, s.item) === b.item && own(s))));
  });
  if (doomed.length) deleteBlocks(fragment, doomed);
}

/** Back through copies of copies that arrived with this merge, to the block this laptop had (null when none). */
function seenSource(doc: Y.Doc, before: BeforeMerge, block: Block): Y.ID | null {
  let from = parseKey(copyRecord(doc, block.node)?.from ?? '');
  for (let hops = 0; from && !seenIn(before.snapshot, from) && hops < 1000; hops++) from = parseKey(copyOf(doc, from)?.from ?? '');
  return from;
}

/**
 * The heading or article a block was inserted under: the first one left of it when it was
 * inserted (following each block's left neighbour at insertion, deleted or not). Concurrent moves
 * can put other blocks between, so where a block stands now does not say it.
 */
function headOf(fragment: Y.XmlFragment, item: Y.Item): Y.Item | undefined {
  let at: Y.Item | null = item;
  for (let hops = 0; at && hops < 100_000; hops++) {
    if (at !== item && at.content instanceof Y.ContentType && at.parent === fragment) {
      const node = at.content.type;
      const name = node instanceof Y.XmlElement ? node.nodeName : 'paragraph';
      if (WITH_UID.has(kindOfNode(name))) return at;
    }
    at = at.origin ? leftOf(fragment, at.origin) : null;
  }
  return undefined;
}

function leftOf(fragment: Y.XmlFragment, id: Y.ID): Y.Item | null {
  try {
    return Y.getItem(fragment.doc!.store, id) as Y.Item;
  } catch {
    return null;
  }
}

/** Whether copy `a` is newer than `b`: by their Lamport clocks, then by Yjs id (a block without a record is oldest). */
function newer(doc: Y.Doc, a: Block, b: Block): boolean {
  const rank = (x: Block) => [copyRecord(doc, x.node)?.seq ?? 0, x.item.id.client, x.item.id.clock];
  const [ra, rb] = [rank(a), rank(b)];
  for (let i = 0; i < 3; i++) if (ra[i] !== rb[i]) return ra[i]! > rb[i]!;
  return false;
}

function copyOf(doc: Y.Doc, id: Y.ID): CopyRecord | undefined {
  return parseRecord(doc.getMap<unknown>(COPIES).get(idKey(id)));
}

/** The block a chain of moves started from (its own key when it is no copy). */
function originOf(doc: Y.Doc, block: Block): string {
  let key = idKey(block.item.id);
  for (let hops = 0; hops < 10_000; hops++) {
    const id = parseKey(key);
    const from = id ? copyOf(doc, id)?.from : undefined;
    if (!from) return key;
    key = from;
  }
  return key;
}

/** Whether `block` was copied, through moves, from `ancestor`. */
function descends(doc: Y.Doc, block: Block, ancestor: string): boolean {
  let key = idKey(block.item.id);
  for (let hops = 0; hops < 10_000; hops++) {
    if (key === ancestor) return true;
    const id = parseKey(key);
    const from = id ? copyOf(doc, id)?.from : undefined;
    if (!from) return false;
    key = from;
  }
  return false;
}

/**
 * The live block that stands for a block the merge deleted: a copy of it (through any number of
 * moves), else another copy of the block it came from, else the same heading or article.
 */
function counterpart(doc: Y.Doc, all: Block[], dead: Block): Block | undefined {
  const key = idKey(dead.item.id);
  const origin = originOf(doc, dead);
  const live = all.filter((b) => !b.item.deleted && b.name === dead.name);
  const kin = live.filter((b) => originOf(doc, b) === origin);
  const found = kin.find((b) => descends(doc, b, key)) ?? kin[0];
  if (found) return found;
  return dead.uid ? live.find((b) => b.uid === dead.uid && b.kind === dead.kind) : restoredTwin(doc, all, dead);
}

/**
 * For a block of a restored body that the merge deleted with its heading or article (a laptop
 * collapsed that restore into another): the block at the same place under the live copy of that
 * heading, as collapseCopies matches them. Undefined when the heading itself still stands (the
 * block alone was deleted) or the places differ.
 */
function restoredTwin(doc: Y.Doc, all: Block[], dead: Block): Block | undefined {
  const rec = copyRecord(doc, dead.node);
  if (!rec || rec.from !== undefined) return undefined;
  const same = (b: Block) => {
    const r = copyRecord(doc, b.node);
    return !!r && r.from === undefined && r.by === rec.by && r.since === rec.since;
  };
  let offset = 0;
  let head: Block | undefined;
  for (let i = all.indexOf(dead) - 1; i >= 0 && !head; i--) {
    const b = all[i]!;
    if (!same(b)) continue;
    if (isHead(b)) head = b;
    else offset++;
  }
  if (!head?.uid || !head.item.deleted) return undefined;
  const twin = counterpart(doc, all, head);
  if (!twin) return undefined;
  const live = all.filter((b) => !b.item.deleted);
  const target = liveSpan(live, live.indexOf(twin))[offset + 1];
  return target && target.name === dead.name ? target : undefined;
}


/**
 * Sorts the characters of `source` for carrying into `target`: extra when this laptop typed it and
 * the target stands for nothing it typed there; base otherwise; skip when `visible` says so.
 */
function roles(lineage: Lineage, target: Block, isOwn: IsOwn, visible: (id: Y.ID, deleted: boolean) => boolean) {
  const has = lineage.rootsOf(target.node);
  return (id: Y.ID, deleted: boolean): Role => {
    if (!visible(id, deleted)) return 'skip';
    const root = lineage.root(id);
    return root && isOwn(root.client, root.clock) && !has.has(idKey(root)) ? 'extra' : 'base';
  };
}

/** 2. What this laptop typed into blocks the merge deleted goes into their live copies. */
function carryOver(doc: Y.Doc, fragment: Y.XmlFragment, before: BeforeMerge, isOwn: IsOwn, lazy: () => Lineage): void {
  const all = allBlocks(fragment);
  for (const dead of all) {
    if (!dead.item.deleted || !visibleIn(before.snapshot, dead.item.id)) continue;
    const target = counterpart(doc, all, dead);
    if (!target) continue;
    const lineage = lazy();
    transplant(dead.node, target.node, roles(lineage, target, isOwn, (id) => visibleIn(before.snapshot, id)), lineage);
  }
}

/**
 * 1b. A character this laptop saw erased inside a block it still had, which a copy that arrived
 * with the merge holds again (the copier saw it before the erasure), is erased again. A whole
 * block's deletion (a move's own) does not count: only an erasure inside a visible block.
 */
function eraseAgain(fragment: Y.XmlFragment, before: BeforeMerge, lazy: () => Lineage): void {
  const fresh = allBlocks(fragment).filter((b) => !b.item.deleted && !seenIn(before.snapshot, b.item.id));
  if (!fresh.length || !fresh.some((b) => copyRecord(fragment.doc!, b.node))) return;
  const lineage = lazy();
  const shown = (item: Y.Item | null): boolean => {
    for (let at = item; at; at = (at.parent as Y.AbstractType<unknown>)._item) if (!visibleIn(before.snapshot, at.id)) return false;
    return true;
  };
  for (const block of fresh) {
    for (const text of textsOf(block.node, false)) {
      const doomed: number[] = [];
      let at = 0;
      for (let item = text._start; item; item = item.right) {
        if (item.deleted || !item.countable) continue;
        if (item.content instanceof Y.ContentString)
          for (let j = 0; j < item.content.str.length; j++) {
            let source = lineage.source(Y.createID(item.id.client, item.id.clock + j));
            for (let hops = 0; source && !seenIn(before.snapshot, source) && hops < 10_000; hops++) source = lineage.source(source);
            if (!source || !seenIn(before.snapshot, source) || !Y.isDeleted(before.snapshot.ds, source)) continue;
            const original = Y.getItem(fragment.doc!.store, source) as Y.Item;
            if (original.parent instanceof Y.XmlText && shown(original.parent._item)) doomed.push(at + j);
          }
        at += item.length;
      }
      for (const i of doomed.reverse()) text.delete(i, 1);
    }
  }
}

/**
 * 2b. A block this laptop added inside an article (a new fracción, a paragraph) stays with that
 * article: when the merge moved the article without it, or put another article's copy between
 * them, it goes after the live copy of the block it followed, or at the end of the article. When
 * another laptop's move took it along under another article, its live copy goes back the same
 * way. Only the laptop that added it moves it, so it moves once.
 */
function followMoves(doc: Y.Doc, fragment: Y.XmlFragment, before: BeforeMerge, isOwn: IsOwn): void {
  const all = allBlocks(fragment);
  const moving: { block: Block; after: Block | undefined; head: Block }[] = [];
  const taken = new Set<Block>();
  all.forEach((b, at) => {
    if (isHead(b) || !visibleIn(before.snapshot, b.item.id) || !isOwn(b.item.id.client, b.item.id.clock)) return;
    // Another laptop's move may have taken it along under another article: its copy follows
    // instead, moved by the laptop that added the block first (one laptop, so no back and forth).
    const first = b.item.deleted ? parseKey(originOf(doc, b)) : null;
    if (b.item.deleted && !(first && isOwn(first.client, first.clock))) return;
    const live = b.item.deleted ? counterpart(doc, all, b) : b;
    if (!live || isHead(live) || taken.has(live)) return;
    let previous: Block | undefined;
    let head: Block | undefined;
    for (let i = at - 1; i >= 0 && !head; i--) {
      const p = all[i]!;
      if (!visibleIn(before.snapshot, p.item.id)) continue;
      if (isHead(p)) head = p;
      else previous ??= p;
    }
    let now: Block | undefined;
    for (let i = all.indexOf(live) - 1; i >= 0 && !now; i--) if (!all[i]!.item.deleted && isHead(all[i]!)) now = all[i];
    if (!head) return;
    const other = head.item.deleted ? counterpart(doc, all, head) : head;
    if (!other || other === now) return;
    const after = previous && previous.item.deleted ? counterpart(doc, all, previous) : previous;
    taken.add(live);
    moving.push({ block: live, after, head: other });
  });
  for (const { block, after, head } of moving) {
    const nodes = fragment.toArray();
    const indexOf = (b: Block) => nodes.findIndex((n) => (n as Y.XmlElement | Y.XmlText)._item === b.item);
    const start = indexOf(head);
    let end = start + 1;
    while (end < nodes.length && !WITH_UID.has(kindOfNode(nodeName(nodes[end]!)))) end++;
    // After the block it followed when that is under the same article now, else at the article's end.
    const next = after ? indexOf(after) + 1 : -1;
    const at = next > start && next <= end ? next : end;
    const from = indexOf(block);
    if (start < 0 || from < 0 || at === from || at === from + 1) continue;
    const copy = block.node.clone();
    withCopies(doc, [[block.node, copy]], () => {
      fragment.insert(at, [copy]);
      fragment.delete(from < at ? from : from + 1, 1);
    });
  }
}

/**
 * 5. A character two laptops carried into the same text at once (each took it for its own: a
 * draft from before `pulled` was kept counts everything as its own) shows twice: every copy but
 * the one with the smallest id goes. Every laptop keeps the same one, whatever subset it has seen.
 */
function dropRepeatedCarries(doc: Y.Doc, lazy: () => Lineage): void {
  const texts = new Set<Y.XmlText>();
  doc.getMap<unknown>(COPIES).forEach((value) => {
    const rec = parseRecord(value);
    if (!rec?.chars) return;
    const end = Math.min(rec.upto, Y.getState(doc.store, rec.by));
    for (let clock = rec.since; clock < end; ) {
      let item: Y.Item;
      try {
        item = Y.getItem(doc.store, Y.createID(rec.by, clock)) as Y.Item;
      } catch {
        return;
      }
      if (!item.deleted && item.parent instanceof Y.XmlText) texts.add(item.parent);
      clock = item.id.clock + item.length;
    }
  });
  if (!texts.size) return;
  const lineage = lazy();
  for (const text of texts) {
    const chars: { id: Y.ID; root: string; at: number }[] = [];
    let at = 0;
    for (let item = text._start; item; item = item.right) {
      if (item.deleted || !item.countable) continue;
      if (item.content instanceof Y.ContentString)
        for (let j = 0; j < item.content.str.length; j++) {
          const id = Y.createID(item.id.client, item.id.clock + j);
          const root = lineage.root(id);
          if (root) chars.push({ id, root: idKey(root), at: at + j });
        }
      at += item.length;
    }
    const keep = new Map<string, Y.ID>();
    const first = (a: Y.ID, b: Y.ID) => (a.client !== b.client ? a.client < b.client : a.clock < b.clock);
    for (const c of chars) {
      const k = keep.get(c.root);
      if (!k || first(c.id, k)) keep.set(c.root, c.id);
    }
    const doomed = chars.filter((c) => !Y.compareIDs(keep.get(c.root)!, c.id)).map((c) => c.at);
    for (const i of doomed.reverse()) text.delete(i, 1);
  }
}

const nodeName = (n: Y.XmlElement | Y.XmlText | Y.XmlHook) => (n instanceof Y.XmlElement ? n.nodeName : 'paragraph');

/**
 * 3. All but the newest copy of a heading or article go; what this laptop (`isOwn`) typed into
 * them goes into the newest. Returns how many copies went.
 */
export function collapseCopies(doc: Y.Doc, fragment: Y.XmlFragment, isOwn: IsOwn, lazy = () => new Lineage(doc)): number {
  const live = allBlocks(fragment).filter((b) => !b.item.deleted);
  const twins = copiedTwice(doc, live);
  if (!duplicateSpans(live).length && !twins.length) return 0;
  const lineage = lazy();
  const doomed: Block[] = [];
  let dropped = 0;
  const heads = new Map<string, number[]>();
  live.forEach((b, i) => {
    if (!isHead(b) || !b.uid) return;
    const key = `${b.kind}\u0000${b.uid}`;
    heads.set(key, [...(heads.get(key) ?? []), i]);
  });
  for (const copies of heads.values()) {
    if (copies.length < 2) continue;
    // The newest copy stays: a move's copy is newer than what it moved, so no laptop drops a copy
    // in favour of one that another laptop moved away at the same time.
    const newest = copies.reduce((a, b) => (newer(doc, live[b]!, live[a]!) ? b : a));
    const keep = liveSpan(live, newest);
    for (const start of copies) {
      if (start === newest) continue;
      dropped++;
      const span = liveSpan(live, start);
      span.forEach((drop, i) => {
        // A restored block matches the same place in the kept copy; a moved one, the copy of the same block.
        const restored = copyRecord(doc, drop.node) && !copyRecord(doc, drop.node)?.from;
        const origin = originOf(doc, drop);
        const target = i === 0 ? keep[0] : restored ? keep[i] : keep.find((k) => k.name === drop.name && originOf(doc, k) === origin);
        if (!target || target.name !== drop.name) {
          // Added to this copy only (a new fracción): it stays, and its author moves it under the kept copy (followMoves).
          if (i > 0 && !restored) return;
        }
        doomed.push(drop);
        if (!target || target.name !== drop.name) return;
        // Without a record of either copy (a body from before records) nothing tells what was typed after the copy was made.
        if (!copyRecord(doc, drop.node) && !copyRecord(doc, target.node)) return;
        transplant(drop.node, target.node, roles(lineage, target, isOwn, (_, deleted) => !deleted), lineage);
      });
    }
  }
  // 3b. A block (a fracción, a paragraph) that two moves of different articles each copied.
  const gone = new Set(doomed);
  for (const copies of twins) {
    const left = copies.filter((b) => !gone.has(b));
    if (left.length < 2) continue;
    const keep = keptTwin(doc, fragment, left);
    for (const drop of left) {
      if (drop === keep) continue;
      dropped++;
      doomed.push(drop);
      transplant(drop.node, keep.node, roles(lineage, keep, isOwn, (_, deleted) => !deleted), lineage);
    }
  }
  deleteBlocks(fragment, doomed);
  return dropped;
}

/**
 * Live blocks other than headings and articles that are copies of the same block: a block that
 * was under one article for one laptop and under another for another (a concurrent move put it
 * there) is copied by moves of both. A move deletes what it copies, so two live copies of one
 * block are always one too many.
 */
function copiedTwice(doc: Y.Doc, live: Block[]): Block[][] {
  const byOrigin = new Map<string, Block[]>();
  for (const b of live) {
    if (isHead(b) || !copyRecord(doc, b.node)?.from) continue;
    const origin = originOf(doc, b);
    byOrigin.set(origin, [...(byOrigin.get(origin) ?? []), b]);
  }
  return [...byOrigin.values()].filter((g) => g.length > 1);
}

/**
 * Which of a block's copies stays: one copied with the article the block was added under, then
 * the newest. Both are fixed when the copies are made, so every laptop keeps the same one
 * whatever else it has merged (keeping by where the copies stand now could drop both).
 */
function keptTwin(doc: Y.Doc, fragment: Y.XmlFragment, copies: Block[]): Block {
  const headUid = (item: Y.Item | undefined) => {
    const node = item?.content instanceof Y.ContentType ? item.content.type : undefined;
    return node instanceof Y.XmlElement ? attrOf(node, 'uid') : undefined;
  };
  const first = leftOf(fragment, parseKey(originOf(doc, copies[0]!))!);
  const home = first ? headUid(headOf(fragment, first)) : undefined;
  const athome = (b: Block) => home !== undefined && headUid(headOf(fragment, b.item)) === home;
  return copies.reduce((a, b) => (athome(a) !== athome(b) ? (athome(b) ? b : a) : newer(doc, b, a) ? b : a));
}
