import { PormError, type FieldError } from '../../errors.ts';
import { literalPrivateTarget } from '../../net/index.ts';

/**
 * Refuses media URLs that point at loopback or private addresses on their face (127.0.0.1,
 * localhost, 10.x…) when the message is accepted: porm's fetch would refuse them later and the
 * message would fail after a 201. Names that resolve privately are still refused at fetch.
 * config media.allowPrivateNetworks lifts this, as it lifts the fetch's check.
 */
export function refusePrivateMediaUrls(media: ReadonlyArray<{ url?: string }> | undefined, allowPrivateNetworks: boolean): void {
  if (allowPrivateNetworks || !media) return;
  const fields: FieldError[] = [];
  media.forEach((item, i) => {
    const reason = item.url === undefined ? undefined : literalPrivateTarget(item.url);
    if (reason !== undefined) {
      fields.push({ field: `/media/${i}/url`, code: 'PORM_URL_BLOCKED', message: `${reason}; porm fetches media from public addresses only, unless the server sets media.allowPrivateNetworks (PORM_MEDIA_ALLOW_PRIVATE_NETWORKS=true)` });
    }
  });
  if (fields.length > 0) throw new PormError('PORM_URL_BLOCKED', fields[0]!.message, fields);
}
