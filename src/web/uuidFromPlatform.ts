/**
 * Stands in for the `uuid` package in the browser builds. The Optimizely SDK imports only its
 * `v4`, called without arguments, for the IDs of its events and visitors. uuid's `v4` returns the
 * browser's own `crypto.randomUUID()` whenever the page has it, and carries a generator built on
 * `crypto.getRandomValues` (with option and buffer handling the SDK never uses) for pages that do
 * not: `randomUUID` exists only in secure contexts, so a plain-http page still needs one. That
 * fallback is the few lines below (RFC 9562's version 4: 122 random bits, the version and variant
 * bits set), which saves the package's bytes on every page that loads the SDK.
 */
export function v4(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  bytes[6] = (bytes[6] & 0x0f) | 0x40
  bytes[8] = (bytes[8] & 0x3f) | 0x80
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
