/** The Datafile Refresh setting as a polling interval (src/client/datafileRefresh.ts). */
import { createConsoleLog } from '../client/consoleLog'
import { datafileRefreshMs } from '../client/datafileRefresh'

let warnings: jest.SpiedFunction<typeof console.warn>
beforeEach(() => (warnings = jest.spyOn(console, 'warn').mockImplementation(() => undefined)))
afterEach(() => warnings.mockRestore())

const log = createConsoleLog('warn')

test.each([
  [undefined, 600_000],
  [10, 600_000],
  [30, 1_800_000],
  ['15', 900_000],
  [0, 0],
  [0.1, 60_000]
])('%p minutes → every %p ms (0: never), without a warning', (setting, expected) => {
  expect(datafileRefreshMs(setting, log)).toBe(expected)
  expect(warnings).not.toHaveBeenCalled()
})

test.each([[-5], ['often'], [Number.NaN], [Infinity], [{}]])('%p is no number of minutes: the default, and one warning', (setting) => {
  expect(datafileRefreshMs(setting, log)).toBe(600_000)
  expect(warnings).toHaveBeenCalledTimes(1)
  expect(String(warnings.mock.calls[0][0])).toMatch(/Datafile Refresh setting .* is not a number of minutes/)
})
