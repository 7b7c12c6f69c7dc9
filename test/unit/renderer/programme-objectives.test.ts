import { describe, expect, it } from 'vitest';
import { objectivesToText, textToObjectives } from '../../../src-renderer/features/reports/objectives.js';

describe('specific objectives typed as text on the programme screen', () => {
  it('letters the objectives in order and keeps each one’s lines of action', () => {
    const read = textToObjectives('Conservar el archivo\n- Clasificar\n-Digitalizar\n\n\nDar acceso\n - Publicar el índice\n');
    expect(read).toEqual({
      objectives: [
        { letter: 'a', text: 'Conservar el archivo', linesOfAction: ['Clasificar', 'Digitalizar'] },
        { letter: 'b', text: 'Dar acceso', linesOfAction: ['Publicar el índice'] },
      ],
    });
  });

  it('gives back the same objectives after a round trip through the text', () => {
    const objectives = [
      { letter: 'a', text: 'Uno', linesOfAction: ['x', 'y'] },
      { letter: 'b', text: 'Dos', linesOfAction: [] },
    ];
    expect(textToObjectives(objectivesToText(objectives))).toEqual({ objectives });
  });

  it('says in Spanish what is wrong with a line of action without its objective, or a second objective line', () => {
    expect(textToObjectives('- Clasificar')).toEqual({ error: expect.stringMatching(/línea de acción sin objetivo/) });
    expect(textToObjectives('Uno\nDos')).toEqual({ error: expect.stringMatching(/Revise «Dos»/) });
    expect(textToObjectives('')).toEqual({ objectives: [] });
    expect(textToObjectives(Array.from({ length: 27 }, (_, i) => `Objetivo ${i}`).join('\n\n'))).toEqual({ error: expect.stringMatching(/a lo más 26/) });
  });
});
