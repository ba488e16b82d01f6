import type { FieldError } from '../errors.ts';

const MEDIA_ID = /^med_[0-9a-z]{26}$/;
// Looks like a media id (the med_ prefix) but is not one porm could have issued, e.g. med_doesnotexist.
const MEDIA_ID_LIKE = /^med_[0-9A-Za-z_-]{1,60}$/;

/**
 * What is wrong with a `{"id": …}` media reference before looking it up: nothing (undefined), an
 * id that cannot name media of this account (PORM_INVALID_MEDIA_REFERENCE, as for an unknown
 * well-formed id), or a value that is not a media id at all (PORM_INVALID_FIELD).
 */
export function mediaIdProblem(id: string, field: string): FieldError | undefined {
  if (MEDIA_ID.test(id)) return undefined;
  if (MEDIA_ID_LIKE.test(id)) return { field, code: 'PORM_INVALID_MEDIA_REFERENCE', message: `no media ${id} exists in this account; upload it with POST /v1/media and use the id it answers` };
  return { field, code: 'PORM_INVALID_FIELD', message: 'is not a media id: ids of uploaded media (POST /v1/media) are med_ followed by 26 lowercase letters and digits' };
}
