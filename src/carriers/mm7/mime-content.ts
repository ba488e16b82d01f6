import type { MessageBody } from '../../mms/smil/index.ts';
import type { Part } from '../../mms/pdu/model.ts';
import type { Mm7Content, MimeLeafPart, MimePart } from '../../mms/mm7/index.ts';

// MM1 bodies use WSP's binary names for the multipart types; MM7 carries the same parts as
// ordinary MIME. This maps one onto the other.

const MIME_OF: Record<string, string> = {
  'application/vnd.wap.multipart.related': 'multipart/related',
  'application/vnd.wap.multipart.mixed': 'multipart/mixed',
  'application/vnd.wap.multipart.alternative': 'multipart/alternative',
};

function leaf(part: Part): MimeLeafPart {
  return {
    contentType: part.contentType,
    ...(part.charset ? { params: { charset: part.charset } } : {}),
    ...(part.contentId ? { contentId: part.contentId } : {}),
    ...(part.contentLocation ? { contentLocation: part.contentLocation } : {}),
    data: Buffer.from(part.data.buffer, part.data.byteOffset, part.data.byteLength),
  };
}

export function mm7ContentOf(body: MessageBody): Mm7Content {
  const params: Record<string, string> = {};
  if (body.contentType.type) params.type = body.contentType.type;
  if (body.contentType.start) params.start = `<${body.contentType.start}>`;
  const part: MimePart = {
    contentType: MIME_OF[body.contentType.mediaType] ?? body.contentType.mediaType,
    contentId: 'mms-content',
    ...(Object.keys(params).length > 0 ? { params } : {}),
    parts: body.parts.map(leaf),
  };
  return { part };
}
