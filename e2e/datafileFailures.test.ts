/**
 * A datafile the destination cannot use (missing, not JSON as a deactivated project answers,
 * another account's) makes it give up with one clear console error, while the page, analytics.js
 * and its other destinations carry on.
 */
import { setUpE2E, waitFor } from './support/harness'
import type { DatafileVariant } from './support/site'
import type { PageWindow } from './support/pageWindow'

const e2e = setUpE2E()

const cases: Array<[string, DatafileVariant, RegExp]> = [
  ['answers 404', 'missing', /status: 404/],
  ['answers with a text body', 'text', /invalid datafile/],
  ['belongs to another account', 'other-account', /belongs to account 99999999999/]
]

test.each(cases)(
  'a datafile that %s: one console error naming its URL, no page error, analytics.track() resolves',
  async (_title, variant, reason) => {
    const store = await e2e.openStore({ datafile: variant })
    await waitFor(
      () => store.destinationErrors().length > 0,
      'the console error',
      () => store.consoleMessages
    )

    const tracked = await store.page.evaluate(async () => {
      const { analytics } = window as unknown as PageWindow
      await analytics.identify('unlucky-shopper')
      const context = (await analytics.track('Order Completed', { revenue: 1500 })) as { event: { event: string } }
      return context.event.event
    })
    expect(tracked).toBe('Order Completed')

    const [error] = store.destinationErrors()
    expect(store.destinationErrors()).toHaveLength(1)
    expect(error).toContain(store.scenario.datafileUrl)
    expect(error).toMatch(reason)
    // analytics.js' own delivery (another destination, in effect) still got the track call.
    await waitFor(
      () => e2e.site.segmentApiCalls.includes(`/segment/v1/t`),
      "analytics.js' own track request",
      () => e2e.site.segmentApiCalls
    )
    expect(e2e.collector.requests).toEqual([])
  }
)
