import * as Y from 'yjs';
import { kindOfNode, WITH_UID } from './nodes.js';
import { withCopies } from './copies.js';
import { collapseCopies } from './merge.js';
import { moveTarget } from './structure.js';

/**
 * Moves an article one place up or down in the body's Yjs fragment itself, as "delete its span
 * and insert a copy of it at the new place". The blocks it passes over are not touched, so
 * another laptop's edit in them at the same time survives the merge. (A ProseMirror transaction
 * would not do: the binding diffs the whole document and rewrites every block between the old
 * and the new place.) The copy keeps the article's uid, text, marks and cross-references; an
 * edit another laptop makes inside the moved span before the two merge is lost with the old
 * span, and two laptops moving the same article at once leave two copies, which readers skip and
 * the editor deletes (collapseDuplicateArticles).
 * Returns false when the article cannot move further.
 */
export function moveArticleInDoc(fragment: Y.XmlFragment, uid: string, direction: -1 | 1): boolean {
  const nodes = fragment.toArray();
  const blocks = shapeOf(nodes);
  const target = moveTarget(blocks, uid, direction);
  if (!target) return false;
  const { start, end, at } = target;
  const originals = nodes.slice(start, end) as (Y.XmlElement | Y.XmlText)[];
  const copies = originals.map((n) => n.clone());
  const apply = () => {
    fragment.delete(start, end - start);
    fragment.insert(at, copies);
  };
  // The copies are recorded so a merge can carry over what others typed in the originals meanwhile.
  if (fragment.doc) withCopies(fragment.doc, originals.map((o, i) => [o, copies[i]!]), apply);
  else apply();
  return true;
}

function shapeOf(nodes: readonly (Y.XmlElement | Y.XmlText | Y.XmlHook)[]) {
  return nodes.map((n) => {
    const kind = kindOfNode(n instanceof Y.XmlElement ? n.nodeName : 'paragraph');
    const id = n instanceof Y.XmlElement && WITH_UID.has(kind) ? n.getAttribute('uid') : undefined;
    return { kind, ...(typeof id === 'string' ? { uid: id } : {}) };
  });
}

/**
 * Deletes all but the newest copy of each heading or article that concurrent moves or restores
 * left twice in the merged body (see merge.ts), as an ordinary edit that syncs like any other.
 * Every laptop drops the same copies. Returns how many copies went. Carrying over what was typed
 * into a dropped copy is the merge's work (mergeBody), done by the laptop that typed it.
 */
export function collapseDuplicateArticles(fragment: Y.XmlFragment): number {
  if (!fragment.doc) return 0;
  const doc = fragment.doc;
  let n = 0;
  doc.transact(() => (n = collapseCopies(doc, fragment, () => false)));
  return n;
}
