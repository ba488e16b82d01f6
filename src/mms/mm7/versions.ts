import { buildInvalid } from './mm7-error.ts';

// MM7 schema releases. The namespace selects the schema and carriers are picky about it, so
// namespace and MM7Version are per-carrier settings (mms-wire.md §3.4). Inbound, any namespace is
// accepted: elements are matched on local names and the namespace is only reported.

export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const MM7_NS_BASE = 'http://www.3gpp.org/ftp/Specs/archive/23_series/23.140/schema/';

export const MM7_RELEASES = [
  'REL-5-MM7-1-0',
  'REL-5-MM7-1-1',
  'REL-5-MM7-1-2',
  'REL-5-MM7-1-3',
  'REL-5-MM7-1-4',
  'REL-5-MM7-1-5',
  'REL-6-MM7-1-0',
  'REL-6-MM7-1-1',
  'REL-6-MM7-1-2',
  'REL-6-MM7-1-3',
  'REL-6-MM7-1-4',
] as const;

export type Mm7Release = (typeof MM7_RELEASES)[number];

export const DEFAULT_MM7_RELEASE: Mm7Release = 'REL-6-MM7-1-4';

/** The MM7Version sent with a release unless the carrier asks for another (Mbuni: 5.3.0; aggregators: 6.8.0). */
export function defaultMm7Version(release: Mm7Release): string {
  return release.startsWith('REL-5') ? '5.3.0' : '6.8.0';
}

export function mm7Namespace(release: Mm7Release): string {
  return MM7_NS_BASE + release;
}

/** The release named by a namespace URI, when it is one of the known ones. */
export function releaseOfNamespace(ns: string | undefined): Mm7Release | undefined {
  if (ns === undefined || !ns.startsWith(MM7_NS_BASE)) return undefined;
  const tail = ns.slice(MM7_NS_BASE.length);
  return (MM7_RELEASES as readonly string[]).includes(tail) ? (tail as Mm7Release) : undefined;
}

export interface Mm7VersionOptions {
  /** Schema release; selects the namespace. Default REL-6-MM7-1-4. */
  readonly release?: Mm7Release;
  /** Explicit namespace URI for carriers that want something else (overrides `release`). */
  readonly namespace?: string;
  /** MM7Version element value; default 6.8.0 for Rel-6, 5.3.0 for Rel-5. */
  readonly mm7Version?: string;
}

export interface ResolvedVersion {
  readonly namespace: string;
  readonly mm7Version: string;
}

export function resolveVersion(options: Mm7VersionOptions | undefined, messageVersion: string | undefined): ResolvedVersion {
  const release = options?.release ?? DEFAULT_MM7_RELEASE;
  if (!(MM7_RELEASES as readonly string[]).includes(release)) throw buildInvalid('options.release', `unknown MM7 release ${String(release)}`);
  const namespace = options?.namespace ?? mm7Namespace(release);
  if (!/^[\x21-\x7e]+$/.test(namespace)) throw buildInvalid('options.namespace', 'namespace must be a non-empty URI without spaces');
  const mm7Version = messageVersion ?? options?.mm7Version ?? defaultMm7Version(release);
  if (!/^\d{1,2}\.\d{1,2}\.\d{1,2}$/.test(mm7Version)) throw buildInvalid('MM7Version', `"${mm7Version}" is not of the form x.y.z`);
  return { namespace, mm7Version };
}
