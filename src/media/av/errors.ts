import { defineErrors } from '../../error-def.ts';

// Error codes of porm's audio/video pipeline (ffmpeg discovery, probing, fitting to a byte budget).
// Codes are stable: never rename or reuse one. Which ones are worth a retry is in av-error.ts.
export const mediaAvErrors = defineErrors({
  PORM_MEDIA_FFMPEG_UNAVAILABLE: {
    status: 501,
    title: 'Audio/video conversion not available',
    description: 'This server has no usable ffmpeg/ffprobe (or its ffmpeg lacks the encoder this conversion needs, for example libopencore_amrnb for AMR-NB), so it cannot convert this audio or video. Install ffmpeg on the server, or send media that already fits the route.',
  },
  PORM_MEDIA_AV_UNREADABLE: {
    status: 422,
    title: 'Audio/video not readable',
    description: 'The file is empty, is not audio or video in a format porm accepts, or is corrupt or truncated so that ffprobe cannot read it. Send a valid MP4, MOV, 3GP, MP3, M4A, WAV, OGG or AMR file.',
  },
  PORM_MEDIA_AV_TRUNCATED: {
    status: 422,
    title: 'Audio/video ends early',
    description: 'The file announces a longer duration than its data holds (cut off during upload or download). Send the complete file.',
  },
  PORM_MEDIA_AV_WRONG_KIND: {
    status: 422,
    title: 'No suitable stream',
    description: 'A video conversion was asked for a file without a video stream, or an audio conversion for a file without an audio stream.',
  },
  PORM_MEDIA_AV_TOO_LONG: {
    status: 422,
    title: 'Audio/video too long',
    description: 'The file plays for longer than porm converts (10 minutes). Send a shorter clip.',
  },
  PORM_MEDIA_AV_TOO_MANY_PIXELS: {
    status: 422,
    title: 'Video dimensions too large',
    description: 'The video frame is wider, taller or has more pixels than the server accepts for conversion. Send a video of at most 4K resolution.',
  },
  PORM_MEDIA_AV_INPUT_TOO_LARGE: {
    status: 413,
    title: 'Audio/video file too large',
    description: 'The file has more bytes than the server accepts for conversion.',
  },
  PORM_MEDIA_AV_BUDGET_UNREACHABLE: {
    status: 422,
    title: 'Byte budget too small',
    description: 'The route allows so few bytes that not even one second of audio or video at the lowest sensible quality fits. Use a route with a larger MMS size limit or send a link instead.',
  },
  PORM_MEDIA_FFMPEG_TIMEOUT: {
    status: 503,
    title: 'Conversion took too long',
    description: 'ffmpeg or ffprobe ran past its CPU or wall-clock time limit and was stopped. porm retries later; a file that always times out is too heavy to convert.',
  },
  PORM_MEDIA_FFMPEG_FAILED: {
    status: 500,
    title: 'Conversion failed',
    description: 'ffmpeg or ffprobe exited with an error, or produced output that is missing or larger than allowed. The server log has ffmpeg\'s last lines.',
  },
});

export type MediaAvErrorCode = keyof typeof mediaAvErrors;
