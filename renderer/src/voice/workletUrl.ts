// The recorder worklet as a separate, same-origin script asset (Vite bundles it and gives its URL).
// Its own module so tests can replace it.
import url from './recorderWorklet.ts?worker&url';

export const RECORDER_WORKLET_URL: string = url;
export const RECORDER_PROCESSOR = 'nimbus-recorder';
