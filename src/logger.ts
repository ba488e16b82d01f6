import pino, { type Logger } from 'pino';
import type { Config } from './config.ts';

/** Structured JSON logs. Secrets are redacted by path so they never reach a log line. */
export function createLogger(config: Pick<Config, 'logLevel'>, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    base: { service: 'porm' },
    redact: {
      paths: ['req.headers.authorization', 'headers.authorization', 'apiKey', '*.apiKey', 'key', '*.key', 'secret', '*.secret', 'webhookSecret', '*.webhookSecret'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
