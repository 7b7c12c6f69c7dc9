import * as Y from 'yjs';
import { kindOfNode, WITH_UID } from './nodes.js';
import { duplicateArticleSpans, moveTarget } from './structure.js';

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
  const copies = nodes.slice(start, end).map((n) => n.clone());
  const apply = () => {
    fragment.delete(start, end - start);
    fragment.insert(at, copies as (Y.XmlElement | Y.XmlText)[]);
  };
  inTransaction(fragment, apply);
  return true;
}

function shapeOf(nodes: readonly (Y.XmlElement | Y.XmlText | Y.XmlHook)[]) {
  return nodes.map((n) => {
    const kind = kindOfNode(n instanceof Y.XmlElement ? n.nodeName : 'paragraph');
    const id = n instanceof Y.XmlElement && WITH_UID.has(kind) ? n.getAttribute('uid') : undefined;
    return { kind, ...(typeof id === 'string' ? { uid: id } : {}) };
  });
}

function inTransaction(fragment: Y.XmlFragment, apply: () => void) {
  if (fragment.doc) fragment.doc.transact(apply);
  else apply();
}

/**
 * Deletes the later copies of an article that two concurrent moves left twice in the merged body
 * (see duplicateArticleSpans), as an ordinary edit that syncs like any other. Returns how many
 * copies went. What was typed inside a dropped copy after its move and before the merge goes
 * with it.
 */
export function collapseDuplicateArticles(fragment: Y.XmlFragment): number {
  const spans = duplicateArticleSpans(shapeOf(fragment.toArray()));
  if (!spans.length) return 0;
  // From the end, so earlier indexes stay valid.
  inTransaction(fragment, () => {
    for (const [start, end] of [...spans].reverse()) fragment.delete(start, end - start);
  });
  return spans.length;
}
