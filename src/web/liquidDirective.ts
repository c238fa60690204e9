/**
 * Stands in for actions-core's `mapping-kit/liquid-directive` in the browser builds.
 *
 * That module builds a Liquid engine (the `liquidjs` package, large, compiling templates at run
 * time) when it is imported, for the `@liquid` directive alone. This destination's mappings use
 * `@path`/`@if`; a mapping that does use `@liquid` fails for that event with a clear message
 * instead of silently rendering nothing. An empty template renders as empty, as the kit's does.
 */
import { liquidNotString, liquidNotSupported } from '../messages/mappingKit'
export function evaluateLiquid(template: unknown): string {
  if (typeof template !== 'string') throw new Error(liquidNotString)
  if (template.length === 0) return ''
  throw new Error(liquidNotSupported)
}

/** The kit asks which variables a template reads (to report them); none is ever parsed here. */
export function getLiquidKeys(_template: string): string[] {
  return []
}
