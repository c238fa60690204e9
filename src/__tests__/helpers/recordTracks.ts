/**
 * Another destination on the page: records every event analytics.js hands it, as a site's other
 * destinations would receive Experiment Viewed.
 */
import type { Analytics, Context, Plugin } from '@segment/analytics-next'
import { settle } from './testClock'

export async function recordTracks(analytics: Analytics): Promise<Array<Context['event']>> {
  const events: Array<Context['event']> = []
  const recorder: Plugin = {
    name: 'Recorder',
    type: 'destination',
    version: '1.0.0',
    isLoaded: () => true,
    load: () => Promise.resolve(),
    track: (ctx) => {
      events.push(ctx.event)
      return ctx
    }
  }
  // Registering waits on analytics.js' timers: settle moves a fake clock on meanwhile.
  await settle(analytics.register(recorder))
  return events
}
