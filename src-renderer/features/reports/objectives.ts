import type { ProgrammeSection } from '../../../src-shared/domain/index.js';

type Objective = ProgrammeSection['specificObjectives'][number];

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * Specific objectives as one text a secretary can type: a paragraph per objective (lettered a, b, c…
 * in order), and under it its lines of action, each on a line starting with "-".
 */
export function objectivesToText(objectives: readonly Objective[]): string {
  return objectives.map((o) => [o.text, ...o.linesOfAction.map((l) => `- ${l}`)].join('\n')).join('\n\n');
}

/** The inverse of `objectivesToText`; a Spanish message when the text cannot be read that way. */
export function textToObjectives(text: string): { objectives: Objective[] } | { error: string } {
  const objectives: Objective[] = [];
  for (const block of text.split(/\n\s*\n/)) {
    const lines = block
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    if (!lines.length) continue;
    const [head, ...rest] = lines;
    if (head!.startsWith('-')) return { error: `La línea «${head}» es una línea de acción sin objetivo: escriba el objetivo en el renglón de arriba.` };
    const strays = rest.filter((l) => !l.startsWith('-'));
    if (strays.length) return { error: `Cada objetivo va en un párrafo; sus líneas de acción empiezan con «-». Revise «${strays[0]}».` };
    objectives.push({
      letter: LETTERS[objectives.length] ?? 'z',
      text: head!,
      linesOfAction: rest.map((l) => l.replace(/^-\s*/, '')).filter(Boolean),
    });
  }
  if (objectives.length > LETTERS.length) return { error: `Un apartado admite a lo más ${LETTERS.length} objetivos específicos (a–z).` };
  return { objectives };
}
