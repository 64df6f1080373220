// The synthetic second runbook the e2e build carries (tests/fixtures/runbooks/synthetic-queue,
// built in by RUNBOOK_LIBRARY in scripts/test.sh), and the config.json settings a team would
// give it under runbooks.<id>.
export const FIXTURE_RUNBOOK = 'synthetic-queue';

export const FIXTURE_OVERRIDES = {
  kube: { deployment: 'queue-consumer', label_selector: 'app=queue-consumer', secret_name: 'queue-secrets' },
  prometheus: { error_metric: 'queue_errors_total' },
  endpoints: { vendor_status_page: 'https://status.example-queue.invalid', vendor_api_url: 'https://api.example-queue.invalid' },
};
