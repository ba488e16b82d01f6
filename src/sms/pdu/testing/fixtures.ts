import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The shared SMPP vectors (cloudhopper-derived, Apache-2.0), read in place and never copied.
export const SMPP_VECTORS = join(process.cwd(), '..', 'shared', 'fixtures', 'smpp', 'vectors.json');
export const haveVectors = existsSync(SMPP_VECTORS);
export const vectorsSkip: string | false = haveVectors ? false : 'skipped: ../shared/fixtures/smpp/vectors.json not found';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export interface PduVector {
  name: string;
  hex: string;
  kind: 'pdu' | 'incomplete' | 'error' | 'stream' | 'malformed';
  expect: Record<string, Json>;
}

export interface ReceiptVector {
  name: string;
  mode: string;
  text?: string;
  input?: Record<string, Json>;
  expect?: Record<string, Json>;
  expect_text?: string;
  expect_error?: boolean;
  roundtrip?: boolean;
  format_contains?: string;
}

interface VectorFile {
  pdu_vectors: PduVector[];
  receipt_vectors: ReceiptVector[];
}

export function loadVectors(): VectorFile {
  if (!haveVectors) return { pdu_vectors: [], receipt_vectors: [] };
  const parsed: unknown = JSON.parse(readFileSync(SMPP_VECTORS, 'utf8'));
  return parsed as VectorFile;
}
