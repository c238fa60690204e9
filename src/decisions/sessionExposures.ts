/**
 * The exposures already reported in this browser session, shared by all its tabs, so each
 * visitor + rule + variation gives one Experiment Viewed however often the site decides (a render
 * loop calls `decide` on every render), in however many tabs, and however the decision arrives
 * (live, or from the early-capture queue).
 *
 * One localStorage entry holds the memory: the Segment visitor it belongs to (a hash of the
 * anonymous ID), when it was last active, and the hashed keys. It starts afresh when
 *  - the visitor changes (`analytics.reset()` gives a new anonymous ID: a new person), or
 *  - the session has been idle for SESSION_IDLE_MS (30 minutes without a decision in any tab, the
 *    inactivity timeout Segment's and most analytics tools' sessions use).
 * localStorage rather than sessionStorage: sessionStorage is per tab, and a duplicated tab gets a
 * copy of it, so each tab would report the same exposure again.
 *
 * Two tabs deciding the same flag at the same moment must not both send: where the browser has
 * Web Locks, a new key is checked and written under one lock shared by the origin's tabs, after
 * reading the entry again. Without them (or storage) the check is per page, in memory.
 */
import { STORAGE_PREFIX } from '../client/namespacedStorage'

/** Oldest keys are forgotten past this many, so a long session cannot grow the entry forever. */
export const MAX_SESSION_EXPOSURES = 500
export const SESSION_IDLE_MS = 30 * 60 * 1000
/** A repeated decision refreshes the session's activity at most this often (no write per render). */
const TOUCH_AFTER_MS = 60 * 1000

export const SESSION_EXPOSURES_KEY = `${STORAGE_PREFIX}exposures:session`
const LOCK_NAME = `${STORAGE_PREFIX}exposures`

interface Memory {
  /** Hash of the Segment anonymous ID the memory belongs to. */
  visitor: string
  /** When a tab last decided in this session (ms). */
  active: number
  keys: string[]
}

export interface SessionExposures {
  /** Runs `first` once per key per session and visitor, across tabs; later claims do nothing. */
  claim(key: string, first: () => void): void
}

function parseMemory(text: string | null | undefined): Memory | undefined {
  if (typeof text !== 'string') return undefined
  try {
    const memory = JSON.parse(text) as Partial<Memory> | null
    if (typeof memory?.visitor !== 'string' || !Number.isFinite(memory.active) || !Array.isArray(memory.keys)) return undefined
    return { visitor: memory.visitor, active: memory.active as number, keys: memory.keys.filter((key) => typeof key === 'string') }
  } catch {
    return undefined
  }
}

/** The Storage area, or undefined when the browser blocks it. */
function localArea(): Storage | undefined {
  try {
    return window.localStorage
  } catch {
    return undefined
  }
}

interface LockManagerLike {
  request(name: string, callback: () => void): Promise<unknown>
}

function lockManager(): LockManagerLike | undefined {
  try {
    const locks = (navigator as Navigator & { locks?: LockManagerLike }).locks
    return typeof locks?.request === 'function' ? locks : undefined
  } catch {
    return undefined
  }
}

/**
 * `currentVisitor`: the Segment visitor now (its anonymous ID); `hashId`: src/decisions/visitorIdHash.ts,
 * passed in because this module is in the Experiment Viewed chunk and that one in the decisions chunk.
 */
export function createSessionExposures(
  currentVisitor: () => string,
  hashId: (id: string) => string,
  now: () => number = () => Date.now()
): SessionExposures {
  const area = localArea()
  const read = (): Memory | undefined => {
    try {
      return parseMemory(area?.getItem(SESSION_EXPOSURES_KEY))
    } catch {
      return undefined
    }
  }
  const write = (memory: Memory) => {
    try {
      area?.setItem(SESSION_EXPOSURES_KEY, JSON.stringify(memory))
    } catch {
      // Full or blocked: this page still remembers.
    }
  }
  // Read once; other tabs' writes arrive as `storage` events, so a repeated decision reads no storage.
  let memory = read()
  try {
    window.addEventListener('storage', (event) => {
      if (event.key === SESSION_EXPOSURES_KEY || event.key === null) memory = parseMemory(event.newValue)
    })
  } catch {
    // No events: the check under the lock still reads the entry again.
  }
  const pending = new Set<string>()

  /** The memory for this visitor now: the one held, unless it is another visitor's or idle too long. */
  const currentMemory = (visitor: string): Memory => {
    const held = memory
    if (held && held.visitor === visitor && now() - held.active < SESSION_IDLE_MS) return held
    return { visitor, active: now(), keys: [] }
  }

  const settle = (key: string, visitor: string, first: () => void) => {
    pending.delete(key)
    // Another tab may have written since this page last heard: read the entry again.
    if (area) memory = read() ?? (memory?.visitor === visitor ? memory : undefined)
    const held = currentMemory(visitor)
    if (held.keys.includes(key)) return
    memory = { visitor, active: now(), keys: [...held.keys, key].slice(-MAX_SESSION_EXPOSURES) }
    write(memory)
    first()
  }

  return {
    claim(rawKey, first) {
      const visitor = hashId(currentVisitor())
      const key = hashId(rawKey)
      const held = currentMemory(visitor)
      if (held.keys.includes(key)) {
        if (now() - held.active > TOUCH_AFTER_MS) {
          memory = { ...held, active: now() }
          write(memory)
        }
        return
      }
      if (pending.has(key)) return
      pending.add(key)
      const locks = lockManager()
      if (!locks || !area) return settle(key, visitor, first)
      let settled = false
      const once = () => {
        if (settled) return
        settled = true
        settle(key, visitor, first)
      }
      // A lock that cannot be had (an opaque origin, say) falls back to this page's own check.
      locks.request(LOCK_NAME, once).catch(once)
    }
  }
}
