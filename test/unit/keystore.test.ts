import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { open, seal } from '../../src-main/services/keystore/aead.js';
import { loadDataKey } from '../../src-main/services/keystore/data-key.js';
import { PassphraseKeyStore } from '../../src-main/services/keystore/passphrase-keystore.js';
import { tempDir } from '../support/temp.js';

describe('passphrase key store', () => {
  it('gives back the same data key with the right passphrase and refuses a wrong one', async () => {
    const dir = await tempDir();
    const key = await loadDataKey(dir.path, new PassphraseKeyStore('frase de acceso segura'));
    expect(key).toHaveLength(32);
    expect(await loadDataKey(dir.path, new PassphraseKeyStore('frase de acceso segura'))).toEqual(key);
    await expect(loadDataKey(dir.path, new PassphraseKeyStore('otra frase distinta'))).rejects.toThrow(/frase de acceso es incorrecta/);
    const stored = await readFile(join(dir.path, 'keys', await readdir(join(dir.path, 'keys')).then((f) => f[0]!)));
    expect(stored.includes(key)).toBe(false);
    await dir.cleanup();
  });

  it('refuses short passphrases', () => {
    expect(() => new PassphraseKeyStore('corta')).toThrow(/al menos 8/);
  });

  it('detects tampered ciphertext', () => {
    const key = Buffer.alloc(32, 7);
    const box = seal(key, Buffer.from('trazos'));
    expect(open(key, box).toString()).toBe('trazos');
    box[box.length - 1]! ^= 1;
    expect(() => open(key, box)).toThrow(/alterado/);
  });
});
