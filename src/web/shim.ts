/**
 * `@segment/browser-destination-runtime/shim` as the web bundle sees it: the same plugin factory,
 * with the runtime in the main file instead of a lazy chunk, and every subscription's FQL and
 * mapping (its validation and its transform) prepared before the runtime is handed the subscriptions.
 *
 * The published shim imports the runtime's plugin module lazily, so a page waited for the main
 * file, then for the runtime chunk, before it could even start loading the SDK: one sequential
 * round trip more before the first conversion, for code every page needs anyway. The factory's
 * contract is unchanged: analytics.js calls it with the settings (and `subscriptions`) and gets
 * the runtime's plugins from `generatePlugins`, each event handed only the subscriptions that can
 * match it (src/web/subscriptionIndex.ts).
 */
import type { JSONValue } from '@segment/actions-core'
import type { BrowserDestinationDefinition, PluginFactory, Subscription } from '@segment/browser-destination-runtime/types'
import { prepareFql } from './subscriptions'
import { prepareTransform } from './mappingTransform'
import { indexedPlugins } from './subscriptionIndex'

export function browserDestination<S, C>(definition: BrowserDestinationDefinition<S, C>): PluginFactory {
  const create = async (settings: JSONValue) => {
    const subscriptions = (settings as { subscriptions?: Subscription[] }).subscriptions ?? []
    // The runtime evaluates only the enabled subscriptions of actions this definition has.
    const used = subscriptions.filter((subscription) => subscription.enabled && subscription.partnerAction in definition.actions)
    const mappings = used.map((subscription) => subscription.mapping)
    await Promise.all([prepareFql(used.map((subscription) => subscription.subscribe)), prepareTransform(mappings)])
    return indexedPlugins(definition, settings as S, subscriptions)
  }
  return Object.assign(create, { pluginName: definition.name })
}
