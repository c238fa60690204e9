/**
 * The inspector's two panels, one per direction:
 *
 * - Sent to Optimizely: what the local Event API collector received, read the way Optimizely
 *   reads it (one row per event, with the visitor's attributes and any decisions).
 * - Sent to Segment: what the local Tracking API stand-in received from analytics.js, one row per
 *   call, with the Experiment Viewed events the destination sends for decisions highlighted.
 *
 * Each polls the demo server once a second and adds only what it has not shown yet, so it stays
 * live without redrawing its table. The server lists what every browser sent; the panels show
 * only this browser's visitors (visitors.js) and say how many other visitors' events they leave out.
 */
;(() => {
  const POLL_INTERVAL_MS = 1000
  const SENDERS = { destination: 'destination', site: 'site client' }
  /** The destinations' names, as analytics.js' `integrations` option names them, and how the panel says them. */
  const OPTIMIZELY_DESTINATIONS = {
    'Optimizely Feature Experimentation Web (Actions)': 'the Optimizely destination',
    'Optimizely Feature Experimentation (Actions)': 'its cloud companion'
  }
  /** The name the destination gives its exposure events (the Experiment Viewed Event Name setting's default). */
  const EXPERIMENT_VIEWED = 'Experiment Viewed'

  /** `key: value` lines; JSON-quoted values keep "19.99" (a string) apart from 19.99 (a number). */
  function keyValueList(entries) {
    const list = document.createElement('ul')
    list.className = 'pairs'
    for (const [key, value] of entries) {
      const item = document.createElement('li')
      const name = document.createElement('span')
      name.className = 'key'
      name.textContent = `${key}: `
      item.append(name, JSON.stringify(value))
      list.append(item)
    }
    return list
  }

  /** Each column's heading, by the cell's class: the label a cell shows when the rows are cards (narrow screens). */
  const LABELS = {
    visitor: 'Visitor',
    'event-key': 'Event key',
    revenue: 'Revenue',
    value: 'Value',
    tags: 'Tags',
    attributes: 'Attributes',
    decisions: 'Decisions',
    type: 'Type',
    'event-name': 'Event',
    properties: 'Key properties'
  }

  function cell(content, className) {
    const td = document.createElement('td')
    if (className) {
      td.className = className
      td.dataset.label = LABELS[className]
    }
    if (content instanceof Node) td.append(content)
    else td.textContent = content === undefined ? '—' : String(content)
    return td
  }

  /** A main line with a smaller second line under it (keeps the columns narrow). */
  function twoLines(main, detail) {
    const wrapper = document.createElement('span')
    const detailLine = document.createElement('span')
    detailLine.className = 'detail'
    detailLine.textContent = detail
    wrapper.append(main, detailLine)
    return wrapper
  }

  // Sent to Optimizely ---------------------------------------------------------------------------

  /** Revenue is integer cents on the wire; the dollar amount is what a person checks. */
  function revenueText(cents) {
    if (cents === undefined) return undefined
    return twoLines(`${cents}¢`, `$${(cents / 100).toFixed(2)}`)
  }

  /** Impressions carry decisions; their metadata names the flag and variation when the SDK sends it. */
  function decisionsList(decisions) {
    if (!decisions || decisions.length === 0) return undefined
    const list = document.createElement('ul')
    list.className = 'decisions-list'
    for (const decision of decisions) {
      const metadata = decision.metadata || {}
      const item = document.createElement('li')
      item.append(
        twoLines(
          metadata.flag_key || `experiment ${decision.experiment_id}`,
          `→ ${metadata.variation_key || `variation ${decision.variation_id}`}`
        )
      )
      list.append(item)
    }
    return list
  }

  /** One row per event of this browser's visitors in the batch, oldest first, as the Event API body nests them. */
  function eventRows(batch, visitorIds) {
    const rows = []
    for (const visitor of batch.body.visitors || []) {
      if (!visitorIds.has(visitor.visitor_id)) continue
      const attributes = (visitor.attributes || []).map((attribute) => [attribute.key, attribute.value])
      for (const snapshot of visitor.snapshots || []) {
        for (const event of snapshot.events || []) {
          const row = document.createElement('tr')
          row.dataset.visitor = visitor.visitor_id
          row.dataset.eventKey = event.key
          row.dataset.via = batch.via
          if (event.revenue !== undefined) row.dataset.revenue = String(event.revenue)
          const isImpression = (snapshot.decisions || []).length > 0
          row.className = isImpression ? 'impression' : 'conversion'
          row.append(
            cell(visitor.visitor_id, 'visitor'),
            cell(isImpression ? twoLines(event.key, 'impression') : event.key, 'event-key'),
            cell(revenueText(event.revenue), 'revenue'),
            cell(event.value, 'value'),
            cell(keyValueList(Object.entries(event.tags || {})), 'tags'),
            cell(keyValueList(attributes), 'attributes'),
            cell(decisionsList(snapshot.decisions), 'decisions')
          )
          rows.push(row)
        }
      }
    }
    return rows
  }

  /** How many events a batch carries for the visitors `include` accepts (impressions and conversions alike). */
  function eventCount(batch, include) {
    let count = 0
    for (const visitor of batch.body.visitors || []) {
      if (!include(visitor.visitor_id)) continue
      for (const snapshot of visitor.snapshots || []) count += (snapshot.events || []).length
    }
    return count
  }

  /** The batch's rows for this browser's visitors, its first cell spanning them all, ready to go on top of the table. */
  function batchRows(batch, visitorIds) {
    const rows = eventRows(batch, visitorIds)
    if (rows.length === 0) return rows
    const head = document.createElement('th')
    head.scope = 'rowgroup'
    head.rowSpan = rows.length
    head.className = 'batch'
    head.dataset.label = 'Batch'
    const id = document.createElement('span')
    id.className = 'batch-id'
    id.textContent = `#${batch.id}`
    const time = document.createElement('span')
    time.className = 'detail'
    time.textContent = new Date(batch.receivedAt).toLocaleTimeString()
    const sender = document.createElement('span')
    sender.className = 'detail sender'
    sender.textContent = SENDERS[batch.via] || batch.via
    head.append(id, time, sender)
    rows[0].prepend(head)
    for (const row of rows) row.classList.add(batch.id % 2 ? 'odd-batch' : 'even-batch')
    return rows
  }

  // Sent to Segment ------------------------------------------------------------------------------

  /** What a person looks for first in each kind of call; other properties stay in the raw event. */
  function keyProperties(event) {
    const properties = event.properties || {}
    // A page view's path says which page; its title and full URL would only widen the table.
    if (event.type === 'page') return [['path', properties.path]]
    const entries = Object.entries(event.type === 'identify' ? event.traits || {} : properties)
    return entries.filter(([, value]) => value !== undefined)
  }

  /** The exposure in one line (experiment → variation), its IDs and the remaining properties under it. */
  function exposureSummary(properties) {
    const wrapper = document.createElement('div')
    wrapper.className = 'exposure'
    const headline = document.createElement('strong')
    headline.textContent = `${properties.experiment_name} → ${properties.variation_name}`
    const ids = document.createElement('span')
    ids.className = 'detail'
    ids.textContent = `experiment ${properties.experiment_id} · variation ${properties.variation_id}`
    const shown = new Set(['experiment_name', 'variation_name', 'experiment_id', 'variation_id', 'rule_key', 'variation_key'])
    wrapper.append(headline, ids, keyValueList(Object.entries(properties).filter(([key]) => !shown.has(key))))
    return wrapper
  }

  /**
   * Segment hands a call to every destination of the source except those its `integrations`
   * option turns off; those are named under the event (Experiment Viewed turns this one off).
   */
  function eventName(name, integrations) {
    const off = Object.entries(integrations || {})
      .filter(([, enabled]) => enabled === false)
      .map(([destination]) => OPTIMIZELY_DESTINATIONS[destination] || destination)
    return off.length === 0 ? name : twoLines(name === undefined ? '—' : name, `not to ${off.join(' or ')}`)
  }

  /** Analytics.js stamps every call with the anonymous ID, and with the user ID once signed in. */
  const isOwnSegmentEvent = (received, visitorIds) => visitorIds.has(received.body.userId) || visitorIds.has(received.body.anonymousId)

  function segmentRow(received) {
    const event = received.body
    const row = document.createElement('tr')
    row.dataset.type = String(event.type)
    if (event.event !== undefined) row.dataset.event = String(event.event)
    const visitor = event.userId || event.anonymousId
    if (visitor) row.dataset.visitor = String(visitor)
    const isExposure = event.type === 'track' && event.event === EXPERIMENT_VIEWED
    if (isExposure) row.className = 'experiment-viewed'

    const head = document.createElement('th')
    head.scope = 'row'
    head.className = 'batch'
    head.dataset.label = 'Received'
    const id = document.createElement('span')
    id.className = 'batch-id'
    id.textContent = `#${received.id}`
    const time = document.createElement('span')
    time.className = 'detail'
    time.textContent = new Date(received.receivedAt).toLocaleTimeString()
    head.append(id, time)

    const name = event.type === 'track' ? event.event : event.type === 'page' ? event.name : undefined
    row.append(
      head,
      cell(event.type, 'type'),
      cell(eventName(name, event.integrations), 'event-name'),
      cell(event.userId ? event.userId : twoLines(event.anonymousId || '—', 'anonymous'), 'visitor'),
      cell(isExposure ? exposureSummary(event.properties || {}) : keyValueList(keyProperties(event)), 'properties')
    )
    return row
  }

  // Polling ---------------------------------------------------------------------------------------

  /**
   * One live table: polls `api` for what arrived after the last id seen and puts the rows of this
   * browser's visitors on top. `rowsFor` turns one item into rows (none for another visitor's),
   * `totals` says what the table holds and how much of other visitors' it leaves out.
   *
   * Clear is this browser's only: it remembers (for the tab's session) the last id seen, and the
   * table starts after it, also after a reload. The server keeps its lists for everyone else.
   */
  function livePanel({ analytics, api, listName, tableId, statusId, rowsFor, totals, unreachable }) {
    const tbody = document.querySelector(`#${tableId} tbody`)
    const status = document.getElementById(statusId)
    const clearedKey = `demo:inspector-cleared:${api}`
    let lastId = Number(sessionStorage.getItem(clearedKey)) || 0
    let shown = []
    let otherVisitors = 0
    let visitorIds = new Set()

    function showTotals() {
      status.classList.remove('error')
      status.textContent = totals(shown, otherVisitors, visitorIds)
    }

    async function poll() {
      try {
        const response = await fetch(`${api}?after=${lastId}`, { cache: 'no-store' })
        if (!response.ok) throw new Error(`HTTP ${response.status}`)
        const answer = await response.json()
        // A restarted server counts from 0 again: start over rather than wait for ids it has not reached.
        if (answer.lastId < lastId) lastId = 0
        visitorIds = window.demoVisitors.current(analytics)
        // The server lists oldest first; putting each on top leaves the newest first.
        for (const item of answer[listName]) {
          const rows = rowsFor(item, visitorIds)
          lastId = item.id
          if (rows.length === 0) {
            otherVisitors += 1
            continue
          }
          tbody.prepend(...rows)
          shown.push(item)
        }
        showTotals()
      } catch (error) {
        status.classList.add('error')
        status.textContent = `Cannot reach the demo server's ${unreachable} (${error.message}); retrying.`
      } finally {
        setTimeout(poll, POLL_INTERVAL_MS)
      }
    }

    function clear() {
      sessionStorage.setItem(clearedKey, String(lastId))
      tbody.replaceChildren()
      shown = []
      otherVisitors = 0
      showTotals()
    }

    showTotals()
    void poll()
    return { clear }
  }

  const plural = (count, noun, plural = `${noun}s`) => `${count} ${count === 1 ? noun : plural}`

  /** The IDs the panels show, under the Inspector heading. */
  function describeVisitors(visitorIds) {
    const shown = document.getElementById('inspector-visitors')
    shown.textContent = `Visitors shown: ${[...visitorIds].join(', ')}.`
  }

  /** Started once analytics.js knows this browser's anonymous ID; the panels show nothing before. */
  function startPanels(analytics) {
    const panels = [
      livePanel({
        analytics,
        api: '/api/batches',
        listName: 'batches',
        tableId: 'batches',
        statusId: 'inspector-status',
        rowsFor: batchRows,
        unreachable: 'collector',
        totals: (batches, otherBatches, visitorIds) => {
          describeVisitors(visitorIds)
          const others = otherBatches === 0 ? '' : ` · ${plural(otherBatches, 'batch', 'batches')} of other visitors left out`
          if (batches.length === 0) return `Waiting for the first batch… (conversions leave a moment after a track call)${others}`
          const events = batches.reduce((sum, batch) => sum + eventCount(batch, (id) => visitorIds.has(id)), 0)
          return `${plural(batches.length, 'batch', 'batches')}, ${plural(events, 'event')} received for this browser's visitors${others} · live`
        }
      }),
      livePanel({
        analytics,
        api: '/api/segment',
        listName: 'events',
        tableId: 'segment-events',
        statusId: 'segment-status',
        rowsFor: (received, visitorIds) => (isOwnSegmentEvent(received, visitorIds) ? [segmentRow(received)] : []),
        unreachable: 'Segment API stand-in',
        totals: (events, otherEvents) => {
          const others = otherEvents === 0 ? '' : ` · ${plural(otherEvents, 'event')} of other visitors left out`
          if (events.length === 0) return `Waiting for the first event…${others}`
          const exposures = events.filter((received) => received.body.event === EXPERIMENT_VIEWED).length
          return `${plural(events.length, 'event')} received for this browser's visitors, ${exposures} ${EXPERIMENT_VIEWED}${others} · live`
        }
      })
    ]
    document.getElementById('clear-batches').addEventListener('click', () => panels.forEach((panel) => panel.clear()))
  }

  window.analytics.ready(() => startPanels(window.analytics))
})()
