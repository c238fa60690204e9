/**
 * The SDK waits on timers: its batch flush, its retry back-off, the destination's load timeout.
 * A test file that calls `useFakeClock()` runs those on jest's fake clock, which `waitFor`,
 * `pause` and `settle` move forward, so the test takes the time its work takes instead of the
 * seconds the SDK would wait. Real I/O (nock answering jsdom's XMLHttpRequest) still runs on the
 * real event loop: each step also yields one real turn of it.
 */

const STEP_MS = 25

/** Taken before any test fakes the clock: one real turn of the event loop. */
const realSetTimeout = setTimeout
const realTurn = () => new Promise((resolve) => realSetTimeout(resolve, 0))

/** Whether jest's modern fake timers are installed (they mark setTimeout with their clock). */
export function clockIsFake(): boolean {
  return 'clock' in setTimeout
}

/**
 * Fake timers for every test of the calling file, each test on a fresh clock (installing one drops
 * the timers the previous test left). The file's own afterEach hooks run after this helper's, so
 * the real timers come back only after the last test: a teardown that closes a client still runs on
 * the clock its timers were set on, and `settle` moves it on.
 */
export function useFakeClock(): void {
  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask'] })
  })
  afterAll(() => {
    jest.useRealTimers()
  })
}

/** One step of time: the fake clock moved on (running what falls due), else a real wait. */
async function step(ms: number): Promise<void> {
  if (!clockIsFake()) return new Promise((resolve) => setTimeout(resolve, ms))
  await jest.advanceTimersByTimeAsync(ms)
  await realTurn()
}

/** Lets `ms` of time pass. */
export async function pause(ms: number): Promise<void> {
  for (let left = ms; left > 0; left -= STEP_MS) await step(Math.min(STEP_MS, left))
}

/** Waits until `check` holds, or fails after `timeoutMs` of (fake or real) time. */
export async function waitFor(check: () => boolean, timeoutMs = 8000, what = 'condition'): Promise<void> {
  const start = Date.now()
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await step(STEP_MS)
  }
}

/** The promise's outcome, moving time on until it settles (at most `timeoutMs`). */
export async function settle<T>(promise: T | PromiseLike<T>, timeoutMs = 15_000): Promise<T> {
  let settled = false
  const done = Promise.resolve(promise).finally(() => (settled = true))
  done.catch(() => undefined)
  await waitFor(() => settled, timeoutMs, 'the promise to settle')
  return done
}
