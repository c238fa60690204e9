/**
 * The store's behaviour: the analytics.js calls a real shop makes (identify, track) and a flag
 * decision by the site's own Optimizely client. Nothing here talks to the destination directly:
 * analytics.js hands it the track calls, and it sees the decisions because it converts through
 * that same client (see site-optimizely.js), as on any website using Segment.
 */
;(() => {
  const PRODUCTS = [
    { id: 'mug', name: 'Enamel trail mug', priceCents: 1200 },
    { id: 'tote', name: 'Canvas tote bag', priceCents: 2450 },
    { id: 'socks', name: 'Merino hiking socks', priceCents: 1899 }
  ]
  const FLAG_KEY = 'checkout_redesign'

  const $ = (id) => document.getElementById(id)
  const dollars = (cents) => `$${(cents / 100).toFixed(2)}`
  const cart = []

  // Calls made before analytics.js has loaded are queued by the snippet; user() exists only after.
  const analyticsReady = new Promise((resolve) => window.analytics.ready(() => resolve(window.analytics)))

  /** The ID Optimizely sees: the destination maps userId, else anonymousId, and so does the site. */
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

  async function completeOrder() {
    const analytics = await analyticsReady
    const totalCents = cartTotalCents()
    const orderId = `order-${Date.now().toString(36)}`
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
    $('order-result').textContent =
      `Order ${orderId} tracked for ${visitorId(analytics)}: revenue ${totalCents} cents (${dollars(totalCents)}).`
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
      : `Sent for ${visitorId(analytics)}. Object.prototype is untouched; see the inspector and the browser console.`
  }

  // Wiring ----------------------------------------------------------------------------------------

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
    const destinationLoaded = analytics.queue.plugins.some((plugin) => plugin.name === 'Optimizely Feature Experimentation Web (Actions)')
    const status = $('analytics-status')
    status.textContent = destinationLoaded
      ? 'analytics.js ready · Optimizely destination loaded from the local CDN'
      : 'analytics.js ready · the Optimizely destination did not load (see the browser console)'
    status.classList.toggle('error', !destinationLoaded)
    document.body.dataset.ready = destinationLoaded ? 'yes' : 'no'
  })
})()
