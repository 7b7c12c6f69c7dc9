import * as Y from 'yjs';
import { toBase64 } from './base64.js';

export type SaveState = 'guardado' | 'pendiente' | 'guardando' | 'error';

/**
 * Collects a Yjs document's local updates and saves them, merged, a moment after typing pauses
 * and at most once per `minIntervalMs`: each save carries only the edits since the last one,
 * never the whole document, so an hour of editing journals at most 720 small entries (see the
 * acta-autosave benchmark). A failed save keeps its edits and is retried with the next ones.
 */
export class Autosave {
  private pending: Uint8Array[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private lastSave = 0;
  state: SaveState = 'guardado';
  error = '';

  constructor(
    private readonly doc: Y.Doc,
    private readonly save: (update: string) => Promise<void>,
    private readonly onState: (state: SaveState, error: string) => void,
    private readonly delayMs = 2000,
    private readonly minIntervalMs = 5000,
  ) {
    doc.on('update', this.onUpdate);
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === 'remote') return;
    this.pending.push(update);
    this.set('pendiente');
    clearTimeout(this.timer);
    const wait = Math.max(this.delayMs, this.lastSave + this.minIntervalMs - Date.now());
    this.timer = setTimeout(() => void this.flush(), wait);
  };

  private set(state: SaveState, error = '') {
    this.state = state;
    this.error = error;
    this.onState(state, error);
  }

  /** Saves what is pending now; resolves when it is stored (or failed). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    await this.running;
    if (!this.pending.length) return;
    const batch = this.pending;
    this.pending = [];
    this.lastSave = Date.now();
    this.set('guardando');
    this.running = this.save(toBase64(Y.mergeUpdates(batch))).then(
      () => this.set(this.pending.length ? 'pendiente' : 'guardado'),
      (e: unknown) => {
        this.pending = [...batch, ...this.pending];
        this.set('error', e instanceof Error ? e.message : 'No se pudo guardar.');
      },
    );
    await this.running;
  }

  destroy(): void {
    this.doc.off('update', this.onUpdate);
    clearTimeout(this.timer);
  }
}
