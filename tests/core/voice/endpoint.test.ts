import { describe, expect, it } from 'vitest';
import { Endpointer, type EndpointEvent } from '../../../electron/core/voice/endpoint';
import { generateSignal, type Burst } from '../../../electron/core/voice/signals';

function stream(ep: Endpointer, x: Float32Array, block = 128, onBlock?: (t: number) => void): EndpointEvent[] {
  const out: EndpointEvent[] = [];
  for (let i = 0; i < x.length; i += block) {
    onBlock?.(i / 16000);
    out.push(...ep.push(x.subarray(i, i + block)));
  }
  return out;
}

describe('Endpointer (call mode)', () => {
  it('delivers each utterance with its audio, including a pre-roll and a tail', () => {
    const bursts: Burst[] = [
      { startSec: 1, endSec: 2.5, amplitude: 0.3, kind: 'speechlike' },
      { startSec: 4, endSec: 5, amplitude: 0.3, kind: 'speechlike' },
    ];
    const x = generateSignal({ durationSec: 6.5, bursts, noiseDb: -60 });
    const ep = new Endpointer({ preRollMs: 300, tailMs: 150 });
    const seen: EndpointEvent[] = [];
    const off = ep.on((e) => seen.push(e));
    const ev = stream(ep, x);
    off();
    expect(seen).toEqual(ev);
    expect(ev.map((e) => e.type)).toEqual(['speech-start', 'utterance', 'speech-start', 'utterance']);
    const utts = ev.filter((e) => e.type === 'utterance');
    for (const [i, u] of utts.entries()) {
      if (u.type !== 'utterance') continue;
      const b = bursts[i];
      expect(Math.abs(u.endSec - b.endSec)).toBeLessThan(0.1);
      // start − 300 ms … end + 150 ms, and the samples are the stream's own
      const from = Math.round((u.startSec - 0.3) * 16000);
      expect(u.pcm.length).toBe(Math.round((u.endSec + 0.15) * 16000) - from);
      expect(u.pcm[1000]).toBe(x[from + 1000]);
    }
  });

  it('raises barge-in when the learner talks over the tutor, not when the tutor is quiet', () => {
    const x = generateSignal({
      durationSec: 3,
      bursts: [{ startSec: 1, endSec: 2, amplitude: 0.3, kind: 'speechlike' }],
      noiseDb: -60,
    });
    const quiet = new Endpointer();
    expect(stream(quiet, x).some((e) => e.type === 'barge-in')).toBe(false);
    const talking = new Endpointer();
    talking.setTutorSpeaking(true);
    expect(talking.isTutorSpeaking).toBe(true);
    const ev = stream(talking, x);
    const barge = ev.find((e) => e.type === 'barge-in');
    expect(barge).toBeDefined();
    // needs 250 ms of speech while the tutor talks: decided within ~0.3 s of the learner starting
    expect((barge?.atSec ?? 0) - 1).toBeLessThan(0.35);
    expect((barge?.atSec ?? 0) - 1).toBeGreaterThanOrEqual(0.24);
  });

  it('ignores the tutor\u2019s own voice leaking back quietly, but not the learner speaking up', () => {
    // a steady level 15 dB over the room: over normal onset (12 dB), under barge-in onset (18 dB)
    const echo = generateSignal({
      durationSec: 3,
      bursts: [{ startSec: 0.5, endSec: 2.5, amplitude: 0.0104 }],
      noiseDb: -60,
    });
    const ep = new Endpointer();
    ep.setTutorSpeaking(true);
    expect(stream(ep, echo).filter((e) => e.type === 'barge-in')).toEqual([]);
    // the same echo is speech once the tutor has stopped (normal sensitivity)
    const after = new Endpointer();
    expect(stream(after, echo).some((e) => e.type === 'speech-start')).toBe(true);
  });

  it('keeps memory bounded through long silence and closes an open utterance on flush', () => {
    const ep = new Endpointer();
    const silence = generateSignal({ durationSec: 60, bursts: [], noiseDb: -65 });
    expect(stream(ep, silence)).toEqual([]);
    const speech = generateSignal({
      durationSec: 1.5,
      bursts: [{ startSec: 0.5, endSec: 1.5, amplitude: 0.3 }],
      noiseDb: -65,
      seed: 2,
    });
    stream(ep, speech);
    expect(ep.learnerSpeaking).toBe(true);
    const [u] = ep.flush();
    expect(u.type).toBe('utterance');
    if (u.type !== 'utterance') return;
    expect(u.forced).toBe(true);
    expect(u.pcm.length / 16000).toBeLessThan(1.5); // 1 s of speech + 0.3 s pre-roll, not a minute
    expect(u.pcm.length / 16000).toBeGreaterThan(1.2);
  });
});
