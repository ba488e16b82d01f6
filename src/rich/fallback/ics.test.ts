// iCalendar files, checked by an independent parser (ical.js): every field round-trips, hostile
// values cannot add properties or events, and lines are CRLF-terminated and folded at 75 octets.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import ICAL from 'ical.js';
import { PormError } from '../../errors.ts';
import { buildIcs, icsFilename, type IcsEvent } from './ics.ts';

const NOW = Date.UTC(2026, 4, 1, 9, 15, 30);
const base: IcsEvent = {
  uid: 'msg123-cal@porm', title: 'Dr. Lee, Riverside Clinic', start: '2026-05-12T10:30:00+02:00', end: '2026-05-12T11:00:00+02:00',
  location: 'Riverside Clinic, 12 Quay St', description: 'Bring your card; arrive early.', url: 'https://porm.example/m/Ab3dEf9hJk',
};

function parse(ics: string): { calendar: ICAL.Component; events: ICAL.Component[] } {
  const calendar = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  return { calendar, events: calendar.getAllSubcomponents('vevent') };
}

function only(ics: string): ICAL.Component {
  const { events } = parse(ics);
  assert.equal(events.length, 1);
  return events[0]!;
}

const value = (event: ICAL.Component, name: string): unknown => event.getFirstPropertyValue(name);
const time = (event: ICAL.Component, name: string): string => String(event.getFirstPropertyValue(name));
const octets = (line: string): number => Buffer.byteLength(line, 'utf8');

/** What a text field should read back as: control characters gone, line breaks as \n. */
// eslint-disable-next-line no-control-regex -- the oracle strips the same controls
const expected = (s: string): string => s.toWellFormed().replace(/\r\n|[\r\u2028\u2029]/g, '\n').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, '');

function assertWellFormed(ics: string): void {
  assert.ok(ics.endsWith('\r\n'));
  assert.ok(!/[^\r]\n/.test(ics) && !/\r[^\n]/.test(ics), 'bare CR or LF');
  for (const line of ics.slice(0, -2).split('\r\n')) assert.ok(octets(line) <= 75, `line of ${octets(line)} octets: ${line}`);
}

describe('buildIcs', () => {
  it('writes a PUBLISH calendar whose fields all round-trip through ical.js', () => {
    const ics = buildIcs(base, NOW);
    assertWellFormed(ics);
    const { calendar } = parse(ics);
    assert.equal(calendar.getFirstPropertyValue('prodid'), '-//porm//rich messages//EN');
    assert.equal(calendar.getFirstPropertyValue('version'), '2.0');
    assert.equal(calendar.getFirstPropertyValue('method'), 'PUBLISH');
    const event = only(ics);
    assert.equal(value(event, 'uid'), base.uid);
    assert.equal(time(event, 'dtstamp'), '2026-05-01T09:15:30Z');
    assert.equal(time(event, 'dtstart'), '2026-05-12T08:30:00Z');
    assert.equal(time(event, 'dtend'), '2026-05-12T09:00:00Z');
    assert.equal(value(event, 'summary'), base.title);
    assert.equal(value(event, 'location'), base.location);
    assert.equal(value(event, 'description'), base.description);
    assert.equal(value(event, 'url'), base.url);
    assert.match(ics, /\r\nDTSTART:20260512T083000Z\r\nDTEND:20260512T090000Z\r\n/);
  });

  it('defaults the end to one hour after the start, and replaces an end that is not after it', () => {
    for (const end of [null, 'soon', '2026-05-12T08:00:00Z', '2026-05-12']) {
      const event = only(buildIcs({ ...base, start: '2026-05-12T10:30:00Z', end }, NOW));
      assert.equal(time(event, 'dtend'), '2026-05-12T11:30:00Z', String(end));
    }
  });

  it('writes all-day events as dates and wall-clock times without an offset as floating times', () => {
    const day = only(buildIcs({ ...base, start: '2026-12-24', end: null }, NOW));
    assert.equal(time(day, 'dtstart'), '2026-12-24');
    assert.equal(time(day, 'dtend'), '2026-12-25');
    const floating = only(buildIcs({ ...base, start: '2026-05-12T10:30', end: '2026-05-12T12:00' }, NOW));
    assert.equal(time(floating, 'dtstart'), '2026-05-12T10:30:00');
    assert.equal(time(floating, 'dtend'), '2026-05-12T12:00:00');
  });

  it('leaves out empty optional fields and URLs that are not absolute http(s)', () => {
    const ics = buildIcs({ ...base, location: null, description: '', url: 'javascript:alert(1)' }, NOW);
    const event = only(ics);
    assert.equal(value(event, 'location'), null);
    assert.equal(value(event, 'description'), null);
    assert.equal(value(event, 'url'), null);
    assert.doesNotMatch(ics, /javascript/);
  });

  it('refuses a start no calendar can read', () => {
    for (const start of ['tomorrow', '2026-02-30T10:00:00Z', '2026-05-12T25:00:00Z', '']) {
      assert.throws(() => buildIcs({ ...base, start }, NOW), (err: unknown) => err instanceof PormError && err.code === 'PORM_RICH_DATA_INVALID', start);
    }
  });

  it('keeps injected lines inside their field: one event, fields exactly as given', () => {
    const hostile: IcsEvent = {
      uid: 'u1\r\nUID:evil',
      title: 'Party\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Phish; click, now\\',
      start: '2026-05-12T10:30:00Z',
      end: null,
      location: 'Room 1;2,3\nLOCATION:elsewhere',
      description: 'Line one\nLine two\rLine three\u0000\u0007 — done 🎉',
      url: 'https://porm.example/m/x\r\nATTACH:http://evil.example/',
    };
    const ics = buildIcs(hostile, NOW);
    assertWellFormed(ics);
    assert.equal(ics.match(/^BEGIN:VEVENT$/gm)?.length, 1);
    const event = only(ics);
    assert.equal(value(event, 'uid'), expected(hostile.uid));
    assert.equal(value(event, 'summary'), expected(hostile.title));
    assert.equal(value(event, 'location'), expected(hostile.location!));
    assert.equal(value(event, 'description'), 'Line one\nLine two\nLine three — done 🎉');
    assert.equal(event.getAllProperties('attach').length, 0);
    assert.equal(event.getAllProperties('summary').length, 1);
  });

  it('folds long lines at 75 octets without splitting a multi-byte character', () => {
    const title = `${'Grand opening night 🎉 with the Café Ørsted orchestra, ünd 中文 guests; '.repeat(8)}`.slice(0, 500);
    const ics = buildIcs({ ...base, title, description: 'é'.repeat(300) }, NOW);
    assertWellFormed(ics);
    assert.ok(ics.split('\r\n').some((l) => l.startsWith(' ')), 'something was folded');
    // Every physical line is valid UTF-8 on its own: no character was cut in half.
    for (const line of ics.split('\r\n')) assert.equal(Buffer.from(Buffer.from(line, 'utf8').toString('utf8'), 'utf8').length, octets(line));
    const event = only(ics);
    assert.equal(value(event, 'summary'), title);
    assert.equal(value(event, 'description'), 'é'.repeat(300));
  });

  it('property: any title, location and description round-trips and stays one event (fast-check)', () => {
    const unit = fc.oneof(
      { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 1 }) },
      { weight: 2, arbitrary: fc.constantFrom('\r\n', '\n', '\r', ';', ',', '\\', ':', '"', 'END:VEVENT', 'BEGIN:VEVENT', '\\n', ' ') },
      { weight: 1, arbitrary: fc.constantFrom('🎉', '👍🏽', '中', 'é', '\uD83D', '\u0000', '\u001B', '\u0085') },
    );
    const str = fc.string({ unit, maxLength: 200 });
    fc.assert(fc.property(str, str, str, (title, location, description) => {
      const ics = buildIcs({ ...base, title, location, description }, NOW);
      assertWellFormed(ics);
      const event = only(ics);
      // An empty (or all-control) field is left out, which ical.js reads back as null.
      for (const [name, v] of [['summary', title], ['location', location], ['description', description]] as const) {
        assert.equal(value(event, name) ?? '', expected(v), name);
      }
    }), { numRuns: 300 });
  });
});

describe('icsFilename', () => {
  it('keeps lowercase letters, digits and dashes from the title', () => {
    assert.equal(icsFilename('Dr. Lee, Riverside Clinic'), 'dr-lee-riverside-clinic.ics');
    assert.equal(icsFilename('../../etc/passwd'), 'etc-passwd.ics');
    assert.equal(icsFilename('🎉 中文'), 'event.ics');
    assert.match(icsFilename('A very long title that goes on and on and on and on and on'), /^[a-z0-9-]{1,40}\.ics$/);
  });
});
