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
