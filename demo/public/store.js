/**
 * The store's behaviour: the analytics.js calls a real shop makes (identify, track) and a flag
 * decision by the site's Optimizely client. Nothing here talks to the destination directly:
 * analytics.js hands it the track calls, and it sees the decisions because it converts through
 * that same client (see site-optimizely.js), as on any website using Segment.
 *
 * What the page says about a conversion comes from what the demo's Event API collector received,
 * not from what the store asked for: the visitor-ID guard may send it for another ID, and a
 * destination that did not load sends nothing.
 */
;(() => {
  const PRODUCTS = [
    { id: 'mug', name: 'Enamel trail mug', priceCents: 1200 },
    { id: 'tote', name: 'Canvas tote bag', priceCents: 2450 },
    { id: 'socks', name: 'Merino hiking socks', priceCents: 1899 }
  ]
  const FLAG_KEY = 'checkout_redesign'
  const DESTINATION_NAME = 'Optimizely Feature Experimentation Web (Actions)'
  /** How long the order result waits for the conversion at the collector (the destination's own client batches for 0.5 s). */
  const COLLECTOR_WAIT_MS = 5000
  const SENDERS = { site: "the page's client", destination: "the destination's own client" }

  const $ = (id) => document.getElementById(id)
  const dollars = (cents) => `$${(cents / 100).toFixed(2)}`
  const cart = []

  // Calls made before analytics.js has loaded are queued by the snippet; user() exists only after.
  const analyticsReady = new Promise((resolve) => window.analytics.ready(() => resolve(window.analytics)))

  /** The ID a track call carries (the destination maps userId, else anonymousId), and the ID the site decides for. */
  function visitorId(analytics) {
    return analytics.user().id() || analytics.user().anonymousId()
  }

  /** The visitor's traits that are datafile attributes, for the site's own decision. */
  function decisionAttributes(analytics) {
    const traits = analytics.user().traits() || {}
    const attributes = {}
    for (const key of ['plan', 'country', 'logged_in', 'age']) {
      const value = traits[key]
      if (typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)))
        attributes[key] = value
    }
    return attributes
  }

  /** Runs a click handler, showing a failure next to the control instead of throwing into the page. */
  function guarded(output, handler) {
    return async (event) => {
      event.preventDefault()
      output.classList.remove('error')
      try {
        await handler()
      } catch (error) {
        output.textContent = `Failed: ${error && error.message ? error.message : error}`
        output.classList.add('error')
      }
    }
  }

  function describeVisitor(analytics) {
    const user = analytics.user()
    if (!user.id()) return `Anonymous visitor ${user.anonymousId()}.`
    const traits = user.traits() || {}
    return `Signed in as ${user.id()} (plan ${traits.plan}, ${traits.country}).`
  }

  function resetDecision() {
    const badge = $('variation')
    badge.textContent = 'not decided yet'
    badge.dataset.variation = ''
    document.body.dataset.checkout = ''
  }

  // 1. Sign in ------------------------------------------------------------------------------------

  async function identify() {
    const analytics = await analyticsReady
    const userId = $('user-id').value.trim()
    if (!userId) throw new Error('enter a user ID')
    // Before the call: the inspector then shows this user's rows from the first one.
    window.demoVisitors.remember(userId)
    await analytics.identify(userId, { plan: $('plan').value, country: $('country').value, logged_in: true })
    $('visitor').textContent = describeVisitor(analytics)
    // A decision belongs to one visitor; a new sign-in needs its own.
    resetDecision()
  }

  // 2. Checkout experiment ------------------------------------------------------------------------

  async function decideCheckout() {
    // After analytics.ready: the destination has loaded and listens to the client's decisions
    // (one made before it loaded would get no Experiment Viewed).
    const analytics = await analyticsReady
    const decision = await window.siteOptimizely.decide(FLAG_KEY, visitorId(analytics), decisionAttributes(analytics))
    const variation = decision.variationKey || 'off'
    const badge = $('variation')
    badge.textContent = `${variation} for ${visitorId(analytics)}`
    badge.dataset.variation = variation
    // The redesign is what the experiment tests: the treatment restyles the checkout button.
    document.body.dataset.checkout = variation
    $('checkout').textContent = variation === 'treatment' ? 'Buy now in one click' : 'Complete order'
  }

  // 3. Products and 4. cart -----------------------------------------------------------------------

  function renderProducts() {
    const list = $('products')
    for (const product of PRODUCTS) {
      const item = document.createElement('li')
      item.className = 'product'
      const name = document.createElement('span')
      name.textContent = product.name
      const price = document.createElement('span')
      price.className = 'price'
      price.textContent = dollars(product.priceCents)
      const button = document.createElement('button')
      button.type = 'button'
      button.textContent = 'Add to cart'
      button.dataset.product = product.id
      button.addEventListener(
        'click',
        guarded($('order-result'), () => addToCart(product))
      )
      item.append(name, price, button)
      list.append(item)
    }
  }

  function renderCart() {
    const list = $('cart-items')
    list.replaceChildren()
    if (cart.length === 0) {
      const empty = document.createElement('li')
      empty.className = 'empty'
      empty.textContent = 'Your cart is empty.'
      list.append(empty)
    }
    for (const product of cart) {
      const item = document.createElement('li')
      item.textContent = `${product.name} · ${dollars(product.priceCents)}`
      list.append(item)
    }
    $('cart-total').textContent = dollars(cartTotalCents())
    $('checkout').disabled = cart.length === 0
  }

  const cartTotalCents = () => cart.reduce((sum, product) => sum + product.priceCents, 0)

  async function addToCart(product) {
    const analytics = await analyticsReady
    cart.push(product)
    renderCart()
    $('order-result').textContent = ''
    await analytics.track('Product Added', {
      product_id: product.id,
      name: product.name,
      price: product.priceCents / 100,
      quantity: 1,
      currency: 'USD'
    })
  }

  /** The collector's last batch id now, so the search for a conversion starts after it. */
  async function collectorLastId() {
    const response = await fetch(`/api/batches?after=${Number.MAX_SAFE_INTEGER}`, { cache: 'no-store' })
    return (await response.json()).lastId
  }

  /** The order's conversion as the collector received it ({ visitorId, via, revenue }), or undefined after COLLECTOR_WAIT_MS. */
  async function conversionAtCollector(orderId, afterId) {
    const deadline = Date.now() + COLLECTOR_WAIT_MS
    while (Date.now() < deadline) {
      const response = await fetch(`/api/batches?after=${afterId}`, { cache: 'no-store' })
      for (const batch of (await response.json()).batches) {
        for (const visitor of batch.body.visitors || []) {
          for (const snapshot of visitor.snapshots || []) {
            const event = (snapshot.events || []).find((candidate) => candidate.tags && candidate.tags.order_id === orderId)
            if (event) return { visitorId: visitor.visitor_id, via: batch.via, revenue: event.revenue }
          }
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
    return undefined
  }

  async function completeOrder() {
    const analytics = await analyticsReady
    const totalCents = cartTotalCents()
    const orderId = `order-${Date.now().toString(36)}`
    const trackedFor = visitorId(analytics)
    const result = $('order-result')
    const afterId = await collectorLastId()
    // Optimizely's reserved tags: `revenue` in integer cents, `value` a float metric.
    await analytics.track('Order Completed', {
      order_id: orderId,
      revenue: totalCents,
      value: totalCents / 100,
      currency: 'USD',
      item_count: cart.length
    })
    cart.length = 0
    renderCart()
    const tracked = `Order ${orderId} (${dollars(totalCents)}) tracked in Segment for ${trackedFor}.`
    result.dataset.state = 'waiting'
    result.textContent = `${tracked} Waiting for Optimizely's collector…`
    const conversion = await conversionAtCollector(orderId, afterId)
    if (conversion) {
      const why = conversion.visitorId === trackedFor ? '' : ' (the ID the checkout decision was made for: Visitor ID Guard use-decided-id)'
      const revenue = conversion.revenue === undefined ? 'no revenue' : `revenue ${conversion.revenue} cents`
      result.dataset.state = 'received'
      result.dataset.optimizelyVisitor = conversion.visitorId
      result.textContent = `${tracked} Optimizely received the conversion for ${conversion.visitorId}${why}, ${revenue}, sent by ${SENDERS[conversion.via] || conversion.via}.`
    } else {
      result.dataset.state = 'missing'
      result.textContent = destinationLoaded(analytics)
        ? `${tracked} Optimizely's collector has not received its conversion within ${COLLECTOR_WAIT_MS / 1000} s; see the inspector.`
        : `${tracked} Optimizely received no conversion: the Optimizely destination did not load.`
    }
  }

  // 5. Malformed calls ----------------------------------------------------------------------------

  async function sendMalformed() {
    const analytics = await analyticsReady
    // A `__proto__` own key, as JSON from an API can carry; the destination must not let it reach
    // any object's prototype.
    const properties = JSON.parse('{"__proto__": {"polluted": true}, "currency": "USD"}')
    properties.revenue = NaN
    properties.value = 'a lot'
    properties.shipping = { method: 'express' }
    properties.coupon = null
    const traits = { plan: $('plan').value, address: { city: 'Berlin' }, age: undefined, logged_in: true }
    await analytics.track('Order Completed', properties, { context: { traits } })
    // Not an event in the datafile: never sent to Optimizely, one console warning.
    await analytics.track('Refund Requested', { revenue: 500 })
    const polluted = {}.polluted !== undefined
    const result = $('malformed-result')
    result.classList.toggle('error', polluted)
    result.textContent = polluted
      ? 'Object.prototype was polluted!'
      : `Tracked in Segment for ${visitorId(analytics)}. Object.prototype is untouched. What Optimizely received is in the inspector; what was not sent, in the destination console below.`
  }

  // Scenario switch and destination console -------------------------------------------------------

  function renderScenarios() {
    const list = $('scenario-links')
    for (const { name, label } of window.demoScenarios) {
      const item = document.createElement('li')
      const link = document.createElement('a')
      link.href = `?scenario=${encodeURIComponent(name)}`
      link.textContent = label
      link.dataset.scenario = name
      if (name === window.demoScenario.name) link.setAttribute('aria-current', 'page')
      item.append(link)
      list.append(item)
    }
    $('scenario-summary').textContent = window.demoScenario.summary
  }

  function showConsoleMessage({ level, text }) {
    const list = $('console-messages')
    list.querySelector('.empty')?.remove()
    const item = document.createElement('li')
    item.className = level
    item.dataset.level = level
    item.textContent = `${level}: ${text}`
    list.prepend(item)
  }

  // A destination whose settings or datafile it cannot use stays registered (it never rejects into
  // the page) but converts nothing; its one console error says so.
  const destinationLoaded = (analytics) =>
    analytics.queue.plugins.some((plugin) => plugin.name === DESTINATION_NAME) &&
    !window.demoDestinationConsole.some(
      (message) => message.level === 'error' && message.text.includes('could not load the Optimizely datafile')
    )

  // Wiring ----------------------------------------------------------------------------------------

  renderScenarios()
  for (const message of window.demoDestinationConsole) showConsoleMessage(message)
  window.addEventListener('demo:destination-console', (event) => showConsoleMessage(event.detail))

  renderProducts()
  renderCart()
  $('identify-form').addEventListener('submit', guarded($('visitor'), identify))
  $('decide').addEventListener('click', guarded($('variation'), decideCheckout))
  $('checkout').addEventListener('click', guarded($('order-result'), completeOrder))
  $('malformed').addEventListener('click', guarded($('malformed-result'), sendMalformed))

  analyticsReady.then((analytics) => {
    const user = analytics.user()
    const traits = user.traits() || {}
    // A returning visitor keeps their identity (analytics.js stores it); a new one gets a suggestion.
    $('user-id').value = user.id() || `shopper-${Math.floor(1000 + Math.random() * 9000)}`
    if (traits.plan) $('plan').value = traits.plan
    if (traits.country) $('country').value = traits.country
    $('visitor').textContent = describeVisitor(analytics)
    const loaded = destinationLoaded(analytics)
    const status = $('analytics-status')
    const firstError = window.demoDestinationConsole.find((message) => message.level === 'error')
    status.textContent = loaded
      ? 'analytics.js ready · Optimizely destination loaded from the local CDN'
      : `analytics.js ready · the Optimizely destination did not load${firstError ? `: ${firstError.text}` : ' (see the browser console)'}`
    status.classList.toggle('error', !loaded)
    document.body.dataset.ready = loaded ? 'yes' : 'no'
  })
})()
