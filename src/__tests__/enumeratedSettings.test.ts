/**
 * Settings with a fixed list of values accept only those values. Names every object inherits
 * (`toString`, `constructor`, `__proto__`, …) pass an `in` test; as a Log Level the SDK refused
 * them and the destination loaded nothing.
 */
import { toLogLevel } from '../client/consoleLog'
import { toVisitorIdGuardMode } from '../decisions/visitorIdGuard'
import { captureEventApi, resetNetwork, serveDatafile, waitFor } from './helpers/optimizelyNetwork'
import { loadDestination, settingsWith } from './helpers/loadDestination'
import { useFakeClock } from './helpers/testClock'

const INHERITED = ['toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf']

// The SDK's flush interval runs on the fake clock waitFor moves on.
useFakeClock()

beforeEach(() => {
  resetNetwork()
  localStorage.clear()
})

test.each(INHERITED)('Log Level %s is not a level: the default (warn) applies', (name) => {
  expect(toLogLevel(name)).toBe('warn')
  expect(toLogLevel('debug')).toBe('debug')
})

test.each(INHERITED)('Visitor ID Guard %s is not a mode: the default (warn) applies', (name) => {
  expect(toVisitorIdGuardMode(name)).toBe('warn')
})

test.each(['toString', '__proto__', 'constructor'])('with Log Level %s the destination still loads and converts', async (logLevel) => {
  serveDatafile()
  const events = captureEventApi()
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
  const { track } = await loadDestination(settingsWith({ logLevel: logLevel as never }))

  await track({ event: 'Unknown Event', userId: 'user-1' })
  await track({ event: 'signup', userId: 'user-1' })
  await waitFor(() => events.visitors().length === 1)

  expect(events.visitors()[0].snapshots[0].events[0].key).toBe('signup')
  // Warnings print, as at the default level.
  expect(warn).toHaveBeenCalledWith(expect.stringMatching(/Unknown Event/))
  warn.mockRestore()
})
