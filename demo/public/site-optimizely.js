/**
 * The website's own Optimizely client, the one that decides which variation a visitor sees. It is
 * published at `window.optimizelyClientInstance`, where the destination looks for a page's client
 * (Segment's classic integration looked there too), so the destination converts through this same
 * client: one SDK and one datafile download per page, and it sees this client's decisions, which
 * it sends back to Segment as Experiment Viewed events.
 *
 * It uses the demo datafile, and everything it sends (the site's impressions and the
 * destination's conversions) goes to the demo's collector: the SDK builds each Event API request
 * for logx.optimizely.com and this dispatcher only changes where it is sent.
 */
;(() => {
  const sdk = window.optimizelySdk
  const collectorUrl = `${location.origin}/v1/events?via=site`

  const redirectingDispatcher = {
    dispatchEvent: (event) => sdk.eventDispatcher.dispatchEvent({ ...event, url: collectorUrl })
  }

  // Created now, while analytics.js is still loading, so the destination finds it when it loads;
  // it becomes ready once the datafile has arrived (the destination waits for that too).
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
  window.optimizelyClientInstance = client

  const clientReady = client.onReady({ timeout: 5000 }).then(() => client)
  // Reported once here; each decide() still rejects, and the store shows why.
  clientReady.catch((error) => console.error("The site's Optimizely client could not start:", error))

  /** Decides `flagKey` for the visitor: the SDK's decision ({ variationKey, enabled, ... }). */
  async function decide(flagKey, userId, attributes) {
    const client = await clientReady
    const user = client.createUserContext(userId, attributes)
    if (!user) throw new Error(`the Optimizely client refused user ${JSON.stringify(userId)}`)
    return user.decide(flagKey)
  }

  window.siteOptimizely = { decide }
})()
