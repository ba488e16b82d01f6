import { PormError } from '../errors.ts';
import { newId } from '../ids.ts';
import type { Clock } from '../clock.ts';
import type { Store } from '../store/store.ts';
import type { MediaStore } from './media-store.ts';
import { sniff } from './sniff.ts';
import { DEFAULT_LIMITS, inspectImage } from './image/index.ts';

export interface MediaObject {
  id: string;
  accountId: string;
  sha256: string;
  size: number;
  /** The type porm found in the bytes. */
  contentType: string;
  /** What the uploader said it was, when that disagreed with the bytes. */
  declaredType: string | null;
  filename: string | null;
  createdAt: number;
}

export interface UploadInput {
  bytes: Buffer;
  declaredType: string;
  filename: string | null;
}

/**
 * Media objects of an account: uploads typed from their bytes and stored as they came; the
 * versions fitted to each carrier profile are made when a message is sent (media/fit/).
 */
export class MediaService {
  constructor(private readonly store: Store, private readonly media: MediaStore, private readonly clock: Clock) {}

  async upload(accountId: string, input: UploadInput): Promise<MediaObject> {
    if (input.bytes.length === 0) throw new PormError('PORM_MEDIA_EMPTY');
    // The type comes from the bytes, never the name or the declared type; images also get their
    // headers checked (dimensions, truncation) so a bomb or a broken file is refused now.
    const sniffed = await sniff(input.bytes, input.declaredType);
    if (sniffed.kind === 'image') await inspectImage(input.bytes, DEFAULT_LIMITS);
    // Bytes first: a crash between the two leaves an unreferenced blob, never a row without bytes.
    const sha256 = await this.media.put(input.bytes);
    const now = this.clock.now();
    const object: MediaObject = {
      id: newId('med', now), accountId, sha256, size: input.bytes.length, contentType: sniffed.mime,
      declaredType: sniffed.declaredMismatch ? sanitizeContentType(input.declaredType) : null,
      filename: sanitizeFilename(input.filename), createdAt: now,
    };
    await this.store.write((tx) => tx.insertInto('media').values({
      id: object.id, account_id: accountId, sha256, size: object.size, content_type: object.contentType,
      filename: object.filename, created_at: now, declared_type: object.declaredType,
    }).execute());
    return object;
  }

  async get(accountId: string, id: string): Promise<MediaObject> {
    const row = await this.store.db.selectFrom('media').selectAll().where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
    if (!row) throw new PormError('PORM_MEDIA_NOT_FOUND');
    return {
      id: row.id, accountId, sha256: row.sha256, size: row.size, contentType: row.content_type,
      declaredType: row.declared_type, filename: row.filename, createdAt: row.created_at,
    };
  }

  async content(accountId: string, id: string): Promise<{ object: MediaObject; bytes: Buffer }> {
    const object = await this.get(accountId, id);
    const bytes = await this.media.get(object.sha256);
    if (!bytes) throw new PormError('PORM_MEDIA_NOT_FOUND', 'the media bytes are missing from the media store');
    return { object, bytes };
  }
}

function sanitizeContentType(value: string): string {
  const type = value.split(';')[0]!.trim().toLowerCase();
  return /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/.test(type) ? type : 'application/octet-stream';
}

function sanitizeFilename(value: string | null): string | null {
  if (!value) return null;
  // Keep the last path segment only, without control characters; names are shown, never used as paths.
  const base = value.split(/[\\/]/).pop() ?? '';
  const clean = [...base].filter((ch) => ch.charCodeAt(0) > 0x1f && ch !== '\u007f').join('').slice(0, 255);
  return clean === '' ? null : clean;
}
