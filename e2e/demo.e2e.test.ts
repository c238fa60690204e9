/**
 * The `npm start` demo, driven the way a person uses it: sign in, let the page's own Optimizely
 * client decide the checkout flag, add to cart, order, send the malformed calls. Both directions:
 * track calls become conversions at the Event API collector, and the decision comes back to
 * Segment's Tracking API stand-in as one Experiment Viewed. The demo server is the only server
 * (CDN settings, analytics.js, the built bundle, datafile, Event API collector, Tracking API), so
 * these tests also prove the demo keeps everything on this machine.
 *
 * Also: the scenario switch (the destination's own client, a wrong setting), the inspector
 * showing only this browser's visitors, what the page says a conversion was sent for, and that
 * nothing runs off the screen at 1400×900 or 390×844.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { startDemo, type Demo, type ReceivedSegmentEvent } from '../demo/server'
import { launchChromium } from './support/browser'
import { waitFor } from './support/harness'
import { checkoutExperimentViewed } from './support/experimentViewed'
import type { EventBatch } from './support/collector'
import type { SegmentApiEvent } from './support/site'
import { LOG_PREFIX } from '../src/client/consoleLog'

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

/** What the inspector's Sent to Segment panel shows in one row. */
interface SegmentRow {
  type: string | undefined
  event: string | undefined
  visitor: string | undefined
  highlighted: boolean
  properties: string
  /** The destinations Segment does not hand it to, as the panel names them under the event. */
  keptFrom: string
}

let demo: Demo
let browser: Browser
let origin: string
let opened: Array<{ context: BrowserContext; pageErrors: string[]; strayRequests: string[] }> = []

const DESKTOP = { width: 1400, height: 900 }
const PHONE = { width: 390, height: 844 }

interface OpenedDemo {
  page: Page
  /** Every path the page asked the demo server for. */
  paths: string[]
  /** Every console message, as `<type>: <text>`. */
  consoleMessages: Array<{ type: string; text: string }>
  /** The destination's console messages of one type (its messages carry its prefix). */
  destinationMessages: (type: 'error' | 'warning') => string[]
}

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

beforeEach(() => {
  demo.collector.clear()
  demo.segmentApi.clear()
})

afterEach(async () => {
  const closing = opened
  opened = []
  await Promise.all(closing.map(({ context }) => context.close()))
  for (const { pageErrors, strayRequests } of closing) {
    expect(pageErrors).toEqual([])
    expect(strayRequests).toEqual([])
  }
})

/**
 * Opens the demo (one scenario, default the page's client reused) in a fresh profile and waits
 * until analytics.js is ready; unless `destinationFails`, checks that it loaded the destination.
 */
async function openDemo({
  scenario,
  viewport = DESKTOP,
  destinationFails = false
}: { scenario?: string; viewport?: { width: number; height: number }; destinationFails?: boolean } = {}): Promise<OpenedDemo> {
  const context = await browser.newContext({ viewport })
  const page = await context.newPage()
  const record = { context, pageErrors: [] as string[], strayRequests: [] as string[] }
  opened.push(record)
  const paths: string[] = []
  const consoleMessages: OpenedDemo['consoleMessages'] = []
  page.on('console', (message) => consoleMessages.push({ type: message.type(), text: message.text() }))
  // Observers only, no interception: beacons stay untouched.
  context.on('request', (request) => {
    const url = new URL(request.url())
    if (url.protocol === 'data:') return
    if (url.origin !== origin) record.strayRequests.push(request.url())
    else paths.push(url.pathname)
  })
  page.on('pageerror', (error) => record.pageErrors.push(String(error?.stack ?? error)))

  await page.goto(scenario ? `${origin}/?scenario=${scenario}` : `${origin}/`)
  await page.waitForSelector('body[data-ready]')
  if (!destinationFails) {
    expect(await page.getAttribute('body', 'data-ready')).toBe('yes')
    expect(await page.textContent('#analytics-status')).toContain('Optimizely destination loaded')
  }
  const destinationMessages = (type: string) =>
    consoleMessages.filter((message) => message.type === type && message.text.startsWith(LOG_PREFIX)).map((message) => message.text)
  return { page, paths, consoleMessages, destinationMessages }
}

const anonymousIdOf = (page: Page) =>
  page.evaluate(() => (window as unknown as { analytics: { user(): { anonymousId(): string } } }).analytics.user().anonymousId())

/** Adds two products and completes the order; resolves with the page's order result once it has its answer from the collector. */
async function order(page: Page): Promise<{ state: string | undefined; text: string }> {
  await page.click('button[data-product="mug"]')
  await page.click('button[data-product="tote"]')
  await page.click('#checkout')
  // The page waits up to 5 s for the conversion at the collector before it says none came.
  await page.waitForFunction(
    () => ['received', 'missing'].includes(document.getElementById('order-result')?.dataset.state ?? ''),
    undefined,
    {
      timeout: 15_000
    }
  )
  return page.$eval('#order-result', (element) => ({ state: (element as HTMLElement).dataset.state, text: element.textContent ?? '' }))
}

/**
 * What runs off the screen or is cut off sideways: every element whose right edge is beyond the
 * viewport, and every box that hides content to its right (scrollWidth beyond its width), text
 * fields aside.
 */
async function overflowingElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const describe = (element: Element) =>
      `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${element.className && typeof element.className === 'string' ? `.${element.className.split(' ').join('.')}` : ''}`
    const found: string[] = []
    if (document.documentElement.scrollWidth > window.innerWidth)
      found.push(`document ${document.documentElement.scrollWidth} > ${window.innerWidth}`)
    for (const element of Array.from(document.body.querySelectorAll('*'))) {
      const box = element.getBoundingClientRect()
      if (box.width === 0 && box.height === 0) continue
      if (box.right > window.innerWidth + 0.5) found.push(`${describe(element)} right edge ${Math.round(box.right)}`)
      // A text field scrolls its own value, as every text field does.
      const isTextField = element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement
      if (!isTextField && element.scrollWidth > element.clientWidth + 1 && getComputedStyle(element).overflowX !== 'visible') {
        found.push(`${describe(element)} hides ${element.scrollWidth - element.clientWidth} px sideways`)
      }
    }
    return found
  })
}

/** The events analytics.js delivered to the demo's Tracking API stand-in, as sent. */
const segmentEvents = () => demo.segmentApi.events.map((received: ReceivedSegmentEvent) => received.body as unknown as SegmentApiEvent)
const experimentViewed = () => segmentEvents().filter((event) => event.event === 'Experiment Viewed')

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

async function segmentRows(page: Page): Promise<SegmentRow[]> {
  return page.$$eval('#segment-events tbody tr', (rows) =>
    rows.map((row) => {
      const text = (selector: string) => (row.querySelector(selector)?.textContent ?? '').trim()
      const element = row as HTMLElement
      return {
        type: element.dataset.type,
        event: element.dataset.event,
        visitor: element.dataset.visitor,
        highlighted: element.classList.contains('experiment-viewed'),
        properties: text('td.properties'),
        keptFrom: text('td.event-name .detail')
      }
    })
  )
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

test('sign in, decide twice, add to cart, order and malformed calls: conversions reach the collector, one Experiment Viewed reaches Segment, the inspector shows both', async () => {
  const { page, paths, destinationMessages } = await openDemo()

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

  // The decision comes back to Segment: one Experiment Viewed, kept from the Optimizely destination.
  await waitFor(
    () => experimentViewed().length > 0,
    'Experiment Viewed at the Segment stand-in',
    () => segmentEvents().map((event) => event.event ?? event.type)
  )
  expect(experimentViewed()).toHaveLength(1)
  expect(experimentViewed()[0]).toMatchObject({ ...checkoutExperimentViewed(variation, 'demo-e2e-shopper'), userId: 'demo-e2e-shopper' })
  await page.waitForSelector('#segment-events tr[data-event="Experiment Viewed"]')
  const [exposureRow] = (await segmentRows(page)).filter((row) => row.event === 'Experiment Viewed')
  expect(exposureRow).toMatchObject({ type: 'track', visitor: 'demo-e2e-shopper', highlighted: true })
  expect(exposureRow.properties).toContain(`checkout_redesign_test → ${variation}`)
  expect(exposureRow.properties).toContain(`experiment 2001 · variation ${variation === 'treatment' ? '5002' : '5001'}`)
  expect(exposureRow.keptFrom).toBe('not to the Optimizely destination or its cloud companion')

  // Deciding again in the same session is a second impression at the Event API (below), but no
  // second Experiment Viewed: checked once the later track calls have reached Segment.
  await page.click('#decide')

  await page.click('button[data-product="mug"]')
  await page.click('button[data-product="tote"]')
  expect(await page.textContent('#cart-total')).toBe('$36.50')
  await page.click('#checkout')
  await page.waitForFunction(() => document.getElementById('order-result')?.dataset.state === 'received')
  // What the page says comes from the collector: the ID, the revenue and the sender it received.
  expect(await page.textContent('#order-result')).toContain(
    "tracked in Segment for demo-e2e-shopper. Optimizely received the conversion for demo-e2e-shopper, revenue 3650 cents, sent by the page's client."
  )
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

  // The page's own client: one impression per decision for the signed-in visitor, with the
  // variation shown.
  const impressions = events.filter((event) => event.decisions.length > 0)
  expect(impressions).toHaveLength(2)
  for (const impression of impressions) {
    expect(impression).toMatchObject({ via: 'site', visitorId: 'demo-e2e-shopper', key: 'campaign_activated' })
    expect(impression.decisions[0].metadata).toMatchObject({ flag_key: 'checkout_redesign', variation_key: variation })
  }

  // The destination converts through the page's client, so its conversions leave through that
  // client's dispatcher too; every one is for the same visitor, with the datafile's event ids (in
  // any order: two requests may be in flight at once).
  const conversions = events.filter((event) => event.decisions.length === 0)
  const which = (event: CollectedEvent) =>
    typeof event.tags.product_id === 'string' ? event.tags.product_id : event.tags.order_id ? 'order' : 'malformed'
  const summary = (event: CollectedEvent) => `${event.via} ${event.visitorId} ${event.key} (${event.entityId}) ${which(event)}`
  expect(conversions.map(summary).sort()).toEqual([
    'site demo-e2e-shopper Order Completed (8001) malformed',
    'site demo-e2e-shopper Order Completed (8001) order',
    'site demo-e2e-shopper Product Added (8004) mug',
    'site demo-e2e-shopper Product Added (8004) socks',
    'site demo-e2e-shopper Product Added (8004) tote'
  ])
  // Experiment Viewed never comes back into the destination as a conversion.
  expect(events.map((event) => event.key)).not.toContain('Experiment Viewed')
  // Reused, not duplicated: one datafile download (the page's), and the destination never
  // downloaded its own SDK; it did download its decisions code.
  expect(paths.filter((path) => path === '/datafile.json')).toHaveLength(1)
  expect(paths.filter((path) => path.startsWith('/dist/web/optimizely-sdk'))).toEqual([])
  expect(paths.filter((path) => path.startsWith('/dist/web/decisions'))).toHaveLength(1)
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
  // What docs/demo.md and the page promise: five warnings (revenue, value, the two tags, the
  // unknown event); the __proto__ key, the nested and the undefined trait go silently. The page's
  // Destination console card shows the same five.
  const warnings = destinationMessages('warning')
  expect(warnings).toHaveLength(5)
  for (const piece of ['revenue NaN', 'value "a lot"', 'tag "shipping"', 'tag "coupon"', 'conversion "Refund Requested"']) {
    expect(warnings.filter((warning) => warning.includes(piece))).toHaveLength(1)
  }
  expect(destinationMessages('error')).toEqual([])
  expect(await page.$$eval('#console-messages li[data-level="warn"]', (items) => items.length)).toBe(5)

  // The inspector shows what the collector received (it polls, so wait for the last row).
  await page.waitForFunction(() =>
    Array.from(document.querySelectorAll('#batches td.tags')).some((cell) => cell.textContent?.includes('"socks"'))
  )
  const rows = await inspectorRows(page)
  expect(rows.filter((row) => row.eventKey !== undefined)).toHaveLength(events.length)
  const orderRow = rows.find((row) => row.eventKey === 'Order Completed' && row.revenue !== '—')
  expect(orderRow).toMatchObject({ visitor: 'demo-e2e-shopper', via: 'site', value: '36.5' })
  expect(orderRow?.revenue).toBe('3650¢$36.50')
  expect(orderRow?.tags).toContain('order_id:')
  expect(orderRow?.attributes).toContain('plan: "pro"')
  const malformedRow = rows.find((row) => row.eventKey === 'Order Completed' && row.revenue === '—')
  expect(malformedRow).toMatchObject({ visitor: 'demo-e2e-shopper', value: '—', tags: 'currency: "USD"' })
  const impressionRows = rows.filter((row) => row.eventKey === 'campaign_activated')
  expect(impressionRows).toHaveLength(2)
  for (const impressionRow of impressionRows) {
    expect(impressionRow).toMatchObject({ visitor: 'demo-e2e-shopper', via: 'site' })
    expect(impressionRow.decisions).toBe(`checkout_redesign→ ${variation}`)
  }
  expect(await page.textContent('#inspector-status')).toContain(`${events.length} events received for this browser's visitors`)

  // Segment received every call analytics.js made: the page view, the sign-in, one Experiment
  // Viewed for two decisions, and each track call (the malformed ones too: Segment takes them as
  // they are). Once the last one has arrived, a second Experiment Viewed, made before it, would
  // have arrived too. (In any order: analytics.js may have two requests in flight at once.)
  await waitFor(
    () => segmentEvents().some((event) => event.event === 'Product Added' && event.properties?.product_id === 'socks'),
    'the last track call at the Segment stand-in',
    () => segmentEvents().map((event) => event.event ?? event.type)
  )
  expect(
    segmentEvents()
      .map((event) => `${event.type} ${event.event ?? ''}`.trim())
      .sort()
  ).toEqual([
    'identify',
    'page',
    'track Experiment Viewed',
    'track Order Completed',
    'track Order Completed',
    'track Product Added',
    'track Product Added',
    'track Product Added',
    'track Refund Requested'
  ])
  expect(paths.filter((path) => path.startsWith('/segment/v1/')).length).toBe(segmentEvents().length)
  await page.waitForFunction((count) => document.querySelectorAll('#segment-events tbody tr').length === count, segmentEvents().length)
  const sentToSegment = await segmentRows(page)
  // Newest first; only the Experiment Viewed row is highlighted.
  expect(sentToSegment.map((row) => row.event ?? row.type)).toEqual(
    segmentEvents()
      .map((event) => event.event ?? event.type)
      .reverse()
  )
  expect(sentToSegment.filter((row) => row.highlighted).map((row) => row.event)).toEqual(['Experiment Viewed'])
  const orderSent = sentToSegment.find((row) => row.event === 'Order Completed' && row.properties.includes('order_id'))
  expect(orderSent).toMatchObject({ type: 'track', visitor: 'demo-e2e-shopper', keptFrom: '' })
  expect(orderSent?.properties).toContain('revenue: 3650')
  expect(await page.textContent('#segment-status')).toContain(
    `${segmentEvents().length} events received for this browser's visitors, 1 Experiment Viewed`
  )
})

test("the inspector shows only this browser's visitors; Clear empties it in this browser only, also after a reload", async () => {
  const { page } = await openDemo()
  const anonymousId = await anonymousIdOf(page)
  // Another browser (another visitor) on the same demo server, before and after this one.
  const other = await openDemo()
  const otherId = await anonymousIdOf(other.page)
  await other.page.click('button[data-product="socks"]')
  await waitFor(() => collectedEvents().some((event) => event.visitorId === otherId), "the other visitor's conversion")

  await page.click('button[data-product="mug"]')
  await page.waitForSelector('#batches tr[data-event-key="Product Added"]')
  expect(
    collectedEvents()
      .map((event) => [event.visitorId, event.tags.product_id])
      .sort()
  ).toEqual(
    [
      [anonymousId, 'mug'],
      [otherId, 'socks']
    ].sort()
  )
  await page.waitForSelector('#segment-events tr[data-event="Product Added"]')
  // Both of the other visitor's calls (its page view and its track) have reached the server by
  // now; once this page's status counts them as left out, its tables are complete.
  await page.waitForFunction(() => document.getElementById('inspector-status')?.textContent?.includes('1 batch of other visitors left out'))
  await page.waitForFunction(() => document.getElementById('segment-status')?.textContent?.includes('2 events of other visitors left out'))
  expect((await inspectorRows(page)).map((row) => [row.visitor, row.eventKey])).toEqual([[anonymousId, 'Product Added']])
  expect((await segmentRows(page)).map((row) => row.visitor)).toEqual([anonymousId, anonymousId])
  expect(await page.textContent('#inspector-visitors')).toBe(`Visitors shown: ${anonymousId}.`)
  // And the other browser sees only its own.
  await other.page.waitForSelector('#batches tr[data-event-key="Product Added"]')
  expect((await inspectorRows(other.page)).map((row) => row.visitor)).toEqual([otherId])

  await page.click('#clear-batches')
  expect(await page.$$eval('#batches tbody tr, #segment-events tbody tr', (rows) => rows.length)).toBe(0)
  // This browser's Clear leaves the server's lists (and the other browser's view) alone.
  expect(collectedEvents()).toHaveLength(2)
  expect(await other.page.$$eval('#batches tbody tr', (rows) => rows.length)).toBe(1)
  // Cleared rows stay away after a reload too.
  await page.reload()
  await page.waitForSelector('body[data-ready="yes"]')
  await page.waitForFunction(() => document.getElementById('segment-status')?.textContent?.includes('received for this browser'))

  await page.click('button[data-product="tote"]')
  await page.waitForSelector('#batches tr[data-event-key="Product Added"]')
  const rows = await inspectorRows(page)
  expect(rows).toHaveLength(1)
  expect(rows[0]).toMatchObject({ visitor: anonymousId, eventKey: 'Product Added' })
  expect(rows[0].tags).toContain('product_id: "tote"')
  await page.waitForSelector('#segment-events tr[data-event="Product Added"]')
  const sentToSegment = (await segmentRows(page)).filter((row) => row.type === 'track')
  expect(sentToSegment).toHaveLength(1)
  expect(sentToSegment[0]).toMatchObject({ type: 'track', event: 'Product Added', visitor: anonymousId, highlighted: false })
  expect(sentToSegment[0].properties).toContain('product_id: "tote"')
})

test("a user ID signed in here counts as this browser's visitor from its first call", async () => {
  const { page } = await openDemo()
  await page.fill('#user-id', 'demo-visitor-list')
  await page.click('#identify')
  await page.click('button[data-product="mug"]')
  await page.waitForSelector('#batches tr[data-visitor="demo-visitor-list"]')
  await page.waitForSelector('#segment-events tr[data-type="identify"][data-visitor="demo-visitor-list"]')
  expect(await page.textContent('#inspector-visitors')).toContain('demo-visitor-list')
})

test('Visitor ID Guard use-decided-id: decided anonymously, an order after signing in is sent for the anonymous ID, and the page says so', async () => {
  const { page } = await openDemo()
  const anonymousId = await anonymousIdOf(page)

  await page.click('#decide')
  await page.waitForSelector('#variation:not([data-variation=""])')
  await waitFor(() => experimentViewed().length === 1, 'Experiment Viewed for the anonymous visitor')
  expect(experimentViewed()[0].properties).toMatchObject({ optimizely_user_id: anonymousId })

  await page.fill('#user-id', 'demo-guard-shopper')
  await page.click('#identify')
  await page.waitForFunction(() => document.getElementById('visitor')?.textContent?.includes('demo-guard-shopper'))
  const result = await order(page)

  const conversion = await waitFor(
    () => collectedEvents().find((event) => event.key === 'Order Completed'),
    'the order at the Event API',
    collectedEvents
  )
  // Segment has the order for the signed-in user; Optimizely gets it for the bucketed visitor,
  // and the page says which ID Optimizely got, not the one the store tracked with.
  expect(conversion.visitorId).toBe(anonymousId)
  expect(result.state).toBe('received')
  expect(result.text).toContain(
    `tracked in Segment for demo-guard-shopper. Optimizely received the conversion for ${anonymousId} (the ID the checkout decision was made for: Visitor ID Guard use-decided-id), revenue 3650 cents`
  )
  await waitFor(() => segmentEvents().some((event) => event.event === 'Order Completed'), 'the order at the Segment stand-in')
  expect(segmentEvents().find((event) => event.event === 'Order Completed')).toMatchObject({ userId: 'demo-guard-shopper', anonymousId })
  expect(experimentViewed()).toHaveLength(1)
})

test("scenario destination's own client: no page client; the destination downloads its SDK and the datafile, and its conversions reach the collector through its Event Endpoint", async () => {
  const { page, paths, destinationMessages } = await openDemo({ scenario: 'own-client' })
  expect(await page.getAttribute('#scenario-links a[aria-current="page"]', 'data-scenario')).toBe('own-client')
  // No SDK of the page's own: the destination's chunk and one datafile download (its own).
  expect(paths).not.toContain('/vendor/optimizely-sdk.js')
  expect(paths.filter((path) => path.startsWith('/dist/web/optimizely-sdk'))).toHaveLength(1)
  expect(paths.filter((path) => path === '/datafile.json')).toHaveLength(1)
  // Shared with the page, so the store decides with the destination's client.
  await page.click('#decide')
  await page.waitForSelector('#variation:not([data-variation=""])')
  const variation = await page.getAttribute('#variation', 'data-variation')
  const anonymousId = await anonymousIdOf(page)

  const result = await order(page)
  const events = await waitFor(
    () => {
      const all = collectedEvents()
      return all.some((event) => event.key === 'Order Completed') && all
    },
    'the order at the Event API',
    collectedEvents
  )
  expect(events.map((event) => `${event.via} ${event.visitorId} ${event.key}`).sort()).toEqual(
    [
      `destination ${anonymousId} campaign_activated`,
      `destination ${anonymousId} Order Completed`,
      `destination ${anonymousId} Product Added`,
      `destination ${anonymousId} Product Added`
    ].sort()
  )
  expect(events.find((event) => event.key === 'Order Completed')).toMatchObject({ revenue: 3650, value: 36.5 })
  expect(result).toMatchObject({ state: 'received' })
  expect(result.text).toContain(
    `Optimizely received the conversion for ${anonymousId}, revenue 3650 cents, sent by the destination's own client.`
  )
  await waitFor(() => experimentViewed().length === 1, 'Experiment Viewed from the shared client')
  expect(experimentViewed()[0]).toMatchObject(checkoutExperimentViewed(variation, anonymousId))
  await page.waitForSelector('#batches th.batch .sender')
  expect(await page.$$eval('#batches .sender', (cells) => cells.map((cell) => cell.textContent))).toContain('destination')
  expect(destinationMessages('error')).toEqual([])
  expect(destinationMessages('warning')).toEqual([])
})

test('scenario wrong setting: the destination refuses to load with one console error, the page keeps working and says so, Optimizely gets no conversion', async () => {
  const { page, consoleMessages, destinationMessages } = await openDemo({
    scenario: 'wrong-setting',
    viewport: PHONE,
    destinationFails: true
  })
  expect(await page.getAttribute('body', 'data-ready')).toBe('no')
  const [error] = destinationMessages('error')
  expect(consoleMessages.filter((message) => message.type === 'error').map((message) => message.text)).toEqual([error])
  expect(error).toContain('belongs to account 12003456780, not to the configured account 99999999999')
  // The page shows it: the status names the reason, the destination console card holds the error.
  expect(await page.textContent('#analytics-status')).toContain(
    'the Optimizely destination did not load: could not load the Optimizely datafile'
  )
  expect(await page.textContent('#console-messages li[data-level="error"]')).toContain('not to the configured account 99999999999')

  // The page's own client still decides (its impression reaches the collector), the order still
  // reaches Segment, and the page says Optimizely got no conversion.
  await page.click('#decide')
  await page.waitForSelector('#variation:not([data-variation=""])')
  const result = await order(page)
  expect(result.state).toBe('missing')
  expect(result.text).toContain('Optimizely received no conversion: the Optimizely destination did not load.')
  await waitFor(() => segmentEvents().some((event) => event.event === 'Order Completed'), 'the order at the Segment stand-in')
  expect(collectedEvents().map((event) => `${event.via} ${event.key}`)).toEqual(['site campaign_activated'])
  expect(experimentViewed()).toEqual([])
  expect(await overflowingElements(page)).toEqual([])
})

test.each([
  ['1400×900', DESKTOP],
  ['390×844', PHONE]
])('at %s nothing runs off the screen or is cut off, with every panel filled', async (_size, viewport) => {
  const { page } = await openDemo({ viewport })
  await page.click('#decide')
  await page.waitForSelector('#variation:not([data-variation=""])')
  await page.fill('#user-id', 'demo-layout-shopper-with-a-long-user-id')
  await page.click('#identify')
  await order(page)
  await page.click('#malformed')
  await page.waitForSelector('#console-messages li[data-level="warn"]')
  await page.waitForFunction(() => document.querySelectorAll('#batches tr[data-event-key="Order Completed"]').length === 2)
  await page.waitForSelector('#segment-events tr[data-event="Refund Requested"]')
  expect(await overflowingElements(page)).toEqual([])
})
