/**
 * Turns an unsuccessful Optimizely response into the actions-core error that tells Segment what
 * to do next: retry later (rate limits, outages), fix the credentials, or give up on this payload.
 *
 * Every message built here from a response body or a thrown error has the given secrets (the
 * Personal Access Token) and any `Bearer …` value replaced: Segment shows these messages in its
 * event delivery logs to every workspace member, and some proxies and error pages echo the
 * request they refused. The secrets are a required argument so no caller can forget them.
 */
import { IntegrationError, InvalidAuthenticationError, RetryableError } from '@segment/actions-core'
import { bodyNotQuoted, checkAuthentication, requestFailed, requestRejected } from '../messages/cloud'

type RetryableStatus = NonNullable<ConstructorParameters<typeof RetryableError>[1]>

/** Longest part of a response body quoted in an error message (bodies can be HTML pages). */
const MAX_QUOTED_BODY = 300

/** What a secret becomes in a message. */
export const REDACTED = '[redacted]'

/** A bearer credential as an echoed Authorization header or log line shows it. */
const BEARER_VALUE = /\bBearer\s+[^\s"'`,;)\]}]+/gi

/** Values that must never appear in a message (unset ones are skipped). */
export type Secrets = readonly (string | undefined)[]

/** The text with every secret (as sent, URL-encoded or JSON-escaped) and every `Bearer …` value replaced. */
export function redact(text: string, secrets: Secrets): string {
  let result = text.replace(BEARER_VALUE, `Bearer ${REDACTED}`)
  for (const secret of secrets) {
    const value = secret?.trim()
    if (!value) continue
    for (const form of new Set([value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)])) {
      result = result.split(form).join(REDACTED)
    }
  }
  return result
}

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
  return quoted(text)
}

/**
 * Text quoted in a message: whole up to 300 characters, else cut at the last space before that
 * (mid-word only for one very long word), so a short notice such as Optimizely's answer for a
 * deactivated project always reads whole.
 */
export function quoted(text: string, max: number = MAX_QUOTED_BODY): string {
  if (text.length <= max) return text
  const space = text.lastIndexOf(' ', max)
  const cut = space >= max / 2 ? space : max
  return `${text.slice(0, cut).trimEnd()}…`
}

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500
}

/**
 * 401/403 mean the credentials are wrong (only meaningful for the token-authenticated REST API),
 * 408/429/5xx are worth retrying, any other 4xx is a request Optimizely will never accept.
 */
export function errorForResponse(
  what: string,
  response: FailedResponse,
  options: { secrets: Secrets; authentication?: string; quoteBody?: boolean }
): Error {
  const { status } = response
  // Redacted before it is cut to length, so a secret at the cut cannot leak in part.
  const body = response.content === undefined ? undefined : redact(response.content, options.secrets)
  // A body from a host other than Optimizely's is never quoted: it could be anyone's page.
  const message = options.quoteBody === false ? bodyNotQuoted : optimizelyMessage(body)
  const detail = redact(requestRejected(what, status, message), options.secrets)
  if (options.authentication && (status === 401 || status === 403)) {
    return new InvalidAuthenticationError(checkAuthentication(detail, options.authentication))
  }
  if (isRetryableStatus(status)) return new RetryableError(detail, status as RetryableStatus)
  return new IntegrationError(detail, 'OPTIMIZELY_REQUEST_REJECTED', status)
}

/** A request that never got an answer (DNS, connection reset, timeout): worth retrying. */
export function errorForNetworkFailure(what: string, error: unknown, secrets: Secrets): RetryableError {
  const reason = error instanceof Error ? error.message : String(error)
  return new RetryableError(redact(requestFailed(what, reason), secrets))
}

/** The same error, its message and stack redacted: for errors that pass through from shared work. */
export function withoutSecrets<E>(error: E, secrets: Secrets): E {
  if (error instanceof Error) {
    error.message = redact(error.message, secrets)
    if (error.stack) error.stack = redact(error.stack, secrets)
  }
  return error
}
