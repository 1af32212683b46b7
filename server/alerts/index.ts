import 'server-only';

// Alerts: every Prometheus' and the Alertmanager's alerts merged with Meridian's built-in mesh checks
// (a 15 s loop, started lazily); silences through the Alertmanager.
export { currentAlerts, ensureAlertLoop } from './loop';
export { createSilence, expireSilence, listSilences } from './upstream';
