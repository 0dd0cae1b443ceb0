/**
 * Minimal browser fakes for voice in jsdom: a microphone (getUserMedia, an AudioContext with an
 * audioWorklet, AudioWorkletNode) whose blocks the test emits, and media playback (play/pause on
 * <audio>, blob: URLs) that ends each clip by itself unless told not to.
 */
import { vi } from 'vitest';
import type { MicDeps } from '../../renderer/src/voice/mic';

type Listener = ((e: MessageEvent) => void) | null;

class FakePort {
  onmessage: Listener = null;
  postMessage(m: { type?: string }): void {
    if (m.type === 'flush') queueMicrotask(() => this.onmessage?.({ data: { type: 'flushed' } } as MessageEvent));
  }
}

export function fakeMic(o: { sampleRate?: number; deny?: string } = {}) {
  const nodes: { port: FakePort }[] = [];
  class FakeNode {
    port = new FakePort();
    constructor() {
      nodes.push(this);
    }
    connect(): void {}
    disconnect(): void {}
  }
  vi.stubGlobal('AudioWorkletNode', FakeNode);
  const track = { stop: vi.fn() };
  const addModule = vi.fn(async (_url: string) => {});
  const close = vi.fn(async () => {});
  const deps: MicDeps = {
    getUserMedia: vi.fn(async () => {
      if (o.deny) throw new DOMException('denied', o.deny);
      return { getTracks: () => [track] } as unknown as MediaStream;
    }),
    createContext: () =>
      ({
        sampleRate: o.sampleRate ?? 48000,
        state: 'running',
        audioWorklet: { addModule },
        createMediaStreamSource: () => ({ connect() {}, disconnect() {} }),
        resume: async () => {},
        close,
      }) as unknown as AudioContext,
    workletUrl: '/assets/recorderWorklet.js',
  };
  /** Sends one block from the worklet to the page. */
  const emit = (block: Float32Array) =>
    nodes.at(-1)?.port.onmessage?.({ data: { type: 'block', block } } as MessageEvent);
  return { deps, emit, nodes, track, addModule, close };
}

export const tone = (sec: number, rate = 48000, amp = 0.5) =>
  Float32Array.from({ length: Math.round(sec * rate) }, (_, i) => amp * Math.sin((2 * Math.PI * 300 * i) / rate));

/** Splits a signal into worklet-sized blocks. */
export const blocks = (pcm: Float32Array, size = 2048): Float32Array[] => {
  const out: Float32Array[] = [];
  for (let i = 0; i < pcm.length; i += size) out.push(pcm.slice(i, i + size));
  return out;
};

/** <audio> playback in jsdom: play() resolves and (by default) 'ended' follows; blob: URLs exist. */
export function fakeMedia(o: { autoEnd?: boolean } = {}) {
  const played: string[] = [];
  const play = vi.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(function (this: HTMLMediaElement) {
    played.push(this.src);
    Object.defineProperty(this, 'paused', { configurable: true, value: false });
    if (o.autoEnd !== false) setTimeout(() => this.dispatchEvent(new Event('ended')), 0);
    return Promise.resolve();
  });
  const pause = vi.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(function (this: HTMLMediaElement) {
    Object.defineProperty(this, 'paused', { configurable: true, value: true });
  });
  let n = 0;
  const urls = new Set<string>();
  vi.stubGlobal(
    'URL',
    Object.assign(URL, {
      createObjectURL: vi.fn(() => {
        const u = `blob:nimbus/${++n}`;
        urls.add(u);
        return u;
      }),
      revokeObjectURL: vi.fn((u: string) => void urls.delete(u)),
    }),
  );
  return { played, play, pause, urls };
}
