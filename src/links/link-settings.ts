import { PormError, type FieldError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import type { Db } from '../store/schema.ts';
import { UTM_KEYS, type Utm } from './utm.ts';

// Each account's link settings: its own short domain (porm's public URL until one is set), the
// UTM parameters added to every tracked link, how long links live and the attribution windows.

export interface LinkSettings {
  /** null: porm's own public URL. */
  baseUrl: string | null;
  utm: Utm;
  ttlDays: number;
  /** A conversion within this long after a person's click is credited to that click. */
  clickWindowHours: number;
  /** Otherwise, within this long after a message was delivered, to that message. */
  deliveryWindowHours: number;
}

export type LinkSettingsPatch = Partial<LinkSettings>;

/** Twilio's shortened links live 90 days; Attentive credits 5 days after a click, 24 h after delivery. */
export const DEFAULT_LINK_SETTINGS: LinkSettings = { baseUrl: null, utm: {}, ttlDays: 90, clickWindowHours: 120, deliveryWindowHours: 24 };

function checkBaseUrl(value: string): string {
  const bad = (): never => { throw new PormError('PORM_INVALID_SHORT_DOMAIN', undefined, [{ field: '/baseUrl', code: 'PORM_INVALID_SHORT_DOMAIN', message: 'an absolute http(s) URL with a host, no query or fragment' }]); };
  if (!URL.canParse(value)) return bad();
  const url = new URL(value);
  if (!['http:', 'https:'].includes(url.protocol) || url.hostname === '' || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') return bad();
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

function checkWhole(field: string, value: number, min: number, max: number): FieldError | null {
  return Number.isInteger(value) && value >= min && value <= max ? null
    : { field, code: 'PORM_VALIDATION_FAILED', message: `a whole number from ${min} to ${max}` };
}

/** The patch applied to `current`, checked; throws PormError with every bad field. */
export function applySettingsPatch(current: LinkSettings, patch: LinkSettingsPatch): LinkSettings {
  const next: LinkSettings = { ...current, ...patch, utm: patch.utm ?? current.utm };
  if (patch.baseUrl !== undefined && patch.baseUrl !== null) next.baseUrl = checkBaseUrl(patch.baseUrl);
  const errors = [
    checkWhole('/ttlDays', next.ttlDays, 1, 3650),
    checkWhole('/clickWindowHours', next.clickWindowHours, 0, 24 * 90),
    checkWhole('/deliveryWindowHours', next.deliveryWindowHours, 0, 24 * 90),
    ...Object.entries(next.utm).map(([k, v]): FieldError | null => ((UTM_KEYS as readonly string[]).includes(k) && typeof v === 'string' && v.length <= 200 ? null
      : { field: `/utm/${k}`, code: 'PORM_VALIDATION_FAILED', message: `one of ${UTM_KEYS.join(', ')}, a text of at most 200 characters` })),
  ].filter((e): e is FieldError => e !== null);
  if (errors.length > 0) throw new PormError('PORM_VALIDATION_FAILED', errors[0]!.message, errors);
  return next;
}

export async function readLinkSettings(db: Db, accountId: string): Promise<LinkSettings> {
  const row = await db.selectFrom('link_settings').selectAll().where('account_id', '=', accountId).executeTakeFirst();
  if (!row) return DEFAULT_LINK_SETTINGS;
  return {
    baseUrl: row.base_url, utm: JSON.parse(row.utm_json) as Utm, ttlDays: row.ttl_days,
    clickWindowHours: row.click_window_hours, deliveryWindowHours: row.delivery_window_hours,
  };
}

export class LinkSettingsService {
  constructor(private readonly store: Store, private readonly now: () => number) {}

  get(accountId: string): Promise<LinkSettings> {
    return readLinkSettings(this.store.db, accountId);
  }

  /** Read and written in one unit, so two concurrent patches of different fields both stick. */
  update(accountId: string, patch: LinkSettingsPatch): Promise<LinkSettings> {
    return this.store.write(async (tx) => {
      await this.store.lockKey(tx, `link-settings:${accountId}`);
      const next = applySettingsPatch(await readLinkSettings(tx, accountId), patch);
      const row = {
        base_url: next.baseUrl, utm_json: JSON.stringify(next.utm), ttl_days: next.ttlDays,
        click_window_hours: next.clickWindowHours, delivery_window_hours: next.deliveryWindowHours, updated_at: this.now(),
      };
      await tx.insertInto('link_settings').values({ account_id: accountId, ...row })
        .onConflict((oc) => oc.column('account_id').doUpdateSet(row)).execute();
      return next;
    });
  }
}
