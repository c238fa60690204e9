/**
 * Loads the destination the way analytics.js does: the plugin factory the runtime generates,
 * called with settings plus subscriptions, then `load` with a real analytics-next instance.
 */
import { Analytics, Context } from '@segment/analytics-next'
import type { Plugin } from '@segment/analytics-next'
import destinationFactory, { destination } from '../../index'
import type { Settings } from '../../generated-types'
import { DATAFILE_URL } from './optimizelyNetwork'
import { settle } from './testClock'

export const ACCOUNT_ID = '12003456780'

export const trackEventSubscription = {
  partnerAction: 'trackEvent',
  name: 'Track Event',
  enabled: true,
  subscribe: 'type = "track"',
  mapping: destination.presets?.[0] && 'mapping' in destination.presets[0] ? destination.presets[0].mapping : {}
}

export function settingsWith(changes: Partial<Settings> = {}): Settings {
  return { accountId: ACCOUNT_ID, dataFileUrl: DATAFILE_URL, ...changes }
}

export async function createPlugin(settings: Settings, subscriptions: unknown[] = [trackEventSubscription]): Promise<Plugin> {
  const plugins = await destinationFactory({ ...settings, subscriptions } as never)
  return (Array.isArray(plugins) ? plugins : [plugins])[0]
}

export async function loadDestination(settings: Settings = settingsWith(), subscriptions?: unknown[]) {
  const plugin = await createPlugin(settings, subscriptions)
  const analytics = new Analytics({ writeKey: 'test-write-key' })
  // Loading waits on the datafile and the SDK's timers: settle moves a fake clock on meanwhile.
  await settle(plugin.load(Context.system(), analytics))
  const track = (event: Record<string, unknown>) =>
    settle(plugin.track!(new Context({ type: 'track', anonymousId: 'anon-1', messageId: 'm-1', ...event } as never)))
  return { plugin, analytics, track }
}
