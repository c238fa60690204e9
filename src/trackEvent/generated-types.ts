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
   * User attributes for segmenting results. Only keys defined as attributes in the datafile are sent; values must be strings, booleans or numbers. In the browser, when this maps to nothing, the traits analytics.js stored for the user are used.
   */
  attributes?: {
    [k: string]: unknown | undefined
  }
  /**
   * Revenue in cents, as an integer ($19.99 is 1999), or in currency units (19.99) when the Revenue Unit setting says so. Invalid revenue is not sent; the conversion still is. Events outside the Revenue Events setting carry none.
   */
  revenue?: number
  /**
   * A numeric value for numeric metrics (a float).
   */
  value?: number
  /**
   * Extra tags sent with the conversion: strings, numbers or booleans. Revenue and value are taken from their own fields.
   */
  eventTags?: {
    [k: string]: unknown | undefined
  }
}
