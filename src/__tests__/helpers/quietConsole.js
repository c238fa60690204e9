/**
 * Console output of a passing test is noise that reads like a failure, so the jsdom environment
 * holds each test's console calls back and print them only when that test fails. Tests that
 * assert on the console spy on it and see every call.
 */
const METHODS = ['log', 'info', 'warn', 'error', 'debug']

/** Wraps an environment's console; returns the jest-circus event handler that releases or drops it. */
function holdConsoleBack(environment) {
  let held = []
  let original
  return function handleTestEvent(event, state) {
    if (event.name === 'setup') {
      const console = environment.global.console
      original = Object.fromEntries(METHODS.map((method) => [method, console[method].bind(console)]))
      for (const method of METHODS) console[method] = (...args) => held.push([method, args])
    }
    if (event.name === 'test_done' || event.name === 'run_finish') {
      const failed = event.name === 'test_done' ? event.test.errors.length > 0 : state.unhandledErrors.length > 0
      if (failed) for (const [method, args] of held) original[method](...args)
      held = []
    }
  }
}

module.exports = { holdConsoleBack }
