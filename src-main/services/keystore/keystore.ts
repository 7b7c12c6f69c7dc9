/**
 * Port for protecting the data key. Electron wraps it with the OS key store (safeStorage,
 * src-main/electron/safe-storage-keystore.ts); the web host, the CLI and tests use a passphrase.
 */
export interface KeyStore {
  /** Shown in Ajustes: which protection is in use. */
  readonly kind: 'safeStorage' | 'passphrase';
  protect(secret: Buffer): Promise<Buffer>;
  unprotect(wrapped: Buffer): Promise<Buffer>;
}
