import { describe, expect, it } from 'vitest';
import { HybridClock } from '../../src-shared/clock.js';
import { newId } from '../../src-shared/ids.js';

describe('hybrid logical clock', () => {
  it('keeps stamps increasing when the wall clock stalls or goes back', () => {
    let wall = 1_700_000_000_000;
    const clock = new HybridClock('A1', () => wall);
    const a = clock.now();
    const b = clock.now();
    wall -= 5_000;
    const c = clock.now();
    expect(a < b && b < c).toBe(true);
  });

  it('orders local changes after a remote stamp from a clock running ahead', () => {
    const local = new HybridClock('A', () => 1_000);
    const remote = new HybridClock('B', () => 9_000);
    const seen = remote.now();
    local.receive(seen);
    expect(local.now() > seen).toBe(true);
  });

  it('makes unique, time-sortable ids', () => {
    const ids = Array.from({ length: 1000 }, () => newId());
    expect(new Set(ids).size).toBe(1000);
    expect([...ids].sort()).toEqual(ids);
    expect(ids[0]).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
  });
});
