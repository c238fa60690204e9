/**
 * The website's Optimizely client, the one that decides which variation a visitor sees.
 *
 * In the scenarios with a page client (window.demoScenario.pageClient) the site runs its own and
 * publishes it at `window.optimizelyClientInstance`, where the destination looks for a page's
 * client (Segment's classic integration looked there too), so the destination converts through
 * this same client: one SDK and one datafile download per page, and it sees this client's
 * decisions, which it sends back to Segment as Experiment Viewed events. It uses the demo
 * datafile, and everything it sends (the site's impressions and the destination's conversions)
 * goes to the demo's collector: the SDK builds each Event API request for logx.optimizely.com and
 * this dispatcher only changes where it is sent.
 *
 * In the scenario without one, the page loads no SDK; the destination shares its own client at
 * the same property once it has loaded (Share the Destination's Client), and the site decides
 * with that.
 */
;(() => {
  const CLIENT_PROPERTY = 'optimizelyClientInstance'

  /** The site's own client, created now, while analytics.js is still loading, so the destination finds it when it loads. */
  function startPageClient() {
    const sdk = window.optimizelySdk
    const collectorUrl = `${location.origin}/v1/events?via=site`
    const redirectingDispatcher = {
      dispatchEvent: (event) => sdk.eventDispatcher.dispatchEvent({ ...event, url: collectorUrl })
    }
    const client = sdk.createInstance({
      projectConfigManager: sdk.createPollingProjectConfigManager({
        // The URL is used as is: the SDK substitutes the SDK key only where the template says %s.
        sdkKey: 'demo',
        urlTemplate: `${location.origin}/datafile.json`,
        // The demo's datafile never changes while the page is open.
        autoUpdate: false
      }),
      // Forwarding (not batching): each impression and conversion reaches the inspector as soon as
      // it is made. A real site would batch; the destination's own client does.
      eventProcessor: sdk.createForwardingEventProcessor(redirectingDispatcher)
    })
    window[CLIENT_PROPERTY] = client
    // It becomes ready once the datafile has arrived (the destination waits for that too).
    const ready = client.onReady({ timeout: 5000 }).then(() => client)
    // Reported once here; each decide() still rejects, and the store shows why.
    ready.catch((error) => console.error("The site's Optimizely client could not start:", error))
    return () => ready
  }

  /** The destination's shared client; the store asks only after analytics.ready, when it is published. */
  async function sharedClient() {
    const client = window[CLIENT_PROPERTY]
    if (!client)
      throw new Error(`no Optimizely client at window.${CLIENT_PROPERTY}: the destination did not load or did not share its client`)
    await client.onReady({ timeout: 5000 })
    return client
  }

  const readyClient = window.demoScenario.pageClient ? startPageClient() : sharedClient

  /** Decides `flagKey` for the visitor: the SDK's decision ({ variationKey, enabled, ... }). */
  async function decide(flagKey, userId, attributes) {
    const client = await readyClient()
    const user = client.createUserContext(userId, attributes)
    if (!user) throw new Error(`the Optimizely client refused user ${JSON.stringify(userId)}`)
    return user.decide(flagKey)
  }

  window.siteOptimizely = { decide }
})()
