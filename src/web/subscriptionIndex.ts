/**
 * The runtime's plugins, each event handed only the subscriptions that can match it.
 *
 * The runtime's plugin evaluates every subscription of its action for every event, so a page with
 * 50 mappings paid for 50 FQL checks per event where one could match. Most subscriptions Segment's
 * app writes name their events (`type = "track" and event = "Order Completed"`), so the runtime's
 * `generatePlugins` is called once per event name (with the subscriptions that name it, and those
 * that name none, in their order) and once for the events no subscription names. Each event goes
 * to its name's plugin: the runtime still decides, maps and performs every subscription it is
 * given, and a subscription it is not given could not have matched (src/web/fqlFastPath.ts
 * `eventNamesOf`, held against the library by a test). The definition's `initialize` runs once.
 */
import { generatePlugins } from '@segment/browser-destination-runtime/plugin'
import type { BrowserDestinationDefinition, Subscription } from '@segment/browser-destination-runtime/types'
import type { Context, Plugin } from '@segment/analytics-next'
import { eventNamesOf } from './fqlFastPath'
import { parseFql } from './subscriptions'

/** The runtime plugin's own lifecycle; every other method of it evaluates the subscriptions for an event. */
const LIFECYCLE = new Set(['load', 'isLoaded', 'ready'])

/** The definition with its `initialize` run at most once, however many plugins load it. */
function initializedOnce<S, C>(definition: BrowserDestinationDefinition<S, C>): BrowserDestinationDefinition<S, C> {
  const initialize = definition.initialize
  if (!initialize) return definition
  let client: ReturnType<typeof initialize> | undefined
  return { ...definition, initialize: (...args) => (client ??= initialize(...args)) }
}

/** One action's plugin: the runtime's, each event handed to the plugin of its name's subscriptions. */
function indexedPlugin(subscriptions: Subscription[], generate: (subscriptions: Subscription[]) => Plugin): Plugin {
  const namesOf = subscriptions.map((subscription) => eventNamesOf(parseFql(subscription.subscribe)))
  // Keyed by each name a subscription names, and by undefined for the events of any other name:
  // each with the subscriptions that name it and those that name none, in their order.
  const byName = new Map(
    [...new Set(namesOf.flat())].map((name) => [
      name,
      generate(subscriptions.filter((_subscription, index) => !namesOf[index] || namesOf[index].includes(name as string)))
    ])
  )
  const all = [...byName.values()]
  // Its name, type and version are the runtime's: the same for any of the action's subscriptions.
  const plugin: Plugin = {
    ...all[0],
    isLoaded: () => all.every((each) => each.isLoaded()),
    load: (ctx, analytics) => Promise.all(all.map((each) => each.load(ctx, analytics)))
  }
  const pluginFor = (ctx: Context) => byName.get((ctx.event as { event?: string } | undefined)?.event) ?? byName.get(undefined)
  // Each event method (track, page, identify, …: whichever the runtime's plugin has) goes to the event's name's plugin.
  for (const [method, value] of Object.entries(all[0])) {
    if (typeof value !== 'function' || LIFECYCLE.has(method)) continue
    Object.assign(plugin, {
      [method]: (ctx: Context) => {
        const handle = (pluginFor(ctx) as unknown as Record<string, ((ctx: Context) => Promise<Context>) | undefined> | undefined)?.[method]
        return handle ? handle(ctx) : Promise.resolve(ctx)
      }
    })
  }
  return plugin
}

/** What `generatePlugins` returns for these subscriptions, with each event evaluated against only the ones that can match it. */
export function indexedPlugins<S, C>(definition: BrowserDestinationDefinition<S, C>, settings: S, subscriptions: Subscription[]): Plugin[] {
  const once = initializedOnce(definition)
  const plugins: Plugin[] = []
  for (const action of Object.keys(definition.actions)) {
    const used = subscriptions.filter((subscription) => subscription.enabled && subscription.partnerAction === action)
    if (used.length > 0) plugins.push(indexedPlugin(used, (some) => generatePlugins(once, settings, some)[0]))
  }
  return plugins
}
