/** Small numeric helpers: medians for timings, and the units the table prints. */

export function median(values: number[]): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** Kilobytes of 1,024 bytes, one decimal: the unit of the bundle targets. */
export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`
}

export function ms(milliseconds: number): string {
  return `${Math.round(milliseconds)} ms`
}

export function us(microseconds: number): string {
  return `${microseconds.toFixed(1)} µs`
}

export function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`
}
