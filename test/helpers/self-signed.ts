import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// Throwaway TLS certificates for loopback servers, made with Debian's openssl CLI (installed by
// .ci/run). Tests that need one skip with `opensslMissing` as the reason when it is not there.

export const opensslMissing: string | false = spawnSync('openssl', ['version']).status === 0 ? false : 'the openssl CLI is not installed';

/** A self-signed key and certificate for 127.0.0.1 and localhost, valid two days, as PEM files in `dir`. */
export function selfSigned(dir: string, name: string): { key: string; cert: string } {
  const key = join(dir, `${name}.key`);
  const cert = join(dir, `${name}.pem`);
  const run = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2',
    '-subj', `/CN=${name}`, '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return { key, cert };
}
