/**
 * The destination's own console output, filtered by the Log Level setting and prefixed so a
 * developer can tell it apart from the site's messages.
 */
export type LogLevelName = 'error' | 'warn' | 'info' | 'debug'

export const LOG_PREFIX = '[Optimizely Feature Experimentation]'

const RANK: Record<LogLevelName, number> = { debug: 0, info: 1, warn: 2, error: 3 }

/**
 * Only the four level names: an `in` test would also accept what every object inherits
 * (`toString`, `constructor`, `__proto__`), which the SDK refuses. An own-property check, as
 * `Object.hasOwn` does (not used here: Safari before 15.4 lacks it).
 */
export function toLogLevel(input: unknown): LogLevelName {
  return typeof input === 'string' && Object.prototype.hasOwnProperty.call(RANK, input) ? (input as LogLevelName) : 'warn'
}

export interface ConsoleLog {
  level: LogLevelName
  log(level: LogLevelName, message: string): void
  /** Warns once per key for the life of the page, e.g. once per unknown event key. */
  warnOnce(key: string, message: string): void
}

export function createConsoleLog(level: LogLevelName): ConsoleLog {
  const warned = new Set<string>()
  const log = (messageLevel: LogLevelName, message: string) => {
    if (RANK[messageLevel] < RANK[level]) return
    console[messageLevel](`${LOG_PREFIX} ${message}`)
  }
  return {
    level,
    log,
    warnOnce(key, message) {
      if (warned.has(key)) return
      warned.add(key)
      log('warn', message)
    }
  }
}
