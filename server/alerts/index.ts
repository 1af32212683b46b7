import 'server-only';

// Alerts: every Prometheus' and the Alertmanager's alerts merged with Meridian's built-in mesh checks
// (a 15 s loop, started lazily); silences through the Alertmanager.
export { currentAlerts, ensureAlertLoop, stopAlertLoop, CHECK_INTERVAL_MS } from './loop';
export { createSilence, expireSilence, listSilences } from './upstream';
export { CHECK_THRESHOLDS } from './checks';
