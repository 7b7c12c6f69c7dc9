import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the app's own files (fonts, the default logo) are found. From source (web host, CLI,
 * tests) and from the build in a checkout, `assets/` is up the tree from the running module; a
 * packaged app has its code inside app.asar and the files beside it, in Electron's resources
 * folder (electron-builder.yml, extraResources).
 */
export interface AssetPlaces {
  /** Folder of the running module. */
  moduleDir: string;
  /** Electron's process.resourcesPath; undefined under plain Node. */
  resourcesPath?: string | undefined;
}

export function runningPlaces(): AssetPlaces {
  return {
    moduleDir: dirname(fileURLToPath(import.meta.url)),
    resourcesPath: (process as { resourcesPath?: string }).resourcesPath,
  };
}

/** Every `assets/` folder that may hold the app's files, the packaged one first. */
export function assetRoots(places: AssetPlaces): string[] {
  const roots: string[] = [];
  if (places.resourcesPath) roots.push(join(places.resourcesPath, 'assets'));
  let dir = places.moduleDir;
  for (let i = 0; i < 8; i++) {
    roots.push(join(dir, 'assets'));
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return roots;
}

/** The path of `relative` (e.g. "fonts/DejaVuSans.ttf") in the first assets folder that has it. */
export function findAsset(relative: string, places: AssetPlaces = runningPlaces()): string | undefined {
  for (const root of assetRoots(places)) {
    const path = join(root, relative);
    if (existsSync(path)) return path;
  }
  return undefined;
}
