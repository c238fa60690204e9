// Generated file. DO NOT MODIFY IT BY HAND: run `npm run generate:types`.

export interface Payload {
  /**
   * The key of the Optimizely event to convert. It must match an event key in the datafile exactly (case included); other keys are not sent.
   */
  eventKey: string
  /**
   * The visitor ID that Optimizely bucketed. Use the same ID your Optimizely client decides with; by default the Segment user ID, else the anonymous ID.
   */
  userId: string
  /**
   * User attributes for segmenting results. Only keys defined as attributes in the datafile are sent; values must be strings, booleans or numbers.
   */
  attributes?: {
    [k: string]: unknown | undefined
  }
  /**
   * Revenue in cents, as an integer ($19.99 is 1999), or in currency units (19.99) when the Revenue Unit setting says so. Invalid revenue is not sent; the conversion still is. Events outside the Revenue Events setting carry none.
   */
  revenue?: string
  /**
   * A numeric value for numeric metrics (a float).
   */
  value?: string
  /**
   * Extra tags sent with the conversion: strings, numbers or booleans. Revenue and value are taken from their own fields.
   */
  eventTags?: {
    [k: string]: unknown | undefined
  }
  /**
   * When the conversion happened. Sent to Optimizely in milliseconds since the epoch.
   */
  timestamp: string | number
  /**
   * A unique ID for the conversion, so Optimizely can recognise a resent event.
   */
  uuid?: string
  /**
   * The visitor's browser user agent, sent as Optimizely's reserved $opt_user_agent attribute so the project's bot filtering can drop crawlers' conversions. Sent whenever present.
   */
  userAgent?: string
  /**
   * Send conversions to the Event API in batches (many visitors per request) instead of one request per event.
   */
  enable_batching?: boolean
  /**
   * The most conversions sent in one Event API request. Larger batches are also split below the Event API body limit.
   */
  batch_size?: number
}
