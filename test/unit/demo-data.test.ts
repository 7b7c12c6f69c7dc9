import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { demoSeed, parseDemoSeed } from '../../src-main/services/demo/seed-data.js';
import { DemoSeed } from '../../src-main/services/demo/seed-schema.js';

const dataDir = new URL('../../src-main/services/demo/data/', import.meta.url);
const raw = () =>
  Object.fromEntries(readdirSync(dataDir).map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(new URL(f, dataDir), 'utf8')) as unknown])) as Record<
    string,
    Record<string, unknown>[]
  >;

describe('demo data as JSON', () => {
  it('is one JSON file per collection, each valid under the schema', () => {
    expect(readdirSync(dataDir).sort()).toEqual(['activities.json', 'calendars.json', 'commissions.json', 'programmes.json', 'sessions.json']);
    const parsed = DemoSeed.safeParse(raw());
    expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3))).toBe(true);
    expect(parsed.data).toEqual(demoSeed);
  });

  it('refuses a misspelt key, an unknown commission and a bad date, naming where', () => {
    const typo = raw();
    typo.sessions![0] = { ...typo.sessions![0], modalidad: 'presencial' };
    expect(() => parseDemoSeed(typo)).toThrow(/sessions\.0/);

    const orphan = raw();
    orphan.activities![2] = { ...orphan.activities![2], commission: 'XYZ' };
    expect(() => parseDemoSeed(orphan)).toThrow(/activities\.2\.commission: names an unknown commission: XYZ/);

    const date = raw();
    date.sessions![1] = { ...date.sessions![1], date: '2023-02-30' };
    expect(() => parseDemoSeed(date)).toThrow(/sessions\.1\.date/);
  });
});
