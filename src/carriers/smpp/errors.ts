import { defineErrors } from '../../error-def.ts';

// Error codes of the smpp connector and the sandbox SMSC's handset. Codes are stable.
export const smppErrors = defineErrors({
  PORM_SANDBOX_SMS_MEDIA: {
    status: 400,
    title: 'An SMS carries no media',
    description: 'POST /v1/sandbox/inbound named a sandbox-smsc carrier but gave media; a handset sends media as MMS. Leave `media` out, or name the MMS sandbox carrier.',
  },
  PORM_SANDBOX_SMS_REFUSED: {
    status: 502,
    title: 'porm refused the sandbox MO SMS',
    description: 'The sandbox SMSC delivered the MO SMS (deliver_sm) but porm answered with an error status, so nothing was stored. The server log says why.',
  },
  PORM_SMPP_TLS_CERTIFICATE: {
    status: 502,
    title: "The SMSC's TLS certificate is not trusted",
    description: 'An smpp connector with `tls` could not verify the SMSC\'s certificate (self-signed, unknown issuer, expired, or issued for another name). porm does not bind, keeps retrying with backoff, and keeps the messages queued; a message whose retries run out fails with this code. Trust the SMSC\'s CA with `tls.ca` (a PEM file, read at each connect) or set `tls.servername` to the name in the certificate.',
  },
  PORM_SMPP_TLS_HANDSHAKE: {
    status: 502,
    title: 'TLS handshake with the SMSC failed',
    description: 'The SMSC accepted the TCP connection but the TLS handshake did not complete (the port does not speak TLS, or no common protocol version or cipher). porm retries with backoff; messages stay queued.',
  },
  PORM_SMPP_TLS_CA_UNREADABLE: {
    status: 500,
    title: 'The tls.ca file cannot be read',
    description: 'The PEM file named by an smpp connector\'s `tls.ca` is missing or unreadable. porm retries the connection with backoff (reading the file again each time); messages stay queued.',
  },
  PORM_SMPP_CONNECT_FAILED: {
    status: 503,
    title: 'Cannot reach the SMSC',
    description: 'The TCP connection to the SMSC was refused, timed out or the host is unknown. porm retries with backoff; messages stay queued.',
  },
  PORM_SMPP_BIND_LOST: {
    status: 503,
    title: 'An SMPP bind was lost',
    description: 'A bound session to the SMSC closed (the SMSC unbound or went away, the connection dropped, or enquire_link went unanswered). porm binds again with backoff; messages stay queued. The dashboard overview lists it among the connector\'s recent errors.',
  },
  PORM_SMPP_BIND_REFUSED: {
    status: 502,
    title: 'The SMSC refused the bind',
    description: 'The SMSC answered bind_transceiver / bind_transmitter / bind_receiver with an error status (wrong system_id or password, ESME_RBINDFAIL, ...) or not at all. porm retries with backoff; messages stay queued.',
  },
});
