/**
 * The bench's one output: a Markdown table, each figure beside its reference and target, with a
 * PASS/FAIL verdict and, for a failure, how far off it is. The bench is a report, not a gate, so
 * failures are listed again under the table instead of changing the exit code.
 */

export interface Verdict {
  pass: boolean
  /** For a failure: by how much, in the row's unit ("2.3 KB over", "41 ms over"). */
  gap?: string
}

export interface Row {
  measure: string
  measured: string
  reference: string
  /** Empty for a figure that is only informative. */
  target: string
  verdict?: Verdict
  /** How the figure was obtained, printed under the table. */
  method: string
}

/** Passes when `value` is at most `limit`; the gap is printed with `format`. */
export function atMost(value: number, limit: number, format: (amount: number) => string): Verdict {
  return value <= limit ? { pass: true } : { pass: false, gap: `${format(value - limit)} over` }
}

/** Passes when `value` is below `limit`. */
export function below(value: number, limit: number, format: (amount: number) => string): Verdict {
  return value < limit ? { pass: true } : { pass: false, gap: `${format(value - limit)} over (must stay below ${format(limit)})` }
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
}

function result(verdict: Verdict | undefined): string {
  if (!verdict) return '—'
  return verdict.pass ? 'PASS' : `**FAIL** (${verdict.gap})`
}

export function renderReport(rows: Row[]): string {
  const lines = [
    '| # | Measure | Measured | Reference | Target | Result |',
    '|---|---|---|---|---|---|',
    ...rows.map(
      (row, index) =>
        `| ${index + 1} | ${cell(row.measure)} | ${cell(row.measured)} | ${cell(row.reference)} | ${cell(row.target || '—')} | ${result(row.verdict)} |`
    )
  ]
  const failures = rows.map((row, index) => ({ row, index })).filter(({ row }) => row.verdict && !row.verdict.pass)
  lines.push('')
  lines.push(
    failures.length === 0
      ? 'All targets met.'
      : `Targets not met (${failures.length}): ${failures.map(({ row, index }) => `#${index + 1} ${row.measure}: ${row.verdict?.gap}`).join('; ')}.`
  )
  lines.push('', 'How each figure was measured:', '')
  rows.forEach((row, index) => lines.push(`${index + 1}. ${row.method}`))
  return lines.join('\n')
}
