import { AvError } from './av-error.ts';

export interface VideoStreamInfo {
  /** ffprobe stream index, for `-map 0:<index>`. */
  readonly index: number;
  readonly codec: string;
  readonly profile?: string;
  /** As displayed: a phone clip stored 1920×1080 with a 90° rotation reports 1080×1920. */
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly bitrate?: number;
}

export interface AudioStreamInfo {
  readonly index: number;
  readonly codec: string;
  readonly sampleRate: number;
  readonly channels: number;
  readonly bitrate?: number;
}

export interface MediaProbe {
  /** Short name: mp4, mov, 3gp, 3g2, m4a, matroska, mp3, wav, ogg, amr, ... */
  readonly container: string;
  /** ffprobe's own format_name, e.g. "mov,mp4,m4a,3gp,3g2,mj2". */
  readonly formatName: string;
  readonly durationSec: number;
  readonly video?: VideoStreamInfo;
  readonly audio?: AudioStreamInfo;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' && v !== 'N/A' && v !== 'unknown' ? v : undefined);
const num = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
};
const positive = (v: unknown): number | undefined => {
  const n = num(v);
  return n !== undefined && n > 0 ? n : undefined;
};

/** "30000/1001" → 29.97; "0/0" → undefined. */
function rate(v: unknown): number | undefined {
  const s = str(v);
  if (!s) return undefined;
  const [a, b] = s.split('/').map(Number);
  if (a === undefined || !Number.isFinite(a)) return undefined;
  const r = b === undefined ? a : b > 0 ? a / b : NaN;
  return Number.isFinite(r) && r > 0 ? r : undefined;
}

function rotation(stream: Json): number {
  const sideData = Array.isArray(stream['side_data_list']) ? stream['side_data_list'] : [];
  for (const entry of sideData) if (isObject(entry) && num(entry['rotation']) !== undefined) return num(entry['rotation'])!;
  return isObject(stream['tags']) ? num(stream['tags']['rotate']) ?? 0 : 0;
}

function container(formatName: string, brand: string | undefined): string {
  if (!formatName.startsWith('mov,')) return formatName.split(',')[0]!;
  const b = (brand ?? '').trim().toLowerCase();
  if (b === 'qt') return 'mov';
  if (b.startsWith('3g2')) return '3g2';
  if (b.startsWith('3g')) return '3gp';
  if (b === 'm4a') return 'm4a';
  return 'mp4';
}

const unreadable = (why: string): AvError => new AvError('PORM_MEDIA_AV_UNREADABLE', why);

/** Turns ffprobe's JSON (-show_format -show_streams) into a MediaProbe, or PORM_MEDIA_AV_UNREADABLE. */
export function parseProbe(text: string): MediaProbe {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    throw unreadable('ffprobe printed no readable description of the file');
  }
  if (!isObject(root) || !isObject(root['format'])) throw unreadable('ffprobe found no container');
  const format = root['format'];
  const streams = (Array.isArray(root['streams']) ? root['streams'] : []).filter(isObject);
  const formatName = str(format['format_name']) ?? 'unknown';
  const brand = isObject(format['tags']) ? str(format['tags']['major_brand']) : undefined;

  // Cover art of an MP3/M4A is a "video" stream of one picture: not a video.
  const videoJson = streams.find((s) => s['codec_type'] === 'video' && !(isObject(s['disposition']) && s['disposition']['attached_pic'] === 1));
  const audioJson = streams.find((s) => s['codec_type'] === 'audio');
  if (!videoJson && !audioJson) throw unreadable('the file has no audio or video stream');

  let video: VideoStreamInfo | undefined;
  if (videoJson) {
    const w = positive(videoJson['width']);
    const h = positive(videoJson['height']);
    if (!w || !h) throw unreadable('the video stream has no usable dimensions');
    const turned = Math.abs(rotation(videoJson)) % 180 === 90;
    video = {
      index: num(videoJson['index']) ?? 0,
      codec: str(videoJson['codec_name']) ?? 'unknown',
      profile: str(videoJson['profile']),
      width: turned ? h : w,
      height: turned ? w : h,
      fps: rate(videoJson['avg_frame_rate']) ?? rate(videoJson['r_frame_rate']) ?? 0,
      bitrate: positive(videoJson['bit_rate']),
    };
  }
  let audio: AudioStreamInfo | undefined;
  if (audioJson) {
    audio = {
      index: num(audioJson['index']) ?? 0,
      codec: str(audioJson['codec_name']) ?? 'unknown',
      sampleRate: positive(audioJson['sample_rate']) ?? 0,
      channels: positive(audioJson['channels']) ?? 0,
      bitrate: positive(audioJson['bit_rate']),
    };
  }
  const durationSec = positive(format['duration']) ?? Math.max(0, ...streams.map((s) => positive(s['duration']) ?? 0));
  if (!(durationSec > 0)) throw unreadable('the file does not say how long it plays');
  return { container: container(formatName, brand), formatName, durationSec, video, audio };
}
