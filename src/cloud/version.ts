/**
 * How this integration names itself in Event API bodies (`client_name`/`client_version`), so
 * Optimizely can tell its conversions from the SDKs'. The version is a constant rather than an
 * import of package.json, which would pull that file into the compiled output; a unit test keeps
 * it equal to the package version.
 */
export const CLIENT_NAME = 'optimizely-feature-experimentation-segment/cloud'
export const CLIENT_VERSION = '0.1.0'
