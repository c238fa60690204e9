/**
 * The SDK's logger, at the Log Level setting, writing through the destination's console log.
 *
 * While the datafile loads, the SDK's errors are held back instead of printed: a datafile that
 * fails retries several times, and the site should see one error naming the URL and the reason,
 * not a burst. Held errors become that reason (or warnings when a retry succeeds). After a failed
 * load they stay held: the closed client's "stopped before running" errors are noise.
 */
import { createLogger, DEBUG, ERROR, INFO, WARN, type LogHandler } from './optimizelySdk'
import type { ConsoleLog, LogLevelName } from './consoleLog'
import { sdkSays } from '../messages/ownClient'

const PRESETS = { debug: DEBUG, info: INFO, warn: WARN, error: ERROR }

/** The SDK's LogLevel enum, by value: Debug = 0, Info = 1, Warn = 2, Error = 3. */
const LEVEL_NAMES: LogLevelName[] = ['debug', 'info', 'warn', 'error']

export function createSdkLogger(log: ConsoleLog) {
  let held: string[] | undefined = []
  const logHandler: LogHandler = {
    log(level, message) {
      const name = LEVEL_NAMES[level] ?? 'error'
      if (name === 'error' && held) held.push(message)
      else log.log(name, sdkSays(message))
    }
  }
  return {
    logger: createLogger({ level: PRESETS[log.level], logHandler }),
    /** The last error held back so far: the reason a failed load reports. Holding goes on. */
    lastHeldError(): string | undefined {
      return held?.[held.length - 1]
    },
    /** Ends the loading phase and returns the errors held back during it. */
    releaseHeldErrors(): string[] {
      const errors = held ?? []
      held = undefined
      return errors
    }
  }
}
