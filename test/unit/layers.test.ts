import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rule (ARCHITECTURE.md rule 1)', () => {
  it('keeps electron out of services, host, CLI, renderer and shared code', async () => {
    for (const file of ['src-main/services/x.ts', 'src-main/host/x.ts', 'src-main/cli.ts', 'src-renderer/x.tsx', 'src-shared/x.ts']) {
      expect(await problems(file, "import { app } from 'electron';\nexport const a = app;\n"), file).toHaveLength(1);
    }
  });

  it('allows electron in src-main/electron and the preload', async () => {
    for (const file of ['src-main/electron/x.ts', 'src-main/preload/x.ts']) {
      expect(await problems(file, "import { app } from 'electron';\nexport const a = app;\n"), file).toEqual([]);
    }
  });

  it('keeps electron and src-main/electron/ out of src-main/cli/ and src-main/services/', async () => {
    const imports: [string, string][] = [
      ['src-main/cli/x.ts', "import { app } from 'electron';"],
      ['src-main/cli/x.ts', "import { ipcRenderer } from 'electron/renderer';"],
      ['src-main/cli/x.ts', "import { installMenu as app } from '../electron/menu.js';"],
      ['src-main/services/x.ts', "import { safeStorageKeyStore as app } from '../electron/safe-storage-keystore.js';"],
      ['src-main/services/documents/x.ts', "import { webPreferences as app } from '../../electron/main.js';"],
      ['src-main/host/x.ts', "import { osKeyStore as app } from '../electron/safe-storage-keystore.js';"],
    ];
    for (const [file, line] of imports) {
      expect(await problems(file, `${line}\nexport const a = app;\n`), `${file}: ${line}`).toHaveLength(1);
    }
    // Lookalike names are not the electron layer.
    expect(await problems('src-main/services/x.ts', "import { app } from './electronic/app.js';\nexport const a = app;\n")).toEqual([]);
  });

  it('finds no electron import in any file of src-main/cli/ and src-main/services/ today', async () => {
    const results = await eslint.lintFiles(['src-main/cli', 'src-main/cli.ts', 'src-main/services']);
    const hits = results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => `${r.filePath}: ${m.message}`));
    expect(results.length).toBeGreaterThan(50);
    expect(hits).toEqual([]);
  });

  it('keeps Node APIs out of src-shared', async () => {
    expect(await problems('src-shared/x.ts', "import { readFile } from 'node:fs';\nexport const r = readFile;\n")).toHaveLength(1);
  });
});

describe('server layer', () => {
  it('keeps src-server off the app: it may import src-shared only', async () => {
    expect(await problems('src-server/x.ts', "import { Store } from '../src-main/services/store/store.js';\nexport const s = Store;\n")).toHaveLength(1);
    expect(await problems('src-server/x.ts', "import { z } from '../src-shared/sync/protocol.js';\nexport const s = z;\n")).toEqual([]);
  });
});
