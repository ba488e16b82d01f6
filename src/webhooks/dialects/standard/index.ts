import type { WebhookDialect } from '../dialect.ts';
import { renderStandardBody } from './presenter.ts';
import { signStandard } from './signer.ts';

/** Standard Webhooks (https://www.standardwebhooks.com) with /v1 JSON bodies. */
export const standardDialect: WebhookDialect = { name: 'standard', render: renderStandardBody, sign: signStandard };
