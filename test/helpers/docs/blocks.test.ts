import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { extractBlocks, parseMarker, splitSteps } from './blocks.ts';
import { checkOutput, matchesText, subsetMismatch } from './match.ts';

describe('docs blocks: extractBlocks', () => {
  it('finds fenced blocks with their language, line and marker', () => {
    const md = ['# T', '', '<!-- docs-test: skip — needs a real MMSC -->', '', '```sh', 'curl x', '```', 'text', '```json', '{"a":1}', '```', ''].join('\n');
    const { blocks, errors } = extractBlocks(md);
    assert.deepEqual(errors, []);
    assert.equal(blocks.length, 2);
    assert.deepEqual(blocks[0], { line: 5, lang: 'sh', text: 'curl x', marker: { kind: 'skip', reason: 'needs a real MMSC' } });
    assert.deepEqual(blocks[1], { line: 9, lang: 'json', text: '{"a":1}' });
  });

  it('strips a list item indent and keeps blocks inside longer fences whole', () => {
    const md = ['- item', '  ```sh', '  echo hi', '    nested', '  ```', '````md', '```sh', 'inner', '```', '````'].join('\n');
    const { blocks } = extractBlocks(md);
    assert.equal(blocks.length, 2);
    assert.equal(blocks[0]?.text, 'echo hi\n  nested');
    assert.equal(blocks[1]?.lang, 'md');
    assert.equal(blocks[1]?.text, '```sh\ninner\n```');
  });

  it('reports unknown markers and skips without a reason', () => {
    const { errors } = extractBlocks('<!-- docs-test: frobnicate -->\n```sh\nx\n```\n<!-- docs-test: skip -->\n```sh\ny\n```');
    assert.equal(errors.length, 2);
    assert.equal(errors[0]?.line, 1);
  });

  it('parses every marker kind', () => {
    assert.deepEqual(parseMarker('config'), { kind: 'config' });
    assert.deepEqual(parseMarker('output'), { kind: 'output' });
    assert.deepEqual(parseMarker('template'), { kind: 'template' });
    assert.deepEqual(parseMarker('body POST /v1/messages'), { kind: 'body', method: 'POST', path: '/v1/messages' });
    assert.deepEqual(parseMarker('skip: systemd unit'), { kind: 'skip', reason: 'systemd unit' });
  });
});

describe('docs blocks: splitSteps', () => {
  it('ends a step at each arrow and joins continuation lines', () => {
    const steps = splitSteps(['A=1', 'curl a', '# → {"id":"msg_…",', '#   "status":"queued"}', '# a comment', 'curl b', '# → (exit 2) [PORM_X]', 'echo tail'].join('\n'));
    assert.deepEqual(steps, [
      { line: 1, script: 'A=1\ncurl a', expect: '{"id":"msg_…", "status":"queued"}', exitCode: 0 },
      { line: 5, script: '# a comment\ncurl b', expect: '[PORM_X]', exitCode: 2 },
      { line: 8, script: 'echo tail', exitCode: 0 },
    ]);
  });

  it('drops a trailing run of comments only', () => {
    assert.deepEqual(splitSteps('echo a\n# → a\n# just a note'), [{ line: 1, script: 'echo a', expect: 'a', exitCode: 0 }]);
  });
});

describe('docs blocks: matching', () => {
  it('matches "…" as any text, anchored at the ends', () => {
    assert.equal(matchesText('msg_…', 'msg_01abc'), true);
    assert.equal(matchesText('msg_…', 'med_01abc'), false);
    assert.equal(matchesText('…/handset', 'http://x/v1/messages/m/handset'), true);
    assert.equal(matchesText('a…c', 'abc'), true);
    assert.equal(matchesText('a…c', 'abd'), false);
    assert.equal(matchesText('queued', 'queued'), true);
    assert.equal(matchesText('a.b', 'axb'), false);
  });

  it('matches ids, request ids, carrier ids and times of a real run as any of their kind', () => {
    assert.equal(matchesText('msg_01m80htk47dzxd3ze8q00xcfb0', 'msg_01m8tpnfackrqa800ydwv58rhc'), true);
    assert.equal(matchesText('msg_01m80htk47dzxd3ze8q00xcfb0', 'med_01m8tpnfackrqa800ydwv58rhc'), false);
    assert.equal(matchesText('/v1/messages/msg_01m80htk47dzxd3ze8q00xcfb0/cancel', '/v1/messages/msg_01m8tpnfackrqa800ydwv58rhc/cancel'), true);
    assert.equal(matchesText('2026-11-22T02:37:30.997Z', '2027-01-02T03:04:05.678Z'), true);
    assert.equal(matchesText('SBX6318A88B4000C6A6451A2FB8', 'SBX4AECD73B5F221DA988771404'), true);
    assert.equal(matchesText('req_mwr87lzvvcu9ks', 'req_abc123'), true);
    assert.equal(matchesText('whsec_Yr5nShrdPoQxx3NkEOJIaeG9iHBZ9U6hR87wA8wYZKY=', 'whsec_KBi7vN2M1F/bgPu0nAIajBj3iG+l2t3XWrR6ckAOPD4='), true);
    assert.equal(subsetMismatch({ a: 1, '…': '…' }, { a: 1, b: 2 }), undefined);
  });

  it('matches JSON as a subset, arrays by position, "…" last meaning more', () => {
    assert.equal(subsetMismatch({ status: 'queued' }, { id: 'x', status: 'queued' }), undefined);
    assert.match(subsetMismatch({ status: 'queued' }, { status: 'sent' }) ?? '', /\$\.status/);
    assert.match(subsetMismatch({ a: [1] }, { a: [1, 2] }) ?? '', /1 elements/);
    assert.equal(subsetMismatch({ a: [1, '…'] }, { a: [1, 2] }), undefined);
    assert.match(subsetMismatch({ b: 1 }, {}) ?? '', /missing/);
  });

  it('checks JSON against the whole output or one line, and text as an ordered substring', () => {
    assert.equal(checkOutput('{"status":"queued"}', 'HTTP/1.1 201\nx: y\n\n{"status":"queued","id":"1"}'), undefined);
    assert.notEqual(checkOutput('{"status":"queued"}', 'not json'), undefined);
    assert.equal(checkOutput('{"a":1}', 'wrote 10 octets\n{\n  "a": 1\n}\n'), undefined);
    assert.equal(checkOutput('sent … delivered', 'id  sent\n  then delivered'), undefined);
    assert.notEqual(checkOutput('delivered … sent', 'sent delivered'), undefined);
    assert.equal(checkOutput('msg_01m80htk47dzxd3ze8q00xcfb0 is delivered', 'x\nmsg_01m8tpnfackrqa800ydwv58rhc is delivered\n'), undefined);
  });
});
