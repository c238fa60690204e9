/**
 * The `npm start` demo, driven the way a person uses it: sign in, let the page's own Optimizely
 * client decide the checkout flag, add to cart, order, send the malformed calls. The demo server
 * is the only server (CDN settings, analytics.js, the built bundle, datafile, Event API
 * collector), so these tests also prove the demo keeps everything on this machine.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { startDemo, type Demo } from '../demo/server'
import { launchChromium } from './support/browser'
import { waitFor } from './support/harness'
import type { EventBatch } from './support/collector'

interface CollectedEvent {
  via: string
  visitorId: string
  key: string
  entityId: string
  revenue?: number
  value?: number
  tags: Record<string, unknown>
  attributes: Record<string, unknown>
  decisions: EventBatch['visitors'][number]['snapshots'][number]['decisions']
}

/** What the inspector shows in one table row, read from the page. */
interface InspectorRow {
  visitor: string | undefined
  eventKey: string | undefined
  via: string | undefined
  revenue: string
  value: string
  tags: string
  attributes: string
  decisions: string
}

let demo: Demo
let browser: Browser
let origin: string
let opened: Array<{ context: BrowserContext; pageErrors: string[]; strayRequests: string[] }> = []

beforeAll(async () => {
  demo = await startDemo({ port: 0 })
  // launchChromium resolves no host names except Optimizely's Event API hosts (mapped here onto
  // the demo server, where a request that ignored the Event Endpoint setting would show up as
  // stray), so the page is opened by address rather than as http://localhost.
  browser = await launchChromium(demo.port)
  origin = `http://127.0.0.1:${demo.port}`
})

afterAll(async () => {
  await browser?.close()
  await demo?.close()
})

beforeEach(() => demo.collector.clear())

afterEach(async () => {
  const closing = opened
  opened = []
  await Promise.all(closing.map(({ context }) => context.close()))
  for (const { pageErrors, strayRequests } of closing) {
    expect(pageErrors).toEqual([])
    expect(strayRequests).toEqual([])
  }
})

/** Opens the demo in a fresh profile and waits until analytics.js has loaded the destination. */
async function openDemo(): Promise<{ page: Page; segmentApiCalls: string[] }> {
  const context = await browser.newContext()
  const page = await context.newPage()
  const record = { context, pageErrors: [] as string[], strayRequests: [] as string[] }
  opened.push(record)
  const segmentApiCalls: string[] = []
  // Observers only, no interception: beacons stay untouched.
  context.on('request', (request) => {
    const url = new URL(request.url())
    if (url.protocol === 'data:') return
    if (url.origin !== origin) record.strayRequests.push(request.url())
    else if (url.pathname.startsWith('/segment/v1/')) segmentApiCalls.push(url.pathname)
  })
  page.on('pageerror', (error) => record.pageErrors.push(String(error?.stack ?? error)))

  await page.goto(`${origin}/`)
  await page.waitForSelector('body[data-ready]')
  expect(await page.getAttribute('body', 'data-ready')).toBe('yes')
  expect(await page.textContent('#analytics-status')).toContain('Optimizely destination loaded')
  return { page, segmentApiCalls }
}

/** The collector's batches, one entry per event, as Optimizely reads them. */
function collectedEvents(): CollectedEvent[] {
  const events: CollectedEvent[] = []
  for (const batch of demo.collector.batches) {
    const body = batch.body as EventBatch
    for (const visitor of body.visitors) {
      const attributes = Object.fromEntries(visitor.attributes.map((attribute) => [attribute.key, attribute.value]))
      for (const snapshot of visitor.snapshots) {
        for (const event of snapshot.events) {
          events.push({
            via: batch.via,
            visitorId: visitor.visitor_id,
            key: event.key,
            entityId: event.entity_id,
            revenue: event.revenue,
            value: event.value,
            tags: event.tags ?? {},
            attributes,
            decisions: snapshot.decisions ?? []
          })
        }
      }
    }
  }
  return events
}

async function inspectorRows(page: Page): Promise<InspectorRow[]> {
  return page.$$eval('#batches tbody tr', (rows) =>
    rows.map((row) => {
      const text = (selector: string) => (row.querySelector(selector)?.textContent ?? '').trim()
      const element = row as HTMLElement
      return {
        visitor: element.dataset.visitor,
        eventKey: element.dataset.eventKey,
        via: element.dataset.via,
        revenue: text('td.revenue'),
        value: text('td.value'),
        tags: text('td.tags'),
        attributes: text('td.attributes'),
        decisions: text('td.decisions')
      }
    })
  )
}

test('sign in, decide, add to cart, order and malformed calls: the collector and the inspector show the conversions', async () => {
  const { page, segmentApiCalls } = await openDemo()

  await page.fill('#user-id', 'demo-e2e-shopper')
  await page.selectOption('#plan', 'pro')
  await page.selectOption('#country', 'DE')
  await page.click('#identify')
  await page.waitForFunction(() => document.getElementById('visitor')?.textContent?.includes('demo-e2e-shopper'))

  await page.click('#decide')
  await page.waitForSelector('#variation:not([data-variation=""])')
  const variation = await page.getAttribute('#variation', 'data-variation')
  expect(['control', 'treatment']).toContain(variation)
  expect(await page.textContent('#checkout')).toBe(variation === 'treatment' ? 'Buy now in one click' : 'Complete order')

  await page.click('button[data-product="mug"]')
  await page.click('button[data-product="tote"]')
  expect(await page.textContent('#cart-total')).toBe('$36.50')
  await page.click('#checkout')
  await page.waitForFunction(() => document.getElementById('order-result')?.textContent?.includes('tracked'))
  expect(await page.textContent('#order-result')).toContain('revenue 3650 cents ($36.50)')
  expect(await page.textContent('#cart-total')).toBe('$0.00')

  await page.click('#malformed')
  await page.waitForFunction(() => document.getElementById('malformed-result')?.textContent !== '')
  expect(await page.textContent('#malformed-result')).toContain('Object.prototype is untouched')
  // A valid conversion after the malformed calls: once it has arrived, anything the malformed
  // calls were going to send (the unknown event included) would have arrived before it.
  await page.click('button[data-product="socks"]')

  const events = await waitFor(
    () => {
      const all = collectedEvents()
      return all.some((event) => event.key === 'Product Added' && event.tags.product_id === 'socks') && all
    },
    'the conversion sent after the malformed calls',
    collectedEvents
  )

  // The page's own client: one impression for the signed-in visitor, with the variation shown.
  const impressions = events.filter((event) => event.decisions.length > 0)
  expect(impressions).toHaveLength(1)
  expect(impressions[0]).toMatchObject({ via: 'site', visitorId: 'demo-e2e-shopper', key: 'campaign_activated' })
  expect(impressions[0].decisions[0].metadata).toMatchObject({ flag_key: 'checkout_redesign', variation_key: variation })

  // The destination: every conversion for the same visitor, with the datafile's event ids (in
  // any order: two batches may be in flight at once).
  const conversions = events.filter((event) => event.decisions.length === 0)
  const summary = (event: CollectedEvent) =>
    `${event.via} ${event.visitorId} ${event.key} (${event.entityId}) ${event.tags.product_id ?? (event.tags.order_id ? 'order' : 'malformed')}`
  expect(conversions.map(summary).sort()).toEqual([
    'destination demo-e2e-shopper Order Completed (8001) malformed',
    'destination demo-e2e-shopper Order Completed (8001) order',
    'destination demo-e2e-shopper Product Added (8004) mug',
    'destination demo-e2e-shopper Product Added (8004) socks',
    'destination demo-e2e-shopper Product Added (8004) tote'
  ])
  const mug = conversions.find((event) => event.tags.product_id === 'mug') as CollectedEvent
  const order = conversions.find((event) => event.key === 'Order Completed' && event.tags.order_id !== undefined) as CollectedEvent
  const malformed = conversions.find((event) => event.key === 'Order Completed' && event.tags.order_id === undefined) as CollectedEvent
  expect(mug.tags).toEqual({ product_id: 'mug', name: 'Enamel trail mug', price: 12, quantity: 1, currency: 'USD' })
  expect(mug.attributes).toEqual({ plan: 'pro', country: 'DE', logged_in: true, $opt_bot_filtering: true })
  expect(order).toMatchObject({ revenue: 3650, value: 36.5 })
  expect(order.tags).toMatchObject({ revenue: 3650, value: 36.5, currency: 'USD', item_count: 2 })
  // Malformed: NaN revenue and a text value are not sent, nor object/null tags or the __proto__
  // key; the nested and undefined traits are dropped and the valid ones kept.
  expect(malformed.revenue).toBeUndefined()
  expect(malformed.value).toBeUndefined()
  expect(malformed.tags).toEqual({ currency: 'USD' })
  expect(malformed.attributes).toEqual({ plan: 'pro', logged_in: true, $opt_bot_filtering: true })
  expect(events.map((event) => event.key)).not.toContain('Refund Requested')

  // The inspector shows what the collector received (it polls, so wait for the last row).
  await page.waitForFunction(() =>
    Array.from(document.querySelectorAll('#batches td.tags')).some((cell) => cell.textContent?.includes('"socks"'))
  )
  const rows = await inspectorRows(page)
  expect(rows.filter((row) => row.eventKey !== undefined)).toHaveLength(events.length)
  const orderRow = rows.find((row) => row.eventKey === 'Order Completed' && row.revenue !== '—')
  expect(orderRow).toMatchObject({ visitor: 'demo-e2e-shopper', via: 'destination', value: '36.5' })
  expect(orderRow?.revenue).toBe('3650¢$36.50')
  expect(orderRow?.tags).toContain('order_id:')
  expect(orderRow?.attributes).toContain('plan: "pro"')
  const malformedRow = rows.find((row) => row.eventKey === 'Order Completed' && row.revenue === '—')
  expect(malformedRow).toMatchObject({ visitor: 'demo-e2e-shopper', value: '—', tags: 'currency: "USD"' })
  const impressionRow = rows.find((row) => row.eventKey === 'campaign_activated')
  expect(impressionRow).toMatchObject({ visitor: 'demo-e2e-shopper', via: 'site' })
  expect(impressionRow?.decisions).toBe(`checkout_redesign→ ${variation}`)
  expect(await page.textContent('#inspector-status')).toContain(`${events.length} events received`)

  // analytics.js' own Tracking API calls were answered by the demo server, not Segment.
  expect(segmentApiCalls.length).toBeGreaterThan(0)
})

test('an anonymous visitor converts under the anonymous ID; Clear empties the inspector and it keeps updating', async () => {
  const { page } = await openDemo()
  const anonymousId = await page.evaluate(() =>
    (window as unknown as { analytics: { user(): { anonymousId(): string } } }).analytics.user().anonymousId()
  )

  await page.click('button[data-product="mug"]')
  await page.waitForSelector('#batches tr[data-event-key="Product Added"]')
  expect((await inspectorRows(page)).map((row) => [row.visitor, row.eventKey])).toEqual([[anonymousId, 'Product Added']])
  expect(collectedEvents().map((event) => [event.visitorId, event.key])).toEqual([[anonymousId, 'Product Added']])

  await page.click('#clear-batches')
  await page.waitForFunction(() => document.querySelectorAll('#batches tbody tr').length === 0)
  expect(demo.collector.batches).toEqual([])

  await page.click('button[data-product="tote"]')
  await page.waitForSelector('#batches tr[data-event-key="Product Added"]')
  const rows = await inspectorRows(page)
  expect(rows).toHaveLength(1)
  expect(rows[0]).toMatchObject({ visitor: anonymousId, eventKey: 'Product Added' })
  expect(rows[0].tags).toContain('product_id: "tote"')
})
