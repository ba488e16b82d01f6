import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { AvError } from './av-error.ts';
import { amrBytes, planAudio, replanAudio, AMR_MODES } from './audio-plan.ts';
import { fitBox, h264Level, mp4Overhead, planVideo, MIN_VIDEO_KBPS } from './video-plan.ts';
import { replanVideo } from './video-replan.ts';

const hd = { durationSec: 20, width: 1280, height: 720, fps: 30, hasAudio: true, maxWidth: 640, maxHeight: 480 };

describe('planVideo', () => {
  it('fits 720p into 640×480 keeping 16:9, with mono speech-grade audio at 300 KB', () => {
    const plan = planVideo({ ...hd, maxBytes: 300_000 });
    assert.equal(plan.trimmed, false);
    assert.ok(plan.width <= 640 && plan.height <= 480);
    assert.ok(Math.abs(plan.width / plan.height - 16 / 9) < 0.03);
    assert.equal(plan.audio?.channels, 1);
    assert.ok(plan.videoKbps >= MIN_VIDEO_KBPS);
    const payloadBytes = ((plan.videoKbps + plan.audio.kbps) * 1000 * plan.durationSec) / 8;
    assert.ok(payloadBytes + mp4Overhead(20, plan.fps, plan.audio.sampleRate) <= 300_000);
  });

  it('never upscales and keeps dimensions even', () => {
    const plan = planVideo({ ...hd, width: 175, height: 143, maxBytes: 5_000_000 });
    assert.deepEqual([plan.width, plan.height], [174, 142]);
  });

  it('trims when even the minimum bitrate cannot carry the whole clip', () => {
    const plan = planVideo({ ...hd, maxBytes: 60_000 });
    assert.equal(plan.trimmed, true);
    assert.ok(plan.durationSec >= 1 && plan.durationSec < 20);
    assert.equal(plan.fps, 15);
  });

  it('refuses a budget that holds less than a second', () => {
    assert.throws(() => planVideo({ ...hd, maxBytes: 12_000 }), (e: unknown) => e instanceof AvError && e.code === 'PORM_MEDIA_AV_BUDGET_UNREACHABLE');
  });

  it('for any input, the planned payload plus container fits the budget', () => {
    fc.assert(fc.property(
      fc.integer({ min: 16, max: 4096 }), fc.integer({ min: 16, max: 4096 }), fc.double({ min: 1, max: 600, noNaN: true }),
      fc.integer({ min: 30_000, max: 5_000_000 }), fc.boolean(),
      (width, height, durationSec, maxBytes, hasAudio) => {
        let plan;
        try {
          plan = planVideo({ durationSec, width, height, fps: 30, hasAudio, maxBytes, maxWidth: 640, maxHeight: 480 });
        } catch (err) {
          assert.ok(err instanceof AvError && err.code === 'PORM_MEDIA_AV_BUDGET_UNREACHABLE');
          return;
        }
        assert.ok(plan.width <= 640 && plan.height <= 480 && plan.width % 2 === 0 && plan.height % 2 === 0);
        const bytes = ((plan.videoKbps + (plan.audio?.kbps ?? 0)) * 1000 * plan.durationSec) / 8 + mp4Overhead(plan.durationSec, 30, plan.audio?.sampleRate);
        assert.ok(bytes <= maxBytes, `${bytes} > ${maxBytes}`);
      },
    ));
  });
});

describe('replanVideo', () => {
  it('lowers the rate by the overshoot, then trims at the minimum', () => {
    const plan = planVideo({ ...hd, maxBytes: 600_000 });
    const lower = replanVideo(plan, 700_000, 600_000, 1);
    assert.ok(lower.videoKbps < plan.videoKbps && lower.durationSec === 20);
    const trimmed = replanVideo({ ...plan, videoKbps: 45 }, 900_000, 600_000, 2);
    assert.equal(trimmed.trimmed, true);
    assert.ok(trimmed.durationSec < 20);
  });
});

describe('fitBox and h264Level', () => {
  it('keeps portrait portrait and picks a level covering the frame rate', () => {
    assert.deepEqual(fitBox(1080, 1920, 640, 480), { width: 270, height: 480 });
    assert.equal(h264Level(640, 360, 30), '3.0');
    assert.equal(h264Level(1280, 720, 30), '3.1');
  });
});

describe('planAudio', () => {
  it('AMR-NB picks the highest mode whose exact file size fits, else trims at 4.75 kbps', () => {
    assert.equal(planAudio('amr', 20, 40_000).settings.kbps, 12.2);
    const mid = planAudio('amr', 20, 20_000);
    assert.ok(amrBytes(20, AMR_MODES.find(([k]) => k === mid.settings.kbps)![1]) <= 20_000);
    const trimmed = planAudio('amr', 60, 10_000);
    assert.equal(trimmed.trimmed, true);
    assert.equal(trimmed.settings.kbps, 4.75);
    assert.ok(amrBytes(trimmed.durationSec, 13) <= 10_000);
  });

  it('AAC goes down the tiers, then trims; replan steps one tier down', () => {
    const plan = planAudio('aac', 20, 100_000);
    assert.equal(plan.trimmed, false);
    assert.ok(replanAudio(plan, 120_000, 100_000).settings.kbps < plan.settings.kbps);
    assert.equal(planAudio('aac', 300, 50_000).trimmed, true);
    assert.throws(() => planAudio('aac', 20, 5_000), (e: unknown) => e instanceof AvError && e.code === 'PORM_MEDIA_AV_BUDGET_UNREACHABLE');
  });
});
