/**
 * What an Experiment Viewed for the fixture's checkout_redesign experiment must look like at
 * Segment (Segment's A/B Testing spec plus the Optimizely keys), with the datafile's IDs.
 */
import { DESTINATION_NAME } from './site'

/** The cloud companion on the same source would take it for an unknown conversion too. */
const CLOUD_DESTINATION_NAME = 'Optimizely Feature Experimentation (Actions)'

export function checkoutExperimentViewed(variation: string | null, visitorId: string) {
  return {
    type: 'track',
    integrations: { [DESTINATION_NAME]: false, [CLOUD_DESTINATION_NAME]: false },
    properties: {
      experiment_id: '2001',
      experiment_name: 'checkout_redesign_test',
      variation_id: variation === 'treatment' ? '5002' : '5001',
      variation_name: variation,
      flag_key: 'checkout_redesign',
      rule_key: 'checkout_redesign_test',
      variation_key: variation,
      // The fixture's control variation turns the flag off, the treatment on.
      enabled: variation === 'treatment',
      optimizely_user_id: visitorId,
      rule_type: 'experiment',
      nonInteraction: 1
    }
  }
}
