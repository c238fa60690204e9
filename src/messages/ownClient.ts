/**
 * The message catalogue, the web bundle's SDK chunk: what the destination's own Optimizely client
 * says while it loads, refreshes and resends (src/client/ownClient.ts and its helpers).
 */

export const notADatafileHint = (reason: string) =>
  `${reason} (the URL did not answer with a JSON datafile; a deactivated project answers with text)`

/** Prefixes each line of the SDK's own log. */
export const sdkSays = (message: string) => `SDK: ${message}`

export const sdkRecovered = (message: string) => `SDK (recovered): ${message}`

export const pollingNotPausable = 'this Optimizely SDK cannot pause its datafile polling: hidden pages poll too'

export const noImmediateRetry = 'this Optimizely SDK offers no immediate retry: failed conversions are retried on its own schedule'

export const datafileRefreshInvalid = (setting: unknown, defaultMinutes: number) =>
  `the Datafile Refresh setting ${JSON.stringify(setting)} is not a number of minutes (0 = never); refreshing every ${defaultMinutes} minutes`

/** The SDK called the json-schema validator the web bundle stubs out (src/web/jsonSchemaStub.ts). */
export const jsonSchemaNotBundled = 'json-schema validation is not part of the Optimizely Feature Experimentation web bundle'
