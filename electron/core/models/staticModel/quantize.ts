// Per-row symmetric int8 quantisation of the token table: value ≈ q × scale[row], q ∈ [-127, 127].
// Per-row (not per-tensor) because row norms differ by ~30× (they carry the token's IDF weight);
// one global scale would crush low-IDF rows to zero and lose their direction.

export interface QuantizedRows {
  /** rowCount × dims. */
  values: Int8Array;
  /** rowCount; 0 for all-zero rows. */
  scales: Float32Array;
}

export function quantizeRows(rows: Float32Array, dims: number): QuantizedRows {
  const n = rows.length / dims;
  if (!Number.isInteger(n)) throw new Error('rows length is not a multiple of dims');
  const values = new Int8Array(rows.length);
  const scales = new Float32Array(n);
  for (let r = 0; r < n; r++) {
    const base = r * dims;
    let maxAbs = 0;
    for (let k = 0; k < dims; k++) maxAbs = Math.max(maxAbs, Math.abs(rows[base + k]));
    if (maxAbs === 0) continue;
    // Store the float32-rounded scale and quantise against it, so q × scale in the graph is exactly
    // what dequantizeRows computes here.
    const scale = Math.fround(maxAbs / 127);
    scales[r] = scale;
    for (let k = 0; k < dims; k++) {
      values[base + k] = Math.max(-127, Math.min(127, Math.round(rows[base + k] / scale)));
    }
  }
  return { values, scales };
}

export function dequantizeRows(q: QuantizedRows, dims: number): Float32Array {
  const out = new Float32Array(q.values.length);
  for (let i = 0; i < out.length; i++) out[i] = q.values[i] * q.scales[Math.floor(i / dims)];
  return out;
}
