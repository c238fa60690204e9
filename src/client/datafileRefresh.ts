/**
 * The Datafile Refresh setting (`datafileRefreshMinutes`): how often the destination's own client
 * asks for a newer datafile while a page stays open, so events and attributes added in Optimizely
 * meanwhile count there too. The SDK's own polling does it (datafilePolling.ts pauses it while the
 * page is hidden). Cost: one datafile request per visible page per interval, on top of the one at
 * load; at the default 10 minutes a tab watched for an hour makes 6 more, a hidden tab none.
 */
import type { ConsoleLog } from './consoleLog'
import { datafileRefreshInvalid } from '../messages/ownClient'

export const DEFAULT_DATAFILE_REFRESH_MINUTES = 10
/** Shorter intervals are raised to this: the SDK itself warns below 30 s. */
export const MIN_DATAFILE_REFRESH_MINUTES = 1

/** The polling interval in milliseconds; 0 means never refresh. */
export function datafileRefreshMs(setting: unknown, log: ConsoleLog): number {
  if (setting === undefined || setting === null || setting === '') return DEFAULT_DATAFILE_REFRESH_MINUTES * 60_000
  const minutes = typeof setting === 'string' ? Number(setting.trim()) : setting
  if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes < 0) {
    log.log('warn', datafileRefreshInvalid(setting, DEFAULT_DATAFILE_REFRESH_MINUTES))
    return DEFAULT_DATAFILE_REFRESH_MINUTES * 60_000
  }
  if (minutes === 0) return 0
  return Math.max(minutes, MIN_DATAFILE_REFRESH_MINUTES) * 60_000
}
