// Engines write WAV in their own ways (espeak-ng streams with placeholder sizes, say adds extra
// chunks, SAPI may write stereo): every result is decoded and re-encoded as one canonical
// 16-bit mono file, which also proves the engine really produced audio.

import { AudioDecodeError, decodeWav, downmix } from '../wav';
import { encodeWav } from '../wavEncode';
import { SynthesisError, type Synthesis } from './types';

export function canonicalWav(bytes: Uint8Array, engine: string): Synthesis {
  try {
    const audio = decodeWav(bytes);
    const mono = downmix(audio.channels);
    return { wav: encodeWav(mono, audio.sampleRate), sampleRate: audio.sampleRate, durationSec: audio.durationSec };
  } catch (err) {
    if (err instanceof AudioDecodeError)
      throw new SynthesisError(`${engine} produced no usable audio: ${err.message}`, engine);
    throw err;
  }
}
