// Types of build-state.js (plain JavaScript, as bin/porm.js runs before any TypeScript loader), for the bench and tests.
export const ROOT: string;
export const DIST: string;
export function sourceFingerprint(root?: string): { newestMs: number; files: number };
export function buildState(root?: string): 'current' | 'missing' | 'stale';
