/**
 * The microphone: getUserMedia → MediaStreamSource → the recorder AudioWorklet → mono Float32
 * blocks at the device's rate, to one callback. No React here; useRecorder and the call wrap it.
 * The browser pieces come in through MicDeps so tests can use small fakes.
 */
import { RECORDER_PROCESSOR, RECORDER_WORKLET_URL } from './workletUrl';

export interface MicDeps {
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
  createContext(): AudioContext;
  workletUrl: string;
}

export function browserMicDeps(): MicDeps | null {
  const md = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
  if (!md?.getUserMedia || typeof AudioContext === 'undefined' || typeof AudioWorkletNode === 'undefined') return null;
  return {
    getUserMedia: (c) => md.getUserMedia(c),
    createContext: () => new AudioContext(),
    workletUrl: RECORDER_WORKLET_URL,
  };
}

export class MicError extends Error {
  override name = 'MicError';
}

/** What a learner should read when the microphone cannot be used. */
export function micErrorText(e: unknown): string {
  const name = e instanceof DOMException || e instanceof Error ? e.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError')
    return 'Microphone access was denied. Allow the microphone for Nimbus Tutor and try again.';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'No microphone was found.';
  if (name === 'NotReadableError') return 'The microphone is in use by another program.';
  if (e instanceof MicError) return e.message;
  return `The microphone could not start: ${e instanceof Error ? e.message : String(e)}`;
}

type WorkletMessage = { type: 'block'; block: Float32Array } | { type: 'flushed' };

export class MicCapture {
  private stopped = false;

  private constructor(
    private readonly stream: MediaStream,
    private readonly context: AudioContext,
    private readonly node: AudioWorkletNode,
    private readonly source: MediaStreamAudioSourceNode,
  ) {}

  get sampleRate(): number {
    return this.context.sampleRate;
  }

  /** Starts capturing; every block goes to `onBlock`. Throws MicError or the browser's DOMException. */
  static async open(
    onBlock: (block: Float32Array) => void,
    deps: MicDeps | null = browserMicDeps(),
  ): Promise<MicCapture> {
    if (!deps) throw new MicError('Voice needs a microphone, and this window cannot use one.');
    const stream = await deps.getUserMedia({
      audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
      video: false,
    });
    let context: AudioContext | null = null;
    try {
      context = deps.createContext();
      await context.audioWorklet.addModule(deps.workletUrl);
      const source = context.createMediaStreamSource(stream);
      const node = new AudioWorkletNode(context, RECORDER_PROCESSOR, { numberOfInputs: 1, numberOfOutputs: 0 });
      node.port.onmessage = (e: MessageEvent<WorkletMessage>) => {
        if (e.data.type === 'block') onBlock(e.data.block);
      };
      source.connect(node);
      if (context.state === 'suspended') await context.resume();
      return new MicCapture(stream, context, node, source);
    } catch (e) {
      for (const t of stream.getTracks()) t.stop();
      await context?.close().catch(() => undefined);
      throw e;
    }
  }

  /** Delivers what the worklet still holds, then releases the microphone. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 250);
      const previous = this.node.port.onmessage;
      this.node.port.onmessage = (e: MessageEvent<WorkletMessage>) => {
        previous?.call(this.node.port, e);
        if (e.data.type === 'flushed') {
          clearTimeout(timer);
          resolve();
        }
      };
      this.node.port.postMessage({ type: 'flush' });
    });
    this.node.port.onmessage = null;
    this.source.disconnect();
    this.node.disconnect();
    for (const t of this.stream.getTracks()) t.stop();
    await this.context.close().catch(() => undefined);
  }
}
