/** Where media bytes live: content-addressed by SHA-256, so the same file is stored once. */
export interface MediaStore {
  /** Stores the bytes durably and returns their SHA-256 (hex). */
  put(bytes: Buffer): Promise<string>;
  get(sha256: string): Promise<Buffer | undefined>;
  has(sha256: string): Promise<boolean>;
}
