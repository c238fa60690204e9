/**
 * The Datafile URL policy on Segment's servers (device mode keeps src/shared/datafileUrl.ts).
 *
 * Any workspace member can type the Datafile URL, and the cloud destination fetches it from
 * inside Segment's network, so the URL must not reach that network:
 * - `https://` only: a datafile fetched in plaintext could be altered in transit, and there is no
 *   loopback exception (tests reach their servers through an injected network, never a setting).
 *   Optimizely's CDN hosts are the exception the other way: `http://` is upgraded, because
 *   Segment's published cloud destination accepted such URLs and workspaces still hold them.
 * - A host written as an IP address (in any spelling the URL parser reads: `2130706433`,
 *   `0177.0.0.1`, `[::ffff:7f00:1]`, …) must be public. Host names are checked when their
 *   addresses are resolved, at connection time (see datafileFetch.ts).
 * The same policy applies to each redirect hop, with no upgrade: a redirect to `http://` is refused.
 */
import { IntegrationError } from '@segment/actions-core'
import { isIP } from 'net'
import { anAddressOfKind } from './publicAddress'
import {
  datafileNotFetched,
  datafileUrlNotHttpsCloud,
  notPublicAddress,
  redirectInvalid,
  redirectNotHttps,
  redirectedTo
} from '../messages/cloud'
import { datafileUrlEmpty, datafileUrlInvalid } from '../messages/settings'

/** Optimizely's datafile CDN hosts, whose `http://` URLs are upgraded to `https://`. */
export const OPTIMIZELY_CDN_HOSTS: ReadonlySet<string> = new Set(['cdn.optimizely.com', 'cdn-pci.optimizely.com'])

/** Hosts whose answers may be quoted in messages: Optimizely's own (checked by TLS). */
export function isOptimizelyHost(url: URL): boolean {
  return url.hostname === 'optimizely.com' || url.hostname.endsWith('.optimizely.com')
}

/** A Datafile URL (or a redirect to one) the cloud destination will not fetch. */
export class DatafileUrlRefused extends IntegrationError {
  constructor(reason: string) {
    super(datafileNotFetched(reason), 'INVALID_DATAFILE_URL', 400)
  }
}

/** Says what kind of non-public address an address is, or undefined for a public one. */
export type AddressCheck = (address: string) => string | undefined

/** The host of a URL as an IP address, brackets removed; undefined for a host name. */
function ipLiteral(url: URL): string | undefined {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname
  return isIP(host) ? host : undefined
}

/** Refuses a URL whose host is a non-public IP address. */
function checkIpHost(url: URL, what: string, nonPublic: AddressCheck): void {
  const address = ipLiteral(url)
  const kind = address === undefined ? undefined : nonPublic(address)
  if (kind !== undefined) {
    throw new DatafileUrlRefused(notPublicAddress(what, url.hostname, anAddressOfKind(kind)))
  }
}

/** The URL to fetch for a Datafile URL setting, or a refusal saying why. */
export function datafileUrlFor(input: unknown, nonPublic: AddressCheck): URL {
  if (typeof input !== 'string' || input.trim() === '') throw new DatafileUrlRefused(datafileUrlEmpty)
  let url: URL
  try {
    url = new URL(input.trim())
  } catch {
    throw new DatafileUrlRefused(datafileUrlInvalid(input))
  }
  if (url.protocol === 'http:' && OPTIMIZELY_CDN_HOSTS.has(url.hostname) && url.port === '') url.protocol = 'https:'
  if (url.protocol !== 'https:') {
    throw new DatafileUrlRefused(datafileUrlNotHttpsCloud(input))
  }
  checkIpHost(url, `the Datafile URL "${input}"`, nonPublic)
  return url
}

/** The next hop of a redirect from `from`, or a refusal: the same policy, and never to http://. */
export function redirectTarget(location: string, from: URL, nonPublic: AddressCheck): URL {
  let url: URL
  try {
    url = new URL(location, from)
  } catch {
    throw new DatafileUrlRefused(redirectInvalid(from.href, location))
  }
  if (url.protocol !== 'https:') {
    throw new DatafileUrlRefused(redirectNotHttps(from.href, url.href))
  }
  checkIpHost(url, redirectedTo(from.href, url.href), nonPublic)
  return url
}
