// Generated file. DO NOT MODIFY IT BY HAND: run `npm run generate:types`.

export interface Settings {
  /**
   * Your Optimizely account ID (Settings > Plan in the Optimizely app). The datafile must belong to this account, otherwise the destination refuses to load.
   */
  accountId: string
  /**
   * The full URL of your project environment's datafile, e.g. https://cdn.optimizely.com/datafiles/<SDK key>.json. Must be https:// (http:// only for localhost and 127.0.0.1).
   */
  dataFileUrl: string
  /**
   * How much the Optimizely SDK and this destination write to the browser console.
   */
  logLevel?: 'error' | 'warn' | 'info' | 'debug'
  /**
   * Optional. Send the SDK's Event API requests (including the beacons sent when the page unloads) to this URL instead of Optimizely's endpoint, e.g. when you proxy analytics through your own domain. Leave empty to use Optimizely's endpoint for the datafile's region.
   */
  eventEndpoint?: string
  /**
   * The window property where your site keeps its own Optimizely client (Segment's classic integration used window.optimizelyClientInstance). When a client is found there, the destination converts through it: no second SDK download, datafile request or event batch. Otherwise it loads its own.
   */
  pageClientProperty?: string
}
