/**
 * The fonts every PDF embeds, and the default logo, are found wherever the app runs: from source
 * (web host, CLI), from the build in a checkout, and in the packaged app, where the code sits in
 * app.asar and electron-builder.yml's extraResources puts the files beside it.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minimatch } from 'minimatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAsset } from '../../src-main/services/assets.js';
import { fontDir } from '../../src-main/services/pdf/layout/fonts.js';
import { tempDir } from '../support/temp.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const FACES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf', 'DejaVuSans-BoldOblique.ttf'];
const NO_SYSTEM = '/nonexistent/fonts';

interface ExtraResource {
  from: string;
  to: string;
  filter?: string[];
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));
}

/** What electron-builder puts beside app.asar, from the config's extraResources. */
function packResources(resources: string): void {
  const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
  const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as { extraResources?: ExtraResource[] };
  for (const entry of config.extraResources ?? []) {
    const from = join(root, entry.from);
    for (const file of files(from)) {
      const rel = relative(from, file);
      if (entry.filter && !entry.filter.some((p) => minimatch(rel, p))) continue;
      mkdirSync(dirname(join(resources, entry.to, rel)), { recursive: true });
      cpSync(file, join(resources, entry.to, rel));
    }
  }
}

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  dir = await tempDir('sesiona-assets-');
});
afterAll(async () => {
  await dir.cleanup();
});

describe('the fonts and logo the app ships', () => {
  it('are found beside app.asar in a packaged app, as electron-builder.yml packs them', () => {
    const resources = join(dir.path, 'Sesiona', 'resources');
    packResources(resources);
    const places = { moduleDir: join(resources, 'app.asar', 'out', 'main'), resourcesPath: resources };
    expect(fontDir(places, NO_SYSTEM)).toBe(join(resources, 'assets', 'fonts'));
    for (const face of FACES) expect(readFileSync(join(resources, 'assets', 'fonts', face)).length, face).toBeGreaterThan(100_000);
    expect(findAsset('icon.png', places)).toBe(join(resources, 'assets', 'icon.png'));
    // The packaged copy wins over a system DejaVu.
    expect(fontDir(places, '/usr/share/fonts/truetype/dejavu')).toBe(join(resources, 'assets', 'fonts'));
  });

  it('are found from source and from the build output in a checkout, before the system copy', () => {
    expect(fontDir(undefined, '/usr/share/fonts/truetype/dejavu')).toBe(join(root, 'assets', 'fonts'));
    expect(fontDir({ moduleDir: join(root, 'src-main', 'services', 'pdf', 'layout') }, NO_SYSTEM)).toBe(join(root, 'assets', 'fonts'));
    expect(fontDir({ moduleDir: join(root, 'out', 'main') }, NO_SYSTEM)).toBe(join(root, 'assets', 'fonts'));
    expect(findAsset('icon.png', { moduleDir: join(root, 'out', 'main') })).toBe(join(root, 'assets', 'icon.png'));
  });

  it('fall back to the system DejaVu, and say what is missing when there is none', () => {
    const bare = { moduleDir: join(dir.path, 'bare', 'app', 'out', 'main'), resourcesPath: join(dir.path, 'bare', 'resources') };
    const system = join(dir.path, 'system-dejavu');
    mkdirSync(system, { recursive: true });
    cpSync(join(root, 'assets', 'fonts', 'DejaVuSans.ttf'), join(system, 'DejaVuSans.ttf'));
    expect(fontDir(bare, system)).toBe(system);
    expect(() => fontDir(bare, NO_SYSTEM)).toThrow('DejaVu fonts not found (assets/fonts or fonts-dejavu-core)');
  });

});
