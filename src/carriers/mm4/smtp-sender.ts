import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import type { BuiltMail } from './mm4-build.ts';

// One pooled SMTP client to a peer MMSC (nodemailer's pool: a few long-lived connections, STARTTLS,
// AUTH), and the sorting of what went wrong into porm's submit outcomes. A 4xx reply or a broken
// connection is "try again"; a 5xx is the peer's permanent refusal; 421/452 mean "slow down".

export interface SmtpPeer {
  host: string;
  port: number;
  startTls: 'required' | 'opportunistic' | 'off';
  implicitTls: boolean;
  verifyCertificate: boolean;
  username?: string | undefined;
  password?: string | undefined;
  maxConnections: number;
  timeoutMs: number;
  /** The name porm greets with (EHLO): its MM4 domain. */
  heloName: string;
}

export type SendOutcome =
  | { kind: 'sent'; response: string }
  | { kind: 'refused'; code: number; response: string }
  | { kind: 'busy'; code: number; response: string }
  | { kind: 'failed'; reason: string };

export class SmtpSender {
  private readonly transport: Transporter<SMTPPool.SentMessageInfo>;

  constructor(peer: SmtpPeer) {
    const options: SMTPPool.Options = {
      pool: true,
      host: peer.host,
      port: peer.port,
      secure: peer.implicitTls,
      requireTLS: peer.startTls === 'required',
      ignoreTLS: peer.startTls === 'off',
      tls: { rejectUnauthorized: peer.verifyCertificate },
      name: peer.heloName,
      maxConnections: peer.maxConnections,
      // One connection carries many messages; nodemailer's default (100) would reconnect needlessly.
      maxMessages: 10_000,
      connectionTimeout: peer.timeoutMs,
      greetingTimeout: peer.timeoutMs,
      socketTimeout: peer.timeoutMs,
      ...(peer.username !== undefined ? { auth: { user: peer.username, pass: peer.password ?? '' } } : {}),
    };
    this.transport = nodemailer.createTransport(options);
  }

  async send(mail: BuiltMail, signal?: AbortSignal): Promise<SendOutcome> {
    const sending = this.transport.sendMail({ envelope: { from: mail.envelope.from, to: [mail.envelope.to] }, raw: mail.raw });
    try {
      const info = signal === undefined ? await sending : await abortable(sending, signal);
      return { kind: 'sent', response: info.response };
    } catch (err) {
      return classify(err);
    }
  }

  close(): void {
    this.transport.close();
  }
}

function classify(err: unknown): SendOutcome {
  const e = err as { responseCode?: number; response?: string; code?: string; message?: string };
  const code = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const response = (e.response ?? e.message ?? String(err)).slice(0, 300);
  if (code !== undefined && code >= 500) return { kind: 'refused', code, response };
  if (code === 421 || code === 452) return { kind: 'busy', code, response };
  if (code !== undefined && code >= 400) return { kind: 'failed', reason: `${code} ${response}` };
  return { kind: 'failed', reason: `${e.code ?? 'error'}: ${response}` };
}

function abortable<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Error('aborted: porm is shutting down'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new Error('aborted: porm is shutting down'));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
