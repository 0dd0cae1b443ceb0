/**
 * The microphone's AudioWorklet: runs on the audio thread, batches the input into mono blocks and
 * posts them to the page (`{type:'block', block}`); `{type:'flush'}` from the page posts what is
 * left, then `{type:'flushed'}`. Bundled as its own script asset (`?worker&url` in workletUrl.ts),
 * so it loads under the CSP's script-src 'self' — no blob: or data: URL.
 */
import { FrameBatcher } from './frameBatcher';

// The AudioWorkletGlobalScope's API (not part of TypeScript's DOM library).
declare abstract class AudioWorkletProcessor {
  readonly port: MessagePort;
  abstract process(
    inputs: Float32Array[][],
    outputs: Float32Array[][],
    parameters: Record<string, Float32Array>,
  ): boolean;
}
declare function registerProcessor(name: string, ctor: new () => AudioWorkletProcessor): void;

/** ~43 ms at 48 kHz. */
const BLOCK = 2048;

class RecorderProcessor extends AudioWorkletProcessor {
  private readonly batcher = new FrameBatcher(BLOCK, (block) =>
    this.port.postMessage({ type: 'block', block }, [block.buffer]),
  );

  constructor() {
    super();
    this.port.onmessage = (e: MessageEvent<{ type?: string }>) => {
      if (e.data?.type !== 'flush') return;
      this.batcher.flush();
      this.port.postMessage({ type: 'flushed' });
    };
  }

  process(inputs: Float32Array[][]): boolean {
    const input = inputs[0];
    if (input && input.length > 0) this.batcher.push(input);
    return true;
  }
}

registerProcessor('nimbus-recorder', RecorderProcessor);
