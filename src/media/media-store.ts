/** Where media bytes live: content-addressed by SHA-256, so the same file is stored once. */
export interface MediaStore {
  /** Stores the bytes durably and returns their SHA-256 (hex). */
  put(bytes: Buffer): Promise<string>;
  /**
   * The bytes under a key, or undefined when nothing was stored under it. A half-finished put
   * is never visible. A key that is not 64 lowercase hex digits is refused (PORM_MEDIA_INVALID_KEY).
   */
  get(sha256: string): Promise<Buffer | undefined>;
  has(sha256: string): Promise<boolean>;
}
