/**
 * Debian's Chromium, driven by playwright-core (no bundled browser download). Optimizely's Event
 * API hosts, the proxy host the Event Endpoint tests use and Optimizely's datafile CDN resolve to
 * the local collector;
 * every other name fails to resolve, so nothing a page does can leave this machine.
 */
import { chromium, type Browser } from 'playwright-core'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

/** Event API hosts the collector answers for. */
export const US_EVENT_HOST = 'logx.optimizely.com'
export const EU_EVENT_HOST = 'eu.logx.optimizely.com'
/** A site's own analytics proxy, for the Event Endpoint setting. */
export const PROXY_EVENT_HOST = 'events.shop-proxy.test'
/** Optimizely's datafile CDN, for datafile URLs written as a site writes them (the README's examples). */
export const DATAFILE_CDN_HOST = 'cdn.optimizely.com'
export const COLLECTOR_HOSTS = [US_EVENT_HOST, EU_EVENT_HOST, PROXY_EVENT_HOST, DATAFILE_CDN_HOST]

export async function launchChromium(collectorPort: number): Promise<Browser> {
  const hostRules = [
    ...COLLECTOR_HOSTS.map((host) => `MAP ${host} 127.0.0.1:${collectorPort}`),
    'MAP * ~NOTFOUND',
    'EXCLUDE 127.0.0.1'
  ].join(', ')
  // playwright-core's launch() gives each browser a fresh temporary profile (user-data-dir).
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--ignore-certificate-errors',
      `--host-resolver-rules=${hostRules}`
    ]
  })
}
