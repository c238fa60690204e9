/**
 * Each test of a file on a fresh page: no network expectation left from the one before and empty
 * storage, and after it no page client left open and no spy left in place.
 */
import { resetNetwork } from './optimizelyNetwork'
import { closePageClients } from './pageOptimizely'

export function freshPageForEachTest(): void {
  beforeEach(() => {
    resetNetwork()
    localStorage.clear()
    sessionStorage.clear()
  })
  afterEach(async () => {
    jest.restoreAllMocks()
    await closePageClients()
  })
}
