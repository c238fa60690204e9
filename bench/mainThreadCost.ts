/**
 * Row 4: main-thread cost per conversion of the destination's own code (the runtime's
 * subscriptions and mapping, the value rules: the plugin's track() minus the SDK's track()), as a
 * ratio to the SDK's track() alone, in Chromium.
 *
 * The page publishes its own client at window.optimizelyClientInstance, so the destination
 * converts through a client the bench can reach (the destination's code path is the same as with
 * its own client). A capture pass records the exact arguments the destination gives the SDK; then
 * each repetition runs, with every event in its own task (as conversions from separate user
 * actions are): (a) the 5,000 events through the plugin's track(), (b) the captured 5,000 calls
 * straight into the SDK's track(), (c) the loop alone. What a run costs the main thread is
 * Chromium's own busy time (CDP Performance.getMetrics TaskDuration) from its start until the
 * collector has all its conversions, so the SDK's deferred work (batching, storage, the Event API
 * XHRs) counts wherever it happens to run. SDK cost = b − c, destination cost = a − b.
 *
 * Why not only performance.now() around track(): most of what the SDK's track() costs runs after
 * it returns (queued batching and dispatch); a loop timed in the page hands that work to whichever
 * loop is slower. The synchronous part of the SDK's track() is still timed (a wrapper) and shown.
 */
import type { Page } from 'playwright-core'
import { conversionsIn } from '../e2e/support/eventApi'
import { LIBRARY_NAME } from '../e2e/support/site'
import { destination } from '../src'
import { pause, until, type Lab } from './lab'
import { atMost, type Row } from './report'
import { median, percent, us } from './stats'

const EVENTS = 5000
const REPETITIONS = 7
/** Segment's maximum of mappings (subscriptions) per destination instance. */
const MAX_MAPPINGS = 50
export const RATIO_TARGET = 0.25

interface Subscription {
  id: string
  name: string
  enabled: boolean
  partnerAction: string
  subscribe: string
  mapping: unknown
}

/** The Track Event preset as the Segment app saves it: subscribed to every track. */
function presetSubscription(): Subscription {
  const preset = destination.presets?.[0]
  if (!preset || !('subscribe' in preset)) throw new Error('the destination has no Track Event preset')
  const { name, partnerAction, subscribe, mapping } = preset
  if (!name || !partnerAction) throw new Error('the Track Event preset has no name or action')
  return { id: 'benchPreset', name, enabled: true, partnerAction, subscribe, mapping }
}

/** 49 mappings for other events (each checked against every event) and the one that matches. */
function fiftySubscriptions(): Subscription[] {
  const preset = presetSubscription()
  const others = Array.from({ length: MAX_MAPPINGS - 1 }, (_, index) => ({
    ...preset,
    id: `benchOther${index}`,
    name: `Checkout Step ${index}`,
    subscribe: `type = "track" and event = "Checkout Step ${index}"`
  }))
  return [...others, preset]
}

interface Configuration {
  name: string
  subscriptions: Subscription[]
}

/** In the page: one plugin instance per configuration, sharing the page's client, and the events. */
async function setUpPage(options: {
  libraryName: string
  settings: Record<string, unknown>
  configurations: Configuration[]
  events: number
}): Promise<void> {
  type Plugin = { load(ctx: unknown, analytics: unknown): Promise<unknown>; track(ctx: unknown): Promise<unknown> }
  const page = window as unknown as Record<string, unknown> & {
    optimizelyClientInstance: { onReady(): Promise<unknown> }
    analytics: unknown
  }
  await page.optimizelyClientInstance.onReady()
  const factory = page[options.libraryName] as (settings: unknown) => Promise<Plugin[]>
  const plugins: Record<string, Plugin> = {}
  for (const configuration of options.configurations) {
    const [plugin] = await factory({ ...options.settings, subscriptions: configuration.subscriptions })
    await plugin.load({}, page.analytics)
    plugins[configuration.name] = plugin
  }
  const now = new Date().toISOString()
  const events = Array.from({ length: options.events }, (_, index) => ({
    type: 'track',
    event: 'Order Completed',
    userId: `bench-cpu-${index % 100}`,
    anonymousId: 'bench-anonymous',
    messageId: `bench-cpu-${index}`,
    timestamp: now,
    properties: { revenue: 1000 + index, currency: 'USD', sku: `SKU-${index % 40}`, coupon: index % 3 === 0 ? 'SPRING' : 'NONE' },
    context: { traits: { plan: 'pro', email: 'shopper@example.com' } }
  }))
  page.__benchCpu = { plugins, events, calls: {} }
}

/** In the page: runs every event through the plugin with the SDK's track() recording its arguments. */
async function capture(name: string): Promise<number> {
  const state = (
    window as unknown as {
      __benchCpu: {
        plugins: Record<string, { track(ctx: unknown): Promise<unknown> }>
        events: unknown[]
        calls: Record<string, unknown[][]>
      }
    }
  ).__benchCpu
  const client = (window as unknown as { optimizelyClientInstance: { track: (...args: unknown[]) => unknown } }).optimizelyClientInstance
  const track = client.track
  const calls: unknown[][] = []
  client.track = function (this: unknown, ...args: unknown[]) {
    calls.push(args)
    return track.apply(this, args)
  }
  try {
    for (const event of state.events) await state.plugins[name].track({ event })
  } finally {
    client.track = track
  }
  state.calls[name] = calls
  return calls.length
}

type Kind = 'plugin' | 'sdk' | 'loop'

/**
 * In the page: one run of every event, each in its own task (a MessageChannel hop, which has no
 * timer clamping). Returns the SDK's synchronous time inside track(), from a wrapper present in
 * every kind of run so all carry the same overhead.
 */
async function runEvents({ name, kind }: { name: string; kind: Kind }): Promise<{ sdkSyncMs: number }> {
  type State = { plugins: Record<string, { track(ctx: unknown): Promise<unknown> }>; events: unknown[]; calls: Record<string, unknown[][]> }
  const state = (window as unknown as { __benchCpu: State }).__benchCpu
  const client = (window as unknown as { optimizelyClientInstance: { track: (...args: unknown[]) => unknown } }).optimizelyClientInstance
  const plugin = state.plugins[name]
  const calls = state.calls[name]
  const channel = new MessageChannel()
  let wake: () => void = () => undefined
  channel.port1.onmessage = () => wake()
  const nextTask = () => new Promise<void>((resolve) => ((wake = resolve), channel.port2.postMessage(0)))

  const track = client.track
  let sdkSyncMs = 0
  client.track = function (this: unknown, ...args: unknown[]) {
    const start = performance.now()
    try {
      return track.apply(this, args)
    } finally {
      sdkSyncMs += performance.now() - start
    }
  }
  try {
    for (let index = 0; index < state.events.length; index += 1) {
      if (kind === 'plugin') await plugin.track({ event: state.events[index] })
      else if (kind === 'sdk') client.track(...calls[index])
      await nextTask()
    }
  } finally {
    client.track = track
    channel.port1.close()
  }
  return { sdkSyncMs }
}

interface Measurement {
  /** Main-thread busy milliseconds for the run. */
  busyMs: number
  sdkSyncMs: number
}

/** A run, measured as Chromium's main-thread busy time until its conversions reached the collector. */
async function measureRun(lab: Lab, page: Page, busyMs: () => Promise<number>, name: string, kind: Kind): Promise<Measurement> {
  const before = await busyMs()
  const { sdkSyncMs } = await page.evaluate(runEvents, { name, kind })
  await settle(lab, kind === 'loop' ? 0 : EVENTS)
  return { busyMs: (await busyMs()) - before, sdkSyncMs }
}

/** Waits until the collector has every conversion of the run (bounded), then forgets them. */
async function settle(lab: Lab, expected: number): Promise<void> {
  await until(() => conversionsIn(lab.collector.accepted()).length >= expected, `${expected} conversions at the collector`, 60_000)
  // The last XHRs' completion handlers run in the page right after the collector answers.
  await pause(300)
  lab.collector.reset()
}

interface Costs {
  /** Per conversion, microseconds. */
  plugin: number
  sdk: number
  sdkSync: number
  destination: number
  runs: number[]
}

async function costsOf(lab: Lab, page: Page, busyMs: () => Promise<number>, name: string): Promise<Costs> {
  const captured = await page.evaluate(capture, name)
  if (captured !== EVENTS) throw new Error(`${name}: the destination called the SDK's track() ${captured} times for ${EVENTS} events`)
  await settle(lab, EVENTS)
  // Warm-up of the direct path, so both paths are measured after the JIT has seen them.
  await measureRun(lab, page, busyMs, name, 'sdk')

  const plugin: number[] = []
  const sdk: number[] = []
  const loop: number[] = []
  const sdkSync: number[] = []
  for (let repetition = 0; repetition < REPETITIONS; repetition += 1) {
    // Alternating order, so a drift in the browser's state does not favour one path.
    const order: Kind[] = repetition % 2 === 0 ? ['plugin', 'sdk', 'loop'] : ['sdk', 'plugin', 'loop']
    for (const kind of order) {
      const run = await measureRun(lab, page, busyMs, name, kind)
      if (kind === 'plugin') plugin.push(run.busyMs)
      if (kind === 'sdk') {
        sdk.push(run.busyMs)
        sdkSync.push(run.sdkSyncMs)
      }
      if (kind === 'loop') loop.push(run.busyMs)
    }
  }
  const perEvent = (totalMs: number) => (totalMs * 1000) / EVENTS
  const runs = plugin.map((value, index) => perEvent(value - sdk[index]))
  return {
    plugin: perEvent(median(plugin) - median(loop)),
    sdk: perEvent(median(sdk) - median(loop)),
    sdkSync: perEvent(median(sdkSync)),
    destination: perEvent(median(plugin) - median(sdk)),
    runs
  }
}

function row(measure: string, costs: Costs, method: string): Row {
  const ratio = costs.destination / costs.sdk
  return {
    measure,
    measured:
      `${us(costs.destination)} per conversion = ${percent(ratio)} of the SDK's track() ` +
      `(plugin ${us(costs.plugin)}, SDK ${us(costs.sdk)}; per-run destination µs: ${costs.runs.map((value) => value.toFixed(0)).join(', ')}; ` +
      `${percent(costs.destination / costs.sdkSync)} of track()'s synchronous part alone, ${us(costs.sdkSync)})`,
    reference: `SDK track() alone: ${us(costs.sdk)} per conversion`,
    target: `≤ ${percent(RATIO_TARGET)}`,
    verdict: atMost(ratio, RATIO_TARGET, (amount) => `${(amount * 100).toFixed(1)} points`),
    method
  }
}

export async function measureMainThreadCost(lab: Lab): Promise<Row[]> {
  const scenario = lab.site.addScenario({ publishPageClient: true })
  const context = await lab.newContext({ probe: false })
  try {
    const page = await context.newPage()
    await lab.visit(page, scenario)
    const configurations: Configuration[] = [
      { name: 'one', subscriptions: [presetSubscription()] },
      { name: 'fifty', subscriptions: fiftySubscriptions() }
    ]
    await page.evaluate(setUpPage, { libraryName: LIBRARY_NAME, settings: scenario.settings, configurations, events: EVENTS })
    const cdp = await context.newCDPSession(page)
    await cdp.send('Performance.enable')
    const busyMs = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics')
      const task = metrics.find((metric) => metric.name === 'TaskDuration')
      if (!task) throw new Error('Chromium reports no TaskDuration metric')
      return task.value * 1000
    }
    await settle(lab, 0)
    const one = await costsOf(lab, page, busyMs, 'one')
    const fifty = await costsOf(lab, page, busyMs, 'fifty')
    const count = EVENTS.toLocaleString('en')
    return [
      row(
        'Destination code per conversion, 1 mapping',
        one,
        `In Chromium, ${count} events each in its own task: main-thread busy time (CDP TaskDuration, until the collector had every conversion) through the runtime plugin's track(), minus the same ${count} SDK track() calls (arguments captured from the destination) made directly; SDK cost = direct run minus an empty loop; medians of ${REPETITIONS} alternating repetitions; the page's client is shared so the SDK is reachable.`
      ),
      row(
        `Destination code per conversion, ${MAX_MAPPINGS} mappings (1 matching)`,
        fifty,
        `As above, with the plugin subscribed through ${MAX_MAPPINGS} mappings: ${MAX_MAPPINGS - 1} for other events (the runtime evaluates each per event) and the Track Event preset.`
      )
    ]
  } finally {
    await context.close()
  }
}
