export { fitImage } from './fit-image.ts';
export { inspectImage, HEVC_DECODABLE, type ImageInfo } from './inspect.ts';
export { searchQuality, JPEG_SEARCH, type QualitySearchOptions, type QualitySearchResult, type QualityProbe } from './quality-search.ts';
export { DEFAULT_LIMITS, type FitTarget, type FitResult, type FitStep, type CropAspect, type ImageLimits } from './types.ts';
