/**
 * The inspector panel: what the local Event API collector received, read the way Optimizely reads
 * it (one row per event, with the visitor's attributes and any decisions). It polls the demo
 * server once a second and adds only the batches it has not shown yet, so it stays live without
 * redrawing the table.
 */
;(() => {
  const POLL_INTERVAL_MS = 1000
  const SENDERS = { destination: 'destination', site: 'site client' }

  const tbody = document.querySelector('#batches tbody')
  const status = document.getElementById('inspector-status')
  let lastId = 0
  let batchCount = 0
  let eventCount = 0
  /** Bumped by Clear, so a poll that was under way when the table was cleared is ignored. */
  let generation = 0

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

  function cell(content, className) {
    const td = document.createElement('td')
    if (className) td.className = className
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

  /** One row per event in the batch, oldest first, as the Event API body nests them. */
  function eventRows(batch) {
    const rows = []
    for (const visitor of batch.body.visitors || []) {
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

  /** The batch's rows, its first cell spanning them all, ready to go on top of the table. */
  function batchRows(batch) {
    const rows = eventRows(batch)
    if (rows.length === 0) {
      const row = document.createElement('tr')
      const empty = cell('(no events)')
      empty.colSpan = 7
      row.append(empty)
      rows.push(row)
    }
    const head = document.createElement('th')
    head.scope = 'rowgroup'
    head.rowSpan = rows.length
    head.className = 'batch'
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
    eventCount += rows.filter((row) => row.dataset.eventKey !== undefined).length
    return rows
  }

  function showTotals() {
    status.classList.remove('error')
    status.textContent =
      batchCount === 0
        ? 'Waiting for the first batch… (the destination sends conversions about a second after a track call)'
        : `${batchCount} batch${batchCount === 1 ? '' : 'es'}, ${eventCount} event${eventCount === 1 ? '' : 's'} received · live`
  }

  async function poll() {
    const startedIn = generation
    try {
      const response = await fetch(`/api/batches?after=${lastId}`, { cache: 'no-store' })
      if (!response.ok) throw new Error(`HTTP ${response.status}`)
      const { batches } = await response.json()
      if (startedIn !== generation) return
      // The server lists oldest first; putting each on top leaves the newest first.
      for (const batch of batches) {
        tbody.prepend(...batchRows(batch))
        batchCount += 1
        lastId = batch.id
      }
      showTotals()
    } catch (error) {
      status.classList.add('error')
      status.textContent = `Cannot reach the demo server's collector (${error.message}); retrying.`
    } finally {
      setTimeout(poll, POLL_INTERVAL_MS)
    }
  }

  document.getElementById('clear-batches').addEventListener('click', async () => {
    try {
      generation += 1
      const response = await fetch('/api/batches', { method: 'DELETE' })
      // Later polls start after the server's last id, so cleared batches never come back.
      lastId = (await response.json()).lastId
      tbody.replaceChildren()
      batchCount = 0
      eventCount = 0
      showTotals()
    } catch (error) {
      status.classList.add('error')
      status.textContent = `Clear failed: ${error.message}`
    }
  })

  showTotals()
  poll()
})()
