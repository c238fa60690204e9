/**
 * Early capture: the site's real Optimizely client decides before the destination has loaded;
 * `captureDecisions` (the `./capture` module) or the README's snippet records the decisions in
 * sessionStorage, and the destination, once loaded, reports them through the real analytics.js
 * instance, once, and then listens itself. Both implementations run every case.
 */
import type { Client } from '@optimizely/optimizely-sdk'
import { Analytics, Context } from '@segment/analytics-next'
import { captureDecisions } from '../capture'
import { CAPTURE_HANDOFF_KEY, CAPTURE_QUEUE_KEY, MAX_QUEUED_DECISIONS, QUEUED_DECISION_TTL_MS, type QueuedDecision } from '../capture/queue'
import { waitFor } from './helpers/optimizelyNetwork'
import { recordTracks } from './helpers/recordTracks'
import { closePageClients, publishPageClient } from './helpers/pageOptimizely'
import { createPlugin, settingsWith } from './helpers/loadDestination'
import { readmeCaptureScript } from './helpers/readmeCapture'
import { KEEP_FROM_DESTINATION } from '../decisions/keptFromDestination'
import { pause, settle as onTestClock, useFakeClock } from './helpers/testClock'
import { freshPageForEachTest } from './helpers/freshPage'

const pageWindow = window as unknown as Record<string, unknown>
type Capture = (client: Client) => void

/** The snippet as a site pastes it: a classic <script> (jest's jsdom runs scripts) defining a global function. */
function pasteSnippet(): Capture {
  const script = document.createElement('script')
  script.textContent = readmeCaptureScript()
  document.head.appendChild(script)
  const pasted = pageWindow.captureOptimizelyDecisions
  if (typeof pasted !== 'function') throw new Error('the README snippet did not define captureOptimizelyDecisions')
  return (client) => (pasted as Capture)(client)
}
const snippet: Capture = (client) => pasteSnippet()(client)

const queued = (): QueuedDecision[] => JSON.parse(sessionStorage.getItem(CAPTURE_QUEUE_KEY) ?? '[]') as QueuedDecision[]

/**
 * Loads the destination (Experiment Viewed on) as analytics.js does, after another destination
 * (a recorder) is in place, and gives a way to wait until analytics.js delivered everything.
 */
async function destinationLoads() {
  const plugin = await createPlugin(settingsWith({ sendExperimentViewed: true }))
  const analytics = new Analytics({ writeKey: 'test-write-key' })
  const tracks = await recordTracks(analytics)
  await onTestClock(plugin.load(Context.system(), analytics))
  const settle = async () => {
    await onTestClock(analytics.track('Test marker', {}, KEEP_FROM_DESTINATION))
    tracks.splice(
      tracks.findIndex((event) => event.event === 'Test marker'),
      1
    )
  }
  return { analytics, tracks, settle }
}

// analytics.js' and the SDK's timers run on the fake clock waitFor and pause move on; so does Date.now.
useFakeClock()

freshPageForEachTest()

afterEach(() => {
  delete pageWindow[CAPTURE_HANDOFF_KEY]
})

describe.each([
  ['captureDecisions (./capture)', captureDecisions],
  ['the README snippet', snippet]
])('%s', (_name, capture) => {
  test('decisions made before the destination loads: one Experiment Viewed each once it has, timed when decided; later repeats are not sent again', async () => {
    const site = await publishPageClient()
    capture(site)
    const before = Date.now()
    for (let round = 0; round < 5; round++) site.createUserContext('early-1').decide('checkout_redesign')
    site.createUserContext('early-2').decide('checkout_redesign')
    // The flag-off default is no exposure: the destination drops it.
    site.createUserContext('early-1').decide('pro_banner')
    const decidedBy = Date.now()
    expect(queued().map((entry) => `${entry.u} ${String(entry.d.ruleKey)}`)).toEqual([
      'early-1 checkout_redesign_test',
      'early-2 checkout_redesign_test',
      'early-1 default-rollout-3002'
    ])
    await pause(50)

    const { tracks, settle } = await destinationLoads()
    await waitFor(() => tracks.length === 2, 2000, 'the two captured exposures')
    expect(sessionStorage.getItem(CAPTURE_QUEUE_KEY)).toBeNull()
    // Capture and listener overlap: the same decisions again, live, are claimed already.
    site.createUserContext('early-1').decide('checkout_redesign')
    site.createUserContext('early-2').decide('checkout_redesign')
    await settle()
    expect(tracks.map((event) => String(event.properties?.optimizely_user_id))).toEqual(['early-1', 'early-2'])
    expect(tracks[0].properties).toMatchObject({ experiment_id: '2001', rule_type: 'experiment' })
    const sentAt = new Date(tracks[0].timestamp as string | Date).getTime()
    // When decided, not when drained (at least 50 ms later).
    expect(sentAt).toBeGreaterThanOrEqual(before)
    expect(sentAt).toBeLessThanOrEqual(decidedBy)
    // The capture stopped: nothing is queued any more.
    site.createUserContext('late-1').decide('checkout_redesign')
    expect(sessionStorage.getItem(CAPTURE_QUEUE_KEY)).toBeNull()
    await waitFor(() => tracks.length === 3, 2000, 'the live decision')
  })

  test('a queue left by an earlier page of the tab is reported by the next page, which captures nothing itself', async () => {
    const firstPage = await publishPageClient()
    capture(firstPage)
    firstPage.createUserContext('navigator').decide('checkout_redesign')
    // Navigation: the page, its client and its capture are gone; sessionStorage stays.
    await closePageClients()
    delete pageWindow[CAPTURE_HANDOFF_KEY]
    expect(queued()).toHaveLength(1)

    await publishPageClient()
    const { tracks } = await destinationLoads()
    await waitFor(() => tracks.length === 1, 2000, 'the exposure from the earlier page')
    expect(tracks[0].properties).toMatchObject({ optimizely_user_id: 'navigator', flag_key: 'checkout_redesign' })
  })

  test('without a destination the queue stays bounded: the newest distinct decisions, none older than the TTL', async () => {
    const realNow = Date.now.bind(Date)
    let offset = 0
    jest.spyOn(Date, 'now').mockImplementation(() => realNow() + offset)
    const site = await publishPageClient()
    capture(site)
    site.createUserContext('stale').decide('checkout_redesign')
    offset = QUEUED_DECISION_TTL_MS + 1000
    const visitors = Array.from({ length: MAX_QUEUED_DECISIONS + 50 }, (_, index) => `visitor-${index}`)
    for (const visitor of visitors) {
      site.createUserContext(visitor).decide('checkout_redesign')
      site.createUserContext(visitor).decide('checkout_redesign')
    }
    expect(queued().map((entry) => entry.u)).toEqual(visitors.slice(-MAX_QUEUED_DECISIONS))
  })

  test('a client captured after the destination loaded (a second client of the page) is heard live', async () => {
    await publishPageClient()
    const { tracks } = await destinationLoads()
    const second = await publishPageClient()
    capture(second)
    second.createUserContext('late-capture').decide('checkout_redesign')
    await waitFor(() => tracks.length === 1, 2000, 'the live exposure')
    expect(sessionStorage.getItem(CAPTURE_QUEUE_KEY)).toBeNull()
  })

  test('storage that throws: nothing is captured and nothing reaches the page', async () => {
    jest.spyOn(window, 'sessionStorage', 'get').mockImplementation(() => {
      throw new Error('storage disabled')
    })
    const site = await publishPageClient()
    expect(() => capture(site)).not.toThrow()
    expect(site.createUserContext('visitor').decide('checkout_redesign').ruleKey).toBe('checkout_redesign_test')
  })
})
