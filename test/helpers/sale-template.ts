import type { TemplateDocument } from '../../src/rich/format/index.ts';

// A rich template for campaign tests: it reads the contact (as campaigns give it) and a `sale`
// object the campaign's fixed data must supply (missing: block, so a campaign without it excludes everyone).
const theme = { primaryColor: '#0b5fff', backgroundColor: '#ffffff', textColor: '#1a1a1a', onPrimaryColor: '#ffffff', font: 'inter', cornerRadius: 12 } as const;

export const saleTemplate: TemplateDocument = {
  version: 1, name: 'spring-sale', theme,
  data: {
    contact: { type: 'object', missing: 'default', default: {}, example: { name: 'Ada', attributes: { plan: 'gold' } }, fields: { name: { type: 'string' }, attributes: { type: 'object', fields: { plan: { type: 'string' } } } } },
    sale: { type: 'object', missing: 'block', example: { percent: 20 }, fields: { percent: { type: 'number' } } },
  },
  components: [{ type: 'text', text: 'Hi {{ contact.name | default: "there" }}, {{ contact.attributes.plan }} members save {{ sale.percent }}% this week' }],
};
