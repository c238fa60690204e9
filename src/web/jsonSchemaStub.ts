/**
 * Stands in for the `json-schema` package in the web bundle. The Optimizely SDK imports its
 * `validate` for two features this destination never turns on: ODP audience segments (no ODP
 * manager is created) and the opt-in datafile schema check (no `jsonSchemaValidator` is passed).
 * The real validator is CommonJS, so the bundler cannot drop it by itself; this saves its bytes
 * in every page. Should a future SDK call it anyway, the call fails loudly instead of passing.
 */
import { jsonSchemaNotBundled } from '../messages/ownClient'

export function validate(): never {
  throw new Error(jsonSchemaNotBundled)
}
