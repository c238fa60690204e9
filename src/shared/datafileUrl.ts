/**
 * The Datafile URL must be https so a network attacker cannot swap in another project's
 * datafile; plain http is allowed only for a datafile served from this machine (local testing).
 */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/** Returns why the URL is unusable, or undefined when it is fine. */
export function datafileUrlProblem(input: unknown): string | undefined {
  if (typeof input !== 'string' || input.trim() === '') return 'the Datafile URL setting is empty'
  let url: URL
  try {
    url = new URL(input.trim())
  } catch {
    return `the Datafile URL "${input}" is not a valid URL`
  }
  if (url.protocol === 'https:') return undefined
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return undefined
  return `the Datafile URL "${input}" must start with https:// (http:// is allowed only for localhost, 127.0.0.1 and [::1])`
}
