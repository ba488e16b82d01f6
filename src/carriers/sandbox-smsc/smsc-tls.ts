import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { PormError } from '../../errors.ts';

/** The sandbox SMSC's TLS identity, as PEM files on disk. */
export interface SmscTlsFiles {
  key: string;
  cert: string;
}

/**
 * Reads the sandbox SMSC's key and certificate and checks them before it listens, so a wrong
 * path or a key that does not belong to the certificate stops `porm start` / `porm sandbox-smsc`
 * with a clear code instead of a server whose every handshake fails.
 */
export function loadSmscTls(files: SmscTlsFiles): { key: Buffer; cert: Buffer } {
  const read = (what: 'key' | 'cert', path: string): Buffer => {
    try {
      return readFileSync(path);
    } catch (err) {
      throw new PormError('PORM_SANDBOX_SMSC_TLS_UNREADABLE', `cannot read the sandbox SMSC's TLS ${what === 'key' ? 'private key' : 'certificate'} ${path}: ${(err as Error).message}`);
    }
  };
  const pem = { key: read('key', files.key), cert: read('cert', files.cert) };
  checkSmscTls(pem, `${files.key} / ${files.cert}`);
  return pem;
}

/** Throws PORM_SANDBOX_SMSC_TLS_INVALID unless key and cert are PEM and the key is the certificate's. */
export function checkSmscTls(pem: { key: string | Buffer; cert: string | Buffer }, where = 'the given key and certificate'): void {
  try {
    // The same check tls.createServer makes, without a server: parses both and matches them.
    createSecureContext({ key: pem.key, cert: pem.cert });
  } catch (err) {
    throw new PormError('PORM_SANDBOX_SMSC_TLS_INVALID', `the sandbox SMSC cannot use ${where} for TLS: ${(err as Error).message} (both must be PEM, and the key must be the certificate's)`);
  }
}
