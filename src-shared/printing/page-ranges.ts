/**
 * Page ranges as staff type them for printing ("1-3,5"): one reading for the print preview and
 * for what is sent to the printer, so the preview shows exactly the pages that come out.
 */
const PAGE_RANGES = /^\d{1,5}(-\d{1,5})?(,\d{1,5}(-\d{1,5})?)*$/;

export const PAGE_RANGE_MESSAGE = 'El intervalo de páginas no es válido. Escríbalo como 1-3,5 (páginas desde la 1, en orden creciente).';

/** The ranges, spaces removed, or null when the text is not a valid list. */
export function parsePageRanges(text: string): { text: string; ranges: [number, number][] } | null {
  const clean = text.replace(/\s+/g, '');
  if (!PAGE_RANGES.test(clean)) return null;
  const ranges = clean.split(',').map((part) => {
    const [from, to = from] = part.split('-').map(Number) as [number, number?];
    return [from, to] as [number, number];
  });
  return ranges.every(([from, to]) => from >= 1 && to >= from) ? { text: clean, ranges } : null;
}

/** The pages of a document of `count` pages that a range prints, in order, each once. */
export function pagesToPrint(ranges: [number, number][], count: number): number[] {
  const pages = new Set<number>();
  for (const [from, to] of ranges) for (let p = from; p <= Math.min(to, count); p++) pages.add(p);
  return [...pages].sort((a, b) => a - b);
}
