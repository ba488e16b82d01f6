// porm's audio/video pipeline: find ffmpeg, describe a file, fit video and audio to a route's
// byte budget and formats. Everything runs ffmpeg/ffprobe as child processes on private temp files.
export { detectFfmpeg, defaultFfmpeg, requireFfmpeg, AV_ENCODERS } from './detect-ffmpeg.ts';
export type { FfmpegInfo, FfmpegUnavailable, FfmpegDetection, DetectOptions, AvCapability } from './detect-ffmpeg.ts';
export { probeMedia } from './probe.ts';
export type { ProbeOptions } from './probe.ts';
export type { MediaProbe, VideoStreamInfo, AudioStreamInfo } from './probe-parse.ts';
export { fitVideo } from './fit-video.ts';
export type { VideoTarget } from './fit-video.ts';
export { fitAudio } from './fit-audio.ts';
export type { AudioTarget } from './fit-audio.ts';
export type { FitOptions, FitResult, AvWarning, X264Preset } from './fit-types.ts';
export type { AvProgress } from './ffmpeg-progress.ts';
export { DEFAULT_INPUT_LIMITS } from './input-guard.ts';
export type { InputLimits } from './input-guard.ts';
export { DEFAULT_ENCODE_LIMITS } from './run-ffmpeg.ts';
export type { EncodeLimits } from './run-ffmpeg.ts';
export { AvError, isAvError } from './av-error.ts';
export { mediaAvErrors } from './errors.ts';
export type { MediaAvErrorCode } from './errors.ts';
