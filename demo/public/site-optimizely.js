/**
 * The website's own Optimizely client, the one that decides which variation a visitor sees. The
 * destination never decides anything; it only sends conversions, so the two must agree on the
 * visitor ID for results to show up in Optimizely.
 *
 * It uses the demo datafile, and its impressions go to the demo's collector: the SDK builds each
 * Event API request for logx.optimizely.com and this dispatcher only changes where it is sent.
 */
;(() => {
  const sdk = window.optimizelySdk
  const collectorUrl = `${location.origin}/v1/events?via=site`

  const redirectingDispatcher = {
    dispatchEvent: (event) => sdk.eventDispatcher.dispatchEvent({ ...event, url: collectorUrl })
  }

  // One client for the page's lifetime, ready once the datafile has arrived.
  const clientReady = (async () => {
    const response = await fetch('/datafile.json')
    if (!response.ok) throw new Error(`datafile request failed with HTTP ${response.status}`)
    const client = sdk.createInstance({
      projectConfigManager: sdk.createStaticProjectConfigManager({ datafile: await response.text() }),
      // Forwarding (not batching): the impression reaches the inspector as soon as it is decided.
      eventProcessor: sdk.createForwardingEventProcessor(redirectingDispatcher)
    })
    await client.onReady({ timeout: 5000 })
    return client
  })()
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
