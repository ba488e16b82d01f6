import type { FastifySwaggerUiOptions } from '@fastify/swagger-ui';
import { PORM_ICON_SVG, PORM_LOGO_SVG } from './porm-logo.ts';

/** The /docs page is porm's: its logo, title and favicon, not swagger-ui's defaults. */
export function docsPageOptions(): FastifySwaggerUiOptions {
  return {
    routePrefix: '/docs',
    logo: { type: 'image/svg+xml', content: Buffer.from(PORM_LOGO_SVG), href: '/docs', target: '_self' },
    theme: {
      title: 'porm API',
      favicon: [{ filename: 'porm-icon.svg', rel: 'icon', sizes: 'any', type: 'image/svg+xml', content: Buffer.from(PORM_ICON_SVG) }],
    },
  };
}
