/**
 * The only module that imports the Optimizely SDK: it names exactly the factories the destination
 * uses, so the bundler keeps the rest of the SDK (ODP, VUID, CMAB, ...) out of the web bundle.
 */
export {
  createInstance,
  createPollingProjectConfigManager,
  createBatchEventProcessor,
  createLogger,
  eventDispatcher,
  getSendBeaconEventDispatcher,
  DEBUG,
  INFO,
  WARN,
  ERROR
} from '@optimizely/optimizely-sdk'
export type {
  // SdkClient: the SDK's own client, named apart from the destination's wrappers around it
  // (ConversionClient, OwnSdkClient).
  Client as SdkClient,
  EventDispatcher,
  LogEvent,
  LogHandler,
  OpaqueConfigManager,
  OpaqueEventProcessor,
  OptimizelyConfig,
  SyncStore
} from '@optimizely/optimizely-sdk'
