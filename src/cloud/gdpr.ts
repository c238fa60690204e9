/**
 * GDPR deletion through Optimizely's subject access requests API. Optimizely knows a visitor by
 * the ID the SDK was given, which for this integration is the Segment user ID or, failing that,
 * the anonymous ID; so both are submitted. (The account ID identifies no visitor at all.)
 */
import { InvalidAuthenticationError, PayloadValidationError, type RequestClient } from '@segment/actions-core'
import { normalizeUserId } from '../shared/valueRules'
import type { Settings } from './generated-types'
import { acceptedDeletions } from './acceptedDeletions'
import { errorForNetworkFailure, errorForResponse } from './httpErrors'
import { deletionRequest, deletionsAccepted, nobodyToDelete, tokenMissing } from '../messages/cloud'

export const SUBJECT_ACCESS_REQUESTS_URL = 'https://api.optimizely.com/v2/subject-access-requests'

/** The setting's label, as users see it in Segment. */
const TOKEN_SETTING = 'Personal Access Token'

export interface DeletionIds {
  userId?: unknown
  anonymousId?: unknown
}

/** The distinct visitor IDs of a deletion request, in order: user ID first. */
export function visitorIdsToDelete(payload: DeletionIds): string[] {
  const ids = [payload.userId, payload.anonymousId].map((id) => normalizeUserId(id).userId).filter((id): id is string => id !== undefined)
  return [...new Set(ids)]
}

export async function deleteVisitors(request: RequestClient, settings: Settings, payload: DeletionIds) {
  const token = settings.accessToken?.trim()
  if (!token) {
    throw new InvalidAuthenticationError(tokenMissing(TOKEN_SETTING))
  }
  const ids = visitorIdsToDelete(payload)
  if (ids.length === 0) {
    throw new PayloadValidationError(nobodyToDelete)
  }
  // In order, stopping at the first failure; identifiers accepted before (an earlier attempt of
  // this deletion) are not requested again, so a retry covers only what is left.
  let alreadyAccepted = 0
  for (const identifier of ids) {
    if (acceptedDeletions.has(token, identifier)) {
      alreadyAccepted += 1
      continue
    }
    const what = deletionRequest
    let response: Awaited<ReturnType<RequestClient>>
    try {
      response = await request(SUBJECT_ACCESS_REQUESTS_URL, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}` },
        json: { data_type: 'visitor', identifier, identifier_type: 'fullstack_id', request_type: 'delete' },
        throwHttpErrors: false
      })
    } catch (error) {
      throw errorForNetworkFailure(what, error, [token])
    }
    if (!response.ok)
      throw errorForResponse(
        what,
        { status: response.status, content: response.content },
        { secrets: [token], authentication: TOKEN_SETTING }
      )
    acceptedDeletions.remember(token, identifier)
  }
  return { output: deletionsAccepted(ids.length, alreadyAccepted) }
}
