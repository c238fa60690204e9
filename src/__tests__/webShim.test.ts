/**
 * The web bundle's plugin factory (src/web/shim.ts) with the web bundle's subscriptions module in
 * place of the library's, as webpack wires them: a subscription in a common FQL form and one in
 * another form (parsed by the library's parser, loaded by the factory before any event) both match
 * as the library says, and their mappings are applied.
 */
import type { BrowserDestinationDefinition } from '@segment/browser-destination-runtime/types'
import { browserDestination } from '../web/shim'
import * as webSubscriptions from '../web/subscriptions'

jest.mock('@segment/destination-subscriptions', () => jest.requireActual<object>('../web/subscriptions'))

const performed: unknown[] = []
const definition: BrowserDestinationDefinition<Record<string, never>, object> = {
  name: 'Web Shim Test',
  mode: 'device',
  settings: {},
  initialize: () => Promise.resolve({}),
  actions: {
    send: {
      title: 'Send',
      description: 'Records its payload.',
      platform: 'web',
      fields: {},
      perform: (_client, { payload }) => {
        performed.push(payload)
      }
    }
  }
}

test("the runtime evaluates subscriptions with the web bundle's module, as webpack wires it", () => {
  // Else the test below would pass on the library's own parser, whether the factory prepared the FQL or not.
  expect(jest.requireMock<typeof webSubscriptions>('@segment/destination-subscriptions').validate).toBe(webSubscriptions.validate)
})

test('subscriptions in a common and in another FQL form both match, each with its mapping applied', async () => {
  const factory = browserDestination(definition)
  const subscriptions: Array<{
    name: string
    enabled: boolean
    partnerAction: string
    subscribe: string
    mapping: Record<string, string | Record<string, string>>
  }> = [
    {
      name: 'common',
      enabled: true,
      partnerAction: 'send',
      subscribe: 'type = "track" and event = "A"',
      mapping: { which: 'common', event: { '@path': '$.event' } }
    },
    {
      name: 'other',
      enabled: true,
      partnerAction: 'send',
      subscribe: 'properties.revenue > 10',
      mapping: { which: 'other', label: { '@template': '{{event}}!' } }
    },
    { name: 'disabled', enabled: false, partnerAction: 'send', subscribe: 'type = "track"', mapping: { which: 'disabled' } }
  ]
  const plugins = [await factory({ subscriptions })].flat()
  expect(plugins).toHaveLength(1)
  await plugins[0].load({} as never, {} as never)
  await plugins[0].track?.({ event: { type: 'track', event: 'A', properties: { revenue: 5 } } } as never)
  await plugins[0].track?.({ event: { type: 'track', event: 'B', properties: { revenue: 50 } } } as never)
  await plugins[0].track?.({ event: { type: 'track', event: 'C', properties: { revenue: 1 } } } as never)
  expect(performed).toEqual([
    { which: 'common', event: 'A' },
    { which: 'other', label: 'B!' }
  ])
})
