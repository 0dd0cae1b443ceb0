/**
 * The recorder worklet's one job, kept pure so it can be tested outside an AudioWorkletGlobalScope:
 * render quanta (128 frames, one array per channel) → mono blocks of a fixed size, so the main
 * thread gets ~20 messages a second instead of ~375.
 */
export class FrameBatcher {
  private buf: Float32Array;
  private fill = 0;

  constructor(
    readonly blockSize: number,
    private readonly emit: (block: Float32Array) => void,
  ) {
    this.buf = new Float32Array(blockSize);
  }

  /** One render quantum; channels are averaged to mono. */
  push(channels: Float32Array[]): void {
    const n = channels[0]?.length ?? 0;
    const k = channels.length;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let c = 0; c < k; c++) s += channels[c][i];
      this.buf[this.fill++] = s / k;
      if (this.fill === this.blockSize) {
        this.emit(this.buf);
        this.buf = new Float32Array(this.blockSize);
        this.fill = 0;
      }
    }
  }

  /** Whatever is buffered, as a shorter block (nothing when empty). */
  flush(): void {
    if (this.fill === 0) return;
    this.emit(this.buf.slice(0, this.fill));
    this.fill = 0;
  }
}
