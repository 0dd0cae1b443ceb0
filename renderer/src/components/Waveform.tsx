/** A voice message's waveform: one bar per peak, the played part in the accent colour. */
export function Waveform({ peaks, played = 0, label }: { peaks: number[]; played?: number; label?: string }) {
  const n = Math.max(1, peaks.length);
  const w = 3;
  const gap = 2;
  const h = 28;
  const playedBars = Math.round(Math.min(1, Math.max(0, played)) * n);
  return (
    <svg
      className="waveform"
      viewBox={`0 0 ${n * (w + gap) - gap} ${h}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={label ?? 'Waveform'}
      data-bars={peaks.length}
    >
      {peaks.map((p, i) => {
        // a floor so silence still shows as a dotted line; sqrt makes quiet speech visible
        const bar = Math.max(2, Math.round(Math.sqrt(Math.min(1, p)) * h));
        return (
          <rect
            key={i}
            x={i * (w + gap)}
            y={(h - bar) / 2}
            width={w}
            height={bar}
            rx={1.5}
            className={i < playedBars ? 'played' : undefined}
          />
        );
      })}
    </svg>
  );
}
