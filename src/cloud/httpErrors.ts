/**
 * Turns an unsuccessful Optimizely response into the actions-core error that tells Segment what
 * to do next: retry later (rate limits, outages), fix the credentials, or give up on this payload.
 */
import { IntegrationError, InvalidAuthenticationError, RetryableError } from '@segment/actions-core'

type RetryableStatus = NonNullable<ConstructorParameters<typeof RetryableError>[1]>

/** Longest part of a response body quoted in an error message (bodies can be HTML pages). */
const MAX_QUOTED_BODY = 300

export interface FailedResponse {
  status: number
  /** The raw response text (actions-core's `content`). */
  content?: string
}

/** Optimizely's APIs answer `{"message": "..."}` (sometimes `code`/`error` too); else quote the text. */
export function optimizelyMessage(content: string | undefined): string {
  const text = (content ?? '').trim()
  if (text === '') return 'no message'
  try {
    const body: unknown = JSON.parse(text)
    if (body !== null && typeof body === 'object') {
      const { message, error, code } = body as Record<string, unknown>
      const parts = [code, message ?? error].filter((part): part is string => typeof part === 'string' && part !== '')
      if (parts.length > 0) return parts.join(': ')
    }
  } catch {
    // not JSON: quote the text itself
  }
  return text.length > MAX_QUOTED_BODY ? `${text.slice(0, MAX_QUOTED_BODY)}…` : text
}

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500
}

/**
 * 401/403 mean the credentials are wrong (only meaningful for the token-authenticated REST API),
 * 408/429/5xx are worth retrying, any other 4xx is a request Optimizely will never accept.
 */
export function errorForResponse(what: string, response: FailedResponse, options: { authentication?: string } = {}): Error {
  const { status } = response
  const detail = `${what} failed with HTTP ${status}: ${optimizelyMessage(response.content)}`
  if (options.authentication && (status === 401 || status === 403)) {
    return new InvalidAuthenticationError(`${detail}. Check the ${options.authentication} setting.`)
  }
  if (isRetryableStatus(status)) return new RetryableError(detail, status as RetryableStatus)
  return new IntegrationError(detail, 'OPTIMIZELY_REQUEST_REJECTED', status)
}

/** A request that never got an answer (DNS, connection reset, timeout): worth retrying. */
export function errorForNetworkFailure(what: string, error: unknown): RetryableError {
  const reason = error instanceof Error ? error.message : String(error)
  return new RetryableError(`${what} failed: ${reason}`)
}
