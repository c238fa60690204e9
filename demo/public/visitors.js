/**
 * The visitor IDs this browser has used: analytics.js' anonymous ID and every user ID signed in
 * here, remembered in localStorage so a reload keeps them. The inspector shows only these
 * visitors' rows, because every browser (and every test run) sends to the same demo server.
 */
;(() => {
  const STORAGE_KEY = 'demo:visitor-ids'

  function stored() {
    try {
      const list = JSON.parse(localStorage.getItem(STORAGE_KEY) || '[]')
      return Array.isArray(list) ? list.filter((id) => typeof id === 'string') : []
    } catch {
      return []
    }
  }

  /** Adds one ID; the store calls it before analytics.identify, so no row for that ID is missed. */
  function remember(id) {
    if (typeof id !== 'string' || id === '') return
    const list = stored()
    if (list.includes(id)) return
    list.push(id)
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(list))
    } catch {
      // Storage full or blocked: the IDs analytics.js holds right now still count (below).
    }
  }

  /** This browser's IDs now: the remembered ones and analytics.js' current anonymous and user ID. */
  function current(analytics) {
    const user = analytics.user()
    for (const id of [user.anonymousId(), user.id()]) remember(id)
    const ids = new Set(stored())
    for (const id of [user.anonymousId(), user.id()]) if (id) ids.add(id)
    return ids
  }

  window.demoVisitors = { remember, current }
})()
