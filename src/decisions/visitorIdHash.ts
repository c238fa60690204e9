/**
 * Visitor IDs as the decision memories store them: user IDs are often e-mail addresses, and the
 * memories only ever compare IDs, so they keep a hash, never the ID itself.
 */

/** FNV-1a over the UTF-16 code units, twice with different offsets: 64 bits, as hex. */
export function hashVisitorId(visitorId: string): string {
  let low = 0x811c9dc5
  let high = 0x01000193 ^ visitorId.length
  for (let index = 0; index < visitorId.length; index++) {
    const unit = visitorId.charCodeAt(index)
    low = Math.imul(low ^ unit, 0x01000193) >>> 0
    high = Math.imul(high ^ unit, 0x01000193) >>> 0
  }
  return low.toString(16).padStart(8, '0') + high.toString(16).padStart(8, '0')
}
