import { execFileSync } from 'node:child_process';

/** Text of each page (poppler's pdftotext), whitespace folded to single spaces. */
export function pageTexts(path: string): string[] {
  const raw = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return raw
    .split('\f')
    .slice(0, -1)
    .map((p) => p.replace(/\s+/g, ' ').trim());
}

/** pdftotext -layout: lines keep the columns of a table row together. */
export function layoutLines(path: string): string[] {
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }).split('\n');
}

export interface Word {
  page: number;
  pageWidth: number;
  pageHeight: number;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  text: string;
}

/** Every word with its box (pdftotext -bbox), pages numbered from 1. */
export function words(path: string): Word[] {
  const xml = execFileSync('pdftotext', ['-bbox', path, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const out: Word[] = [];
  let page = 0;
  let w = 0;
  let h = 0;
  for (const line of xml.split('\n')) {
    const p = /<page width="([\d.]+)" height="([\d.]+)"/.exec(line);
    if (p) {
      page++;
      w = Number(p[1]);
      h = Number(p[2]);
      continue;
    }
    const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
    if (m) {
      out.push({ page, pageWidth: w, pageHeight: h, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: m[5]! });
    }
  }
  return out;
}

/** Page sizes in points, from pdfinfo. */
export function pageSizes(path: string): { width: number; height: number }[] {
  const out = execFileSync('pdfinfo', ['-f', '1', '-l', '100000', path], { encoding: 'utf8' });
  return [...out.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));
}

export function embeddedFonts(path: string): string[] {
  return execFileSync('pdffonts', [path], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
}

export const fold = (s: string) => s.replace(/\s+/g, ' ').trim();
