import { defineErrors } from '../../error-def.ts';

// Error codes of the sandbox SMSC (porm's built-in SMPP 3.4 server). Codes are stable.
export const sandboxSmscErrors = defineErrors({
  PORM_SANDBOX_SMSC_NO_RECEIVER: {
    status: 503,
    title: 'No SMPP receiver bound to the sandbox SMSC',
    description: 'The sandbox SMSC was asked to deliver an MO SMS or a receipt now, but no ESME is bound to it as receiver or transceiver. Start porm (or your SMPP client) and let it bind first.',
  },
  PORM_SANDBOX_SMSC_UNKNOWN_MESSAGE: {
    status: 404,
    title: 'Message unknown to the sandbox SMSC',
    description: 'The sandbox SMSC did not accept a message with this id, or has already had its final receipt taken, so it cannot report on it.',
  },
  PORM_SANDBOX_SMSC_TLS_UNREADABLE: {
    status: 500,
    title: "The sandbox SMSC's TLS key or certificate cannot be read",
    description: 'A `sandbox-smsc` carrier\'s `tls.key` / `tls.cert` (or `porm sandbox-smsc --tls-key/--tls-cert`) names a file that is missing or unreadable, so the SMSC does not start. Point them at PEM files porm can read.',
  },
  PORM_SANDBOX_SMSC_TLS_INVALID: {
    status: 500,
    title: "The sandbox SMSC's TLS key and certificate do not make a TLS identity",
    description: 'The files were read but are not PEM, or the private key is not the certificate\'s, so the sandbox SMSC does not start. Give the PEM private key and the certificate made from it (for a test, `openssl req -x509 -newkey rsa:2048 -nodes -keyout smsc.key -out smsc.pem -subj /CN=localhost -addext subjectAltName=IP:127.0.0.1,DNS:localhost`).',
  },
});
