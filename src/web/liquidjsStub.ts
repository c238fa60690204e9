/**
 * Stands in for `liquidjs` in the web bundle.
 *
 * actions-core's mapping kit builds a Liquid engine when it is imported (it registers disabled
 * tags and filters and reads template variables), so the stub must construct and accept those
 * calls; a stub that threw there would make analytics.js drop the whole destination. The real
 * engine is large and compiles templates at run time, which this destination never needs: its
 * mappings use `@path`/`@if` only. A mapping that does use `@liquid` fails for that event with a
 * clear message instead of silently rendering nothing.
 */
export class Liquid {
  // The options (render/parse/memory limits) only matter to a real engine.
  constructor(_options?: unknown) {}

  registerTag(_name: string, _tag: unknown): void {}

  registerFilter(_name: string, _filter: unknown): void {}

  /** No template is parsed, so no variables are referenced. */
  fullVariablesSync(_template: string): string[] {
    return []
  }

  parseAndRenderSync(_template: string, _scope?: unknown): never {
    throw new Error(
      'Liquid templates are not supported by the Optimizely Feature Experimentation web bundle; map fields with @path instead'
    )
  }
}
