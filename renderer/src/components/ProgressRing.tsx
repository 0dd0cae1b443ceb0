/** A small ring showing 0–100 %: decorative beside a channel name (which describes it), or an image with a label. */
export function ProgressRing({ percent, label }: { percent: number; label?: string }) {
  const value = Math.round(Math.min(100, Math.max(0, percent)));
  const a11y = label ? { role: 'img', 'aria-label': label } : { 'aria-hidden': true };
  return (
    <svg className="ring" viewBox="0 0 36 36" data-value={value} focusable="false" {...a11y}>
      <circle className="ring-track" cx="18" cy="18" r="15.9155" fill="none" strokeWidth="4" />
      {value > 0 && (
        <circle
          className="ring-value"
          cx="18"
          cy="18"
          r="15.9155"
          fill="none"
          strokeWidth="4"
          strokeLinecap="round"
          strokeDasharray={`${value} 100`}
          transform="rotate(-90 18 18)"
        />
      )}
    </svg>
  );
}
