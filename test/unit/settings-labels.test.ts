import { describe, expect, it } from 'vitest';
import { collections } from '../../src-main/services/store/collections.js';
import { COLLECTION_LABEL } from '../../src-shared/format.js';

describe('Ajustes → Registros', () => {
  it('names every stored collection in Spanish, never by its internal name', () => {
    const unnamed = Object.keys(collections).filter((name) => !COLLECTION_LABEL[name] || COLLECTION_LABEL[name] === name);
    expect(unnamed).toEqual([]);
  });
});
