/**
 * The package from npm, bundled into the site's own code with analytics.js from npm: the two ways
 * the README documents, through the package's `exports` as a site's bundler resolves them.
 */
import { setUpE2E, waitFor } from './support/harness'
import { conversionsIn } from './support/eventApi'
import { buildNpmPage } from './support/npmPage'
import type { PageLoader } from './support/site'
import type { PageWindow } from './support/pageWindow'

const e2e = setUpE2E()

beforeAll(async () => {
  e2e.site.npmPageDir = await buildNpmPage()
})

const received = () => conversionsIn(e2e.collector.accepted())

const loaders: Array<[string, PageLoader]> = [
  ['the factory as a plugin source, settings from the CDN', 'npm-remote-plugin'],
  ['the factory called with settings and subscriptions', 'npm-plugins']
]

test.each(loaders)(
  '%s: conversions tracked while the datafile is on its way arrive, and dist/web is not fetched',
  async (_title, loader) => {
    const { page } = await e2e.openStore({ loader, datafile: 'late' })
    await page.evaluate(() => {
      const { analytics } = window as unknown as PageWindow
      void analytics.identify('npm-shopper', { plan: 'pro' })
      void analytics.track('Order Completed', { revenue: 1200, coupon: 'NPM' })
    })
    expect(e2e.site.datafileRequests.late?.answered ?? 0).toBe(0)

    await waitFor(
      () => received().length > 0,
      'the conversion',
      () => e2e.collector.requests
    )
    expect(received().map((c) => [c.visitorId, c.key, c.revenue, c.tags.coupon, c.attributes.plan])).toEqual([
      ['npm-shopper', 'Order Completed', 1200, 'NPM', 'pro']
    ])
    expect(e2e.site.webBundleRequests).toEqual([])
  }
)
