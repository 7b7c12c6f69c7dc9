/**
 * Hybrid logical clock (Kulkarni et al.). Stamps order changes across machines even when their
 * wall clocks disagree, which is what last-writer-wins sync needs; they sort as plain strings.
 * Format: <13-digit ms>-<4-digit counter>-<node id>.
 */
export interface HlcState {
  ms: number;
  counter: number;
}

const MAX_COUNTER = 9999;

export function formatHlc(ms: number, counter: number, node: string): string {
  return `${String(ms).padStart(13, '0')}-${String(counter).padStart(4, '0')}-${node}`;
}

export function parseHlc(stamp: string): { ms: number; counter: number; node: string } {
  const m = /^(\d{13})-(\d{4})-([0-9A-Za-z]+)$/.exec(stamp);
  if (!m) throw new Error(`Invalid HLC stamp: ${stamp}`);
  return { ms: Number(m[1]), counter: Number(m[2]), node: m[3]! };
}

export class HybridClock {
  private state: HlcState = { ms: 0, counter: 0 };

  constructor(
    readonly node: string,
    private readonly wall: () => number = Date.now,
  ) {
    if (!/^[0-9A-Za-z]+$/.test(node)) throw new Error('HLC node id must be alphanumeric');
  }

  /** Stamp for a local change. */
  now(): string {
    const wall = this.wall();
    if (wall > this.state.ms) this.state = { ms: wall, counter: 0 };
    else this.bump();
    return formatHlc(this.state.ms, this.state.counter, this.node);
  }

  /** Advance past a stamp seen from another node, so later local changes sort after it. */
  receive(stamp: string): void {
    const remote = parseHlc(stamp);
    const wall = this.wall();
    const ms = Math.max(wall, this.state.ms, remote.ms);
    if (ms === this.state.ms && ms === remote.ms) {
      this.state = { ms, counter: Math.max(this.state.counter, remote.counter) };
      this.bump();
    } else if (ms === this.state.ms) {
      this.bump();
    } else if (ms === remote.ms) {
      this.state = { ms, counter: remote.counter };
      this.bump();
    } else {
      this.state = { ms, counter: 0 };
    }
  }

  private bump(): void {
    if (this.state.counter >= MAX_COUNTER) this.state = { ms: this.state.ms + 1, counter: 0 };
    else this.state = { ms: this.state.ms, counter: this.state.counter + 1 };
  }
}
