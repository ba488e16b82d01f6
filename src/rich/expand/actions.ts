import type { BoundAction } from '../bound/model.ts';
import type { Action } from '../format/types.ts';
import type { Build } from './context.ts';
import { Drop } from './drop.ts';
import type { CompileScope } from './scope.ts';

// Actions: every URL, phone number and time is rendered and checked (scope.url/phone/instant), so
// a bad value throws Drop and leaves out the unit holding the action. `id` is fixed at compile time.

export function compileAction(a: Action, id: string, at: string, s: CompileScope): Build<BoundAction> {
  switch (a.kind) {
    case 'open_url': {
      const url = s.url(a.url, `${at}/url`);
      return (ctx) => ({ kind: 'open_url', id, url: url(ctx) });
    }
    case 'deep_link': {
      const url = s.url(a.url, `${at}/url`);
      const fallbackUrl = s.webUrl(a.fallbackUrl, `${at}/fallbackUrl`);
      return (ctx) => ({ kind: 'deep_link', id, url: url(ctx), fallbackUrl: fallbackUrl(ctx) });
    }
    case 'call': {
      const phone = s.phone(a.phone, `${at}/phone`);
      return (ctx) => ({ kind: 'call', id, phone: phone(ctx) });
    }
    case 'sms_reply': {
      const body = s.text(a.body, `${at}/body`);
      const to = s.optPhone(a.to, `${at}/to`);
      return (ctx) => ({ kind: 'sms_reply', id, body: body(ctx), to: to(ctx) });
    }
    case 'add_to_calendar': {
      const title = s.text(a.title, `${at}/title`);
      const start = s.instant(a.start, `${at}/start`);
      const end = s.optInstant(a.end, `${at}/end`);
      const location = s.optText(a.location, `${at}/location`);
      const description = s.optText(a.description, `${at}/description`);
      return (ctx) => ({ kind: 'add_to_calendar', id, title: title(ctx), start: start(ctx), end: end(ctx), location: location(ctx), description: description(ctx) });
    }
    case 'show_on_map': {
      const query = s.optText(a.query, `${at}/query`);
      const label = s.optText(a.label, `${at}/label`);
      const lat = a.lat ?? null;
      const lng = a.lng ?? null;
      const directions = a.directions ?? false;
      return (ctx) => ({ kind: 'show_on_map', id, query: query(ctx), lat, lng, label: label(ctx), directions });
    }
    case 'copy_code': {
      const code = s.text(a.code, `${at}/code`);
      return (ctx) => ({ kind: 'copy_code', id, code: code(ctx) });
    }
    case 'postback': {
      const payload = s.text(a.payload, `${at}/payload`);
      const confirm = s.optText(a.confirm, `${at}/confirm`);
      return (ctx) => ({ kind: 'postback', id, payload: payload(ctx), confirm: confirm(ctx) });
    }
    case 'submit_form': {
      const formId = a.formId;
      // A submit button for a form that was dropped (rule or data) would submit nothing.
      return (ctx) => {
        if (!ctx.forms.has(formId)) throw new Drop(`${at}/formId`, 'form-absent', `form "${formId}" is not in this message`);
        return { kind: 'submit_form', id, formId };
      };
    }
  }
}
