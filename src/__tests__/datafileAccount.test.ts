/**
 * The one account check both modes use (src/shared/datafileAccount.ts): the wording the browser's
 * console errors and the cloud's errors build on, and what counts as the same account.
 */
import { datafileAccountProblem } from '../shared/datafileAccount'

test('a datafile of the configured account has no problem, whether its ID is text or a number and the setting has spaces', () => {
  expect(datafileAccountProblem('12003456780', '12003456780')).toBeUndefined()
  expect(datafileAccountProblem(12003456780, ' 12003456780\n')).toBeUndefined()
})

test("another account's datafile is named with both accounts, the setting as trimmed", () => {
  expect(datafileAccountProblem('99999999999', ' 12003456780 ')).toBe(
    'belongs to account 99999999999, not to the configured account 12003456780'
  )
  expect(datafileAccountProblem(12003456781, '12003456780')).toBe(
    'belongs to account 12003456781, not to the configured account 12003456780'
  )
})

test('the caller names the owner its own way', () => {
  expect(datafileAccountProblem('elsewhere', '555', 'another account')).toBe(
    'belongs to another account, not to the configured account 555'
  )
})
