// The one entry point for input audio: WAV (RIFF) or WebM/Matroska with Opus, sniffed from the
// first bytes. Other containers get a clear AudioDecodeError that says how to convert them.

import {
  checkAudioSize,
  decodeWav,
  sniffContainer,
  AudioDecodeError,
  type DecodedAudio,
  type DecodeWavOptions,
} from './wav';
import { decodeWebm } from './webm';

export type DecodeAudioOptions = DecodeWavOptions;

/**
 * Bytes of a WAV or WebM/Opus file → decoded audio. WAV keeps its rate and channels; WebM/Opus
 * comes back as 16 kHz mono. Async because the Opus decoder is WebAssembly, loaded on first use.
 */
export async function decodeAudio(bytes: Uint8Array, opts: DecodeAudioOptions = {}): Promise<DecodedAudio> {
  checkAudioSize(bytes, opts.maxBytes);
  const kind = sniffContainer(bytes);
  if (kind === 'WebM/Matroska') return decodeWebm(bytes, { maxDurationSec: opts.maxDurationSec });
  if (kind) {
    throw new AudioDecodeError(
      `this is ${kind} audio, which cannot be read: use WAV or WebM/Opus, or convert it first (e.g. sox in.ext -r 16000 -c 1 out.wav)`,
      'not-wav',
    );
  }
  const riff = bytes.length >= 4 && ['RIFF', 'RIFX', 'RF64'].includes(String.fromCharCode(...bytes.subarray(0, 4)));
  if (!riff) {
    throw new AudioDecodeError(
      bytes.length < 12
        ? `not a WAV or WebM file: only ${bytes.length} bytes`
        : 'not a WAV or WebM file (no RIFF/WAVE or EBML header)',
      'not-wav',
    );
  }
  return decodeWav(bytes, opts);
}
