/**
 * The Datafile URL must be https so a network attacker cannot swap in another project's
 * datafile; plain http is allowed only for a datafile served from this machine (local testing).
 */
import { datafileUrlEmpty, datafileUrlInvalid, datafileUrlNotHttps } from '../messages/settings'

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/** Returns why the URL is unusable, or undefined when it is fine. */
export function datafileUrlProblem(input: unknown): string | undefined {
  if (typeof input !== 'string' || input.trim() === '') return datafileUrlEmpty
  let url: URL
  try {
    url = new URL(input.trim())
  } catch {
    return datafileUrlInvalid(input)
  }
  if (url.protocol === 'https:') return undefined
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return undefined
  return datafileUrlNotHttps(input)
}
